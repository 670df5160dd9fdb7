import type { DetectorConfig } from '../../shared/config';
import type { ResolvedAugmentation } from '../augment/types';
import { AugmentationClassifier } from './classifier';
import { DenoisingAutoencoder } from './dae';
import type { InputShape } from './network';
import { TransformationPredictor } from './rotnet';
import type { Detector } from './types';

export type { Detector } from './types';
export { checkArchitecture, type InputShape } from './network';

export function createDetector(
  shape: InputShape,
  config: DetectorConfig,
  augmentation: ResolvedAugmentation,
  training: { learningRate: number; weightDecay: number },
  seed: number,
): Detector {
  switch (config.type) {
    case 'dae':
      return new DenoisingAutoencoder(shape, config, augmentation, training.learningRate, training.weightDecay, seed);
    case 'classifier':
      return new AugmentationClassifier(shape, config, augmentation, training.learningRate, training.weightDecay, seed);
    case 'rotnet':
      return new TransformationPredictor(shape, config, augmentation, training.learningRate, training.weightDecay, seed);
  }
}

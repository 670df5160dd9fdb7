import * as tf from '@tensorflow/tfjs';
import type { DetectorConfig } from '../../shared/config';
import { applyAugmentation } from '../augment/apply';
import type { ResolvedAugmentation } from '../augment/types';
import { concatBatches, type ImageBatch } from '../image';
import type { Rng } from '../random';
import { Initializers, checkArchitecture, codeLayer, denseLayer, encoderFeatures, imageInput, type InputShape } from './network';
import { NetworkDetector, type DetectorNetwork } from './networkDetector';
import { mapInBatches, toTensor } from './tensors';

/**
 * Augmentation classifier (CutPaste-style): the encoder with a binary head learns normal (0) vs
 * augmented (1) with binary cross-entropy. Positives use the always-apply mode, so every positive
 * really differs from its source. Score: the probability of "augmented".
 */
export class AugmentationClassifier extends NetworkDetector {
  readonly type = 'classifier' as const;

  constructor(
    shape: InputShape,
    config: DetectorConfig,
    private readonly augmentation: ResolvedAugmentation,
    learningRate: number,
    weightDecay: number,
    seed: number,
  ) {
    super(AugmentationClassifier.build(shape, config, augmentation, seed), learningRate, weightDecay);
  }

  private static build(shape: InputShape, config: DetectorConfig, augmentation: ResolvedAugmentation, seed: number): DetectorNetwork {
    if (augmentation.definition.name === 'none') {
      throw new Error(
        'detector classifier learns normal vs augmented, so it needs an augmentation other than "none"; ' +
          'use detector "dae" for the no-self-supervision baseline',
      );
    }
    checkArchitecture(shape, config);
    const init = new Initializers(seed);
    const input = imageInput(shape);
    const code = codeLayer(encoderFeatures(input, config, init), config, init);
    const logit = denseLayer(code, 1, 'augmented_logit', init);
    return {
      model: tf.model({ inputs: input, outputs: logit, name: 'classifier' }),
      encoder: tf.model({ inputs: input, outputs: code, name: 'classifier_encoder' }),
    };
  }

  trainStep(clean: ImageBatch, rng: Rng): number {
    const augmented = applyAugmentation(this.augmentation, clean, rng, 'anomaly');
    const labels = new Float32Array(2 * clean.n);
    labels.fill(1, clean.n);
    return this.fit(toTensor(concatBatches([clean, augmented])), tf.tensor2d(labels, [2 * clean.n, 1]), (logits, target) =>
      tf.losses.sigmoidCrossEntropy(target, logits),
    );
  }

  score(images: ImageBatch, batchSize: number): Float32Array {
    return mapInBatches(images, batchSize, 1, (x) => tf.sigmoid(this.infer(x)).reshape([-1]));
  }
}

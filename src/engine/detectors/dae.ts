import * as tf from '@tensorflow/tfjs';
import type { DetectorConfig } from '../../shared/config';
import { applyAugmentation } from '../augment/apply';
import type { ResolvedAugmentation } from '../augment/types';
import type { ImageBatch } from '../image';
import type { Rng } from '../random';
import { Initializers, checkArchitecture, codeLayer, decoder, encoderFeatures, imageInput, type InputShape } from './network';
import { NetworkDetector, type DetectorNetwork } from './networkDetector';
import { mapInBatches, toTensor } from './tensors';

/**
 * The study's denoising autoencoder: it sees aug(x) and reconstructs x, so it learns to undo the
 * augmentation; an anomaly made by the same mechanism is then "repaired" and reconstructs badly.
 * With `none` it is the plain autoencoder, the no-self-supervision baseline.
 * Score: mean squared reconstruction error of the clean test image.
 */
export class DenoisingAutoencoder extends NetworkDetector {
  readonly type = 'dae' as const;

  constructor(
    shape: InputShape,
    config: DetectorConfig,
    private readonly augmentation: ResolvedAugmentation,
    learningRate: number,
    weightDecay: number,
    seed: number,
  ) {
    super(DenoisingAutoencoder.build(shape, config, seed), learningRate, weightDecay);
  }

  private static build(shape: InputShape, config: DetectorConfig, seed: number): DetectorNetwork {
    checkArchitecture(shape, config);
    const init = new Initializers(seed);
    const input = imageInput(shape);
    const code = codeLayer(encoderFeatures(input, config, init), config, init);
    return {
      model: tf.model({ inputs: input, outputs: decoder(code, shape, config, init), name: 'dae' }),
      encoder: tf.model({ inputs: input, outputs: code, name: 'dae_encoder' }),
    };
  }

  trainStep(clean: ImageBatch, rng: Rng): number {
    const augmented = applyAugmentation(this.augmentation, clean, rng, 'train');
    return this.fit(toTensor(augmented), toTensor(clean), (reconstruction, target) => tf.losses.meanSquaredError(target, reconstruction));
  }

  score(images: ImageBatch, batchSize: number): Float32Array {
    return mapInBatches(images, batchSize, 1, (x) => {
      const reconstruction = this.infer(x) as tf.Tensor4D;
      return reconstruction.sub(x).square().mean([1, 2, 3]);
    });
  }
}

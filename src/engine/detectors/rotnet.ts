import * as tf from '@tensorflow/tfjs';
import type { DetectorConfig } from '../../shared/config';
import { applyVariant, variantCount } from '../augment/apply';
import type { ResolvedAugmentation } from '../augment/types';
import { concatBatches, type ImageBatch } from '../image';
import { Initializers, checkArchitecture, codeLayer, denseLayer, encoderFeatures, imageInput, type InputShape } from './network';
import { NetworkDetector, type DetectorNetwork } from './networkDetector';
import { toTensor } from './tensors';

/**
 * Transformation prediction (GEOM / RotNet): the encoder with a softmax head predicts which of
 * the augmentation's K discrete variants was applied. Each training image is shown under all K
 * variants. Score: the negative log-likelihood of the true variant, averaged over the K variants;
 * images the model cannot "read" the transformation of are the anomalous ones.
 */
export class TransformationPredictor extends NetworkDetector {
  readonly type = 'rotnet' as const;
  private readonly k: number;

  constructor(
    shape: InputShape,
    config: DetectorConfig,
    private readonly augmentation: ResolvedAugmentation,
    learningRate: number,
    weightDecay: number,
    seed: number,
  ) {
    const k = TransformationPredictor.classCount(augmentation);
    super(TransformationPredictor.build(shape, config, k, seed), learningRate, weightDecay);
    this.k = k;
  }

  /** The K of the softmax head: one class per discrete variant, and at least two to tell apart. */
  private static classCount(augmentation: ResolvedAugmentation): number {
    const k = variantCount(augmentation);
    if (k < 2) {
      throw new Error(
        `detector rotnet predicts which discrete variant of the augmentation was applied, and "${augmentation.id}" has ` +
          'no discrete variants; use rotate, flip or invert (or detector "dae")',
      );
    }
    return k;
  }

  private static build(shape: InputShape, config: DetectorConfig, k: number, seed: number): DetectorNetwork {
    checkArchitecture(shape, config);
    const init = new Initializers(seed);
    const input = imageInput(shape);
    const code = codeLayer(encoderFeatures(input, config, init), config, init);
    const logits = denseLayer(code, k, 'variant_logits', init);
    return {
      model: tf.model({ inputs: input, outputs: logits, name: 'rotnet' }),
      encoder: tf.model({ inputs: input, outputs: code, name: 'rotnet_encoder' }),
    };
  }

  private allVariants(images: ImageBatch): ImageBatch {
    return concatBatches(Array.from({ length: this.k }, (_, j) => applyVariant(this.augmentation, images, j)));
  }

  private variantLabels(n: number): tf.Tensor2D {
    const labels = new Int32Array(n * this.k);
    for (let j = 0; j < this.k; j++) labels.fill(j, j * n, (j + 1) * n);
    return tf.oneHot(tf.tensor1d(labels, 'int32'), this.k) as tf.Tensor2D;
  }

  trainStep(clean: ImageBatch): number {
    return this.fit(toTensor(this.allVariants(clean)), this.variantLabels(clean.n), (logits, target) =>
      tf.losses.softmaxCrossEntropy(target, logits),
    );
  }

  score(images: ImageBatch, batchSize: number): Float32Array {
    const out = new Float32Array(images.n);
    const perImage = images.h * images.w * images.c;
    for (let start = 0; start < images.n; start += batchSize) {
      const n = Math.min(batchSize, images.n - start);
      const slice: ImageBatch = { ...images, n, data: images.data.subarray(start * perImage, (start + n) * perImage) };
      const x = toTensor(this.allVariants(slice));
      const y = this.variantLabels(n);
      const nll = tf.tidy(() => {
        const logProb = tf.logSoftmax(this.infer(x) as tf.Tensor2D);
        // −log p(true variant) for each (variant, image), then the mean over variants per image.
        return logProb.mul(y).sum(1).neg().reshape([this.k, n]).mean(0).dataSync() as Float32Array;
      });
      x.dispose();
      y.dispose();
      out.set(nll, start);
    }
    return out;
  }
}

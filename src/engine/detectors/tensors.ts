import * as tf from '@tensorflow/tfjs';
import { imageSize, type ImageBatch } from '../image';

export function toTensor(batch: ImageBatch): tf.Tensor4D {
  return tf.tensor4d(batch.data, [batch.n, batch.h, batch.w, batch.c]);
}

/** Runs `fn` on consecutive slices of at most `batchSize` images and concatenates the per-image outputs. */
export function mapInBatches(
  images: ImageBatch,
  batchSize: number,
  perImage: number,
  fn: (x: tf.Tensor4D) => tf.Tensor,
): Float32Array {
  const out = new Float32Array(images.n * perImage);
  const s = imageSize(images);
  for (let start = 0; start < images.n; start += batchSize) {
    const n = Math.min(batchSize, images.n - start);
    const values = tf.tidy(() => {
      const x = tf.tensor4d(images.data.subarray(start * s, (start + n) * s), [n, images.h, images.w, images.c]);
      return fn(x).dataSync() as Float32Array;
    });
    out.set(values, start * perImage);
  }
  return out;
}

export function countParameters(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
}

/**
 * Per-image iteration over an NHWC batch. Every augmentation writes into a fresh output batch, so
 * the input is never modified.
 */
import { createBatch, type ImageBatch } from '../../image';

/** Calls `fn(src, dst, i)` for every image i with views (no copies) of input and output image i. */
export type ImageFn = (src: Float32Array, dst: Float32Array, i: number) => void;

/**
 * A new batch of the same shape whose image i is written by `fn`. With `copy`, each output image
 * starts as a copy of its input image (for operations that change only part of it); otherwise it
 * starts as zeros and `fn` must write every value.
 */
export function mapImages(batch: ImageBatch, fn: ImageFn, copy = false): ImageBatch {
  const { n, h, w, c } = batch;
  const size = h * w * c;
  if (batch.data.length !== n * size) {
    throw new Error(`image batch data has ${batch.data.length} values, expected ${n}×${h}×${w}×${c}`);
  }
  const out = createBatch(n, h, w, c, copy ? batch.data.slice() : undefined);
  for (let i = 0; i < n; i++) {
    const offset = i * size;
    fn(batch.data.subarray(offset, offset + size), out.data.subarray(offset, offset + size), i);
  }
  return out;
}

/** A copy of the batch (the identity transform). */
export function copyBatch(batch: ImageBatch): ImageBatch {
  return createBatch(batch.n, batch.h, batch.w, batch.c, batch.data.slice());
}

/** Throws unless the batch has 1 or 3 channels (colour operations need to know which). */
export function requireChannels(batch: ImageBatch, what: string): void {
  if (batch.c !== 1 && batch.c !== 3) {
    throw new Error(`${what} works on 1- or 3-channel images, got ${batch.c} channels`);
  }
}

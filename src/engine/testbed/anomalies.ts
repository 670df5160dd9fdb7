/**
 * Synthetic anomalies: one function applied with probability 1 to every held-out normal test
 * image, as the authors' testbed applies RandomVerticalFlip(p=1), RandomErasing(p=1) and
 * inversion. A random function may leave an image as it was (an erased box on black background):
 * the study keeps such an image as an anomaly, and so does this by default. With `redraw`, the
 * unchanged images are drawn again from the same stream, up to MAX_DRAWS draws in all.
 */
import type { ResolvedAugmentation } from '../augment/types';
import { imageSize, imageView, selectImages, type ImageBatch } from '../image';
import type { Rng } from '../random';
import { TestbedError } from './errors';

export const MAX_DRAWS = 20;

export interface MadeAnomalies {
  readonly images: ImageBatch;
  /** How many of them are still equal to their normal image. */
  readonly unchanged: number;
}

export function makeAnomalies(fn: ResolvedAugmentation, normal: ImageBatch, rng: Rng, redraw: boolean): MadeAnomalies {
  const images = applyChecked(fn, normal, rng);
  let pending = unchangedIndices(normal, images);
  for (let draw = 1; redraw && draw < MAX_DRAWS && pending.length > 0; draw++) {
    const again = applyChecked(fn, selectImages(normal, pending), rng);
    const size = imageSize(normal);
    const still: number[] = [];
    pending.forEach((i, k) => {
      const image = imageView(again, k);
      if (sameImage(image, imageView(normal, i))) still.push(i);
      else images.data.set(image, i * size);
    });
    pending = still;
  }
  return { images, unchanged: pending.length };
}

function applyChecked(fn: ResolvedAugmentation, normal: ImageBatch, rng: Rng): ImageBatch {
  const made = fn.definition.apply(normal, fn.params, rng, 'anomaly');
  if (made.n !== normal.n || made.h !== normal.h || made.w !== normal.w || made.c !== normal.c) {
    throw new TestbedError(
      `anomaly function "${fn.id}" turned ${normal.n} images of ${normal.h}×${normal.w}×${normal.c} into ${made.n} of ${made.h}×${made.w}×${made.c}; it must keep the batch's shape`,
    );
  }
  // A function may hand back its input or share buffers; the redraw writes into the result.
  return made.data === normal.data ? { ...made, data: made.data.slice() } : made;
}

function unchangedIndices(normal: ImageBatch, made: ImageBatch): number[] {
  const out: number[] = [];
  for (let i = 0; i < normal.n; i++) if (sameImage(imageView(normal, i), imageView(made, i))) out.push(i);
  return out;
}

function sameImage(a: Float32Array, b: Float32Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

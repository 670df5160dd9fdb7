/**
 * Applying a resolved augmentation. Every caller goes through here rather than calling a
 * definition's `apply` or `variant` itself, so an output of the wrong shape fails at once, naming
 * the augmentation, instead of surfacing later as a confusing tensor error. Kept apart from the
 * registry so that code that only applies (detectors, validation) does not load the catalogue.
 */
import type { ImageBatch } from '../image';
import type { Rng } from '../random';
import { describeValue } from './describeValue';
import type { AugmentationMode, ResolvedAugmentation } from './types';

/** Applies a resolved augmentation (mode `train` by default), checking the output's shape. */
export function applyAugmentation(aug: ResolvedAugmentation, batch: ImageBatch, rng: Rng, mode: AugmentationMode = 'train'): ImageBatch {
  const out = aug.definition.apply(batch, aug.params, rng, mode);
  checkOutput(aug.id, batch, out);
  return out;
}

/** The number of discrete variants (for transformation prediction), 0 when it has none. */
export function variantCount(aug: ResolvedAugmentation): number {
  const { variants, variant } = aug.definition;
  return variants && variant ? variants(aug.params) : 0;
}

/**
 * Applies variant k (0 ≤ k < `variantCount`) to every image of the batch, checking the output's
 * shape. The count is the caller's to take once: asking a custom module for it on every batch
 * would run its code again each time.
 */
export function applyVariant(aug: ResolvedAugmentation, batch: ImageBatch, k: number): ImageBatch {
  const { variants, variant } = aug.definition;
  if (!variants || !variant) throw new Error(`Augmentation "${aug.id}" has no discrete variants for transformation prediction`);
  const out = variant(batch, k, aug.params);
  checkOutput(aug.id, batch, out);
  return out;
}

function checkOutput(id: string, input: ImageBatch, out: ImageBatch): void {
  if (!out || out.n !== input.n || out.h !== input.h || out.w !== input.w || out.c !== input.c || !(out.data instanceof Float32Array) || out.data.length !== input.data.length) {
    const shape = out && typeof out === 'object' ? `${out.n}×${out.h}×${out.w}×${out.c}` : describeValue(out);
    throw new Error(`Augmentation "${id}" returned a batch of shape ${shape}, expected ${input.n}×${input.h}×${input.w}×${input.c}`);
  }
}

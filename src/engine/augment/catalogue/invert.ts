import type { ParamSpec } from '../types';
import { checkVariant, numberParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import type { ImageBatch } from '../../image';

const params: Record<string, ParamSpec> = {
  p: { type: 'number', default: 0.5, min: 0, max: 1, description: 'Probability of inverting an image (training only; an anomaly always inverts).' },
};

function invertAll(batch: ImageBatch, which: (i: number) => boolean): ImageBatch {
  return mapImages(batch, (src, dst, i) => {
    if (!which(i)) {
      dst.set(src);
      return;
    }
    for (let k = 0; k < src.length; k++) dst[k] = 1 - src[k];
  });
}

/**
 * `invert`: 1 − x with p = 0.5; as an anomaly, p = 1. Variants: 0 = unchanged, 1 = inverted.
 * An image whose every value is 0.5 is its own inverse (the only one).
 */
export const invert: CheckedAugmentationDefinition = {
  name: 'invert',
  category: 'colour',
  description: 'Inversion 1 − x with probability 0.5; always inverted as an anomaly.',
  params,
  shorthand: 'p',
  apply(batch, p, rng, mode) {
    const prob = numberParam(p, params, 'p');
    return invertAll(batch, () => mode === 'anomaly' || rng.bernoulli(prob));
  },
  variants: () => 2,
  variant(batch, k) {
    checkVariant('invert', k, 2);
    return invertAll(batch, () => k === 1);
  },
};

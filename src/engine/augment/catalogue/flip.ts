import type { ParamSpec } from '../types';
import { checkVariant, numberParam, stringParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import { flipHorizontal, flipVertical } from '../ops/geometry';
import type { ImageBatch } from '../../image';

const params: Record<string, ParamSpec> = {
  p: { type: 'number', default: 0.5, min: 0, max: 1, description: 'Probability of flipping an image (training only; an anomaly always flips).' },
  axis: {
    type: 'string',
    default: 'vertical',
    enum: ['vertical', 'horizontal'],
    description: '`vertical` turns the image upside down; `horizontal` mirrors it left to right.',
  },
};

function flipAll(batch: ImageBatch, axis: string, which: (i: number) => boolean): ImageBatch {
  const { h, w, c } = batch;
  const op = axis === 'horizontal' ? flipHorizontal : flipVertical;
  return mapImages(batch, (src, dst, i) => {
    if (which(i)) op(src, dst, h, w, c);
    else dst.set(src);
  });
}

/**
 * `flip`: vertical flip (upside down) with p = 0.5; as an anomaly, p = 1.
 * Variants: 0 = unchanged, 1 = flipped.
 */
export const flip: CheckedAugmentationDefinition = {
  name: 'flip',
  category: 'geometric',
  description: 'Vertical flip (upside down) with probability 0.5; always flipped as an anomaly.',
  params,
  shorthand: 'p',
  apply(batch, p, rng, mode) {
    const prob = numberParam(p, params, 'p');
    const axis = stringParam(p, params, 'axis');
    return flipAll(batch, axis, () => mode === 'anomaly' || rng.bernoulli(prob));
  },
  variants: () => 2,
  variant(batch, k, p) {
    checkVariant('flip', k, 2);
    return flipAll(batch, stringParam(p, params, 'axis'), () => k === 1);
  },
};

import type { AugmentationParams, ParamSpec } from '../types';
import { checkVariant, numbersParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import { isZeroAngle, rotate as rotateImage } from '../ops/geometry';

const params: Record<string, ParamSpec> = {
  angles: {
    type: 'number[]',
    default: [-90, 0, 90, 180],
    min: -360,
    max: 360,
    description: 'Angles in degrees (counter-clockwise), one drawn uniformly per image; multiples of 90 are exact, others bilinear with zero fill.',
  },
};

/** The angles a mode draws from: all of them for `train`, the non-zero ones for `anomaly`. */
function pool(p: AugmentationParams, mode: 'train' | 'anomaly'): number[] {
  const angles = numbersParam(p, params, 'angles');
  const chosen = mode === 'anomaly' ? angles.filter((a) => !isZeroAngle(a)) : angles;
  if (chosen.length === 0) {
    throw new Error(mode === 'anomaly'
      ? 'rotate as an anomaly needs at least one angle that is not a multiple of 360°'
      : 'rotate needs at least one angle');
  }
  return chosen;
}

/**
 * `rotate`: rotation by an angle drawn uniformly from a set, −90, 0, 90 and 180° by default
 * (the identity included). As an anomaly, 0° (and any multiple of 360°) is never drawn.
 * Variants (for transformation prediction): one per angle of the set, in order.
 */
export const rotate: CheckedAugmentationDefinition = {
  name: 'rotate',
  category: 'geometric',
  description: 'Rotation by an angle drawn uniformly from {−90, 0, 90, 180}° (identity included; never 0° as an anomaly).',
  params,
  check: (p) => (numbersParam(p, params, 'angles').length === 0 ? 'angles must list at least one angle' : undefined),
  apply(batch, p, rng, mode) {
    const angles = pool(p, mode);
    const { h, w, c } = batch;
    return mapImages(batch, (src, dst) => rotateImage(src, dst, h, w, c, rng.choice(angles)));
  },
  variants: (p) => numbersParam(p, params, 'angles').length,
  variant(batch, k, p) {
    const angles = numbersParam(p, params, 'angles');
    checkVariant('rotate', k, angles.length);
    const { h, w, c } = batch;
    return mapImages(batch, (src, dst) => rotateImage(src, dst, h, w, c, angles[k]));
  },
};

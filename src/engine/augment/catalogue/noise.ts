import type { ParamSpec } from '../types';
import { booleanParam, numberParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import { fillStandardNormal } from '../ops/normal';

const params: Record<string, ParamSpec> = {
  std: { type: 'number', default: 0.1, min: 0, max: 10, description: 'Standard deviation of the additive Gaussian noise.' },
  clip: { type: 'boolean', default: false, description: 'Clamp the result to [0, 1] (the study does not).' },
};

/**
 * `noise`: additive Gaussian noise N(0, 0.1²) on every value (each channel independently). As in
 * the study the result is NOT clamped, so values may leave [0, 1]; set `clip: true` to clamp.
 * Train and anomaly modes are the same transform (with std > 0 it changes every image; std 0 is
 * refused as an anomaly).
 */
export const noise: CheckedAugmentationDefinition = {
  name: 'noise',
  category: 'noise-like',
  description: 'Additive Gaussian noise with std 0.1 on every value, not clamped to [0, 1].',
  params,
  shorthand: 'std',
  apply(batch, p, rng, mode) {
    const std = numberParam(p, params, 'std');
    const clip = booleanParam(p, params, 'clip');
    if (mode === 'anomaly' && std === 0) throw new Error('noise with std 0 leaves images unchanged, so it cannot make an anomaly');
    const z = new Float32Array(batch.h * batch.w * batch.c);
    return mapImages(batch, (src, dst) => {
      fillStandardNormal(rng, z);
      for (let k = 0; k < src.length; k++) {
        const v = src[k] + std * z[k];
        dst[k] = clip ? (v < 0 ? 0 : v > 1 ? 1 : v) : v;
      }
    });
  },
};

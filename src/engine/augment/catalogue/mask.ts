import type { ParamSpec } from '../types';
import { numberParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';

const params: Record<string, ParamSpec> = {
  p: { type: 'number', default: 0.1, min: 0, max: 1, description: 'Probability that a pixel (all its channels) is set to 0.' },
};

/**
 * `mask`: each pixel (all channels together) zeroed independently with p = 0.1 (`mask-<p>`), as
 * an anomaly too (the draws may miss every non-zero pixel; testbed option `redrawUnchanged`
 * redraws those images).
 */
export const mask: CheckedAugmentationDefinition = {
  name: 'mask',
  category: 'noise-like',
  description: 'Each pixel set to 0 independently with probability 0.1.',
  params,
  shorthand: 'p',
  apply(batch, p, rng, mode) {
    const prob = numberParam(p, params, 'p');
    if (mode === 'anomaly' && prob === 0) throw new Error('mask with p 0 leaves images unchanged, so it cannot make an anomaly');
    const { c } = batch;
    const pixels = batch.h * batch.w;
    return mapImages(
      batch,
      (_src, dst) => {
        for (let q = 0; q < pixels; q++) if (rng.next() < prob) dst.fill(0, q * c, (q + 1) * c);
      },
      true,
    );
  },
};

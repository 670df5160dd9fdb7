import type { ParamSpec } from '../types';
import { numberParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';

const params: Record<string, ParamSpec> = {
  p: { type: 'number', default: 0.1, min: 0, max: 1, description: 'Probability that a pixel (all its channels) is set to 0.' },
};

/**
 * `mask`: each pixel (all channels together) zeroed independently with p = 0.1 (`mask-<p>`).
 * As an anomaly, if no drawn pixel changed the image, one random non-zero pixel is zeroed, so
 * every image that is not all zeros changes.
 */
export const mask: CheckedAugmentationDefinition = {
  name: 'mask',
  category: 'noise-like',
  description: 'Each pixel set to 0 independently with probability 0.1.',
  params,
  shorthand: 'p',
  apply(batch, p, rng, mode) {
    const prob = numberParam(p, params, 'p');
    const { c } = batch;
    const pixels = batch.h * batch.w;
    return mapImages(
      batch,
      (src, dst) => {
        let changed = false;
        for (let q = 0; q < pixels; q++) {
          if (rng.next() < prob) {
            const o = q * c;
            for (let ch = 0; ch < c; ch++) {
              if (dst[o + ch] !== 0) changed = true;
              dst[o + ch] = 0;
            }
          }
        }
        if (mode === 'anomaly' && !changed) {
          let nonZero = 0;
          for (let q = 0; q < pixels; q++) if (pixelNonZero(src, q, c)) nonZero++;
          if (nonZero === 0) return;
          let pick = rng.int(nonZero);
          for (let q = 0; q < pixels; q++) {
            if (pixelNonZero(src, q, c) && pick-- === 0) {
              dst.fill(0, q * c, (q + 1) * c);
              break;
            }
          }
        }
      },
      true,
    );
  },
};

function pixelNonZero(img: Float32Array, q: number, c: number): boolean {
  for (let ch = 0; ch < c; ch++) if (img[q * c + ch] !== 0) return true;
  return false;
}

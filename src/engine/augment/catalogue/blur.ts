import type { ParamSpec } from '../types';
import { numberParam, orderedPair, stringParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import { Blurrer, blurKernelSize, gaussianKernel, type Padding } from '../ops/filter';

const params: Record<string, ParamSpec> = {
  sigma: {
    type: 'number',
    default: 0,
    min: 0,
    max: 50,
    description: 'Fixed σ in pixels; 0 draws σ ~ U(sigmaMin, sigmaMax) per image (an anomaly then uses sigmaMax).',
  },
  sigmaMin: { type: 'number', default: 0.1, min: 0.01, max: 50, description: 'Lower end of the σ range.' },
  sigmaMax: { type: 'number', default: 2, min: 0.01, max: 50, description: 'Upper end of the σ range.' },
  kernelSize: {
    type: 'integer',
    default: 0,
    min: 0,
    max: 255,
    description: 'Odd kernel size; 0 uses the study\'s 2·(⌊0.1·size⌋ // 2) + 1 (3 at 32 px, never below 3).',
  },
  padding: { type: 'string', default: 'reflect', enum: ['reflect', 'zero'], description: 'Border handling: mirror without repeating the edge, or zeros.' },
};

/**
 * `blur`: Gaussian blur with the study's kernel size (3 at 32 px) and σ ~ U(0.1, 2) per image,
 * reflect padding. `blur-<σ>` fixes σ. As an anomaly σ is fixed: `sigma` if set, else sigmaMax
 * (σ = 0.1 on a 3-tap kernel is numerically the identity, so the lower end is never used).
 */
export const blur: CheckedAugmentationDefinition = {
  name: 'blur',
  category: 'noise-like',
  description: 'Gaussian blur, kernel 3 at 32 px (0.1 of the side), σ drawn from U(0.1, 2) per image, reflect padding.',
  params,
  shorthand: 'sigma',
  check(p) {
    const k = numberParam(p, params, 'kernelSize');
    if (k !== 0 && k % 2 === 0) return `kernelSize must be 0 (automatic) or odd, got ${k}`;
    return orderedPair(p, params, 'sigmaMin', 'sigmaMax');
  },
  apply(batch, p, rng, mode) {
    const sigma = numberParam(p, params, 'sigma');
    const lo = numberParam(p, params, 'sigmaMin');
    const hi = numberParam(p, params, 'sigmaMax');
    const size = numberParam(p, params, 'kernelSize') || blurKernelSize(batch.h, batch.w);
    const blurrer = new Blurrer(batch.h, batch.w, batch.c, stringParam(p, params, 'padding') as Padding);
    const fixed = sigma > 0 ? sigma : mode === 'anomaly' ? hi : 0;
    const fixedKernel = fixed > 0 ? gaussianKernel(fixed, size) : undefined;
    return mapImages(batch, (src, dst) => {
      blurrer.blur(src, dst, fixedKernel ?? gaussianKernel(rng.uniform(lo, hi), size));
    });
  },
};

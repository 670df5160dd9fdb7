import type { ParamSpec } from '../types';
import { numberParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages, requireChannels } from '../ops/batch';
import { applyJitter, sampleJitter, toGrayscale } from '../ops/colour';
import { Blurrer, blurKernelSize, gaussianKernel } from '../ops/filter';
import { flipHorizontal, isFullBox, resizedCrop, sampleCropBox, type Box } from '../ops/geometry';

const params: Record<string, ParamSpec> = {
  strength: {
    type: 'number',
    default: 1,
    min: 0,
    max: 10,
    description: 'Colour-distortion strength s (`simclr-<s>`): jitter brightness, contrast and saturation 0.8·s, hue 0.2·s (≤ 0.5).',
  },
  minScale: { type: 'number', default: 0.08, min: 0.01, max: 1, description: 'Smallest crop area fraction of the random resized crop (aspect 3/4–4/3).' },
  flipP: { type: 'number', default: 0.5, min: 0, max: 1, description: 'Probability of the horizontal flip.' },
  jitterP: { type: 'number', default: 0.8, min: 0, max: 1, description: 'Probability of the colour jitter.' },
  grayP: { type: 'number', default: 0.2, min: 0, max: 1, description: 'Probability of converting to grayscale (RGB only).' },
  blurP: { type: 'number', default: 1, min: 0, max: 1, description: 'Probability of the Gaussian blur (σ ~ U(0.1, 2), the study\'s kernel size).' },
};

/**
 * `simclr`: the SimCLR view — random resized crop (area 8–100 %, aspect 3/4–4/3) → horizontal flip
 * (p 0.5) → colour jitter 0.8/0.8/0.8/0.2 (p 0.8) → grayscale (p 0.2, RGB only) → Gaussian blur
 * (σ ~ U(0.1, 2), p 1). As an anomaly the crop is never the whole image, the flip and the jitter
 * always apply (jitter from the outer half of its ranges), grayscale and blur as in training.
 */
export const simclr: CheckedAugmentationDefinition = {
  name: 'simclr',
  category: 'composite',
  description: 'SimCLR view: random resized crop, horizontal flip, colour jitter (p 0.8), grayscale (p 0.2, RGB only) and Gaussian blur.',
  params,
  shorthand: 'strength',
  apply(batch, p, rng, mode) {
    requireChannels(batch, 'simclr');
    const s = numberParam(p, params, 'strength');
    const strengths = { brightness: 0.8 * s, contrast: 0.8 * s, saturation: 0.8 * s, hue: Math.min(0.5, 0.2 * s) };
    const minScale = numberParam(p, params, 'minScale');
    const flipP = numberParam(p, params, 'flipP');
    const jitterP = numberParam(p, params, 'jitterP');
    const grayP = numberParam(p, params, 'grayP');
    const blurP = numberParam(p, params, 'blurP');
    const { h, w, c } = batch;
    const anomaly = mode === 'anomaly';
    const a = new Float32Array(h * w * c);
    const b = new Float32Array(h * w * c);
    const blurrer = new Blurrer(h, w, c, 'reflect');
    const kernelSize = blurKernelSize(h, w);
    return mapImages(batch, (src, dst) => {
      let box: Box = sampleCropBox(rng, h, w, minScale, 1, 3 / 4, 4 / 3);
      if (anomaly && isFullBox(box, h, w)) {
        const bh = Math.max(1, h - 1);
        const bw = Math.max(1, w - 1);
        box = { top: rng.int(h - bh + 1), left: rng.int(w - bw + 1), height: bh, width: bw };
      }
      resizedCrop(src, a, h, w, c, box);
      let cur = a;
      if (anomaly || rng.bernoulli(flipP)) {
        flipHorizontal(a, b, h, w, c);
        cur = b;
      }
      if (anomaly || rng.bernoulli(jitterP)) applyJitter(cur, c, sampleJitter(rng, strengths, mode));
      if (rng.bernoulli(grayP)) toGrayscale(cur, c);
      if (anomaly || rng.bernoulli(blurP)) blurrer.blur(cur, dst, gaussianKernel(rng.uniform(0.1, 2), kernelSize));
      else dst.set(cur);
    });
  },
};

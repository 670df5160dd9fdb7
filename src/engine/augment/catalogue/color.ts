import type { AugmentationParams, ParamSpec } from '../types';
import { numberParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages, requireChannels } from '../ops/batch';
import { applyJitter, sampleJitter, type JitterStrengths } from '../ops/colour';

const params: Record<string, ParamSpec> = {
  strength: { type: 'number', default: 1, min: 0, max: 10, description: 'Multiplies all four jitter strengths (`color-<s>`); 0 is the identity.' },
  brightness: { type: 'number', default: 0.8, min: 0, max: 10, description: 'Brightness factor drawn from U(max(0, 1 − b), 1 + b).' },
  contrast: { type: 'number', default: 0.8, min: 0, max: 10, description: 'Contrast factor drawn from U(max(0, 1 − c), 1 + c), around the mean luma.' },
  saturation: { type: 'number', default: 0.8, min: 0, max: 10, description: 'Saturation factor drawn from U(max(0, 1 − s), 1 + s) (RGB only).' },
  hue: { type: 'number', default: 0.2, min: 0, max: 0.5, description: 'Hue shift drawn from U(−h, h) turns, capped at 0.5 after scaling (RGB only).' },
};

/** The effective strengths: each one times `strength`, the hue capped at 0.5. */
export function jitterStrengths(p: AugmentationParams): JitterStrengths {
  const s = numberParam(p, params, 'strength');
  return {
    brightness: s * numberParam(p, params, 'brightness'),
    contrast: s * numberParam(p, params, 'contrast'),
    saturation: s * numberParam(p, params, 'saturation'),
    hue: Math.min(0.5, s * numberParam(p, params, 'hue')),
  };
}

/**
 * `color`: colour jitter — brightness 0.8, contrast 0.8, saturation 0.8, hue 0.2, applied in a
 * random order per image, each result clamped to [0, 1]; `color-<s>` scales all four. On
 * 1-channel images only brightness and contrast apply. As an anomaly each factor is drawn from
 * the outer half of its range (|factor − 1| ≥ strength / 2), so the change is never negligible;
 * zero strength is refused as an anomaly.
 */
export const color: CheckedAugmentationDefinition = {
  name: 'color',
  category: 'colour',
  description: 'Colour jitter: brightness 0.8, contrast 0.8, saturation 0.8, hue 0.2 in random order (brightness and contrast only on grey images).',
  params,
  shorthand: 'strength',
  apply(batch, p, rng, mode) {
    requireChannels(batch, 'color');
    const strengths = jitterStrengths(p);
    const { c } = batch;
    const active = c === 3 ? strengths.brightness + strengths.contrast + strengths.saturation + strengths.hue : strengths.brightness + strengths.contrast;
    if (mode === 'anomaly' && active === 0) {
      throw new Error(`color with zero strength${c === 1 ? ' (brightness and contrast, on 1-channel images)' : ''} leaves images unchanged, so it cannot make an anomaly`);
    }
    return mapImages(batch, (_src, dst) => applyJitter(dst, c, sampleJitter(rng, strengths, mode)), true);
  },
};

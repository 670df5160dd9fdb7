import type { AugmentationParams, ParamSpec } from '../types';
import { checkVariant, numberParam, numbersParam, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import { flipHorizontal, isZeroAngle, rotate, shift } from '../ops/geometry';
import type { ImageBatch } from '../../image';

const params: Record<string, ParamSpec> = {
  flipP: { type: 'number', default: 0.5, min: 0, max: 1, description: 'Probability of the horizontal flip.' },
  shift: {
    type: 'number',
    default: 0.25,
    min: 0,
    max: 0.5,
    description: 'Translation step as a fraction of the image side: tx and ty are each drawn from {0, +step, −step} (zero fill).',
  },
  angles: {
    type: 'number[]',
    default: [-90, 0, 90, 180],
    min: -360,
    max: 360,
    description: 'Rotation angles in degrees (counter-clockwise), one drawn uniformly.',
  },
};

/** One geometric combination: horizontal flip, then shift (dx, dy) in pixels, then rotation. */
interface Combo {
  flip: boolean;
  dx: number;
  dy: number;
  angle: number;
}

/** The discrete choices of each step for an h × w image. */
function axes(p: AugmentationParams, h: number, w: number): { dxs: number[]; dys: number[]; angles: number[] } {
  const step = numberParam(p, params, 'shift');
  // A non-zero step is at least one pixel, so the number of combinations never depends on the size.
  const sx = step === 0 ? 0 : Math.max(1, Math.round(step * w));
  const sy = step === 0 ? 0 : Math.max(1, Math.round(step * h));
  return {
    dxs: sx === 0 ? [0] : [0, sx, -sx],
    dys: sy === 0 ? [0] : [0, sy, -sy],
    angles: numbersParam(p, params, 'angles'),
  };
}

function isIdentity(k: Combo): boolean {
  return !k.flip && k.dx === 0 && k.dy === 0 && isZeroAngle(k.angle);
}

/** Variant k of the enumeration flip × dx × dy × angle (angle varying fastest). */
function comboAt(k: number, dxs: number[], dys: number[], angles: number[]): Combo {
  const angle = angles[k % angles.length];
  let rest = Math.floor(k / angles.length);
  const dy = dys[rest % dys.length];
  rest = Math.floor(rest / dys.length);
  const dx = dxs[rest % dxs.length];
  const flip = Math.floor(rest / dxs.length) === 1;
  return { flip, dx, dy, angle };
}

function applyCombos(batch: ImageBatch, pick: (i: number) => Combo): ImageBatch {
  const { h, w, c } = batch;
  const a = new Float32Array(h * w * c);
  const b = new Float32Array(h * w * c);
  return mapImages(batch, (src, dst, i) => {
    const k = pick(i);
    let cur: Float32Array = src;
    if (k.flip) {
      flipHorizontal(cur, a, h, w, c);
      cur = a;
    }
    if (k.dx !== 0 || k.dy !== 0) {
      const next = cur === a ? b : a;
      shift(cur, next, h, w, c, k.dx, k.dy);
      cur = next;
    }
    rotate(cur, dst, h, w, c, k.angle);
  });
}

/**
 * `geom`: the composite geometric transform — horizontal flip (p = 0.5), then a shift with tx, ty
 * each in {0, ±25 % of the side} (zero fill), then a rotation from {−90, 0, 90, 180}°.
 * As an anomaly, one combination is drawn uniformly among those that are not the identity.
 * Variants: the 2 × 3 × 3 × |angles| = 72 combinations (flip × tx × ty × angle, angle fastest;
 * with a step of 0, tx and ty collapse to {0} and there are 2 × |angles|).
 */
export const geom: CheckedAugmentationDefinition = {
  name: 'geom',
  category: 'geometric',
  description: 'Horizontal flip (p 0.5), then shift by {0, ±25 %} of the side on each axis (zero fill), then rotation from {−90, 0, 90, 180}°.',
  params,
  shorthand: 'shift',
  check: (p) => (numbersParam(p, params, 'angles').length === 0 ? 'angles must list at least one angle' : undefined),
  apply(batch, p, rng, mode) {
    const { dxs, dys, angles } = axes(p, batch.h, batch.w);
    if (angles.length === 0) throw new Error('geom needs at least one angle');
    if (mode === 'anomaly') {
      const flips = numberParam(p, params, 'flipP') > 0 ? 2 : 1;
      const all: Combo[] = [];
      for (let k = 0; k < flips * dxs.length * dys.length * angles.length; k++) {
        const combo = comboAt(k, dxs, dys, angles);
        if (!isIdentity(combo)) all.push(combo);
      }
      if (all.length === 0) throw new Error('geom as an anomaly needs a non-identity combination: a flip, a non-zero shift or a non-zero angle');
      return applyCombos(batch, () => rng.choice(all));
    }
    const flipP = numberParam(p, params, 'flipP');
    return applyCombos(batch, () => ({
      flip: rng.bernoulli(flipP),
      dx: rng.choice(dxs),
      dy: rng.choice(dys),
      angle: rng.choice(angles),
    }));
  },
  variants(p) {
    const shifts = numberParam(p, params, 'shift') > 0 ? 3 : 1;
    return 2 * shifts * shifts * numbersParam(p, params, 'angles').length;
  },
  variant(batch, k, p) {
    const { dxs, dys, angles } = axes(p, batch.h, batch.w);
    const count = 2 * dxs.length * dys.length * angles.length;
    checkVariant('geom', k, count);
    const combo = comboAt(k, dxs, dys, angles);
    return applyCombos(batch, () => combo);
  },
};

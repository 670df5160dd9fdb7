import type { ParamSpec } from '../types';
import { numberParam, orderedPair, type CheckedAugmentationDefinition } from '../params';
import { mapImages, requireChannels } from '../ops/batch';
import { extractPatch } from '../ops/erase';
import { jitterInPlace } from './cutpaste';

const params: Record<string, ParamSpec> = {
  minLength: { type: 'integer', default: 10, min: 1, max: 1024, description: 'Shortest scar length in pixels.' },
  maxLength: { type: 'integer', default: 24, min: 1, max: 1024, description: 'Longest scar length in pixels.' },
  minThickness: { type: 'integer', default: 2, min: 1, max: 1024, description: 'Thinnest scar in pixels.' },
  maxThickness: { type: 'integer', default: 15, min: 1, max: 1024, description: 'Thickest scar in pixels.' },
  maxAngle: { type: 'number', default: 45, min: 0, max: 180, description: 'The scar is rotated by U(−maxAngle, maxAngle) degrees.' },
  jitter: { type: 'number', default: 0.1, min: 0, max: 1, description: 'Colour-jitter strength applied to the scar.' },
};

/**
 * `cp-scar` (CutPaste "scar"): a thin rectangle, length 10–24 px × thickness 2–15 px (clamped to
 * the image), is cut at a random position, colour-jittered (0.1), rotated by U(−45°, 45°) and
 * pasted (nearest-neighbour, only the rotated rectangle's pixels) at a random position where it
 * fits. Sizes are in pixels, as in the study, whatever the image size. As an anomaly, the same (a
 * paste may leave the image unchanged; testbed option `redrawUnchanged` redraws those).
 */
export const cpScar: CheckedAugmentationDefinition = {
  name: 'cp-scar',
  category: 'patch',
  description: 'CutPaste scar: a thin 10–24 × 2–15 px patch is cut, colour-jittered (0.1), rotated by up to ±45° and pasted elsewhere.',
  params,
  check: (p) => orderedPair(p, params, 'minLength', 'maxLength') ?? orderedPair(p, params, 'minThickness', 'maxThickness'),
  apply(batch, p, rng) {
    requireChannels(batch, 'cp-scar');
    const minLength = numberParam(p, params, 'minLength');
    const maxLength = numberParam(p, params, 'maxLength');
    const minThickness = numberParam(p, params, 'minThickness');
    const maxThickness = numberParam(p, params, 'maxThickness');
    const maxAngle = numberParam(p, params, 'maxAngle');
    const jitter = numberParam(p, params, 'jitter');
    const { h, w, c } = batch;
    return mapImages(
      batch,
      (src, dst) => {
        const len = Math.min(h, minLength + rng.int(maxLength - minLength + 1));
        const thick = Math.min(w, minThickness + rng.int(maxThickness - minThickness + 1));
        const patch = extractPatch(src, w, c, { top: rng.int(h - len + 1), left: rng.int(w - thick + 1), height: len, width: thick });
        jitterInPlace(patch, c, jitter, rng);
        const t = (rng.uniform(-maxAngle, maxAngle) * Math.PI) / 180;
        const cos = Math.cos(t);
        const sin = Math.sin(t);
        // Half extents of the rotated rectangle's bounding box.
        const ex = (Math.abs(cos) * thick + Math.abs(sin) * len) / 2;
        const ey = (Math.abs(sin) * thick + Math.abs(cos) * len) / 2;
        pasteRotated(dst, h, w, c, patch, len, thick, centre(rng.uniform(0, 1), ex, w), centre(rng.uniform(0, 1), ey, h), ex, ey, cos, sin);
      },
      true,
    );
  },
};

/** A centre in [e − 0.5, n − 0.5 − e] (the box fits), or the middle when it cannot fit. */
function centre(u: number, e: number, n: number): number {
  const lo = e - 0.5;
  const hi = n - 0.5 - e;
  return hi >= lo ? lo + u * (hi - lo) : (n - 1) / 2;
}

/** Writes the rotated patch into dst (nearest neighbour; only pixels inside the rotated rectangle). */
function pasteRotated(
  dst: Float32Array, h: number, w: number, c: number,
  patch: Float32Array, len: number, thick: number,
  cx: number, cy: number, ex: number, ey: number, cos: number, sin: number,
): void {
  const y0 = Math.max(0, Math.floor(cy - ey));
  const y1 = Math.min(h - 1, Math.ceil(cy + ey));
  const x0 = Math.max(0, Math.floor(cx - ex));
  const x1 = Math.min(w - 1, Math.ceil(cx + ex));
  for (let y = y0; y <= y1; y++) {
    const dy = y - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x - cx;
      // Back into the patch's frame (u across, v along the scar).
      const u = dx * cos + dy * sin + thick / 2;
      const v = -dx * sin + dy * cos + len / 2;
      if (u < 0 || u >= thick || v < 0 || v >= len) continue;
      const s = (Math.floor(v) * thick + Math.floor(u)) * c;
      const o = (y * w + x) * c;
      for (let ch = 0; ch < c; ch++) dst[o + ch] = patch[s + ch];
    }
  }
}

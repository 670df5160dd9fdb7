/** Random-erase box sampling and box fills on one HWC image. */
import type { Rng } from '../../random';
import type { Box } from './geometry';

export interface EraseRanges {
  /** Area fraction range of the box. */
  minArea: number;
  maxArea: number;
  /** Aspect ratio (height / width) range; sampled log-uniformly. */
  minAspect: number;
  maxAspect: number;
}

/**
 * A random-erase box: area fraction ~ U(minArea, maxArea), aspect height/width log-uniform in
 * [minAspect, maxAspect], strictly smaller than the image on both sides, position uniform. Ten
 * tries; if none fits, a square of the minimum area (clamped to fit), so a box is always returned.
 */
export function sampleEraseBox(rng: Rng, h: number, w: number, r: EraseRanges): Box {
  const area = h * w;
  const logLo = Math.log(r.minAspect);
  const logHi = Math.log(r.maxAspect);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(r.minArea, r.maxArea);
    const aspect = Math.exp(rng.uniform(logLo, logHi));
    const bh = Math.round(Math.sqrt(target * aspect));
    const bw = Math.round(Math.sqrt(target / aspect));
    if (bh >= 1 && bw >= 1 && bh < h && bw < w) {
      return { top: rng.int(h - bh + 1), left: rng.int(w - bw + 1), height: bh, width: bw };
    }
  }
  return squareBox(rng, h, w, r.minArea);
}

/** A square box of the given area fraction (side ≥ 1, clamped to the image), position uniform. */
export function squareBox(rng: Rng, h: number, w: number, areaFraction: number): Box {
  const side = Math.max(1, Math.min(h, w, Math.round(Math.sqrt(areaFraction * h * w))));
  return { top: rng.int(h - side + 1), left: rng.int(w - side + 1), height: side, width: side };
}

/** Sets every value inside the box to `value`. */
export function fillBox(img: Float32Array, w: number, c: number, box: Box, value: number): void {
  for (let y = box.top; y < box.top + box.height; y++) {
    img.fill(value, (y * w + box.left) * c, (y * w + box.left + box.width) * c);
  }
}

/** Copies the box of `src` into a new compact (height × width × c) patch. */
export function extractPatch(src: Float32Array, w: number, c: number, box: Box): Float32Array {
  const patch = new Float32Array(box.height * box.width * c);
  const row = box.width * c;
  for (let y = 0; y < box.height; y++) {
    const s = ((box.top + y) * w + box.left) * c;
    patch.set(src.subarray(s, s + row), y * row);
  }
  return patch;
}

/** Writes a compact patch into `dst` with its top-left corner at (top, left). */
export function pastePatch(
  dst: Float32Array, w: number, c: number, patch: Float32Array, ph: number, pw: number, top: number, left: number,
): void {
  const row = pw * c;
  for (let y = 0; y < ph; y++) {
    dst.set(patch.subarray(y * row, (y + 1) * row), ((top + y) * w + left) * c);
  }
}

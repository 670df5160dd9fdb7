/**
 * Geometric operations on one HWC image (a Float32Array of h·w·c values). Each reads `src` and
 * writes every value of `dst`; `src` and `dst` must not overlap. Areas that come from outside the
 * source image are filled with 0.
 *
 * Conventions: rows run top to bottom; a positive angle rotates counter-clockwise as displayed;
 * a positive shift moves the content right (dx) and down (dy).
 */
import type { Rng } from '../../random';

/** An axis-aligned box in pixel units. */
export interface Box {
  top: number;
  left: number;
  height: number;
  width: number;
}

/** Upside-down: row y of the output is row h − 1 − y of the input. */
export function flipVertical(src: Float32Array, dst: Float32Array, h: number, w: number, c: number): void {
  const row = w * c;
  for (let y = 0; y < h; y++) {
    dst.set(src.subarray((h - 1 - y) * row, (h - y) * row), y * row);
  }
}

/** Mirror left ↔ right: column x of the output is column w − 1 − x of the input. */
export function flipHorizontal(src: Float32Array, dst: Float32Array, h: number, w: number, c: number): void {
  const row = w * c;
  for (let y = 0; y < h; y++) {
    const base = y * row;
    for (let x = 0; x < w; x++) {
      const o = base + x * c;
      const s = base + (w - 1 - x) * c;
      for (let ch = 0; ch < c; ch++) dst[o + ch] = src[s + ch];
    }
  }
}

/** The number of counter-clockwise quarter turns (0..3) of an angle in degrees that is a multiple of 90. */
export function quarterTurns(degrees: number): number {
  return (((Math.round(degrees / 90) % 4) + 4) % 4);
}

/** True when the angle (degrees) is a whole number of turns. */
export function isZeroAngle(degrees: number): boolean {
  const r = ((degrees % 360) + 360) % 360;
  return r < 1e-9 || 360 - r < 1e-9;
}

/**
 * Exact rotation by k counter-clockwise quarter turns. k = 0 and 2 work for any size; k = 1 and 3
 * need a square image (use `rotate` for the general case).
 */
export function rotateQuarter(src: Float32Array, dst: Float32Array, h: number, w: number, c: number, k: number): void {
  k = ((k % 4) + 4) % 4;
  if (k === 0) {
    dst.set(src);
    return;
  }
  if (k === 2) {
    const n = h * w;
    for (let p = 0; p < n; p++) {
      const o = p * c;
      const s = (n - 1 - p) * c;
      for (let ch = 0; ch < c; ch++) dst[o + ch] = src[s + ch];
    }
    return;
  }
  if (h !== w) throw new Error(`a quarter-turn rotation needs a square image, got ${h}×${w}`);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // k = 1: out(y, x) = in(x, w − 1 − y); k = 3: out(y, x) = in(h − 1 − x, y).
      const sy = k === 1 ? x : h - 1 - x;
      const sx = k === 1 ? w - 1 - y : y;
      const o = (y * w + x) * c;
      const s = (sy * w + sx) * c;
      for (let ch = 0; ch < c; ch++) dst[o + ch] = src[s + ch];
    }
  }
}

/**
 * Rotation about the image centre by any angle (degrees, counter-clockwise), bilinear sampling,
 * zero fill; the output keeps the input's size.
 */
export function rotateBilinear(src: Float32Array, dst: Float32Array, h: number, w: number, c: number, degrees: number): void {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Inverse map: the source point that lands on (x, y).
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      bilinearSample(src, h, w, c, sy, sx, dst, (y * w + x) * c);
    }
  }
}

/**
 * Rotation by any angle: exact for multiples of 90° where the shape allows it (any multiple on a
 * square image, 0° and 180° on any image), bilinear with zero fill otherwise.
 */
export function rotate(src: Float32Array, dst: Float32Array, h: number, w: number, c: number, degrees: number): void {
  const multiple = Math.abs(degrees / 90 - Math.round(degrees / 90)) < 1e-9;
  if (multiple) {
    const k = quarterTurns(degrees);
    if (h === w || k % 2 === 0) {
      rotateQuarter(src, dst, h, w, c, k);
      return;
    }
  }
  rotateBilinear(src, dst, h, w, c, degrees);
}

/** Writes the bilinear sample at (sy, sx) of every channel into dst[o..o+c), zero outside the image. */
function bilinearSample(
  src: Float32Array, h: number, w: number, c: number, sy: number, sx: number, dst: Float32Array, o: number,
): void {
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const x1 = x0 + 1;
  const y1 = y0 + 1;
  const in00 = y0 >= 0 && y0 < h && x0 >= 0 && x0 < w;
  const in01 = y0 >= 0 && y0 < h && x1 >= 0 && x1 < w;
  const in10 = y1 >= 0 && y1 < h && x0 >= 0 && x0 < w;
  const in11 = y1 >= 0 && y1 < h && x1 >= 0 && x1 < w;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  for (let ch = 0; ch < c; ch++) {
    let v = 0;
    if (in00) v += w00 * src[(y0 * w + x0) * c + ch];
    if (in01) v += w01 * src[(y0 * w + x1) * c + ch];
    if (in10) v += w10 * src[(y1 * w + x0) * c + ch];
    if (in11) v += w11 * src[(y1 * w + x1) * c + ch];
    dst[o + ch] = v;
  }
}

/** Integer translation with zero fill: out(y, x) = in(y − dy, x − dx). */
export function shift(src: Float32Array, dst: Float32Array, h: number, w: number, c: number, dx: number, dy: number): void {
  dst.fill(0);
  const row = w * c;
  const x0 = Math.max(0, dx);
  const x1 = Math.min(w, w + dx);
  if (x1 <= x0) return;
  for (let y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
    const sy = y - dy;
    dst.set(src.subarray(sy * row + (x0 - dx) * c, sy * row + (x1 - dx) * c), y * row + x0 * c);
  }
}

/**
 * The box resized to the full image with bilinear interpolation (half-pixel centres; samples are
 * clamped to the box, so a constant box gives a constant image).
 */
export function resizedCrop(src: Float32Array, dst: Float32Array, h: number, w: number, c: number, box: Box): void {
  const { top, left, height, width } = box;
  const scaleY = height / h;
  const scaleX = width / w;
  const maxY = top + height - 1;
  const maxX = left + width - 1;
  // Column sampling positions are the same for every row: precompute them.
  const xi0 = new Int32Array(w);
  const xi1 = new Int32Array(w);
  const xf = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    let sx = left + (x + 0.5) * scaleX - 0.5;
    if (sx < left) sx = left;
    if (sx > maxX) sx = maxX;
    const i0 = Math.floor(sx);
    xi0[x] = i0;
    xi1[x] = Math.min(i0 + 1, maxX);
    xf[x] = sx - i0;
  }
  for (let y = 0; y < h; y++) {
    let sy = top + (y + 0.5) * scaleY - 0.5;
    if (sy < top) sy = top;
    if (sy > maxY) sy = maxY;
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, maxY);
    const fy = sy - y0;
    const r0 = y0 * w;
    const r1 = y1 * w;
    for (let x = 0; x < w; x++) {
      const fx = xf[x];
      const a = (r0 + xi0[x]) * c;
      const b = (r0 + xi1[x]) * c;
      const d = (r1 + xi0[x]) * c;
      const e = (r1 + xi1[x]) * c;
      const o = (y * w + x) * c;
      for (let ch = 0; ch < c; ch++) {
        const top0 = src[a + ch] + (src[b + ch] - src[a + ch]) * fx;
        const bot0 = src[d + ch] + (src[e + ch] - src[d + ch]) * fx;
        dst[o + ch] = top0 + (bot0 - top0) * fy;
      }
    }
  }
}

/**
 * A random-resized-crop box: area fraction ~ U(minScale, maxScale), aspect ratio width/height
 * log-uniform in [minRatio, maxRatio], position uniform; ten tries, then the largest centred box
 * whose ratio is within range.
 */
export function sampleCropBox(
  rng: Rng, h: number, w: number, minScale: number, maxScale: number, minRatio: number, maxRatio: number,
): Box {
  const area = h * w;
  const logLo = Math.log(minRatio);
  const logHi = Math.log(maxRatio);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(minScale, maxScale);
    const ratio = Math.exp(rng.uniform(logLo, logHi));
    const cw = Math.round(Math.sqrt(target * ratio));
    const ch = Math.round(Math.sqrt(target / ratio));
    if (cw >= 1 && ch >= 1 && cw <= w && ch <= h) {
      return { top: rng.int(h - ch + 1), left: rng.int(w - cw + 1), height: ch, width: cw };
    }
  }
  const inRatio = w / h;
  let cw = w;
  let ch = h;
  if (inRatio < minRatio) ch = Math.max(1, Math.min(h, Math.round(cw / minRatio)));
  else if (inRatio > maxRatio) cw = Math.max(1, Math.min(w, Math.round(ch * maxRatio)));
  return { top: Math.floor((h - ch) / 2), left: Math.floor((w - cw) / 2), height: ch, width: cw };
}

/** True when the box covers the whole h × w image. */
export function isFullBox(box: Box, h: number, w: number): boolean {
  return box.top === 0 && box.left === 0 && box.height === h && box.width === w;
}

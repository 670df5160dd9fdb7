/** Gaussian blur of one HWC image: a separable filter with reflect or zero padding. */

export type Padding = 'reflect' | 'zero';

/**
 * The study's kernel size for an image: 2·(⌊0.1·size⌋ // 2) + 1 (3 at 32 px), `size` being the
 * shorter side. Never below 3, so that the blur is not a no-op on images under 20 px.
 */
export function blurKernelSize(h: number, w: number): number {
  const size = Math.min(h, w);
  return Math.max(3, 2 * Math.floor(Math.floor(0.1 * size) / 2) + 1);
}

/** A normalised 1-D Gaussian of odd length `size` and standard deviation `sigma` (> 0). */
export function gaussianKernel(sigma: number, size: number): Float64Array {
  if (!(size >= 1) || size % 2 !== 1) throw new RangeError(`a Gaussian kernel needs an odd size, got ${size}`);
  if (!(sigma > 0)) throw new RangeError(`a Gaussian kernel needs σ > 0, got ${sigma}`);
  const r = (size - 1) / 2;
  const k = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const d = i - r;
    k[i] = Math.exp(-(d * d) / (2 * sigma * sigma));
    sum += k[i];
  }
  for (let i = 0; i < size; i++) k[i] /= sum;
  return k;
}

/** Index i reflected into 0..n−1 without repeating the edge (…, 2, 1, 0, 1, 2, …), −1 never. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}

/**
 * For each output position x and kernel tap t, the source position (or −1 for a zero-padded tap),
 * as a flat table of n × size entries.
 */
export function tapTable(n: number, size: number, padding: Padding): Int32Array {
  const r = (size - 1) / 2;
  const table = new Int32Array(n * size);
  for (let x = 0; x < n; x++) {
    for (let t = 0; t < size; t++) {
      const i = x + t - r;
      table[x * size + t] = padding === 'reflect' ? reflectIndex(i, n) : i >= 0 && i < n ? i : -1;
    }
  }
  return table;
}

/** Reusable tap tables and scratch space for blurring many images of one shape. */
export class Blurrer {
  private readonly tmp: Float32Array;
  private readonly acc: Float64Array;
  private readonly tables = new Map<number, { xs: Int32Array; ys: Int32Array }>();

  constructor(
    readonly h: number,
    readonly w: number,
    readonly c: number,
    readonly padding: Padding,
  ) {
    this.tmp = new Float32Array(h * w * c);
    this.acc = new Float64Array(w * c);
  }

  /** Blurs src into dst (they may be the same array) with a separable kernel of odd length. */
  blur(src: Float32Array, dst: Float32Array, kernel: Float64Array): void {
    const { h, w, c, tmp, acc } = this;
    const size = kernel.length;
    const r = (size - 1) / 2;
    let t = this.tables.get(size);
    if (!t) {
      t = { xs: tapTable(w, size, this.padding), ys: tapTable(h, size, this.padding) };
      this.tables.set(size, t);
    }
    const { xs, ys } = t;
    const rowLen = w * c;
    // Horizontal pass src → tmp: interior columns read straight through, border columns use the
    // tap table (reflected or zero-padded).
    const lo = Math.min(r, w);
    const hi = Math.max(lo, w - r);
    for (let y = 0; y < h; y++) {
      const row = y * rowLen;
      for (let x = 0; x < w; x++) {
        if (x === lo && hi > lo) {
          x = hi - 1;
          continue;
        }
        const taps = x * size;
        for (let ch = 0; ch < c; ch++) {
          let v = 0;
          for (let k = 0; k < size; k++) {
            const sx = xs[taps + k];
            if (sx >= 0) v += kernel[k] * src[row + sx * c + ch];
          }
          tmp[row + x * c + ch] = v;
        }
      }
      for (let j = row + lo * c, end = row + hi * c; j < end; j++) {
        let v = 0;
        for (let k = 0, s = j - r * c; k < size; k++, s += c) v += kernel[k] * src[s];
        tmp[j] = v;
      }
    }
    // Vertical pass tmp → dst, a whole row at a time.
    for (let y = 0; y < h; y++) {
      acc.fill(0);
      const taps = y * size;
      for (let k = 0; k < size; k++) {
        const sy = ys[taps + k];
        if (sy < 0) continue;
        const wk = kernel[k];
        const base = sy * rowLen;
        for (let j = 0; j < rowLen; j++) acc[j] += wk * tmp[base + j];
      }
      const out = y * rowLen;
      for (let j = 0; j < rowLen; j++) dst[out + j] = acc[j];
    }
  }
}

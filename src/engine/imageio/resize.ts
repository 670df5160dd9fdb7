/**
 * Resizing to the experiment's square size, separably (rows, then columns), from precomputed
 * per-axis index/weight tables so that resizing many images of one size costs a few
 * multiply-adds per pixel.
 *
 * Method, chosen per axis:
 * - **enlarging or same size**: bilinear interpolation with pixel centres aligned
 *   (source position = (i + 0.5) · src/dst − 0.5, clamped at the borders). Same size is the
 *   identity.
 * - **shrinking**: area averaging. Each output pixel is the mean of the source pixels it covers,
 *   weighted by the covered fraction of each. Unlike bilinear, which reads only the two nearest
 *   source pixels, this never skips source pixels, so shrinking a 1024-px photo to 32 px does
 *   not alias thin defects away.
 * Both keep values inside the range of the input (no overshoot, no clamping needed).
 * Non-square images are stretched to the square, never cropped (a crop could cut a defect off).
 */
import { createBatch, type ImageBatch } from '../image';

/** For each output index, the source indices and weights that make it (CSR layout). */
export interface AxisTable {
  readonly srcSize: number;
  readonly dstSize: number;
  /** Output i uses taps `start[i]` ≤ k < `start[i + 1]`. */
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly weight: Float64Array;
}

export function axisTable(srcSize: number, dstSize: number): AxisTable {
  if (!(Number.isInteger(srcSize) && srcSize > 0 && Number.isInteger(dstSize) && dstSize > 0)) {
    throw new RangeError(`cannot resize ${srcSize} → ${dstSize} pixels`);
  }
  const start = new Int32Array(dstSize + 1);
  const index: number[] = [];
  const weight: number[] = [];
  const ratio = srcSize / dstSize;
  for (let i = 0; i < dstSize; i++) {
    start[i] = index.length;
    if (dstSize >= srcSize) {
      // Bilinear.
      let pos = (i + 0.5) * ratio - 0.5;
      if (pos < 0) pos = 0;
      if (pos > srcSize - 1) pos = srcSize - 1;
      const i0 = Math.floor(pos);
      const f = pos - i0;
      if (f === 0 || i0 + 1 >= srcSize) {
        index.push(i0);
        weight.push(1);
      } else {
        index.push(i0, i0 + 1);
        weight.push(1 - f, f);
      }
    } else {
      // Area: output i covers [i·ratio, (i + 1)·ratio) of the source.
      const lo = i * ratio;
      const hi = (i + 1) * ratio;
      const j0 = Math.floor(lo);
      const j1 = Math.min(srcSize, Math.ceil(hi));
      let total = 0;
      const first = index.length;
      for (let j = j0; j < j1; j++) {
        const cover = Math.min(hi, j + 1) - Math.max(lo, j);
        if (cover <= 1e-12) continue;
        index.push(j);
        weight.push(cover);
        total += cover;
      }
      for (let k = first; k < weight.length; k++) weight[k] /= total;
    }
  }
  start[dstSize] = index.length;
  return { srcSize, dstSize, start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/**
 * Per output index of one axis: the first of two neighbouring source indices (`a`, and `a + 1`)
 * and their weights. Only for axes where every output reads at most two neighbouring source
 * pixels (enlarging, same size), and at least two source pixels exist.
 */
interface TwoTap {
  readonly a: Int32Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

function twoTap(t: AxisTable): TwoTap | undefined {
  if (t.srcSize < 2) return undefined;
  const a = new Int32Array(t.dstSize);
  const u = new Float64Array(t.dstSize);
  const v = new Float64Array(t.dstSize);
  for (let i = 0; i < t.dstSize; i++) {
    const k = t.start[i];
    const taps = t.start[i + 1] - k;
    if (taps === 2 && t.index[k + 1] === t.index[k] + 1) {
      a[i] = t.index[k];
      u[i] = t.weight[k];
      v[i] = t.weight[k + 1];
    } else if (taps === 1) {
      // One source pixel j: as the pair (j, j + 1) or, at the last pixel, (j − 1, j).
      const j = t.index[k];
      if (j + 1 < t.srcSize) {
        a[i] = j;
        u[i] = t.weight[k];
      } else {
        a[i] = j - 1;
        v[i] = t.weight[k];
      }
    } else {
      return undefined;
    }
  }
  return { a, u, v };
}

/**
 * A reusable resize from srcH×srcW to dstH×dstW. When each axis reads at most two neighbouring
 * source pixels per output pixel (every enlargement, the usual case), each output pixel is one
 * bilinear blend of a 2 × 2 block, read straight from the source; otherwise the two axes run
 * one after the other (horizontal, then vertical).
 */
export class ResizePlan {
  readonly rows: AxisTable;
  readonly cols: AxisTable;
  private readonly rowTaps: TwoTap | undefined;
  private readonly colTaps: TwoTap | undefined;
  private scratch = new Float64Array(0);
  private byteScratch = new Float32Array(0);

  constructor(
    readonly srcH: number,
    readonly srcW: number,
    readonly dstH: number,
    readonly dstW: number,
  ) {
    this.rows = axisTable(srcH, dstH);
    this.cols = axisTable(srcW, dstW);
    const r = twoTap(this.rows);
    const c = twoTap(this.cols);
    if (r && c) {
      this.rowTaps = r;
      this.colTaps = c;
    }
  }

  /**
   * Resizes one interleaved image of `channels` channels starting at `src[srcOffset]` into
   * `dst[dstOffset ...]`, multiplying every value by `gain`.
   */
  run(src: Float32Array, srcOffset: number, channels: number, dst: Float32Array, dstOffset: number, gain = 1): void {
    const r = this.rowTaps;
    const c = this.colTaps;
    if (r && c) {
      if (channels === 1) blend1Float(src, srcOffset, this.srcW, dst, dstOffset, this.dstW, r, c, 0, this.dstH, 0, this.dstW, gain);
      else blendFloat(src, srcOffset, this.srcW, channels, dst, dstOffset, this.dstH, this.dstW, r, c, gain);
      return;
    }
    this.runSeparable(src, srcOffset, channels, dst, dstOffset, gain);
  }

  /** Like `run`, for 8-bit samples (`gain` 1/255 gives values in [0, 1]). */
  runBytes(src: Uint8Array, srcOffset: number, channels: number, dst: Float32Array, dstOffset: number, gain = 1): void {
    const r = this.rowTaps;
    const c = this.colTaps;
    if (r && c && channels === 1) {
      blend1Bytes(src, srcOffset, this.srcW, dst, dstOffset, this.dstW, r, c, 0, this.dstH, 0, this.dstW, gain);
      return;
    }
    const size = this.srcH * this.srcW * channels;
    if (this.byteScratch.length < size) this.byteScratch = new Float32Array(size);
    const tmp = this.byteScratch;
    for (let i = 0; i < size; i++) tmp[i] = src[srcOffset + i];
    this.run(tmp, 0, channels, dst, dstOffset, gain);
  }

  /**
   * Like `runBytes` for one channel, into a destination that is already zero: only the output
   * pixels that read from the bounding box of the image's non-zero pixels are computed (the
   * others stay 0). Much faster on sparse images such as digits on a black background.
   */
  runBytesSparse(src: Uint8Array, srcOffset: number, dst: Float32Array, dstOffset: number, gain = 1): void {
    const r = this.rowTaps;
    const c = this.colTaps;
    if (!r || !c) {
      this.runBytes(src, srcOffset, 1, dst, dstOffset, gain);
      return;
    }
    const { srcH, srcW } = this;
    let y0 = srcH;
    let y1 = -1;
    let x0 = srcW;
    let x1 = -1;
    for (let y = 0; y < srcH; y++) {
      const row = srcOffset + y * srcW;
      // Only the columns outside the box found so far need looking at.
      let first = 0;
      while (first < x0 && src[row + first] === 0) first++;
      let last = srcW - 1;
      while (last > x1 && src[row + last] === 0) last--;
      let nonZero = first < x0 || last > x1;
      if (!nonZero) for (let x = x0; x <= x1 && !nonZero; x++) nonZero = src[row + x] !== 0;
      if (!nonZero) continue;
      if (y < y0) y0 = y;
      y1 = y;
      if (first < x0) x0 = first;
      if (last > x1) x1 = last;
    }
    if (y1 < 0) return; // all black
    const [oy0, oy1] = outputRange(r, y0, y1);
    const [ox0, ox1] = outputRange(c, x0, x1);
    blend1Bytes(src, srcOffset, srcW, dst, dstOffset, this.dstW, r, c, oy0, oy1 + 1, ox0, ox1 + 1, gain);
  }

  private runSeparable(
    src: Float32Array,
    srcOffset: number,
    channels: number,
    dst: Float32Array,
    dstOffset: number,
    gain: number,
  ): void {
    const { srcH, srcW, dstH, dstW } = this;
    const tmpSize = srcH * dstW * channels;
    if (this.scratch.length < tmpSize) this.scratch = new Float64Array(tmpSize);
    const tmp = this.scratch;
    const cs = this.cols.start;
    const ci = this.cols.index;
    const cw = this.cols.weight;
    // Horizontal pass: srcH × dstW.
    for (let y = 0; y < srcH; y++) {
      const rowIn = srcOffset + y * srcW * channels;
      const rowOut = y * dstW * channels;
      for (let x = 0; x < dstW; x++) {
        const k0 = cs[x];
        const k1 = cs[x + 1];
        for (let ch = 0; ch < channels; ch++) {
          let acc = 0;
          for (let k = k0; k < k1; k++) acc += src[rowIn + ci[k] * channels + ch] * cw[k];
          tmp[rowOut + x * channels + ch] = acc;
        }
      }
    }
    // Vertical pass: dstH × dstW.
    const rs = this.rows.start;
    const ri = this.rows.index;
    const rw = this.rows.weight;
    const rowLen = dstW * channels;
    for (let y = 0; y < dstH; y++) {
      const k0 = rs[y];
      const k1 = rs[y + 1];
      const out = dstOffset + y * rowLen;
      for (let x = 0; x < rowLen; x++) {
        let acc = 0;
        for (let k = k0; k < k1; k++) acc += tmp[ri[k] * rowLen + x] * rw[k];
        dst[out + x] = acc * gain;
      }
    }
  }
}

// The kernels below are separate functions per element type so each stays monomorphic (fast).

function blend1Float(
  src: Float32Array,
  so: number,
  srcW: number,
  dst: Float32Array,
  dof: number,
  dstW: number,
  r: TwoTap,
  c: TwoTap,
  y0: number,
  y1: number,
  x0: number,
  x1: number,
  gain: number,
): void {
  const ra = r.a;
  const ru = r.u;
  const rv = r.v;
  const ca = c.a;
  const cu = c.u;
  const cv = c.v;
  for (let y = y0; y < y1; y++) {
    const a = so + ra[y] * srcW;
    const b = a + srcW;
    const wa = ru[y] * gain;
    const wb = rv[y] * gain;
    const o = dof + y * dstW;
    for (let x = x0; x < x1; x++) {
      const k = ca[x];
      const u = cu[x];
      const v = cv[x];
      dst[o + x] = (src[a + k] * u + src[a + k + 1] * v) * wa + (src[b + k] * u + src[b + k + 1] * v) * wb;
    }
  }
}

function blend1Bytes(
  src: Uint8Array,
  so: number,
  srcW: number,
  dst: Float32Array,
  dof: number,
  dstW: number,
  r: TwoTap,
  c: TwoTap,
  y0: number,
  y1: number,
  x0: number,
  x1: number,
  gain: number,
): void {
  const ra = r.a;
  const ru = r.u;
  const rv = r.v;
  const ca = c.a;
  const cu = c.u;
  const cv = c.v;
  for (let y = y0; y < y1; y++) {
    const a = so + ra[y] * srcW;
    const b = a + srcW;
    const wa = ru[y] * gain;
    const wb = rv[y] * gain;
    const o = dof + y * dstW;
    for (let x = x0; x < x1; x++) {
      const k = ca[x];
      const u = cu[x];
      const v = cv[x];
      dst[o + x] = (src[a + k] * u + src[a + k + 1] * v) * wa + (src[b + k] * u + src[b + k + 1] * v) * wb;
    }
  }
}

function blendFloat(
  src: Float32Array,
  so: number,
  srcW: number,
  channels: number,
  dst: Float32Array,
  dof: number,
  dstH: number,
  dstW: number,
  r: TwoTap,
  c: TwoTap,
  gain: number,
): void {
  const rowIn = srcW * channels;
  for (let y = 0; y < dstH; y++) {
    const a = so + r.a[y] * rowIn;
    const b = a + rowIn;
    const wa = r.u[y] * gain;
    const wb = r.v[y] * gain;
    const o = dof + y * dstW * channels;
    for (let x = 0; x < dstW; x++) {
      const k = c.a[x] * channels;
      const k2 = k + channels;
      const u = c.u[x];
      const v = c.v[x];
      const out = o + x * channels;
      for (let ch = 0; ch < channels; ch++) {
        dst[out + ch] =
          (src[a + k + ch] * u + src[a + k2 + ch] * v) * wa + (src[b + k + ch] * u + src[b + k2 + ch] * v) * wb;
      }
    }
  }
}

/** The output indices [first, last] whose taps touch source indices lo..hi with weight > 0. */
function outputRange(t: TwoTap, lo: number, hi: number): [number, number] {
  let first = t.a.length;
  let last = -1;
  for (let i = 0; i < t.a.length; i++) {
    const a = t.a[i];
    const touches = (t.u[i] > 0 && a >= lo && a <= hi) || (t.v[i] > 0 && a + 1 >= lo && a + 1 <= hi);
    if (touches) {
      if (i < first) first = i;
      last = i;
    }
  }
  return [first, last];
}

const planCache = new Map<string, ResizePlan>();

/** A cached plan for one source and target size (plans are small; the cache is bounded). */
export function resizePlan(srcH: number, srcW: number, dstH: number, dstW: number): ResizePlan {
  const key = `${srcH}x${srcW}>${dstH}x${dstW}`;
  let plan = planCache.get(key);
  if (!plan) {
    if (planCache.size >= 64) planCache.clear();
    plan = new ResizePlan(srcH, srcW, dstH, dstW);
    planCache.set(key, plan);
  }
  return plan;
}

/** Resizes interleaved pixels (h × w × channels) to dstH × dstW; returns a new array. */
export function resizePixels(
  src: Float32Array,
  h: number,
  w: number,
  channels: number,
  dstH: number,
  dstW: number,
  gain = 1,
): Float32Array {
  if (src.length !== h * w * channels) {
    throw new Error(`${src.length} values are not an image of ${h}×${w}×${channels}`);
  }
  const out = new Float32Array(dstH * dstW * channels);
  resizePlan(h, w, dstH, dstW).run(src, 0, channels, out, 0, gain);
  return out;
}

/** Every image of the batch resized to size × size (a copy, even when the size already matches). */
export function resizeBatch(batch: ImageBatch, size: number): ImageBatch {
  const out = createBatch(batch.n, size, size, batch.c);
  const plan = resizePlan(batch.h, batch.w, size, size);
  const inSize = batch.h * batch.w * batch.c;
  const outSize = size * size * batch.c;
  for (let i = 0; i < batch.n; i++) plan.run(batch.data, i * inSize, batch.c, out.data, i * outSize);
  return out;
}

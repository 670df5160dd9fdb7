/** Shared fixtures for the augmentation tests (not a test file itself). */
import { createBatch, type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';

/** Uniform values in [lo, hi) from a fixed seed: a "non-trivial" batch. */
export function randomBatch(n: number, h: number, w: number, c: number, seed = 1, lo = 0.05, hi = 0.95): ImageBatch {
  const rng = new Rng(seed, 'test-images');
  const b = createBatch(n, h, w, c);
  for (let k = 0; k < b.data.length; k++) b.data[k] = rng.uniform(lo, hi);
  return b;
}

export function constantBatch(n: number, h: number, w: number, c: number, value: number): ImageBatch {
  return createBatch(n, h, w, c, new Float32Array(n * h * w * c).fill(value));
}

/** Zeros with a bright square blob in the middle of each image (a crude digit). */
export function blobBatch(n: number, size: number, c: number, seed = 3): ImageBatch {
  const rng = new Rng(seed, 'blob');
  const b = createBatch(n, size, size, c);
  const s = size * size * c;
  for (let i = 0; i < n; i++) {
    const r = 2 + rng.int(Math.max(1, Math.floor(size / 6)));
    const cy = Math.floor(size / 2) + rng.int(3) - 1;
    const cx = Math.floor(size / 2) + rng.int(3) - 1;
    for (let y = cy - r; y <= cy + r; y++) {
      for (let x = cx - r; x <= cx + r; x++) {
        for (let ch = 0; ch < c; ch++) b.data[i * s + (y * size + x) * c + ch] = 0.5 + 0.5 * rng.next();
      }
    }
  }
  return b;
}

/** A batch whose value at (i, y, x, ch) is a unique code, for checking where pixels went. */
export function codedBatch(n: number, h: number, w: number, c: number): ImageBatch {
  const b = createBatch(n, h, w, c);
  for (let k = 0; k < b.data.length; k++) b.data[k] = (k + 1) / (b.data.length + 1);
  return b;
}

export function image(b: ImageBatch, i: number): Float32Array {
  const s = b.h * b.w * b.c;
  return b.data.subarray(i * s, (i + 1) * s);
}

export function sameBytes(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

export function minMax(a: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < a.length; k++) {
    if (a[k] < lo) lo = a[k];
    if (a[k] > hi) hi = a[k];
  }
  return [lo, hi];
}

export function meanVar(a: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  const mean = s / a.length;
  let v = 0;
  for (let k = 0; k < a.length; k++) v += (a[k] - mean) ** 2;
  return { mean, variance: v / a.length };
}

/** The pixels (y, x) of image i where any channel differs between a and b, with their bounding box. */
export function changedRegion(a: ImageBatch, b: ImageBatch, i: number): { count: number; top: number; left: number; bottom: number; right: number } {
  const A = image(a, i);
  const B = image(b, i);
  let count = 0;
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (let y = 0; y < a.h; y++) {
    for (let x = 0; x < a.w; x++) {
      let diff = false;
      for (let ch = 0; ch < a.c; ch++) if (A[(y * a.w + x) * a.c + ch] !== B[(y * a.w + x) * a.c + ch]) diff = true;
      if (diff) {
        count++;
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return { count, top, left, bottom, right };
}

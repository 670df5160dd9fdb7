import assert from 'node:assert/strict';
import { createBatch } from '../../../../src/engine/image';
import { axisTable, resizeBatch, resizePixels, resizePlan } from '../../../../src/engine/imageio/resize';
import { Rng } from '../../../../src/engine/random';

const close = (a: ArrayLike<number>, b: readonly number[], tol = 1e-6): void => {
  assert.equal(a.length, b.length, `length ${a.length} vs ${b.length}`);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol, `[${i}] ${a[i]} vs ${b[i]}`);
};

describe('data: resize', () => {
  it('is the identity at the same size', () => {
    const src = Float32Array.from({ length: 5 * 7 * 3 }, (_, i) => (i % 11) / 10);
    close(resizePixels(src, 5, 7, 3, 5, 7), [...src]);
  });

  it('enlarges bilinearly with aligned pixel centres (1-D: 2 → 4)', () => {
    // Source centres at 0.5 and 1.5 (in source pixels); target centres map to
    // -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    close(resizePixels(Float32Array.from([0, 1]), 1, 2, 1, 1, 4), [0, 0.25, 0.75, 1]);
  });

  it('enlarges bilinearly in 2-D (2×2 → 4×4)', () => {
    const out = resizePixels(Float32Array.from([0, 1, 1, 0]), 2, 2, 1, 4, 4);
    const w = [1, 0.75, 0.25, 0];
    const expected: number[] = [];
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) {
        // f = a(1-u)(1-v) + b u(1-v) + c(1-u)v + d u v with a = d = 0, b = c = 1
        const u = 1 - w[x];
        const v = 1 - w[y];
        expected.push(u * (1 - v) + (1 - u) * v);
      }
    }
    close(out, expected);
  });

  it('shrinks by area averaging (4×4 → 2×2 is the mean of each 2×2 block)', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    close(resizePixels(src, 4, 4, 1, 2, 2), [(1 + 2 + 5 + 6) / 4, (3 + 4 + 7 + 8) / 4, (9 + 10 + 13 + 14) / 4, (11 + 12 + 15 + 16) / 4]);
  });

  it('shrinks by area with fractional coverage (1-D: 3 → 2)', () => {
    // Output 0 covers source [0, 1.5): 1 of pixel 0 and 0.5 of pixel 1.
    close(resizePixels(Float32Array.from([0, 3, 6]), 1, 3, 1, 1, 2), [(0 * 1 + 3 * 0.5) / 1.5, (3 * 0.5 + 6 * 1) / 1.5]);
  });

  it('shrinking a lot reads every source pixel (a one-pixel line survives 64 → 8)', () => {
    const src = new Float32Array(64 * 64);
    for (let y = 0; y < 64; y++) src[y * 64 + 37] = 1; // a thin vertical line
    const out = resizePixels(src, 64, 64, 1, 8, 8);
    // Column 4 covers source columns 32..39: the line contributes 1/8 to every row.
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) assert.ok(Math.abs(out[y * 8 + x] - (x === 4 ? 1 / 8 : 0)) < 1e-6);
    }
  });

  it('axis weights sum to 1 and stay inside the source', () => {
    for (const [s, d] of [[28, 32], [32, 28], [1024, 32], [7, 3], [3, 7], [1, 5], [5, 1], [256, 256]]) {
      const t = axisTable(s, d);
      for (let i = 0; i < d; i++) {
        let sum = 0;
        for (let k = t.start[i]; k < t.start[i + 1]; k++) {
          assert.ok(t.index[k] >= 0 && t.index[k] < s);
          assert.ok(t.weight[k] > 0);
          sum += t.weight[k];
        }
        assert.ok(Math.abs(sum - 1) < 1e-12, `${s}→${d} output ${i}: weights sum to ${sum}`);
      }
    }
  });

  it('keeps a constant image constant and values inside [0, 1]', () => {
    const rng = new Rng(3, 'resize');
    for (const [h, w, d] of [[28, 28, 32], [100, 60, 32], [20, 33, 64], [5, 5, 2]]) {
      const flat = resizePixels(new Float32Array(h * w * 3).fill(0.7), h, w, 3, d, d);
      for (const v of flat) assert.ok(Math.abs(v - 0.7) < 1e-6);
      const noisy = resizePixels(Float32Array.from({ length: h * w }, () => rng.next()), h, w, 1, d, d);
      for (const v of noisy) assert.ok(v >= 0 && v <= 1);
      const ones = resizePixels(new Float32Array(h * w).fill(1), h, w, 1, d, d);
      for (const v of ones) assert.ok(v <= 1, `${v}`);
    }
  });

  it('stretches non-square images to the square, keeping channels apart', () => {
    // 1 × 2 RGB: a red pixel and a blue pixel → 2 × 2.
    const out = resizePixels(Float32Array.from([1, 0, 0, 0, 0, 1]), 1, 2, 3, 2, 2);
    close(out, [1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1]);
  });

  it('runs the byte kernels like the float kernel (bytes, sparse bytes, float)', () => {
    const rng = new Rng(5, 'sparse');
    const n = 20;
    const bytes = new Uint8Array(n * 28 * 28);
    for (let i = 0; i < n; i++) {
      // Sparse images: a random blob, some all black.
      if (i % 7 === 3) continue;
      const x0 = rng.int(20);
      const y0 = rng.int(20);
      for (let y = y0; y < y0 + 8; y++) for (let x = x0; x < x0 + 8; x++) if (rng.bernoulli(0.6)) bytes[i * 784 + y * 28 + x] = rng.int(256);
    }
    const plan = resizePlan(28, 28, 32, 32);
    const a = new Float32Array(n * 1024);
    const b = new Float32Array(n * 1024);
    const c = new Float32Array(n * 1024);
    for (let i = 0; i < n; i++) {
      plan.runBytes(bytes, i * 784, 1, a, i * 1024, 1 / 255);
      plan.runBytesSparse(bytes, i * 784, b, i * 1024, 1 / 255);
      const f = Float32Array.from(bytes.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
      plan.run(f, 0, 1, c, i * 1024);
    }
    assert.deepEqual(b, a);
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - c[i]) < 1e-6);
  });

  it('resizes a whole batch', () => {
    const batch = createBatch(3, 4, 4, 1, Float32Array.from({ length: 48 }, (_, i) => Math.floor(i / 16) / 2));
    const out = resizeBatch(batch, 2);
    assert.equal(out.n, 3);
    assert.equal(out.h, 2);
    close(out.data, [0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1]);
  });
});

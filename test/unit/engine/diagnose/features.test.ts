/**
 * The fixed feature spaces of the alignment diagnostic: deterministic to the byte, the recipe of
 * the module comment (checked against a direct re-implementation), and the 32 × 32 cap.
 */
import { strict as assert } from 'node:assert';
import {
  MAX_FEATURE_SIDE,
  RANDOM_CONV_FILTERS,
  RANDOM_CONV_POOL,
  extractFeatures,
  featureDimension,
  pixelFeatures,
  randomConvFeatures,
  randomConvFilters,
} from '../../../../src/engine/diagnose/features';
import { createBatch, type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';

function randomBatch(n: number, side: number, c: number, seed: number): ImageBatch {
  const rng = new Rng(seed, 'features test');
  return createBatch(n, side, side, c, Float32Array.from({ length: n * side * side * c }, () => (rng.next() < 0.3 ? 0 : rng.next())));
}

function bytes(data: Float32Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/** The recipe, written out the slow way: zero-padded 3 × 3 convolution, ReLU, 4 × 4 mean pooling. */
function naiveRandomConv(batch: ImageBatch): Float32Array {
  const { n, h, w, c } = batch;
  const filters = randomConvFilters(c);
  const ph = Math.ceil(h / RANDOM_CONV_POOL);
  const pw = Math.ceil(w / RANDOM_CONV_POOL);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = (y: number, x: number, ch: number): number => (y < 0 || y >= h || x < 0 || x >= w ? 0 : batch.data[((i * h + y) * w + x) * c + ch]);
    const map = (m: number, y: number, x: number): number => {
      let s = 0;
      for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) for (let ch = 0; ch < c; ch++) s += at(y + dy - 1, x + dx - 1, ch) * filters[((m * 3 + dy) * 3 + dx) * c + ch];
      return Math.max(0, s);
    };
    for (let py = 0; py < ph; py++) {
      for (let px = 0; px < pw; px++) {
        for (let m = 0; m < RANDOM_CONV_FILTERS; m++) {
          let s = 0;
          let count = 0;
          for (let y = py * RANDOM_CONV_POOL; y < Math.min(h, (py + 1) * RANDOM_CONV_POOL); y++) {
            for (let x = px * RANDOM_CONV_POOL; x < Math.min(w, (px + 1) * RANDOM_CONV_POOL); x++) {
              s += map(m, y, x);
              count++;
            }
          }
          out.push(s / count);
        }
      }
    }
  }
  return Float32Array.from(out);
}

describe('diagnosis feature spaces', () => {
  it('randomConv is deterministic: the same images give the same bytes, with filters drawn afresh each time', () => {
    const batch = randomBatch(5, 16, 1, 1);
    const a = randomConvFeatures(batch);
    const b = randomConvFeatures({ ...batch, data: batch.data.slice() });
    assert.equal(bytes(a.data), bytes(b.data));
    assert.equal(bytes(randomConvFilters(3)), bytes(randomConvFilters(3)));
  });

  it('randomConv is each image on its own: an image\'s vector does not depend on the batch around it', () => {
    const batch = randomBatch(6, 12, 3, 2);
    const all = randomConvFeatures(batch);
    const third = randomConvFeatures(createBatch(1, 12, 12, 3, batch.data.slice(2 * 12 * 12 * 3, 3 * 12 * 12 * 3)));
    assert.equal(bytes(third.data), bytes(all.data.slice(2 * all.d, 3 * all.d)));
  });

  it('randomConv follows the recipe: 16 filters 3 × 3 × C, zero padding, ReLU, 4 × 4 mean pooling (border windows partial)', () => {
    for (const [side, c] of [[16, 1], [10, 3], [7, 1]]) {
      const batch = randomBatch(3, side, c, side + c);
      const fast = randomConvFeatures(batch);
      const slow = naiveRandomConv(batch);
      assert.equal(fast.d, Math.ceil(side / 4) ** 2 * RANDOM_CONV_FILTERS);
      assert.equal(fast.d, featureDimension('randomConv', side, c));
      assert.equal(fast.data.length, slow.length);
      for (let k = 0; k < slow.length; k++) assert.ok(Math.abs(fast.data[k] - slow[k]) <= 1e-6, `${side} px × ${c}: value ${k}: ${fast.data[k]} vs ${slow[k]}`);
    }
  });

  it('the filters are N(0, 1/(9·C)) draws of a fixed seed', () => {
    const w = randomConvFilters(3);
    assert.equal(w.length, RANDOM_CONV_FILTERS * 9 * 3);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / (w.length - 1);
    assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 27) < 0.015, `variance ${variance}`);
  });

  it('pixels are the pixel vector, images above 32 × 32 shrunk to 32 × 32 by area averaging', () => {
    const small = randomBatch(2, 16, 3, 4);
    const p = pixelFeatures(small);
    assert.equal(p.d, 16 * 16 * 3);
    assert.equal(bytes(p.data), bytes(small.data));
    assert.notEqual(p.data, small.data, 'a copy, not the images themselves');
    // 64 px: each output pixel is the mean of a 2 × 2 block.
    const big = randomBatch(1, 64, 1, 5);
    const q = pixelFeatures(big);
    assert.equal(q.d, MAX_FEATURE_SIDE * MAX_FEATURE_SIDE);
    assert.equal(featureDimension('pixels', 64, 1), q.d);
    const at = (y: number, x: number) => big.data[y * 64 + x];
    for (const [y, x] of [[0, 0], [5, 17], [31, 31]]) {
      const expected = (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4;
      assert.ok(Math.abs(q.data[y * 32 + x] - expected) < 1e-6);
    }
    assert.equal(randomConvFeatures(big).d, 8 * 8 * RANDOM_CONV_FILTERS);
    assert.equal(extractFeatures('pixels', small).d, p.d);
  });
});

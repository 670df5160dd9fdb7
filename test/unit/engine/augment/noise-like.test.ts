/** mask, noise, blur. */
import assert from 'node:assert/strict';
import { createBatch, type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { applyAugmentation, resolveAugmentation, type AugmentationMode } from '../../../../src/engine/augment';
import { constantBatch, image, meanVar, minMax, randomBatch, sameBytes } from './helpers';

function run(ref: Parameters<typeof resolveAugmentation>[0], b: ImageBatch, seed = 1, mode: AugmentationMode = 'train'): ImageBatch {
  return applyAugmentation(resolveAugmentation(ref), b, new Rng(seed, 'noise-test'), mode);
}

describe('augment: mask', () => {
  it('zeroes about 10 % of the pixels by default, mask-0.3 about 30 %', () => {
    const b = constantBatch(500, 32, 32, 1, 1);
    for (const [ref, p] of [['mask', 0.1], ['mask-0.3', 0.3]] as const) {
      const out = run(ref, b, 2);
      let zeros = 0;
      for (const v of out.data) {
        if (v === 0) zeros++;
        else assert.equal(v, 1);
      }
      const frac = zeros / out.data.length;
      assert.ok(Math.abs(frac - p) < 0.005, `${ref}: ${frac}`);
    }
  });

  it('zeroes all channels of a pixel together and leaves the others unchanged', () => {
    const b = randomBatch(20, 16, 16, 3);
    const out = run('mask-0.5', b, 4);
    for (let q = 0; q < b.data.length / 3; q++) {
      const zeroed = out.data[3 * q] === 0;
      for (let ch = 0; ch < 3; ch++) assert.equal(out.data[3 * q + ch], zeroed ? 0 : b.data[3 * q + ch]);
    }
  });

  it('mask-0 is the identity in training, and refused as an anomaly (it cannot change an image)', () => {
    const b = createBatch(3, 8, 8, 1);
    b.data[10] = 0.7;
    assert.ok(sameBytes(run('mask-0', b).data, b.data));
    assert.throws(() => run('mask-0', b, 1, 'anomaly'), /mask with p 0 leaves images unchanged/);
  });
});

describe('augment: noise', () => {
  it('adds Gaussian noise of mean 0 and std 0.1 (noise-0.2: std 0.2), independent per value', () => {
    const b = constantBatch(1000, 32, 32, 1, 0.5);
    for (const [ref, std] of [['noise', 0.1], ['noise-0.2', 0.2]] as const) {
      const out = run(ref, b, 8);
      const d = out.data.map((v) => v - 0.5);
      const { mean, variance } = meanVar(d);
      assert.ok(Math.abs(mean) < 0.001, `${ref} mean ${mean}`);
      assert.ok(Math.abs(Math.sqrt(variance) - std) < 0.002 * (std / 0.1), `${ref} std ${Math.sqrt(variance)}`);
      // neighbouring values are uncorrelated
      let cov = 0;
      for (let k = 0; k + 1 < d.length; k++) cov += d[k] * d[k + 1];
      assert.ok(Math.abs(cov / (d.length - 1) / variance) < 0.01);
    }
  });

  it('does not clamp (as in the study) unless clip is set', () => {
    const b = constantBatch(10, 16, 16, 3, 0);
    const [lo] = minMax(run('noise', b).data);
    assert.ok(lo < -0.1);
    const [lo2, hi2] = minMax(run({ name: 'noise', params: { clip: true } }, constantBatch(10, 16, 16, 3, 0.95)).data);
    assert.ok(lo2 >= 0 && hi2 <= 1);
  });

  it('noise-0 is the identity, and is refused as an anomaly', () => {
    const b = randomBatch(4, 16, 16, 1);
    assert.ok(sameBytes(run('noise-0', b).data, b.data));
    assert.throws(() => run('noise-0', b, 1, 'anomaly'), /cannot make an anomaly/);
  });
});

describe('augment: blur', () => {
  it('preserves a constant image (reflect padding)', () => {
    for (const c of [1, 3]) {
      for (const ref of ['blur', 'blur-2', { name: 'blur', params: { kernelSize: 9, sigma: 3 } }]) {
        const out = run(ref, constantBatch(20, 32, 32, c, 0.6));
        for (const v of out.data) assert.ok(Math.abs(v - 0.6) < 1e-6, `${JSON.stringify(ref)}: ${v}`);
      }
    }
  });

  it('reduces the variance of a noisy image, more with a larger σ', () => {
    const b = randomBatch(10, 32, 32, 1);
    const v0 = meanVar(b.data).variance;
    const v1 = meanVar(run('blur-0.5', b).data).variance;
    const v2 = meanVar(run('blur-2', b).data).variance;
    assert.ok(v1 < 0.9 * v0 && v2 < v1, `${v0} ${v1} ${v2}`);
    // and keeps the mean
    assert.ok(Math.abs(meanVar(run('blur-2', b).data).mean - meanVar(b.data).mean) < 0.01);
  });

  it('uses the study\'s kernel size: 3 taps at 32 px, 7 at 64 px', () => {
    for (const [size, taps] of [[32, 3], [64, 7]]) {
      const b = createBatch(1, size, size, 1);
      const mid = size / 2;
      b.data[mid * size + mid] = 1;
      const out = run('blur-5', b);
      let left = size;
      let right = -1;
      for (let x = 0; x < size; x++) {
        if (out.data[mid * size + x] > 0) {
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
      assert.equal(right - left + 1, taps, `${size} px`);
    }
  });

  it('with zero padding darkens the border of a constant image', () => {
    const out = run({ name: 'blur', params: { sigma: 1, padding: 'zero' } }, constantBatch(1, 16, 16, 1, 1));
    assert.ok(out.data[0] < 0.9);
    assert.ok(Math.abs(out.data[8 * 16 + 8] - 1) < 1e-6);
  });

  it('a fixed σ does not depend on the seed; the default σ ~ U(0.1, 2) varies per image', () => {
    const b = randomBatch(20, 16, 16, 1);
    assert.ok(sameBytes(run('blur-1.5', b, 1).data, run('blur-1.5', b, 2).data));
    const out = run('blur', b, 1);
    const blurs = new Set<number>();
    for (let i = 0; i < b.n; i++) blurs.add(Math.round(meanVar(image(out, i)).variance * 1e6));
    assert.ok(blurs.size > 15);
  });

  it('as an anomaly uses σ = sigmaMax (2)', () => {
    const b = randomBatch(5, 16, 16, 3);
    assert.ok(sameBytes(run('blur', b, 1, 'anomaly').data, run('blur-2', b).data));
  });
});

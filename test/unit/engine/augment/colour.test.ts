/** invert, color. */
import assert from 'node:assert/strict';
import { type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { applyAugmentation, applyVariant, resolveAugmentation, variantCount, type AugmentationMode } from '../../../../src/engine/augment';
import { rgbToHsv } from '../../../../src/engine/augment/ops/colour';
import { image, maxAbsDiff, randomBatch, sameBytes } from './helpers';

function run(ref: Parameters<typeof resolveAugmentation>[0], b: ImageBatch, seed = 1, mode: AugmentationMode = 'train'): ImageBatch {
  return applyAugmentation(resolveAugmentation(ref), b, new Rng(seed, 'colour-test'), mode);
}

describe('augment: invert', () => {
  it('as an anomaly is 1 − x on every value', () => {
    const b = randomBatch(3, 16, 16, 3);
    const out = run('invert', b, 1, 'anomaly');
    for (let k = 0; k < b.data.length; k++) assert.equal(out.data[k], Math.fround(1 - b.data[k]));
  });

  it('invert ∘ invert is the identity', () => {
    const b = randomBatch(4, 32, 32, 1);
    const twice = run('invert', run('invert', b, 1, 'anomaly'), 1, 'anomaly');
    assert.ok(maxAbsDiff(twice.data, b.data) < 1e-7);
  });

  it('train inverts about half of the images', () => {
    const b = randomBatch(400, 4, 4, 1);
    const out = run('invert', b, 6);
    let n = 0;
    for (let i = 0; i < b.n; i++) if (!sameBytes(image(out, i), image(b, i))) n++;
    assert.ok(n > 160 && n < 240, `${n}`);
    assert.ok(sameBytes(run('invert-0', b).data, b.data));
  });

  it('rotnet variants: 0 unchanged, 1 inverted', () => {
    const aug = resolveAugmentation('invert');
    const b = randomBatch(2, 8, 8, 1);
    assert.equal(variantCount(aug), 2);
    assert.ok(sameBytes(applyVariant(aug, b, 0).data, b.data));
    assert.ok(sameBytes(applyVariant(aug, b, 1).data, run('invert', b, 1, 'anomaly').data));
  });
});

describe('augment: color', () => {
  it('at strength 0 is the identity (byte for byte), for 1 and 3 channels', () => {
    for (const c of [1, 3]) {
      const b = randomBatch(10, 16, 16, c);
      assert.ok(sameBytes(run('color-0', b).data, b.data));
      assert.ok(sameBytes(run({ name: 'color', params: { brightness: 0, contrast: 0, saturation: 0, hue: 0 } }, b).data, b.data));
      assert.throws(() => run('color-0', b, 1, 'anomaly'), /cannot make an anomaly/);
    }
    // hue and saturation alone do nothing to grey images, so they cannot make grey anomalies
    assert.throws(() => run({ name: 'color', params: { brightness: 0, contrast: 0 } }, randomBatch(1, 4, 4, 1), 1, 'anomaly'), /1-channel/);
  });

  it('brightness alone scales each image by one factor in [0.2, 1.8]', () => {
    const b = randomBatch(50, 8, 8, 1, 2, 0.1, 0.5);
    const out = run({ name: 'color', params: { contrast: 0, saturation: 0, hue: 0 } }, b, 3);
    for (let i = 0; i < b.n; i++) {
      const x = image(b, i);
      const y = image(out, i);
      const f = y[0] / x[0];
      assert.ok(f >= 0.2 - 1e-6 && f <= 1.8 + 1e-6, `factor ${f}`);
      for (let k = 0; k < x.length; k++) assert.ok(Math.abs(y[k] - Math.min(1, x[k] * f)) < 1e-5);
    }
  });

  it('contrast alone keeps the mean of a grey image when nothing clips', () => {
    const b = randomBatch(20, 8, 8, 1, 5, 0.4, 0.6);
    const out = run({ name: 'color', params: { brightness: 0, saturation: 0, hue: 0 } }, b, 3);
    for (let i = 0; i < b.n; i++) {
      const m0 = image(b, i).reduce((s, v) => s + v, 0);
      const m1 = image(out, i).reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(m0 - m1) / 64 < 1e-5);
    }
  });

  it('hue alone keeps each pixel\'s value and saturation and changes its hue', () => {
    const b = randomBatch(5, 8, 8, 3);
    const out = run({ name: 'color', params: { brightness: 0, contrast: 0, saturation: 0, hue: 0.5 } }, b, 9, 'anomaly');
    const p = [0, 0, 0];
    const q = [0, 0, 0];
    let hueChanged = 0;
    for (let k = 0; k < b.data.length; k += 3) {
      rgbToHsv(b.data[k], b.data[k + 1], b.data[k + 2], p);
      rgbToHsv(out.data[k], out.data[k + 1], out.data[k + 2], q);
      assert.ok(Math.abs(p[2] - q[2]) < 1e-5, 'value changed');
      assert.ok(Math.abs(p[1] - q[1]) < 1e-4, 'saturation changed');
      if (Math.abs(p[0] - q[0]) > 0.01) hueChanged++;
    }
    assert.equal(hueChanged, b.data.length / 3);
  });

  it('keeps a grey RGB image grey (saturation and hue act on colour only)', () => {
    const g = randomBatch(10, 8, 8, 1);
    const rgb = randomBatch(10, 8, 8, 3);
    for (let k = 0; k < g.data.length; k++) rgb.data.fill(g.data[k], 3 * k, 3 * k + 3);
    const out = run('color', rgb, 4);
    for (let k = 0; k < out.data.length; k += 3) {
      assert.ok(Math.abs(out.data[k] - out.data[k + 1]) < 1e-6 && Math.abs(out.data[k] - out.data[k + 2]) < 1e-6);
    }
  });

  it('color-0.5 halves the strengths; larger strengths change images more', () => {
    const p = resolveAugmentation('color-0.5').params;
    assert.equal(p.strength, 0.5);
    const b = randomBatch(200, 8, 8, 3);
    const change = (ref: string) => {
      const out = run(ref, b, 1);
      let s = 0;
      for (let k = 0; k < b.data.length; k++) s += Math.abs(out.data[k] - b.data[k]);
      return s / b.data.length;
    };
    const weak = change('color-0.2');
    const strong = change('color-1');
    assert.ok(weak > 0 && strong > 2 * weak, `${weak} ${strong}`);
  });

  it('rejects images that are neither 1- nor 3-channel', () => {
    assert.throws(() => run('color', randomBatch(1, 4, 4, 2)), /1- or 3-channel/);
  });
});

/** The shared image operations under the catalogue. */
import assert from 'node:assert/strict';
import { Rng } from '../../../../src/engine/random';
import { flipHorizontal, flipVertical, resizedCrop, rotate, rotateBilinear, rotateQuarter, sampleCropBox, shift } from '../../../../src/engine/augment/ops/geometry';
import { Blurrer, blurKernelSize, gaussianKernel, reflectIndex } from '../../../../src/engine/augment/ops/filter';
import { adjustBrightness, adjustContrast, adjustSaturation, hsvToRgb, rgbToHsv, shiftHue, toGrayscale } from '../../../../src/engine/augment/ops/colour';
import { fillBox, sampleEraseBox, squareBox } from '../../../../src/engine/augment/ops/erase';
import { fillStandardNormal } from '../../../../src/engine/augment/ops/normal';
import { image, meanVar, randomBatch, sameBytes } from './helpers';

const img = (h: number, w: number, c: number, seed = 1) => image(randomBatch(1, h, w, c, seed), 0);

describe('augment ops: geometry', () => {
  it('quarter turns: four make the identity; bilinear 90° agrees with the exact one on a square', () => {
    const a = img(9, 9, 3);
    let x = a;
    for (let k = 0; k < 4; k++) {
      const y = new Float32Array(a.length);
      rotateQuarter(x, y, 9, 9, 3, 1);
      x = y;
    }
    assert.ok(sameBytes(x, a));
    const exact = new Float32Array(a.length);
    const bil = new Float32Array(a.length);
    rotateQuarter(a, exact, 9, 9, 3, 1);
    rotateBilinear(a, bil, 9, 9, 3, 90);
    for (let k = 0; k < a.length; k++) assert.ok(Math.abs(exact[k] - bil[k]) < 1e-6);
    const three = new Float32Array(a.length);
    const minus = new Float32Array(a.length);
    rotateQuarter(a, three, 9, 9, 3, 3);
    rotate(a, minus, 9, 9, 3, -90);
    assert.ok(sameBytes(three, minus));
  });

  it('flips are involutions', () => {
    const a = img(5, 7, 3);
    const b = new Float32Array(a.length);
    const c = new Float32Array(a.length);
    flipVertical(a, b, 5, 7, 3);
    flipVertical(b, c, 5, 7, 3);
    assert.ok(sameBytes(a, c) && !sameBytes(a, b));
    flipHorizontal(a, b, 5, 7, 3);
    flipHorizontal(b, c, 5, 7, 3);
    assert.ok(sameBytes(a, c) && !sameBytes(a, b));
  });

  it('shift moves content and zero-fills; shifting back restores the overlap', () => {
    const a = img(6, 6, 1);
    const b = new Float32Array(36);
    shift(a, b, 6, 6, 1, -2, 1);
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 6; x++) {
        const sy = y - 1;
        const sx = x + 2;
        assert.equal(b[y * 6 + x], sy >= 0 && sx < 6 ? a[sy * 6 + sx] : 0);
      }
    }
    const far = new Float32Array(36);
    shift(a, far, 6, 6, 1, 6, 0);
    assert.ok(far.every((v) => v === 0));
  });

  it('resized crop of the full box is the identity; crop boxes stay inside the image', () => {
    const a = img(12, 10, 3);
    const b = new Float32Array(a.length);
    resizedCrop(a, b, 12, 10, 3, { top: 0, left: 0, height: 12, width: 10 });
    assert.ok(sameBytes(a, b));
    const rng = new Rng(3);
    for (let i = 0; i < 500; i++) {
      const box = sampleCropBox(rng, 12, 10, 0.08, 1, 3 / 4, 4 / 3);
      assert.ok(box.top >= 0 && box.left >= 0 && box.top + box.height <= 12 && box.left + box.width <= 10 && box.height >= 1 && box.width >= 1);
    }
  });
});

describe('augment ops: filter', () => {
  it('kernel size follows 2·(⌊0.1·size⌋ // 2) + 1, at least 3', () => {
    assert.equal(blurKernelSize(32, 32), 3);
    assert.equal(blurKernelSize(28, 28), 3);
    assert.equal(blurKernelSize(64, 64), 7);
    assert.equal(blurKernelSize(256, 256), 25);
    assert.equal(blurKernelSize(8, 8), 3);
  });

  it('Gaussian kernels are normalised and symmetric', () => {
    const k = gaussianKernel(1.3, 7);
    assert.ok(Math.abs(k.reduce((s, v) => s + v, 0) - 1) < 1e-12);
    for (let i = 0; i < 3; i++) assert.equal(k[i], k[6 - i]);
    assert.throws(() => gaussianKernel(1, 4));
  });

  it('reflect padding mirrors without repeating the edge', () => {
    assert.deepEqual([-3, -2, -1, 0, 4, 5, 6, 7].map((i) => reflectIndex(i, 5)), [3, 2, 1, 0, 4, 3, 2, 1]);
    assert.equal(reflectIndex(-7, 1), 0);
  });

  it('blurring in place equals blurring into another array, also with kernels wider than the image', () => {
    const a = img(5, 6, 3);
    for (const size of [3, 9, 15]) {
      const blurrer = new Blurrer(5, 6, 3, 'reflect');
      const out = new Float32Array(a.length);
      const k = gaussianKernel(2, size);
      blurrer.blur(a, out, k);
      const inPlace = a.slice();
      blurrer.blur(inPlace, inPlace, k);
      assert.ok(sameBytes(out, inPlace));
      assert.ok(meanVar(out).variance < meanVar(a).variance);
    }
  });
});

describe('augment ops: colour', () => {
  it('RGB → HSV → RGB round-trips', () => {
    const rng = new Rng(2);
    const hsv = [0, 0, 0];
    const rgb = [0, 0, 0];
    for (let i = 0; i < 1000; i++) {
      const [r, g, b] = [rng.next(), rng.next(), rng.next()];
      rgbToHsv(r, g, b, hsv);
      hsvToRgb(hsv[0], hsv[1], hsv[2], rgb);
      assert.ok(Math.abs(rgb[0] - r) < 1e-9 && Math.abs(rgb[1] - g) < 1e-9 && Math.abs(rgb[2] - b) < 1e-9);
    }
  });

  it('shiftHue agrees with a shift done through rgbToHsv / hsvToRgb, and a full turn is the identity', () => {
    const a = img(4, 4, 3);
    const b = a.slice();
    shiftHue(b, 3, 0.3);
    const hsv = [0, 0, 0];
    const rgb = [0, 0, 0];
    for (let k = 0; k < a.length; k += 3) {
      rgbToHsv(a[k], a[k + 1], a[k + 2], hsv);
      hsvToRgb(hsv[0] + 0.3, hsv[1], hsv[2], rgb);
      for (let ch = 0; ch < 3; ch++) assert.ok(Math.abs(b[k + ch] - rgb[ch]) < 1e-6);
    }
    const c = a.slice();
    shiftHue(c, 3, 0.5);
    shiftHue(c, 3, 0.5);
    for (let k = 0; k < a.length; k++) assert.ok(Math.abs(c[k] - a[k]) < 1e-5);
  });

  it('brightness, contrast and saturation at factor 1 are the identity; results stay in [0, 1]', () => {
    const a = img(6, 6, 3);
    const b = a.slice();
    adjustBrightness(b, 1);
    adjustContrast(b, 3, 1);
    adjustSaturation(b, 3, 1);
    for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-7);
    adjustBrightness(b, 3);
    adjustContrast(b, 3, 3);
    adjustSaturation(b, 3, 3);
    for (const v of b) assert.ok(v >= 0 && v <= 1);
    const g = a.slice();
    toGrayscale(g, 3);
    for (let k = 0; k < g.length; k += 3) assert.ok(g[k] === g[k + 1] && g[k] === g[k + 2]);
    const s = a.slice();
    adjustSaturation(s, 3, 0);
    for (let k = 0; k < s.length; k++) assert.ok(Math.abs(s[k] - g[k]) < 1e-6);
  });
});

describe('augment ops: erase and noise', () => {
  it('erase boxes are strictly inside the image and fill writes only the box', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 500; i++) {
      const box = sampleEraseBox(rng, 20, 30, { minArea: 0.02, maxArea: 0.9, minAspect: 0.3, maxAspect: 3.3 });
      assert.ok(box.height < 20 && box.width < 30 && box.top + box.height <= 20 && box.left + box.width <= 30);
    }
    const sq = squareBox(rng, 10, 10, 0.16);
    assert.deepEqual([sq.height, sq.width], [4, 4]);
    const a = new Float32Array(100).fill(1);
    fillBox(a, 10, 1, { top: 2, left: 3, height: 2, width: 4 }, 0);
    assert.equal(a.filter((v) => v === 0).length, 8);
    assert.equal(a[2 * 10 + 3], 0);
    assert.equal(a[2 * 10 + 7], 1);
  });

  it('standard normal samples have mean 0, variance 1 and a normal tail', () => {
    const z = new Float64Array(400001);
    fillStandardNormal(new Rng(5), z);
    const { mean, variance } = meanVar(z);
    assert.ok(Math.abs(mean) < 0.01 && Math.abs(variance - 1) < 0.01);
    const beyond2 = z.filter((v) => Math.abs(v) > 2).length / z.length;
    assert.ok(Math.abs(beyond2 - 0.0455) < 0.003, `${beyond2}`);
  });
});

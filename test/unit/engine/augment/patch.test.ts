/** cutout, cutpaste, cp-scar. */
import assert from 'node:assert/strict';
import { type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { applyAugmentation, resolveAugmentation, type AugmentationMode } from '../../../../src/engine/augment';
import { changedRegion, constantBatch, image, randomBatch, sameBytes } from './helpers';

function run(ref: Parameters<typeof resolveAugmentation>[0], b: ImageBatch, seed = 1, mode: AugmentationMode = 'train'): ImageBatch {
  return applyAugmentation(resolveAugmentation(ref), b, new Rng(seed, 'patch-test'), mode);
}

/** The erased box of image i of a constant-1 input: one full rectangle of zeros. */
function erasedBox(out: ImageBatch, i: number): { height: number; width: number; count: number } {
  const ones = constantBatch(1, out.h, out.w, out.c, 1);
  const img = image(out, i);
  const r = changedRegion(ones, { ...out, n: 1, data: img }, 0);
  for (const v of img) assert.ok(v === 0 || v === 1);
  const height = r.bottom - r.top + 1;
  const width = r.right - r.left + 1;
  assert.equal(r.count, height * width, 'the erased pixels are not one rectangle');
  return { height, width, count: r.count };
}

describe('augment: cutout', () => {
  it('erases one box of area 2–33 % and aspect 0.3–3.3 (measured on constant-1 images)', () => {
    for (const size of [32, 64]) {
      const out = run('cutout', constantBatch(500, size, size, 1, 1), 3);
      let minA = 1;
      let maxA = 0;
      for (let i = 0; i < out.n; i++) {
        const { height, width, count } = erasedBox(out, i);
        const area = count / (size * size);
        const aspect = height / width;
        // bounds widened only by rounding the sides to whole pixels
        const slack = (height + width) / 2 / (size * size) + 1 / (size * size);
        assert.ok(area >= 0.02 - slack && area <= 0.33 + slack, `area ${area} at ${size} px`);
        assert.ok(aspect >= 0.3 * (1 - 1 / Math.min(height, width)) - 1e-9 && aspect <= 3.3 / (1 - 1 / Math.min(height, width)) + 1e-9, `aspect ${aspect}`);
        assert.ok(height < size && width < size);
        minA = Math.min(minA, area);
        maxA = Math.max(maxA, area);
      }
      assert.ok(minA < 0.05 && maxA > 0.28, `areas span [${minA}, ${maxA}]`);
    }
  });

  it('cutout-0.2 erases a square of area fraction 0.2 (side 14 at 32 px)', () => {
    const out = run('cutout-0.2', constantBatch(50, 32, 32, 3, 1), 2);
    for (let i = 0; i < out.n; i++) {
      const { height, width } = erasedBox(out, i);
      assert.equal(height, 14);
      assert.equal(width, 14);
    }
  });

  it('fills with `fill`, and p = 0 erases nothing', () => {
    const b = randomBatch(10, 16, 16, 1);
    const out = run({ name: 'cutout', params: { fill: 0.5, area: 0.25 } }, b);
    for (let i = 0; i < b.n; i++) {
      const r = changedRegion(b, out, i);
      assert.equal(r.count, 64); // a square of 8 × 8
      for (let y = r.top; y <= r.bottom; y++) for (let x = r.left; x <= r.right; x++) assert.equal(image(out, i)[y * 16 + x], 0.5);
    }
    assert.ok(sameBytes(run({ name: 'cutout', params: { p: 0 } }, b).data, b.data));
  });

  it("as an anomaly erases one box per image, as RandomErasing(p=1): a box that misses the content changes nothing", () => {
    // Images that are 0 except one bright pixel: a random box usually misses it.
    const b = constantBatch(50, 32, 32, 1, 0);
    for (let i = 0; i < b.n; i++) b.data[i * 1024 + ((i * 37) % 1024)] = 1;
    const out = run('cutout', b, 5, 'anomaly');
    let changed = 0;
    for (let i = 0; i < b.n; i++) {
      const diff = image(out, i).filter((v, k) => v !== image(b, i)[k]).length;
      assert.ok(diff <= 1, `image ${i}: ${diff} values changed`);
      changed += diff;
    }
    assert.ok(changed > 0 && changed < b.n, `${changed} of ${b.n} images changed`);
  });
});

describe('augment: cutpaste', () => {
  it('changes one rectangle of area at most 15 % (plus rounding), pasting values of the same image', () => {
    const b = randomBatch(200, 32, 32, 1);
    const out = run({ name: 'cutpaste', params: { jitter: 0 } }, b, 4);
    for (let i = 0; i < b.n; i++) {
      const r = changedRegion(b, out, i);
      if (r.count === 0) continue;
      const boxArea = (r.bottom - r.top + 1) * (r.right - r.left + 1);
      assert.ok(boxArea <= 0.15 * 1024 + 40, `changed box ${boxArea} px`);
      const src = new Set(image(b, i));
      for (const v of image(out, i)) assert.ok(src.has(v), 'a pasted value does not come from the image');
    }
  });

  it('jitters the patch (values not from the image) with jitter 0.1, keeping the region bounded', () => {
    const b = randomBatch(100, 32, 32, 3);
    const out = run('cutpaste', b, 4);
    let foreign = 0;
    for (let i = 0; i < b.n; i++) {
      const r = changedRegion(b, out, i);
      assert.ok((r.bottom - r.top + 1) * (r.right - r.left + 1) <= 0.15 * 1024 + 40);
      const src = new Set(image(b, i));
      if (image(out, i).some((v) => !src.has(v))) foreign++;
    }
    assert.ok(foreign > 90);
  });

  it('cutpaste-0.05 fixes the patch area', () => {
    const b = randomBatch(100, 32, 32, 1);
    const out = run({ name: 'cutpaste-0.05', params: { jitter: 0 } }, b, 2);
    for (let i = 0; i < b.n; i++) {
      const r = changedRegion(b, out, i);
      if (r.count > 0) assert.ok((r.bottom - r.top + 1) * (r.right - r.left + 1) <= 0.05 * 1024 + 12);
    }
  });
});

describe('augment: cp-scar', () => {
  it('changes a bounded thin region: at most 24 × 15 px (plus rotation rounding), inside the rotated box', () => {
    const b = randomBatch(200, 64, 64, 3);
    const out = run('cp-scar', b, 7);
    let changed = 0;
    for (let i = 0; i < b.n; i++) {
      const r = changedRegion(b, out, i);
      if (r.count === 0) continue;
      changed++;
      assert.ok(r.count <= 24 * 15 * 1.25, `${r.count} px changed`);
      // a 24 × 15 rectangle rotated by ≤ 45° fits in ⌈(24 + 15)/√2⌉ + 2 = 30 px
      assert.ok(r.bottom - r.top + 1 <= 30 && r.right - r.left + 1 <= 30, 'changed region too large');
    }
    assert.ok(changed > 190);
  });

  it('without rotation or jitter, pastes an upright length × thickness rectangle of the image\'s own values', () => {
    const b = randomBatch(100, 64, 64, 1);
    const out = run({ name: 'cp-scar', params: { maxAngle: 0, jitter: 0 } }, b, 3);
    for (let i = 0; i < b.n; i++) {
      const r = changedRegion(b, out, i);
      if (r.count === 0) continue;
      const height = r.bottom - r.top + 1;
      const width = r.right - r.left + 1;
      assert.ok(height <= 24 && width <= 15, `${height} × ${width}`);
      const src = new Set(image(b, i));
      for (const v of image(out, i)) assert.ok(src.has(v));
    }
  });

  it('clamps the scar to small images', () => {
    const out = run('cp-scar', randomBatch(20, 8, 8, 1), 1, 'anomaly');
    assert.equal(out.h, 8);
  });
});

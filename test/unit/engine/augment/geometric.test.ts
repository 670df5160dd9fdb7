/** rotate, flip, geom, crop. */
import assert from 'node:assert/strict';
import { createBatch, type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { applyAugmentation, applyVariant, resolveAugmentation, variantCount, type AugmentationMode } from '../../../../src/engine/augment';
import { codedBatch, constantBatch, image, maxAbsDiff, randomBatch, sameBytes } from './helpers';

function run(ref: Parameters<typeof resolveAugmentation>[0], b: ImageBatch, seed = 1, mode: AugmentationMode = 'train'): ImageBatch {
  return applyAugmentation(resolveAugmentation(ref), b, new Rng(seed, 'geometric-test'), mode);
}

/** Index of the value at (y, x, ch) in a single h×w×c image. */
const at = (b: ImageBatch, y: number, x: number, ch = 0) => image(b, 0)[(y * b.w + x) * b.c + ch];

describe('augment: rotate', () => {
  it('by 90° moves the top-right corner to the top-left (counter-clockwise)', () => {
    const b = codedBatch(1, 5, 5, 1);
    const out = run({ name: 'rotate', params: { angles: [90] } }, b);
    assert.equal(at(out, 0, 0), at(b, 0, 4));
    assert.equal(at(out, 4, 0), at(b, 0, 0));
    assert.equal(at(out, 4, 4), at(b, 4, 0));
    assert.equal(at(out, 2, 2), at(b, 2, 2));
  });

  it('by −90° moves the top-left corner to the top-right (clockwise), and undoes 90°', () => {
    const b = codedBatch(1, 5, 5, 3);
    const out = run({ name: 'rotate', params: { angles: [-90] } }, b);
    for (let ch = 0; ch < 3; ch++) {
      assert.equal(at(out, 0, 4, ch), at(b, 0, 0, ch));
      assert.equal(at(out, 4, 4, ch), at(b, 0, 4, ch));
      assert.equal(at(out, 0, 0, ch), at(b, 4, 0, ch));
      assert.equal(at(out, 1, 3, ch), at(b, 1, 1, ch));
    }
    const back = run({ name: 'rotate', params: { angles: [-90] } }, run({ name: 'rotate', params: { angles: [90] } }, b));
    assert.ok(sameBytes(back.data, b.data));
  });

  it('four 90° rotations are the identity, for 1 and 3 channels', () => {
    for (const c of [1, 3]) {
      const b = randomBatch(5, 32, 32, c);
      let x = b;
      for (let k = 0; k < 4; k++) x = run({ name: 'rotate', params: { angles: [90] } }, x, k);
      assert.ok(sameBytes(x.data, b.data));
      // and a single 90° turn is not
      assert.ok(!sameBytes(run({ name: 'rotate', params: { angles: [90] } }, b).data, b.data));
    }
  });

  it('−90° equals 270°, and 180° works exactly on non-square images', () => {
    const b = randomBatch(3, 32, 32, 3);
    assert.ok(sameBytes(run({ name: 'rotate', params: { angles: [-90] } }, b).data, run({ name: 'rotate', params: { angles: [270] } }, b).data));
    const r = codedBatch(1, 4, 6, 1);
    const out = run({ name: 'rotate', params: { angles: [180] } }, r);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 6; x++) assert.equal(at(out, y, x), at(r, 3 - y, 5 - x));
  });

  it('train draws each angle of the default set {−90, 0, 90, 180}, identity included', () => {
    const b = randomBatch(200, 16, 16, 1);
    const out = run('rotate', b, 9);
    const counts = [0, 0, 0, 0];
    const candidates = [-90, 0, 90, 180].map((a) => run({ name: 'rotate', params: { angles: [a] } }, b));
    for (let i = 0; i < b.n; i++) {
      const k = candidates.findIndex((cand) => sameBytes(image(cand, i), image(out, i)));
      assert.ok(k >= 0, `image ${i} is not one of the four rotations`);
      counts[k]++;
    }
    for (const n of counts) assert.ok(n > 25 && n < 75, `counts ${counts}`);
  });

  it('as an anomaly never draws 0° (nor 360°)', () => {
    const b = randomBatch(100, 16, 16, 1);
    const out = run({ name: 'rotate', params: { angles: [0, 360, 90] } }, b, 4, 'anomaly');
    const r90 = run({ name: 'rotate', params: { angles: [90] } }, b);
    assert.ok(sameBytes(out.data, r90.data));
    assert.throws(() => run({ name: 'rotate', params: { angles: [0, -360] } }, b, 1, 'anomaly'), /non-zero|multiple of 360/);
  });

  it('arbitrary angles are bilinear with zero fill, in range', () => {
    const b = constantBatch(1, 32, 32, 1, 1);
    const out = run({ name: 'rotate', params: { angles: [45] } }, b);
    assert.equal(at(out, 0, 0), 0); // corner comes from outside the image
    assert.ok(Math.abs(at(out, 16, 16) - 1) < 1e-6);
    for (const v of out.data) assert.ok(v >= 0 && v <= 1 + 1e-6);
  });

  it('90° on a non-square image keeps the shape (zero fill)', () => {
    const b = constantBatch(1, 20, 30, 1, 1);
    const out = run({ name: 'rotate', params: { angles: [90] } }, b);
    assert.deepEqual([out.h, out.w], [20, 30]);
    assert.equal(at(out, 10, 0), 0);
  });

  it('rotnet variants: one per angle, variant k rotates by angles[k]', () => {
    const aug = resolveAugmentation('rotate');
    assert.equal(variantCount(aug), 4);
    const b = randomBatch(3, 16, 16, 3);
    [-90, 0, 90, 180].forEach((a, k) => {
      assert.ok(sameBytes(applyVariant(aug, b, k).data, run({ name: 'rotate', params: { angles: [a] } }, b).data));
    });
    assert.throws(() => applyVariant(aug, b, 4), /variants 0\.\.3/);
    assert.equal(variantCount(resolveAugmentation({ name: 'rotate', params: { angles: [0, 90, 180, 270, 45] } })), 5);
  });
});

describe('augment: flip', () => {
  it('as an anomaly turns every image upside down (rows reversed)', () => {
    const b = codedBatch(2, 6, 4, 3);
    const out = run('flip', b, 1, 'anomaly');
    for (let y = 0; y < 6; y++) for (let x = 0; x < 4; x++) for (let ch = 0; ch < 3; ch++) {
      assert.equal(at(out, y, x, ch), at(b, 5 - y, x, ch));
    }
  });

  it('flip ∘ flip is the identity', () => {
    const b = randomBatch(4, 32, 32, 3);
    assert.ok(sameBytes(run('flip', run('flip', b, 1, 'anomaly'), 1, 'anomaly').data, b.data));
    const h = { name: 'flip', params: { axis: 'horizontal' } };
    assert.ok(sameBytes(run(h, run(h, b, 1, 'anomaly'), 1, 'anomaly').data, b.data));
  });

  it('horizontal axis mirrors columns', () => {
    const b = codedBatch(1, 3, 5, 1);
    const out = run({ name: 'flip', params: { axis: 'horizontal' } }, b, 1, 'anomaly');
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) assert.equal(at(out, y, x), at(b, y, 4 - x));
  });

  it('train flips about half of the images (p = 0.5), none with p = 0 and all with p = 1', () => {
    const b = randomBatch(400, 8, 8, 1);
    const flipped = run('flip', b, 1, 'anomaly');
    const count = (out: ImageBatch) => {
      let n = 0;
      for (let i = 0; i < b.n; i++) {
        if (sameBytes(image(out, i), image(flipped, i))) n++;
        else assert.ok(sameBytes(image(out, i), image(b, i)));
      }
      return n;
    };
    const half = count(run('flip', b, 3));
    assert.ok(half > 160 && half < 240, `${half} of 400 flipped`);
    assert.equal(count(run('flip-0', b, 3)), 0);
    assert.equal(count(run('flip-1', b, 3)), 400);
  });

  it('rotnet variants: 0 unchanged, 1 flipped', () => {
    const aug = resolveAugmentation('flip');
    const b = randomBatch(2, 8, 8, 1);
    assert.equal(variantCount(aug), 2);
    assert.ok(sameBytes(applyVariant(aug, b, 0).data, b.data));
    assert.ok(sameBytes(applyVariant(aug, b, 1).data, run('flip', b, 1, 'anomaly').data));
  });
});

describe('augment: geom', () => {
  it('has the 72 GEOM variants (2 flips × 3 × 3 shifts × 4 angles), pairwise distinct', () => {
    const aug = resolveAugmentation('geom');
    assert.equal(variantCount(aug), 72);
    const b = randomBatch(1, 16, 16, 1);
    const outs = Array.from({ length: 72 }, (_, k) => applyVariant(aug, b, k).data);
    for (let i = 0; i < 72; i++) for (let j = i + 1; j < 72; j++) assert.ok(!sameBytes(outs[i], outs[j]), `variants ${i} and ${j} equal`);
    assert.throws(() => applyVariant(aug, b, 72));
  });

  it('a shift moves content by 25 % of the side with zero fill', () => {
    // angles [0] → 18 variants; k = 3 is no flip, dx = +8, dy = 0 at 32 px.
    const aug = resolveAugmentation({ name: 'geom', params: { angles: [0] } });
    assert.equal(variantCount(aug), 18);
    const b = randomBatch(1, 32, 32, 1);
    const out = applyVariant(aug, b, 3);
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) assert.equal(at(out, y, x), x < 8 ? 0 : at(b, y, x - 8));
    }
  });

  it('train outputs are always one of the 72 combinations', () => {
    const aug = resolveAugmentation('geom');
    const b = randomBatch(30, 16, 16, 1);
    const out = run('geom', b, 5);
    const all = Array.from({ length: 72 }, (_, k) => applyVariant(aug, b, k));
    for (let i = 0; i < b.n; i++) {
      const found = sameBytes(image(out, i), image(b, i)) || all.some((v) => sameBytes(image(v, i), image(out, i)));
      assert.ok(found, `image ${i} is not a GEOM combination`);
    }
  });

  it('with shift 0 and angle 0 only, train is a horizontal flip or nothing; as an anomaly always the flip', () => {
    const b = randomBatch(50, 8, 8, 3);
    const ref = { name: 'geom', params: { shift: 0, angles: [0] } };
    const mirrored = run({ name: 'flip', params: { axis: 'horizontal' } }, b, 1, 'anomaly');
    assert.ok(sameBytes(run(ref, b, 2, 'anomaly').data, mirrored.data));
    const out = run(ref, b, 2);
    for (let i = 0; i < b.n; i++) assert.ok(sameBytes(image(out, i), image(b, i)) || sameBytes(image(out, i), image(mirrored, i)));
  });
});

describe('augment: crop', () => {
  it('a crop of a constant image is constant', () => {
    for (const c of [1, 3]) {
      const out = run('crop', constantBatch(50, 32, 32, c, 0.37), 3);
      for (const v of out.data) assert.ok(Math.abs(v - 0.37) < 1e-6, `${v}`);
    }
  });

  it('with scale fixed at 1 it is the identity (the box is the whole image)', () => {
    const b = randomBatch(20, 32, 32, 3);
    assert.ok(sameBytes(run({ name: 'crop', params: { minScale: 1, maxScale: 1 } }, b, 3).data, b.data));
  });

  it('zooms in: a small crop of a left/right split image shows one side more', () => {
    // The left half is 0 and the right half 1; a crop of scale ≤ 0.1 is mostly one of the two.
    const b = createBatch(100, 32, 32, 1);
    for (let k = 0; k < b.data.length; k++) b.data[k] = (k % 32) >= 16 ? 1 : 0;
    const out = run({ name: 'crop', params: { minScale: 0.08, maxScale: 0.1 } }, b, 5);
    let extreme = 0;
    for (let i = 0; i < b.n; i++) {
      const mean = image(out, i).reduce((s, v) => s + v, 0) / 1024;
      if (mean < 0.25 || mean > 0.75) extreme++;
    }
    assert.ok(extreme > 30, `${extreme} of 100 crops mostly one side`);
  });

  it('crop-0.5 sets the minimum scale, and as an anomaly the box is never the whole image', () => {
    assert.equal(resolveAugmentation('crop-0.5').params.minScale, 0.5);
    const b = randomBatch(40, 16, 16, 1);
    const out = run({ name: 'crop', params: { minScale: 1, maxScale: 1 } }, b, 1, 'anomaly');
    for (let i = 0; i < b.n; i++) assert.ok(maxAbsDiff(image(out, i), image(b, i)) > 0);
  });
});

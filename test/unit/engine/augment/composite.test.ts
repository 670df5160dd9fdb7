/** simclr. */
import assert from 'node:assert/strict';
import { type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { applyAugmentation, resolveAugmentation, type AugmentationMode } from '../../../../src/engine/augment';
import { constantBatch, image, meanVar, randomBatch, sameBytes } from './helpers';

function run(ref: Parameters<typeof resolveAugmentation>[0], b: ImageBatch, seed = 1, mode: AugmentationMode = 'train'): ImageBatch {
  return applyAugmentation(resolveAugmentation(ref), b, new Rng(seed, 'simclr-test'), mode);
}

const OFF = { minScale: 1, flipP: 0, jitterP: 0, grayP: 0, blurP: 0 };

describe('augment: simclr', () => {
  it('with every component switched off it is the identity', () => {
    for (const c of [1, 3]) {
      const b = randomBatch(10, 32, 32, c);
      assert.ok(sameBytes(run({ name: 'simclr', params: OFF }, b).data, b.data));
    }
  });

  it('flip only mirrors the image horizontally', () => {
    const b = randomBatch(5, 16, 16, 3);
    const out = run({ name: 'simclr', params: { ...OFF, flipP: 1 } }, b);
    const mirrored = run({ name: 'flip', params: { axis: 'horizontal' } }, b, 1, 'anomaly');
    assert.ok(sameBytes(out.data, mirrored.data));
  });

  it('grayscale (p = 1) makes RGB images grey and leaves 1-channel images alone', () => {
    const rgb = run({ name: 'simclr', params: { ...OFF, grayP: 1 } }, randomBatch(5, 16, 16, 3));
    for (let k = 0; k < rgb.data.length; k += 3) {
      assert.equal(rgb.data[k], rgb.data[k + 1]);
      assert.equal(rgb.data[k], rgb.data[k + 2]);
    }
    const grey = randomBatch(5, 16, 16, 1);
    assert.ok(sameBytes(run({ name: 'simclr', params: { ...OFF, grayP: 1 } }, grey).data, grey.data));
  });

  it('the blur keeps a constant image constant and the crop keeps it constant too', () => {
    const out = run('simclr', constantBatch(20, 32, 32, 1, 0.5), 2);
    for (let i = 0; i < out.n; i++) {
      const { variance } = meanVar(image(out, i));
      assert.ok(variance < 1e-10, `image ${i} is not constant`);
    }
  });

  it('the default view changes (nearly) every image and stays in range', () => {
    const b = randomBatch(50, 32, 32, 3);
    const out = run('simclr', b, 3);
    let changed = 0;
    for (let i = 0; i < b.n; i++) if (!sameBytes(image(out, i), image(b, i))) changed++;
    assert.ok(changed >= 49);
    assert.equal(resolveAugmentation('simclr-0.5').params.strength, 0.5);
  });
});

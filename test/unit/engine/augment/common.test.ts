/** Properties every catalogue augmentation must have, checked for each of the 14. */
import assert from 'node:assert/strict';
import { createBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { listAugmentations, resolveAugmentation, type AugmentationMode } from '../../../../src/engine/augment';
import { blobBatch, image, minMax, randomBatch, sameBytes } from './helpers';

const CATALOGUE_NAMES = ['none', 'rotate', 'flip', 'geom', 'crop', 'mask', 'noise', 'blur', 'invert', 'color', 'cutout', 'cutpaste', 'cp-scar', 'simclr'];
const MODES: AugmentationMode[] = ['train', 'anomaly'];
/** Anomaly modes that draw nothing: the same for every seed. */
const SEED_FREE_ANOMALY = ['flip', 'invert', 'blur'];
/** Random boxes and pastes: one draw may fall on background and change nothing (the testbed can redraw). */
const DRAWS_MAY_MISS = new Set(['mask', 'cutout', 'cutpaste', 'cp-scar']);

describe('augment: properties of every catalogue function', () => {
  it('the catalogue has exactly the 14 functions of the study', () => {
    const names = listAugmentations().map((d) => d.name).filter((n) => CATALOGUE_NAMES.includes(n));
    assert.deepEqual(names, CATALOGUE_NAMES);
  });

  for (const name of CATALOGUE_NAMES) {
    describe(name, () => {
      const aug = resolveAugmentation(name);
      const apply = (b: ReturnType<typeof randomBatch>, seed: number, mode: AugmentationMode) =>
        aug.definition.apply(b, aug.params, new Rng(seed, 'aug', name), mode);

      for (const c of [1, 3]) {
        for (const mode of MODES) {
          it(`${mode}, ${c} channel(s): same shape, a new buffer, finite values${name === 'noise' ? '' : ' in [0, 1]'}`, () => {
            const input = randomBatch(12, 32, 32, c);
            const out = apply(input, 7, mode);
            assert.deepEqual([out.n, out.h, out.w, out.c], [12, 32, 32, c]);
            assert.ok(out.data instanceof Float32Array);
            assert.equal(out.data.length, input.data.length);
            assert.notEqual(out.data.buffer, input.data.buffer);
            for (const v of out.data) assert.ok(Number.isFinite(v), `non-finite value ${v}`);
            if (name !== 'noise') {
              const [lo, hi] = minMax(out.data);
              assert.ok(lo >= 0 && hi <= 1, `range [${lo}, ${hi}]`);
            }
          });

          it(`${mode}, ${c} channel(s): deterministic under a seed, different under another`, () => {
            const input = randomBatch(16, 32, 32, c);
            const a = apply(input, 11, mode);
            const b = apply(input, 11, mode);
            assert.ok(sameBytes(a.data, b.data), 'same seed gave different bytes');
            const other = apply(input, 12, mode);
            if (name === 'none' || (mode === 'anomaly' && SEED_FREE_ANOMALY.includes(name))) {
              assert.ok(sameBytes(a.data, other.data), 'a seed-free transform depended on the seed');
            } else {
              assert.ok(!sameBytes(a.data, other.data), 'another seed gave identical bytes');
            }
          });

          it(`${mode}, ${c} channel(s): never modifies its input`, () => {
            const input = randomBatch(8, 32, 32, c);
            const before = input.data.slice();
            apply(input, 5, mode);
            assert.ok(sameBytes(input.data, before));
          });
        }

        if (name === 'none') {
          it(`${c} channel(s): is the identity in both modes`, () => {
            const input = randomBatch(4, 32, 32, c);
            for (const mode of MODES) assert.ok(sameBytes(apply(input, 1, mode).data, input.data));
          });
        } else {
          it(`anomaly, ${c} channel(s): changes every non-trivial image`, () => {
            const input = randomBatch(64, 32, 32, c, 21);
            const out = apply(input, 3, 'anomaly');
            for (let i = 0; i < input.n; i++) assert.ok(!sameBytes(image(out, i), image(input, i)), `image ${i} unchanged`);
          });

          if (DRAWS_MAY_MISS.has(name)) {
            it(`anomaly, ${c} channel(s): one draw per image, as the study's testbed, so a digit-like image may stay unchanged`, () => {
              const input = blobBatch(64, 32, c);
              const out = apply(input, 4, 'anomaly');
              let changed = 0;
              for (let i = 0; i < input.n; i++) if (!sameBytes(image(out, i), image(input, i))) changed++;
              assert.ok(changed >= input.n / 2 && changed <= input.n, `${changed} of ${input.n} changed`);
            });
          } else {
            it(`anomaly, ${c} channel(s): changes every digit-like image (mostly zeros)`, () => {
              const input = blobBatch(64, 32, c);
              const out = apply(input, 4, 'anomaly');
              for (let i = 0; i < input.n; i++) assert.ok(!sameBytes(image(out, i), image(input, i)), `image ${i} unchanged`);
            });
          }
        }
      }

      it('works on non-square images and other sizes', () => {
        for (const [h, w, c] of [[24, 40, 3], [17, 17, 1], [64, 64, 1], [40, 24, 1]]) {
          const input = randomBatch(3, h, w, c);
          for (const mode of MODES) {
            const out = apply(input, 2, mode);
            assert.deepEqual([out.n, out.h, out.w, out.c], [3, h, w, c]);
            for (const v of out.data) assert.ok(Number.isFinite(v));
          }
        }
      });

      it('accepts an empty batch', () => {
        const out = apply(createBatch(0, 32, 32, 1), 1, 'train');
        assert.equal(out.n, 0);
        assert.equal(out.data.length, 0);
      });
    });
  }
});

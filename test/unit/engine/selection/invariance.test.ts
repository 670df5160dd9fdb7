import * as assert from 'node:assert/strict';
import { dsv } from '../../../../src/engine/selection/dsv';
import type { Embeddings } from '../../../../src/engine/selection/embeddings';
import { meanDistance } from '../../../../src/engine/selection/meanDistance';
import { add, assertRelative, axis, cloud, exactOrthogonal, randomOrthogonal, scene, shuffleRows, transform, type Equal } from './reference';

type Criterion = (zn: Embeddings, za: Embeddings, zt: Embeddings) => Record<string, number>;

/** The embedding criteria and the figures each returns: every invariance holds for all of them. */
const CRITERIA: ReadonlyArray<{ name: string; fn: Criterion; keys: readonly string[] }> = [
  { name: 'DSV', fn: dsv as unknown as Criterion, keys: ['value', 'discordance', 'separability'] },
  { name: 'mean distance', fn: meanDistance as unknown as Criterion, keys: ['value', 'toNormal', 'toAugmented', 'nearerAugmented'] },
];

// Both take exactly three sets of embeddings: no labels can reach them.
const dsvTakesNoLabels: Equal<Parameters<typeof dsv>, [Embeddings, Embeddings, Embeddings]> = true;
const meanDistanceTakesNoLabels: Equal<Parameters<typeof meanDistance>, [Embeddings, Embeddings, Embeddings]> = true;

for (const { name, fn, keys } of CRITERIA) {
  describe(`selection: ${name} invariances`, () => {
    it('is unchanged by a common rotation of the embedding space (1e-9 relative)', () => {
      for (const seed of [11, 12]) {
        const { zn, zt, c1, rng } = scene(seed);
        const za = cloud(rng, 30, add(c1, axis(16, 5, 1)), 0.7, true);
        const q = exactOrthogonal(16, rng);
        const before = fn(zn, za, zt);
        const after = fn(transform(zn, q), transform(za, q), transform(zt, q));
        for (const key of keys) assertRelative(after[key], before[key], 1e-9, `seed ${seed} ${key}`);
      }
    });

    it('is unchanged by a generic random rotation, up to the Float32 rounding of the rotated rows', () => {
      const { zn, zt, c1, rng } = scene(13);
      const za = cloud(rng, 30, c1, 0.7);
      const q = randomOrthogonal(16, rng);
      const before = fn(zn, za, zt);
      const after = fn(transform(zn, q), transform(za, q), transform(zt, q));
      for (const key of keys) assertRelative(after[key], before[key], 1e-5, key);
    });

    it('is unchanged by shuffling the rows of Zt (and of Zn and Za): it sees sets, never labels', () => {
      const { zn, zt, c1, rng } = scene(21);
      const za = cloud(rng, 30, c1, 0.7, true);
      const before = fn(zn, za, zt);
      for (let rep = 0; rep < 3; rep++) {
        const shuffled = fn(zn, za, shuffleRows(zt, rng));
        const all = fn(shuffleRows(zn, rng), shuffleRows(za, rng), shuffleRows(zt, rng));
        for (const key of keys) {
          assertRelative(shuffled[key], before[key], 1e-12, `Zt shuffled ${key}`);
          assertRelative(all[key], before[key], 1e-12, `all shuffled ${key}`);
        }
      }
      assert.ok(dsvTakesNoLabels && meanDistanceTakesNoLabels);
      assert.equal(fn.length, 3);
    });
  });
}

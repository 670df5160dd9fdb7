import * as assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/random';
import { concatRows, type Embeddings } from '../../../src/engine/selection/embeddings';
import { MEAN_DISTANCE_BETTER, MEAN_DISTANCE_SINGLE_CENTRE, meanDistance } from '../../../src/engine/selection/meanDistance';
import {
  add,
  assertRelative,
  axis,
  cloud,
  criteriaReference,
  type Equal,
  exactOrthogonal,
  fixtureEmbeddings,
  randomOrthogonal,
  shuffleRows,
  transform,
} from './reference';


const KEYS = ['value', 'toNormal', 'toAugmented', 'nearerAugmented'] as const;

function scene(seed: number, d = 16): { zn: Embeddings; zt: Embeddings; c0: number[]; c1: number[]; rng: Rng } {
  const rng = new Rng(seed, 'selection-scene');
  const c0 = axis(d, 0, 3);
  const c1 = add(c0, axis(d, 1, 3));
  const zn = cloud(rng, 50, c0, 0.5, true);
  const zt = concatRows(cloud(rng, 40, c0, 0.5, true), cloud(rng, 10, c1, 0.5, true));
  return { zn, zt, c0, c1, rng };
}

describe('selection: mean distance', () => {
  it(`matches the NumPy reference on ${criteriaReference.cases.length} fixed sets`, () => {
    for (const c of criteriaReference.cases) {
      const result = meanDistance(fixtureEmbeddings(c.normal, c.d), fixtureEmbeddings(c.augmented, c.d), fixtureEmbeddings(c.test, c.d));
      for (const key of KEYS) assertRelative(result[key], c.meanDistance[key], 1e-9, `${c.name} ${key}`);
    }
  });

  it('is lower-is-better with 1/2 for a lone centre at the test mean', () => {
    assert.equal(MEAN_DISTANCE_BETTER, 'lower');
    const { zn, zt } = scene(1);
    // Za sitting exactly on the test mean, and Zn on it too: every row is credited to that centre.
    const mean = Array.from({ length: zt.d }, (_, k) => {
      let s = 0;
      for (let i = 0; i < zt.n; i++) s += zt.data[i * zt.d + k];
      return s / zt.n;
    });
    const atMean: Embeddings = { n: 1, d: zt.d, data: Float32Array.from(mean) };
    assertRelative(meanDistance(atMean, atMean, zt).value, MEAN_DISTANCE_SINGLE_CENTRE, 1e-6, 'lone centre');
    assert.ok(meanDistance(zn, atMean, zt).value <= MEAN_DISTANCE_SINGLE_CENTRE);
  });

  it('Za on top of Zt, or on the test anomalies, scores better than Za far from the test set', () => {
    for (const seed of [1, 2, 3]) {
      const { zn, zt, c0, c1, rng } = scene(seed);
      const onTop = meanDistance(zn, zt, zt).value;
      const aligned = meanDistance(zn, cloud(rng, 30, c1, 0.5, true), zt).value;
      const farResults = [c0.map((v) => -v), axis(16, 2, 30)].map((c) => meanDistance(zn, cloud(rng, 30, c, 0.5, true), zt));
      for (const far of farResults) {
        assert.ok(onTop < far.value && aligned < far.value, `seed ${seed}: ${onTop}, ${aligned} vs ${far.value}`);
        // Far away, no test row is credited to Za: the value is what the normals alone leave.
        assert.equal(far.nearerAugmented, 0);
        assert.equal(far.value, far.toNormal);
      }
      assert.ok(onTop <= MEAN_DISTANCE_SINGLE_CENTRE);
      assert.ok(aligned < onTop, `seed ${seed}: the anomalies' own centre explains the most`);
    }
  });

  it('reads the anomaly rate off an aligned augmentation', () => {
    const { zn, zt, c1, rng } = scene(4);
    assert.equal(meanDistance(zn, cloud(rng, 30, c1, 0.5, true), zt).nearerAugmented, 10 / 50);
  });

  it('is unchanged by a common rotation of the embedding space (1e-9 relative)', () => {
    for (const seed of [11, 12]) {
      const { zn, zt, c1, rng } = scene(seed);
      const za = cloud(rng, 30, add(c1, axis(16, 5, 1)), 0.7, true);
      const q = exactOrthogonal(16, rng);
      const before = meanDistance(zn, za, zt);
      const after = meanDistance(transform(zn, q), transform(za, q), transform(zt, q));
      for (const key of KEYS) assertRelative(after[key], before[key], 1e-9, `seed ${seed} ${key}`);
    }
  });

  it('is unchanged by a generic random rotation, up to the Float32 rounding of the rotated rows', () => {
    const { zn, zt, c1, rng } = scene(13);
    const za = cloud(rng, 30, c1, 0.7);
    const q = randomOrthogonal(16, rng);
    const before = meanDistance(zn, za, zt);
    const after = meanDistance(transform(zn, q), transform(za, q), transform(zt, q));
    for (const key of KEYS) assertRelative(after[key], before[key], 1e-5, key);
  });

  it('is unchanged by a common translation and uniform scaling (each encoder has its own scale)', () => {
    const { zn, zt, c1, rng } = scene(14);
    const za = cloud(rng, 30, c1, 0.7, true);
    const before = meanDistance(zn, za, zt);
    const moved = (e: Embeddings): Embeddings => ({ ...e, data: e.data.map((v, i) => 4 * v + (i % e.d) - 2) });
    const after = meanDistance(moved(zn), moved(za), moved(zt));
    for (const key of KEYS) assertRelative(after[key], before[key], 1e-9, key);
  });

  it('is unchanged by shuffling the rows of Zt (and of Zn and Za): it sees sets, never labels', () => {
    const { zn, zt, c1, rng } = scene(21);
    const za = cloud(rng, 30, c1, 0.7, true);
    const before = meanDistance(zn, za, zt);
    for (let rep = 0; rep < 3; rep++) {
      const shuffled = meanDistance(zn, za, shuffleRows(zt, rng));
      const all = meanDistance(shuffleRows(zn, rng), shuffleRows(za, rng), shuffleRows(zt, rng));
      for (const key of KEYS) {
        assertRelative(shuffled[key], before[key], 1e-12, `Zt shuffled ${key}`);
        assertRelative(all[key], before[key], 1e-12, `all shuffled ${key}`);
      }
    }
    const takesNoLabels: Equal<Parameters<typeof meanDistance>, [Embeddings, Embeddings, Embeddings]> = true;
    assert.ok(takesNoLabels);
    assert.equal(meanDistance.length, 3);
  });

  it('is NaN when the test rows are one point, and rejects empty or mismatched sets', () => {
    const { zn } = scene(41);
    const point: Embeddings = { n: 3, d: 16, data: new Float32Array(48).fill(0.5) };
    for (const key of KEYS) assert.ok(Number.isNaN(meanDistance(zn, zn, point)[key]), key);
    assert.throws(() => meanDistance(zn, zn, { n: 0, d: 16, data: new Float32Array(0) }), /test set is empty/);
    assert.throws(() => meanDistance(zn, { n: 1, d: 3, data: new Float32Array(3) }, zn), /dimension 3/);
  });
});

import * as assert from 'node:assert/strict';
import type { Embeddings } from '../../../../src/engine/selection/embeddings';
import { MEAN_DISTANCE_BETTER, MEAN_DISTANCE_SINGLE_CENTRE, meanDistance } from '../../../../src/engine/selection/meanDistance';
import {
  assertRelative,
  axis,
  cloud,
  criteriaReference,
  fixtureEmbeddings,
  scene,
} from './reference';

const KEYS = ['value', 'toNormal', 'toAugmented', 'nearerAugmented'] as const;

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

  it('is unchanged by a common translation and uniform scaling (each encoder has its own scale)', () => {
    const { zn, zt, c1, rng } = scene(14);
    const za = cloud(rng, 30, c1, 0.7, true);
    const before = meanDistance(zn, za, zt);
    const moved = (e: Embeddings): Embeddings => ({ ...e, data: e.data.map((v, i) => 4 * v + (i % e.d) - 2) });
    const after = meanDistance(moved(zn), moved(za), moved(zt));
    for (const key of KEYS) assertRelative(after[key], before[key], 1e-9, key);
  });

  it('is NaN when the test rows are one point, and rejects empty or mismatched sets', () => {
    const { zn } = scene(41);
    const point: Embeddings = { n: 3, d: 16, data: new Float32Array(48).fill(0.5) };
    for (const key of KEYS) assert.ok(Number.isNaN(meanDistance(zn, zn, point)[key]), key);
    assert.throws(() => meanDistance(zn, zn, { n: 0, d: 16, data: new Float32Array(0) }), /test set is empty/);
    assert.throws(() => meanDistance(zn, { n: 1, d: 3, data: new Float32Array(3) }, zn), /dimension 3/);
  });
});

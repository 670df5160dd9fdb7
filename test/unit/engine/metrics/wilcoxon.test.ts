import * as assert from 'node:assert/strict';
import { MetricInputError, normalSf, wilcoxonSignedRank } from '../../../../src/engine/metrics';
import { midRankTails, signedRankCounts, subsetSumCounts } from '../../../../src/engine/metrics/signedRankDistribution';
import { chooseMethod } from '../../../../src/engine/metrics/wilcoxon';
import { assertClose, assertCloseRelative, wilcoxonReference as reference } from './reference';

describe('metrics: wilcoxonSignedRank against scipy.stats.wilcoxon', () => {
  it(`reference generated with SciPy ${reference.versions.scipy} (1.15 or later), every method covered`, () => {
    const [major, minor] = reference.versions.scipy.split('.').map(Number);
    assert.ok(major > 1 || minor >= 15, 'the fixture must come from a SciPy with the permutation branch of method="auto"');
    for (const method of ['exact', 'permutation', 'asymptotic']) {
      const cases = reference.wilcoxon.filter((c) => 'method' in c.expected && c.expected.method === method);
      assert.ok(cases.length >= 5, `${cases.length} ${method} cases`);
    }
  });

  for (const c of reference.wilcoxon) {
    const e = c.expected;
    if ('allZero' in e || 'scipyNan' in e) {
      it(`${c.name}: throws (SciPy answers ${'allZero' in e ? String(e.scipyPValue ?? 'NaN') : 'NaN'})`, () => {
        assert.throws(() => wilcoxonSignedRank(c.x, c.y), MetricInputError);
      });
      continue;
    }
    it(`${c.name}: statistic, p-value, n and method match`, () => {
      const result = wilcoxonSignedRank(c.x, c.y);
      assertClose(result.statistic, e.statistic, `${c.name} statistic`);
      assertCloseRelative(result.pValue, e.pValue, `${c.name} p-value`);
      assert.equal(result.n, e.n, `${c.name} n`);
      assert.equal(result.zeros, e.zeros, `${c.name} zeros`);
      assert.equal(result.method, e.method, `${c.name} method`);
    });
  }

  it('five positive differences and one zero: the permutation test gives 0.0625 (SciPy 1.10 gave 0.043)', () => {
    const result = wilcoxonSignedRank([1, 2, 3, 4, 5, 0]);
    assert.equal(result.method, 'permutation');
    assert.equal(result.pValue, 0.0625);
    assert.equal(result.n, 5);
    assert.equal(result.zeros, 1);
  });

  it("chooses the method by SciPy's 'auto' rule, counting zeros in the sample size", () => {
    assert.equal(chooseMethod(50, 0, false), 'exact');
    assert.equal(chooseMethod(51, 0, false), 'asymptotic');
    assert.equal(chooseMethod(13, 1, false), 'permutation');
    assert.equal(chooseMethod(13, 0, true), 'permutation');
    assert.equal(chooseMethod(14, 1, false), 'asymptotic');
    assert.equal(chooseMethod(14, 0, true), 'asymptotic');
    assert.equal(chooseMethod(2, 0, false), 'exact');
  });

  it('is the same test on x, y as on the differences x − y', () => {
    const x = [0.91, 0.85, 0.88, 0.79, 0.95, 0.83];
    const y = [0.9, 0.8, 0.9, 0.7, 0.93, 0.8];
    assert.deepEqual(wilcoxonSignedRank(x, y), wilcoxonSignedRank(x.map((v, i) => v - y[i])));
  });

  it('is symmetric: swapping x and y changes neither statistic nor p-value', () => {
    const x = [3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5, 5.8, 9.7];
    const y = [2, 7, 1, 8, 2.8, 1.8, 2.9, 4, 5, 9.1, 0.5, 2.2];
    const a = wilcoxonSignedRank(x, y);
    const b = wilcoxonSignedRank(y, x);
    assert.equal(a.statistic, b.statistic);
    assert.equal(a.pValue, b.pValue);
  });

  it('names the bad input in its errors', () => {
    assert.throws(() => wilcoxonSignedRank([]), /empty/);
    assert.throws(() => wilcoxonSignedRank([1, 2], [1]), /2 entries.*1/);
    assert.throws(() => wilcoxonSignedRank([1, NaN, 2]), /index 1 is NaN/);
    assert.throws(() => wilcoxonSignedRank([1, 2], [0, Infinity]), /y value at index 1 is Infinity/);
    assert.throws(() => wilcoxonSignedRank([1e308], [-1e308]), /difference.*index 0/);
    assert.throws(() => wilcoxonSignedRank([0.5, 0.5], [0.5, 0.5]), /all 2 differences are zero/);
  });
});

describe('metrics: signed-rank null distributions', () => {
  it('counts every subset once: 2^m in all, the exact distribution for ranks 1..n', () => {
    const counts = subsetSumCounts([2, 2, 5, 6]);
    assert.equal(counts.reduce((a, b) => a + b, 0), 16);
    assert.deepEqual(Array.from(signedRankCounts(3)), [1, 1, 1, 2, 1, 1, 1]);
    assert.deepEqual(Array.from(subsetSumCounts([1, 2, 3])), Array.from(signedRankCounts(3)));
  });

  it('puts a statistic equal to the observed one in both tails, within the permutation tolerance', () => {
    // Mid-ranks 1.5, 1.5, 3: sums 0, 1.5, 1.5, 3, 3, 4.5, 4.5, 6.
    assert.deepEqual(midRankTails([1.5, 1.5, 3], 3), { lower: 5 / 8, upper: 5 / 8 });
    assert.deepEqual(midRankTails([1.5, 1.5, 3], 3 * (1 + 4 * Number.EPSILON)), { lower: 5 / 8, upper: 5 / 8 });
    assert.deepEqual(midRankTails([1.5, 1.5, 3], 3.001), { lower: 5 / 8, upper: 3 / 8 });
  });
});

describe('metrics: normalSf against scipy.stats.norm.sf', () => {
  for (const { z, sf } of reference.normalSf) {
    it(`z = ${z}`, () => {
      assertCloseRelative(normalSf(z), sf, `sf(${z})`);
      assertClose(normalSf(-z), 1 - sf, `sf(${-z})`, 1e-15);
    });
  }
});

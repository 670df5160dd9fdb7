import * as assert from 'node:assert/strict';
import { MetricInputError, normalSf, wilcoxonSignedRank } from '../../../src/engine/metrics';
import { assertClose, assertCloseRelative, reference } from './reference';

describe('metrics: wilcoxonSignedRank against scipy.stats.wilcoxon', () => {
  it(`reference generated with SciPy ${reference.versions.scipy}`, () => {
    assert.ok(reference.wilcoxon.length >= 20);
  });

  for (const c of reference.wilcoxon) {
    const e = c.expected;
    if ('scipyRaises' in e || 'scipyNan' in e) {
      it(`${c.name}: throws where SciPy ${'scipyNan' in e ? 'returns NaN' : 'raises'}`, () => {
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
      // null: SciPy's exact and approximate answers coincide here, so its choice is unobservable.
      if (e.method !== null) assert.equal(result.method, e.method, `${c.name} method`);
    });
  }

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

describe('metrics: normalSf against scipy.stats.norm.sf', () => {
  for (const { z, sf } of reference.normalSf) {
    it(`z = ${z}`, () => {
      assertCloseRelative(normalSf(z), sf, `sf(${z})`);
      assertClose(normalSf(-z), 1 - sf, `sf(${-z})`, 1e-15);
    });
  }
});

import * as assert from 'node:assert/strict';
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, bootstrapMeanCi, meanStd, MetricInputError, percentile } from '../../../../src/engine/metrics';
import { Rng } from '../../../../src/engine/random';

describe('metrics: bootstrapMeanCi (percentile bootstrap of a mean)', () => {
  it('percentile interpolates linearly between ranks, as numpy.percentile does by default', () => {
    // numpy.percentile([1, 2, 3, 4], 25) = 1.75; ([1, 2, 3, 4, 5], 97.5) = 4.9; ([0.1, 0.4, 0.5], 2.5) = 0.115.
    assert.equal(percentile([1, 2, 3, 4], 25), 1.75);
    assert.ok(Math.abs(percentile([1, 2, 3, 4, 5], 97.5) - 4.9) < 1e-12);
    assert.ok(Math.abs(percentile([0.1, 0.4, 0.5], 2.5) - 0.115) < 1e-12);
    assert.equal(percentile([7], 50), 7);
    assert.equal(percentile([1, 2], 0), 1);
    assert.equal(percentile([1, 2], 100), 2);
  });

  it('a small case computed by hand: [0, 0, 0, 1] gives the interval [0, 0.75]', () => {
    // A resample's mean is k/4 with k ~ Binomial(4, 1/4): P(k = 0) = 81/256 ≈ 31.6 % (so the 2.5th
    // percentile is 0), P(k ≤ 2) = 243/256 ≈ 94.9 % and P(k ≤ 3) = 255/256 ≈ 99.6 % (so the 97.5th
    // falls among the means 3/4: about 25 standard errors inside that block with 10,000 resamples).
    const ci = bootstrapMeanCi([0, 0, 0, 1]);
    assert.equal(ci.low, 0);
    assert.equal(ci.high, 0.75);
  });

  it('a second hand case: [0, 1] gives [0, 1] (a quarter of the resamples at each end)', () => {
    const ci = bootstrapMeanCi([0, 1]);
    assert.equal(ci.low, 0);
    assert.equal(ci.high, 1);
  });

  it('records its level, resamples and seed', () => {
    const ci = bootstrapMeanCi([0.01, 0.03, -0.02, 0.04]);
    assert.equal(ci.level, 0.95);
    assert.equal(ci.resamples, BOOTSTRAP_RESAMPLES);
    assert.equal(ci.seed, BOOTSTRAP_SEED);
    const other = bootstrapMeanCi([0.01, 0.03, -0.02, 0.04], { level: 0.9, resamples: 500, seed: 3 });
    assert.deepEqual([other.level, other.resamples, other.seed], [0.9, 500, 3]);
  });

  it('contains the mean of symmetric data, about equally far on both sides', () => {
    const values = [-0.04, -0.02, -0.01, 0, 0.01, 0.02, 0.04].map((v) => v + 0.3);
    const mean = meanStd(values).mean;
    const ci = bootstrapMeanCi(values);
    assert.ok(ci.low < mean && mean < ci.high, `${ci.low} < ${mean} < ${ci.high}`);
    const below = mean - ci.low;
    const above = ci.high - mean;
    assert.ok(Math.abs(below - above) < 0.15 * (below + above), `${below} vs ${above}`);
  });

  it('collapses to the value when every difference is the same', () => {
    const ci = bootstrapMeanCi(Array(9).fill(0.0125));
    assert.equal(ci.low, ci.high);
    assert.ok(Math.abs(ci.low - 0.0125) < 1e-15);
  });

  it('is deterministic: the same values give the same interval, another seed another one', () => {
    const values = [0.012, -0.004, 0.031, 0.008, 0.0, 0.017, -0.011, 0.022];
    assert.deepEqual(bootstrapMeanCi(values), bootstrapMeanCi([...values]));
    assert.notDeepEqual(bootstrapMeanCi(values, { seed: 1 }), bootstrapMeanCi(values));
  });

  it('covers the true mean of normal data close to 95 % of the time', function () {
    this.timeout(60_000);
    const trials = 1000;
    const n = 30;
    const rng = new Rng(11, 'coverage');
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const values = Array.from({ length: n }, () => rng.normal(0.02, 0.05));
      const ci = bootstrapMeanCi(values, { resamples: 1000, seed: t });
      if (ci.low <= 0.02 && 0.02 <= ci.high) covered++;
    }
    // The percentile interval of a mean runs slightly short at n = 30 (about 94 %); 1,000 trials
    // estimate coverage to about ±0.7 % (one standard error).
    const coverage = covered / trials;
    assert.ok(coverage > 0.92 && coverage < 0.975, `coverage ${coverage}`);
  });

  it('rejects fewer than 2 values, non-finite values and levels outside (0, 1)', () => {
    assert.throws(() => bootstrapMeanCi([0.1]), MetricInputError);
    assert.throws(() => bootstrapMeanCi([]), /0 values/);
    assert.throws(() => bootstrapMeanCi([0.1, NaN]), /index 1 is NaN/);
    assert.throws(() => bootstrapMeanCi([0.1, 0.2], { level: 1 }), /level/);
    assert.throws(() => bootstrapMeanCi([0.1, 0.2], { resamples: 0 }), /resamples/);
  });
});

import { MetricInputError } from './errors';
import { normalSf } from './normal';
import { midRanks } from './ranks';
import { signedRankTails } from './signedRankDistribution';
import type { WilcoxonResult } from './types';
import { assertFinite, assertNonEmpty, assertSameLength } from './validate';

/**
 * Largest number of differences for which the exact distribution is used, as in SciPy: the
 * exact tail is cheap well beyond it, but results must agree with the reference implementation.
 */
export const EXACT_MAX_N = 50;

/**
 * Two-sided Wilcoxon signed-rank test of paired samples (on x − y, or on x itself when y is
 * omitted), reproducing `scipy.stats.wilcoxon(x, y)` with its defaults (zero_method='wilcox',
 * correction=False, alternative='two-sided', method='auto') as SciPy 1.10 computes it:
 *
 * - Method: `exact` when there are at most 50 differences and none is zero; otherwise `approx`.
 *   Ties among |d| do not by themselves switch to `approx` (SciPy 1.10 does not check for them).
 * - Zeros (`approx` only): zero differences are dropped before ranking ('wilcox'); n counts the
 *   rest.
 * - Ranks: mid-ranks of |d|; R⁺ and R⁻ sum the ranks of positive and negative differences, and
 *   the statistic is min(R⁺, R⁻).
 * - `exact`: p = 2·min(P(R⁺ ≤ r), P(R⁺ ≥ r)) under the exact null distribution of n untied ranks,
 *   capped at 1, and exactly 1 when r is the centre ⌊n(n+1)/4⌋ of that distribution. With tied
 *   |d| the mid-rank sum R⁺ may end in .5; r is then R⁺ truncated to an integer, as SciPy does.
 * - `approx`: z = (T − n(n+1)/4) / σ with σ² = [n(n+1)(2n+1) − ½ Σ t(t² − 1)] / 24 over tie groups
 *   of size t, no continuity correction, and p = 2·P(Z > |z|).
 *
 * @throws MetricInputError on empty input (SciPy answers NaN), mismatched lengths, non-finite
 * values, or when every difference is zero (SciPy raises: no rank is left to test).
 */
export function wilcoxonSignedRank(x: ArrayLike<number>, y?: ArrayLike<number>): WilcoxonResult {
  const metric = 'wilcoxonSignedRank';
  if (y !== undefined) assertSameLength(x.length, y.length, metric, 'x', 'y');
  assertNonEmpty(x.length, metric);
  assertFinite(x, metric, 'x value');
  if (y !== undefined) assertFinite(y, metric, 'y value');

  const differences = Array.from({ length: x.length }, (_, i) => (y === undefined ? x[i] : x[i] - y[i]));
  // Two huge finite values of opposite sign can still subtract to ±Infinity.
  assertFinite(differences, metric, 'difference x − y');

  const zeros = differences.filter((d) => d === 0).length;
  const method: WilcoxonResult['method'] = differences.length <= EXACT_MAX_N && zeros === 0 ? 'exact' : 'approx';
  if (zeros === differences.length) {
    throw new MetricInputError(`${metric}: all ${zeros} differences are zero; the signed-rank test has nothing to rank`);
  }
  const d = method === 'approx' ? differences.filter((v) => v !== 0) : differences;
  const n = d.length;

  const { ranks, tieSizes } = midRanks(d.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  for (let i = 0; i < n; i++) {
    if (d[i] > 0) rPlus += ranks[i];
    else if (d[i] < 0) rMinus += ranks[i];
  }
  const statistic = Math.min(rPlus, rMinus);

  if (method === 'exact') {
    const r = Math.trunc(rPlus);
    const centre = Math.floor((n * (n + 1)) / 4);
    if (r === centre) return { statistic, pValue: 1, n, zeros, method };
    const { lower, upper } = signedRankTails(n, r);
    return { statistic, pValue: Math.min(1, 2 * Math.min(lower, upper)), n, zeros, method };
  }

  const mean = (n * (n + 1)) / 4;
  let variance24 = n * (n + 1) * (2 * n + 1);
  let tieCorrection = 0;
  for (const t of tieSizes) tieCorrection += t * (t * t - 1);
  variance24 -= 0.5 * tieCorrection;
  const sigma = Math.sqrt(variance24 / 24);
  const z = (statistic - mean) / sigma;
  return { statistic, pValue: 2 * normalSf(Math.abs(z)), n, zeros, method };
}

import { MetricInputError } from './errors';
import { normalSf } from './normal';
import { midRanks } from './ranks';
import { midRankTails, signedRankTails } from './signedRankDistribution';
import type { WilcoxonResult } from './types';
import { assertFinite, assertNonEmpty, assertSameLength } from './validate';

/** Above this many differences (zeros included) SciPy's 'auto' goes straight to the normal approximation. */
export const EXACT_MAX_N = 50;

/**
 * Up to this many differences (zeros included) SciPy's 'auto' answers ties or zeros with an
 * exhaustive permutation test: 2¹³ sign patterns stay under its default 9,999 resamples.
 */
export const PERMUTATION_MAX_N = 13;

/**
 * Two-sided Wilcoxon signed-rank test of paired samples (on x − y, or on x itself when y is
 * omitted), reproducing `scipy.stats.wilcoxon(x, y)` with its defaults (zero_method='wilcox',
 * correction=False, alternative='two-sided', method='auto') as SciPy 1.15 and later compute it
 * (the reference fixture comes from SciPy 1.17):
 *
 * - Zeros: zero differences are dropped before ranking; n counts the rest.
 * - Ranks: mid-ranks of the non-zero |d|; R⁺ and R⁻ sum the ranks of positive and negative
 *   differences, and the reported statistic is min(R⁺, R⁻).
 * - Method, decided on N = all differences, zeros included:
 *   - `asymptotic` when N > 50;
 *   - else `exact` when no |d| ties and no difference is zero: p = 2·min(P(R⁺ ≥ ⌊r⌋), P(R⁺ ≤ ⌈r⌉))
 *     under the exact null distribution of n untied ranks, capped at 1;
 *   - else `permutation` when N ≤ 13: every sign pattern of the differences (the exhaustive
 *     permutation test SciPy runs), R⁺ recomputed on each, p = 2·min(P(T ≤ r), P(T ≥ r)) capped
 *     at 1, values within 100 ε of r counted as ties;
 *   - else `asymptotic`.
 * - `asymptotic`: z = (R⁺ − n(n+1)/4) / σ with σ² = [n(n+1)(2n+1) − ½ Σ t(t² − 1)] / 24 over the
 *   tie groups (of size t) of the non-zero |d|, no continuity correction, p = 2·P(Z > |z|).
 *
 * @throws MetricInputError on empty input (SciPy answers NaN), mismatched lengths, non-finite
 * values, or when every difference is zero (SciPy answers NaN, or 1 from its permutation test:
 * either way no rank is left to test).
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

  const d = differences.filter((v) => v !== 0);
  const zeros = differences.length - d.length;
  if (d.length === 0) {
    throw new MetricInputError(`${metric}: all ${zeros} differences are zero; the signed-rank test has nothing to rank`);
  }
  const n = d.length;
  const { ranks, tieSizes } = midRanks(d.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  for (let i = 0; i < n; i++) {
    if (d[i] > 0) rPlus += ranks[i];
    else rMinus += ranks[i];
  }
  const statistic = Math.min(rPlus, rMinus);
  const method = chooseMethod(differences.length, zeros, tieSizes.length > 0);

  if (method === 'exact') {
    const lower = signedRankTails(n, Math.ceil(rPlus)).lower;
    const upper = signedRankTails(n, Math.floor(rPlus)).upper;
    return { statistic, pValue: Math.min(1, 2 * Math.min(lower, upper)), n, zeros, method };
  }
  if (method === 'permutation') {
    const { lower, upper } = midRankTails(ranks, rPlus);
    return { statistic, pValue: Math.min(1, 2 * Math.min(lower, upper)), n, zeros, method };
  }
  let tieCorrection = 0;
  for (const t of tieSizes) tieCorrection += t * (t * t - 1);
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1) - 0.5 * tieCorrection) / 24);
  const z = (rPlus - (n * (n + 1)) / 4) / sigma;
  return { statistic, pValue: 2 * normalSf(Math.abs(z)), n, zeros, method };
}

/** SciPy's 'auto' rule: the size of the whole sample decides, then whether ties or zeros make the exact null wrong. */
export function chooseMethod(differences: number, zeros: number, tiedMagnitudes: boolean): WilcoxonResult['method'] {
  if (differences > EXACT_MAX_N) return 'asymptotic';
  if (zeros === 0 && !tiedMagnitudes) return 'exact';
  return differences <= PERMUTATION_MAX_N ? 'permutation' : 'asymptotic';
}

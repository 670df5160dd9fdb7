/**
 * Null distributions of the Wilcoxon signed-rank statistic R⁺ (the rank sum of the positive
 * differences): under the null each of the 2ᵐ sign patterns of m non-zero differences is equally
 * likely, so P(R⁺ = s) is the number of subsets of the ranks summing to s, divided by 2ᵐ. With
 * untied differences the ranks are 1 … m (the exact distribution); with ties they are mid-ranks,
 * and enumerating the sign patterns over them is SciPy's exhaustive permutation test. Counts are
 * kept as integers (exact in a double while 2ᵐ ≤ 2⁵³), so tail sums carry no rounding until the
 * final division by a power of two.
 */

/** Largest number of weights whose 2ᵐ subsets can be counted exactly in a double. */
export const MAX_COUNTED_N = 53;

/**
 * counts[s] = number of subsets of `weights` (non-negative integers) whose weights sum to s, for
 * s = 0 … Σ weights.
 */
export function subsetSumCounts(weights: ArrayLike<number>): Float64Array {
  const m = weights.length;
  if (m > MAX_COUNTED_N) throw new RangeError(`subsetSumCounts: at most ${MAX_COUNTED_N} weights can be counted exactly, got ${m}`);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const w = weights[i];
    if (!Number.isInteger(w) || w < 0) throw new RangeError(`subsetSumCounts: weight ${i} must be a non-negative integer, got ${w}`);
    total += w;
  }
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  // Subset-sum recurrence: each weight either leaves a sum alone or raises it by the weight.
  // Walking s downwards lets the update happen in place.
  let reach = 0;
  for (let i = 0; i < m; i++) {
    const w = weights[i];
    reach += w;
    for (let s = reach; s >= w; s--) counts[s] += counts[s - w];
  }
  return counts;
}

/** counts[s] = number of subsets of {1, …, n} with sum s, for s = 0 … n(n+1)/2. */
export function signedRankCounts(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0 || n > MAX_COUNTED_N) {
    throw new RangeError(`signedRankCounts: n must be an integer in [0, ${MAX_COUNTED_N}], got ${n}`);
  }
  return subsetSumCounts(Array.from({ length: n }, (_, i) => i + 1));
}

/** P(R⁺ ≤ r) and P(R⁺ ≥ r) under the exact null of n untied ranks, for an integer r. */
export function signedRankTails(n: number, r: number): { lower: number; upper: number } {
  return tails(signedRankCounts(n), (s) => s <= r, (s) => s >= r, n);
}

/**
 * P(R⁺ ≤ t) and P(R⁺ ≥ t) over every sign pattern of differences with the given mid-ranks
 * (multiples of ½). A value within SciPy's `permutation_test` tolerance (100 ε relative) of t
 * counts as equal to t, so statistics that tie with the observed one are in both tails.
 */
export function midRankTails(ranks: ArrayLike<number>, t: number): { lower: number; upper: number } {
  const doubled = Array.from({ length: ranks.length }, (_, i) => 2 * ranks[i]);
  const gamma = Math.abs(100 * Number.EPSILON * t);
  return tails(subsetSumCounts(doubled), (s) => s / 2 <= t + gamma, (s) => s / 2 >= t - gamma, ranks.length);
}

function tails(counts: Float64Array, inLower: (s: number) => boolean, inUpper: (s: number) => boolean, m: number): { lower: number; upper: number } {
  let lower = 0;
  let upper = 0;
  for (let s = 0; s < counts.length; s++) {
    if (counts[s] === 0) continue;
    if (inLower(s)) lower += counts[s];
    if (inUpper(s)) upper += counts[s];
  }
  const total = 2 ** m;
  return { lower: lower / total, upper: upper / total };
}

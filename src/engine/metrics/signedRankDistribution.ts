/**
 * Exact null distribution of the Wilcoxon signed-rank statistic R⁺ for n untied, non-zero
 * differences: each of the 2ⁿ sign patterns is equally likely, so P(R⁺ = s) is the number of
 * subsets of {1, …, n} summing to s, divided by 2ⁿ. The counts are kept as integers (exact in a
 * double while 2ⁿ ≤ 2⁵³), so tail sums carry no rounding until the final division by a power of two.
 */

/** Largest n whose 2ⁿ sign patterns can be counted exactly in a double. */
export const MAX_COUNTED_N = 53;

/** counts[s] = number of subsets of {1, …, n} with sum s, for s = 0 … n(n+1)/2. */
export function signedRankCounts(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0 || n > MAX_COUNTED_N) {
    throw new RangeError(`signedRankCounts: n must be an integer in [0, ${MAX_COUNTED_N}], got ${n}`);
  }
  const maxSum = (n * (n + 1)) / 2;
  const counts = new Float64Array(maxSum + 1);
  counts[0] = 1;
  // Classic subset-sum recurrence: adding rank k either leaves a sum alone or raises it by k.
  // Walking s downwards lets the update happen in place.
  for (let k = 1; k <= n; k++) {
    const top = (k * (k + 1)) / 2;
    for (let s = top; s >= k; s--) counts[s] += counts[s - k];
  }
  return counts;
}

/** P(R⁺ ≤ r) and P(R⁺ ≥ r) under the null, for an integer r. */
export function signedRankTails(n: number, r: number): { lower: number; upper: number } {
  const counts = signedRankCounts(n);
  let lower = 0;
  let upper = 0;
  for (let s = 0; s < counts.length; s++) {
    if (s <= r) lower += counts[s];
    if (s >= r) upper += counts[s];
  }
  const total = 2 ** n;
  return { lower: lower / total, upper: upper / total };
}

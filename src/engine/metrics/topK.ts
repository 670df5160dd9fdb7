/**
 * The one rule by which the @k metrics pick "the top k": sort by descending score and, among
 * equal scores, put the lower index first (a stable sort of the samples by descending score).
 * With ties at the k-th score this admits only as many tied samples as fit, always the earliest
 * ones, so exactly k samples are predicted anomalous and the result is reproducible from the
 * saved scores alone.
 */
export function topKIndices(scores: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 0 || k > scores.length) {
    throw new RangeError(`topKIndices: k must be an integer in [0, ${scores.length}], got ${k}`);
  }
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, k);
}

/** `true` for the k samples {@link topKIndices} selects, `false` elsewhere. */
export function topKPrediction(scores: ArrayLike<number>, k: number): boolean[] {
  const predicted = new Array<boolean>(scores.length).fill(false);
  for (const i of topKIndices(scores, k)) predicted[i] = true;
  return predicted;
}

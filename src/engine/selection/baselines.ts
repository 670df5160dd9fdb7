/**
 * Two label-free baselines that use only a detector's anomaly scores, so any selection criterion
 * built on embeddings has to beat them to be worth its cost.
 */

/**
 * Mean score on held-out training normals: a detector that scores normals it never trained on as
 * normal has at least learned the normal class. Lower is better. NaN for no scores.
 */
export function heldOutNormalScore(scores: ArrayLike<number>): number {
  const n = scores.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += scores[i];
  return sum / n;
}

/**
 * Population variance of the scores on the unlabeled test set: a test set with anomalies in it
 * should get spread-out scores from a detector that sees them. Higher is better. NaN for no scores.
 */
export function testScoreVariance(scores: ArrayLike<number>): number {
  const n = scores.length;
  if (n === 0) return NaN;
  const mean = heldOutNormalScore(scores);
  // Two passes: E[x²] − E[x]² cancels when scores sit far from zero with a small spread.
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (scores[i] - mean) ** 2;
  return squares / n;
}

export const HELD_OUT_SCORE_BETTER = 'lower' as const;
export const TEST_SCORE_VARIANCE_BETTER = 'higher' as const;

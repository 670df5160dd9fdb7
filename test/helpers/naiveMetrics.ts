/**
 * Deliberately naive reference computations, independent of the engine's rank-based code:
 * AUROC as the fraction of (anomaly, normal) pairs ordered correctly, ties counting one half.
 */
export function pairwiseAuroc(scores: readonly number[], isAnomaly: readonly boolean[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!isAnomaly[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (isAnomaly[j]) continue;
      pairs++;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

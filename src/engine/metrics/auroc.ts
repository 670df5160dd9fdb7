import { midRanks } from './ranks';
import { assertBothClasses, checkScoredLabels, type AnomalyLabels, type Scores } from './validate';

/**
 * Area under the ROC curve, anomalies being the positive class and a higher score meaning "more
 * anomalous". Computed as the Mann–Whitney U statistic with mid-ranks: the probability that a
 * random anomaly outscores a random normal, a tie counting one half. That equals the trapezoidal
 * area under the full, tie-aware ROC curve (what scikit-learn's `roc_auc_score` integrates)
 * exactly, costs one sort (O(n log n)) and involves no curve, so no interpolation choices.
 *
 * @throws MetricInputError when lengths differ, the input is empty, a score is not finite, or
 * only one class is present (AUROC is undefined then, not 0.5).
 */
export function auroc(scores: Scores, isAnomaly: AnomalyLabels): number {
  const counts = checkScoredLabels(scores, isAnomaly, 'auroc');
  assertBothClasses(counts, 'auroc');
  const { ranks } = midRanks(scores);
  let anomalyRankSum = 0;
  for (let i = 0; i < ranks.length; i++) if (isAnomaly[i]) anomalyRankSum += ranks[i];
  // Subtracting the smallest possible rank sum leaves U: the number of (anomaly, normal) pairs won.
  const u = anomalyRankSum - (counts.anomalies * (counts.anomalies + 1)) / 2;
  return u / (counts.anomalies * counts.normals);
}

import { assertBothClasses, checkScoredLabels, type AnomalyLabels, type Scores } from './validate';

/**
 * Average precision as scikit-learn's `average_precision_score` defines it: the step-wise sum
 * Σ (Rₜ − Rₜ₋₁)·Pₜ over the distinct score values t taken as thresholds, from the highest down.
 * Samples with equal scores enter together (one threshold admits the whole tie group), so a tie
 * group contributes its pooled precision rather than an order-dependent one; there is no
 * interpolation of the precision–recall curve.
 *
 * @throws MetricInputError when lengths differ, the input is empty, a score is not finite, or
 * only one class is present (with no anomaly recall is undefined; with no normal sample AP is
 * trivially 1 and says nothing, so both are refused alike).
 */
export function averagePrecision(scores: Scores, isAnomaly: AnomalyLabels): number {
  const counts = checkScoredLabels(scores, isAnomaly, 'averagePrecision');
  assertBothClasses(counts, 'averagePrecision');
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i);
  // Order inside a tie group cannot matter (the group is admitted at once); the index tie-break only keeps the sort total.
  order.sort((a, b) => scores[b] - scores[a] || a - b);

  let truePositives = 0;
  let previousRecall = 0;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    if (isAnomaly[order[j]]) truePositives++;
    const endOfGroup = j === n - 1 || scores[order[j + 1]] !== scores[order[j]];
    if (!endOfGroup) continue;
    const recall = truePositives / counts.anomalies;
    const precision = truePositives / (j + 1);
    sum += (recall - previousRecall) * precision;
    previousRecall = recall;
  }
  return sum;
}

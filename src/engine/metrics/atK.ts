import { MetricInputError } from './errors';
import { topKPrediction } from './topK';
import { checkScoredLabels, type AnomalyLabels, type Scores } from './validate';

interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Confusion counts of "the top k are anomalies" (see `topK.ts` for the tie rule). k defaults to
 * the number of anomalies, the protocol's choice: it needs no threshold, which an unsupervised
 * detector has no labels to tune.
 */
function confusionAtK(scores: Scores, isAnomaly: AnomalyLabels, k: number | undefined, metric: string): Confusion {
  const counts = checkScoredLabels(scores, isAnomaly, metric);
  // Without anomalies the default k is 0 and recall has no denominator: refuse rather than report 0.
  if (counts.anomalies === 0) {
    throw new MetricInputError(`${metric}: no anomaly among ${counts.normals} samples; k (the number of anomalies) would be 0`);
  }
  const kk = k ?? counts.anomalies;
  if (!Number.isInteger(kk) || kk < 1 || kk > scores.length) {
    throw new MetricInputError(`${metric}: k must be an integer in [1, ${scores.length}], got ${kk}`);
  }
  const predicted = topKPrediction(scores, kk);
  let truePositives = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] && isAnomaly[i]) truePositives++;
  return { truePositives, falsePositives: kk - truePositives, falseNegatives: counts.anomalies - truePositives };
}

/**
 * Precision of predicting the k highest-scored samples as anomalies (k = number of anomalies
 * unless given). Ties at the k-th score go to the lower index.
 *
 * @throws MetricInputError on mismatched lengths, empty input, a non-finite score, no anomaly,
 * or k outside [1, n].
 */
export function precisionAtK(scores: Scores, isAnomaly: AnomalyLabels, k?: number): number {
  const c = confusionAtK(scores, isAnomaly, k, 'precisionAtK');
  return c.truePositives / (c.truePositives + c.falsePositives);
}

/**
 * F1 of predicting the k highest-scored samples as anomalies (k = number of anomalies unless
 * given). With the default k, predicted and actual positives are equally many, so F1, precision
 * and recall coincide; both are kept because results files report both names.
 *
 * @throws MetricInputError as {@link precisionAtK}.
 */
export function f1AtK(scores: Scores, isAnomaly: AnomalyLabels, k?: number): number {
  const c = confusionAtK(scores, isAnomaly, k, 'f1AtK');
  return (2 * c.truePositives) / (2 * c.truePositives + c.falsePositives + c.falseNegatives);
}

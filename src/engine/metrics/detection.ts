import { auroc } from './auroc';
import { averagePrecision } from './averagePrecision';
import { f1AtK, precisionAtK } from './atK';
import { MetricInputError } from './errors';
import type { DetectionMetrics, MetricSet } from './types';
import { assertFinite, assertNonEmpty, assertSameLength, type Scores } from './validate';

/** The `sampleType` of a normal test sample; any other string names an anomaly type. */
export const NORMAL_SAMPLE_TYPE = 'normal';
/** The key of the pooled metrics; reserved, so it cannot also be an anomaly type. */
export const ALL_KEY = 'all';

/** All four metrics of one binary problem. */
export function metricSet(scores: Scores, isAnomaly: ArrayLike<boolean>): MetricSet {
  return {
    auroc: auroc(scores, isAnomaly),
    ap: averagePrecision(scores, isAnomaly),
    f1AtK: f1AtK(scores, isAnomaly),
    precisionAtK: precisionAtK(scores, isAnomaly),
  };
}

/**
 * The metrics of one test set, as `scores/<cellId>.json` records it: per anomaly type, scored on
 * the normal samples plus that type's samples only (so one easy type cannot hide a hard one),
 * and `all`, scored on every sample. Subsets keep the original order of the samples, so the
 * index tie-break of the @k metrics means the same thing in a subset as in the whole.
 * Keys follow the first appearance of each anomaly type, `all` last (JavaScript itself lists
 * integer-like keys such as "7" first).
 *
 * @throws MetricInputError on mismatched lengths, empty input, a non-finite score (naming its
 * index), a sample type that is not a non-empty string or is the reserved `all`, or a test set
 * without normal samples or without anomalies.
 */
export function detectionMetrics(scores: Scores, sampleType: ArrayLike<string>): DetectionMetrics {
  const metric = 'detectionMetrics';
  assertSameLength(scores.length, sampleType.length, metric, 'scores', 'sampleType');
  assertNonEmpty(scores.length, metric);
  assertFinite(scores, metric);

  const typeIndices = new Map<string, number[]>();
  const normalIndices: number[] = [];
  for (let i = 0; i < sampleType.length; i++) {
    const type = sampleType[i];
    if (typeof type !== 'string' || type.length === 0) {
      throw new MetricInputError(`${metric}: sampleType at index ${i} is ${JSON.stringify(type)}; expected "${NORMAL_SAMPLE_TYPE}" or an anomaly type name`);
    }
    if (type === ALL_KEY) {
      throw new MetricInputError(`${metric}: sampleType at index ${i} is "${ALL_KEY}", which is reserved for the pooled metrics`);
    }
    if (type === NORMAL_SAMPLE_TYPE) {
      normalIndices.push(i);
      continue;
    }
    let list = typeIndices.get(type);
    if (!list) typeIndices.set(type, (list = []));
    list.push(i);
  }
  if (normalIndices.length === 0) {
    throw new MetricInputError(`${metric}: no "${NORMAL_SAMPLE_TYPE}" sample among ${scores.length}; every metric compares anomalies with normals`);
  }
  if (typeIndices.size === 0) {
    throw new MetricInputError(`${metric}: no anomalous sample among ${scores.length}; every metric compares anomalies with normals`);
  }

  const entries: Array<[string, MetricSet]> = [];
  for (const [type, anomalyIndices] of typeIndices) {
    // Merge the two ascending index lists so the subset keeps the original sample order.
    const subset = mergeAscending(normalIndices, anomalyIndices);
    const subScores = subset.map((i) => scores[i]);
    const subLabels = subset.map((i) => sampleType[i] !== NORMAL_SAMPLE_TYPE);
    entries.push([type, metricSet(subScores, subLabels)]);
  }
  const isAnomaly = Array.from(sampleType, (t) => t !== NORMAL_SAMPLE_TYPE);
  entries.push([ALL_KEY, metricSet(scores, isAnomaly)]);
  // fromEntries defines own properties, so even a type named "__proto__" is stored as data.
  return Object.fromEntries(entries) as DetectionMetrics;
}

function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

import { MetricInputError } from './errors';

/** Per-sample anomaly scores: higher means more anomalous. Typed arrays from tfjs are accepted as they are. */
export type Scores = ArrayLike<number>;
/** Per-sample ground truth: `true` marks an anomaly (the positive class). */
export type AnomalyLabels = ArrayLike<boolean>;

/** Rejects NaN and ±Infinity, naming the first offending index so that the caller can find the sample. */
export function assertFinite(values: ArrayLike<number>, metric: string, what = 'score'): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new MetricInputError(`${metric}: ${what} at index ${i} is ${String(v)}; every ${what} must be a finite number`);
    }
  }
}

export function assertNonEmpty(length: number, metric: string): void {
  if (length === 0) throw new MetricInputError(`${metric}: empty input; at least one sample is needed`);
}

export function assertSameLength(a: number, b: number, metric: string, aName: string, bName: string): void {
  if (a !== b) throw new MetricInputError(`${metric}: ${aName} has ${a} entries but ${bName} has ${b}; they must be paired one to one`);
}

export interface ClassCounts {
  anomalies: number;
  normals: number;
}

/**
 * The shared checks of every score-vs-label metric: same length, non-empty, finite scores and
 * genuine booleans (a JSON 0/1 label would otherwise be read by truthiness, and "0" is truthy).
 */
export function checkScoredLabels(scores: Scores, isAnomaly: AnomalyLabels, metric: string): ClassCounts {
  assertSameLength(scores.length, isAnomaly.length, metric, 'scores', 'labels');
  assertNonEmpty(scores.length, metric);
  assertFinite(scores, metric);
  let anomalies = 0;
  for (let i = 0; i < isAnomaly.length; i++) {
    const label = isAnomaly[i];
    if (typeof label !== 'boolean') {
      throw new MetricInputError(`${metric}: label at index ${i} is ${String(label)}; labels must be booleans (true = anomaly)`);
    }
    if (label) anomalies++;
  }
  return { anomalies, normals: isAnomaly.length - anomalies };
}

/** Ranking metrics compare anomalies with normals, so both classes must be present. */
export function assertBothClasses(counts: ClassCounts, metric: string): void {
  if (counts.anomalies === 0) {
    throw new MetricInputError(`${metric}: no anomaly among ${counts.normals} samples; the metric is undefined with one class`);
  }
  if (counts.normals === 0) {
    throw new MetricInputError(`${metric}: no normal sample among ${counts.anomalies} samples; the metric is undefined with one class`);
  }
}

/**
 * ROC curve points and score histograms from a cell's per-sample scores (`scores/<cellId>.json`).
 * Anomalies are the positive class; a higher score is more anomalous, as in the engine's metrics.
 */
import type { CellScores } from '../results';

export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** Which samples count as anomalies: one anomaly type, or every non-normal sample for `all`. */
export function isPositive(sampleType: string, anomalyType: string): boolean {
  return anomalyType === 'all' ? sampleType !== 'normal' : sampleType === anomalyType;
}

/**
 * The ROC curve of normal vs `anomalyType`: one point per distinct score threshold (ties move
 * diagonally, as a tie-aware AUROC counts them), from (0, 0) to (1, 1). Other anomaly types are
 * left out. Empty when either class has no sample.
 */
export function rocPoints(scores: CellScores, anomalyType: string): RocPoint[] {
  const samples: Array<{ score: number; positive: boolean }> = [];
  scores.sampleType.forEach((type, i) => {
    if (type === 'normal' || isPositive(type, anomalyType)) samples.push({ score: scores.score[i], positive: type !== 'normal' });
  });
  const positives = samples.filter((s) => s.positive).length;
  const negatives = samples.length - positives;
  if (positives === 0 || negatives === 0) return [];
  samples.sort((a, b) => b.score - a.score);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < samples.length; i++) {
    if (samples[i].positive) tp++;
    else fp++;
    const lastOfTie = i === samples.length - 1 || samples[i + 1].score !== samples[i].score;
    if (lastOfTie) points.push({ fpr: fp / negatives, tpr: tp / positives });
  }
  return points;
}

/** Area under the points by the trapezoidal rule (equals the tie-aware AUROC). */
export function areaUnder(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  }
  return area;
}

/** Thins a long curve to at most `max` points, keeping the ends (snapshots stay small). */
export function thinPoints(points: readonly RocPoint[], max: number): RocPoint[] {
  if (points.length <= max) return [...points];
  const out: RocPoint[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]);
  return out;
}

export interface Histogram {
  /** Bin edges, bins + 1 of them. */
  edges: number[];
  /** One series per sample type (`normal` first), each a density (fractions of its samples per bin). */
  series: Array<{ sampleType: string; count: number; fractions: number[] }>;
}

/** Shared bins over every score, so the normal and anomaly distributions can be compared. */
export function scoreHistogram(scores: CellScores, bins = 30): Histogram {
  const finite = scores.score.filter((s) => Number.isFinite(s));
  const lo = finite.length ? Math.min(...finite) : 0;
  const hiRaw = finite.length ? Math.max(...finite) : 1;
  const hi = hiRaw > lo ? hiRaw : lo + 1;
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const types = ['normal', ...[...new Set(scores.sampleType)].filter((t) => t !== 'normal')];
  const series = types.map((sampleType) => {
    const counts = new Array<number>(bins).fill(0);
    let count = 0;
    scores.sampleType.forEach((t, i) => {
      const s = scores.score[i];
      if (t !== sampleType || !Number.isFinite(s)) return;
      counts[Math.min(bins - 1, Math.floor((s - lo) / width))]++;
      count++;
    });
    return { sampleType, count, fractions: counts.map((c) => (count ? c / count : 0)) };
  });
  return { edges, series: series.filter((s) => s.count > 0) };
}

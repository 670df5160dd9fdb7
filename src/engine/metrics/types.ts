import type { MetricSet, Stat, WilcoxonMethod } from '../../shared/results';

/** The four detection metrics reported for one set of scored samples (the results format's). */
export type { MetricSet };

/**
 * Metrics per anomaly type (each type scored against the normal samples only) plus `all`
 * (every sample). `all` is a reserved key: no anomaly type may be called that.
 */
export type DetectionMetrics = { all: MetricSet } & Record<string, MetricSet>;

/** Mean, sample standard deviation (ddof = 1; 0 for a single value) and count: the results format's `Stat`. */
export type MeanStd = Stat;

export interface WilcoxonResult {
  /** Two-sided statistic: min(R⁺, R⁻), the smaller of the positive and negative rank sums. */
  statistic: number;
  pValue: number;
  /** Number of differences ranked: the non-zero ones (zeros are dropped, SciPy's 'wilcox'). */
  n: number;
  /** Number of zero differences in the input. */
  zeros: number;
  /** How the p-value was computed; see `wilcoxonSignedRank`. */
  method: WilcoxonMethod;
}

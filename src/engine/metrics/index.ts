/**
 * Detection metrics and the statistics of the results summary. Pure functions of plain arrays,
 * checked against scikit-learn and NumPy (`scripts/reference/metrics_reference.py`) and against
 * the current SciPy (`scripts/reference/wilcoxon_reference.py`).
 */
export { auroc } from './auroc';
export { averagePrecision } from './averagePrecision';
export { f1AtK, precisionAtK } from './atK';
export { topKIndices, topKPrediction } from './topK';
export { ALL_KEY, NORMAL_SAMPLE_TYPE, detectionMetrics, metricSet } from './detection';
export { meanStd } from './meanStd';
export { EXACT_MAX_N, PERMUTATION_MAX_N, wilcoxonSignedRank } from './wilcoxon';
export { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, bootstrapMeanCi, percentile } from './bootstrap';
export { normalSf } from './normal';
export { MetricInputError } from './errors';
export type { AnomalyLabels, Scores } from './validate';
export type { DetectionMetrics, MeanStd, MetricSet, WilcoxonResult } from './types';

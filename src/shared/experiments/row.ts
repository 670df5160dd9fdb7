/**
 * One run as a row of the experiments table: what a researcher sorts and filters dozens of runs
 * by. Built by the host from `results.json` and `notes.json`; plain data, so the webview can sort,
 * filter and print it without reading any file.
 */
import type { RunStatus } from '../results';

/** The best training augmentation of one matrix column (an anomaly type, the pooled one-vs-one, or `all`). */
export interface ColumnBest {
  /** The highest mean AUROC over the run's augmentations in this column. */
  auroc: number;
  augmentation: string;
  /** The `none` row's mean AUROC in this column (the no-self-supervision baseline), when the run has one. */
  none: number | null;
}

export interface ExperimentRow {
  runDir: string;
  id: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  /** Seconds from start to finish (so far, while it trains); null when unknown. */
  seconds: number | null;
  backend: string;
  trainImages: number | null;
  testImages: number | null;
  epochs: number | null;
  seeds: number;
  normalClasses: number;
  /** "dae 16/3/64": detector type, width / depth / code size. */
  detector: string;
  dataset: string;
  augmentations: string[];
  /** The best aligned augmentation → anomaly type, as the runs view shows it. */
  best: { augmentation: string; anomalyType: string; auroc: number } | null;
  /** The largest gain and loss of self-supervision over `none` (mean paired Δ AUROC of one cell). */
  gain: { augmentation: string; anomalyType: string; delta: number } | null;
  loss: { augmentation: string; anomalyType: string; delta: number } | null;
  /** Per matrix column: the best augmentation's mean AUROC and `none`'s. */
  columns: Record<string, ColumnBest>;
  /** The heatmap's columns in its order (a record's keys would put numeric class names first). */
  matrixColumns: string[];
  cellsDone: number;
  cellsTotal: number;
  note: string;
  tags: string[];
}

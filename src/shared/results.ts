/**
 * The results format of a run folder (`results.json`), shared by the engine that writes it, the
 * CLI that prints it and the extension/webview that show it. Versioned: a reader checks
 * `schemaVersion` before trusting the rest.
 */
import type { ExperimentConfig } from './config';
import type { CellSelection, SelectionSummary } from './selection';
import type { RunNotes } from './runNotes';

/**
 * 2: cells may hold label-free `selection` criteria and the run a `selection` summary. Version 1
 * folders read as they are (without them).
 */
export const RESULTS_SCHEMA_VERSION = 2;

/**
 * `interrupted`: the file says `running` but the process that trained the run is gone (killed,
 * machine restarted). Readers derive it from the run folder's owner file; `ssad run --resume`
 * (SSAD: Resume Run) trains the cells that did not complete.
 */
export type RunStatus = 'running' | 'completed' | 'canceled' | 'failed' | 'interrupted';
export type CellStatus = 'pending' | 'running' | 'completed' | 'failed' | 'canceled';
export const RUN_STATUSES: readonly RunStatus[] = ['running', 'completed', 'canceled', 'failed', 'interrupted'];
export const CELL_STATUSES: readonly CellStatus[] = ['pending', 'running', 'completed', 'failed', 'canceled'];

/** Detection metrics of one scoring: anomalies are the positive class, higher score = more anomalous. */
export interface MetricSet {
  auroc: number;
  ap: number;
  f1AtK: number;
  precisionAtK: number;
}

export type MetricName = keyof MetricSet;
export const METRIC_NAMES: readonly MetricName[] = ['auroc', 'ap', 'f1AtK', 'precisionAtK'];

/** One trained model: augmentation × seed × normal class, evaluated on every anomaly type. */
export interface CellResult {
  id: string;
  augmentation: string;
  seed: number;
  normalClass: string;
  status: CellStatus;
  error?: string;
  /** Per anomaly type, plus `all`. */
  metrics?: Record<string, MetricSet>;
  /** Mean training loss per epoch. */
  loss: number[];
  trainSeconds?: number;
  evalSeconds?: number;
  /** Relative path of the per-sample scores file, e.g. `scores/<id>.json`. */
  scoresFile?: string;
  /** Label-free selection criteria of the trained model (schema 2; absent in older files). */
  selection?: CellSelection;
}

export interface Stat {
  mean: number;
  std: number;
  n: number;
}

/**
 * How a Wilcoxon p-value was computed (SciPy's names): `exact` null distribution of untied ranks,
 * exhaustive `permutation` of the signs (ties or zeros, at most 13 pairs), or the `asymptotic`
 * normal approximation. Files written before these names may say `approx` (the same
 * approximation), so readers take any string.
 */
export type WilcoxonMethod = 'exact' | 'permutation' | 'asymptotic';

export interface WilcoxonResult {
  statistic: number;
  pValue: number;
  /** Non-zero paired differences ranked (pairs with equal AUROCs drop out). */
  n: number;
  /** A `WilcoxonMethod` (older files: `approx`). */
  method: string;
  /** Pairs whose difference is zero. Absent in files written before it was recorded. */
  zeros?: number;
}

/** Percentile bootstrap confidence interval of a mean, with what it takes to reproduce it. */
export interface BootstrapCi {
  /** Coverage, e.g. 0.95. */
  level: number;
  low: number;
  high: number;
  resamples: number;
  /** Seed of the engine's random generator (`Rng`) that drew the resamples. */
  seed: number;
}

/**
 * The pseudo anomaly type of a semantic testbed's pooled entry: every one-vs-one AUROC (each
 * normal class against each other class) of an augmentation in one entry, as the study reports
 * them. Not an anomaly type of the run: readers show it as an extra column before `all`.
 */
export const ONE_VS_ONE = 'one-vs-one';

/** Sample types the results use for themselves: no class, defect folder or anomaly may be called so. */
export const RESERVED_SAMPLE_TYPES: readonly string[] = ['normal', 'all', ONE_VS_ONE];

/** Whether an entry's anomaly type is the pooled one-vs-one entry (a run whose class is named so has none). */
export function isPooledOneVsOne(anomalyType: string, anomalyTypes: readonly string[]): boolean {
  return anomalyType === ONE_VS_ONE && !anomalyTypes.includes(ONE_VS_ONE);
}

/** What one paired task is when an augmentation is compared with `none`. */
export type Pairing = 'seed × normal class' | 'seed × class pair';
export const PAIRING_TASK: Pairing = 'seed × normal class';
export const PAIRING_CLASS_PAIR: Pairing = 'seed × class pair';

/** Mean ± std over seeds and normal classes (and, for `one-vs-one`, anomaly classes) for one augmentation × anomaly type. */
export interface SummaryEntry {
  augmentation: string;
  anomalyType: string;
  metrics: Record<MetricName, Stat>;
  /** The unit the metrics are pooled over and the comparison with `none` pairs. Absent in older files (then `seed × normal class`). */
  pairing?: string;
  /** Tasks paired with a `none` task (0 when none was found). Absent on `none` itself and in older files. */
  pairs?: number;
  /** AUROC minus the paired `none` AUROC, over the same tasks. */
  deltaAurocVsNone?: Stat;
  /** Bootstrap interval of the mean of those differences (absent with fewer than 2 pairs, and in older files). */
  deltaCi?: BootstrapCi;
  /** Wilcoxon signed-rank test of the paired AUROCs against `none` (absent when it cannot be computed). */
  wilcoxonVsNone?: WilcoxonResult;
  /** Why the test is absent, e.g. "needs at least 2 paired tasks". */
  wilcoxonNote?: string;
}

export interface BackendInfo {
  name: string;
  requested: string;
  detail: string;
}

/** A run as it lies on disk: its folder, its `results.json`, and its `notes.json` where read. */
export interface RunOnDisk {
  runDir: string;
  results: RunResults;
  notes?: RunNotes;
}

export interface RunResults {
  schemaVersion: number;
  id: string;
  name: string;
  config: ExperimentConfig;
  status: RunStatus;
  error?: string;
  backend?: BackendInfo;
  createdAt: string;
  finishedAt?: string;
  totalSeconds?: number;
  /** Everything needed to read the numbers at the scale they were measured at. */
  scale: { trainImages: number; testImages: number; epochs: number; parameters?: number; parallelism: number };
  augmentations: string[];
  anomalyTypes: string[];
  normalClasses: string[];
  cells: CellResult[];
  summary: SummaryEntry[];
  /** The label-free criteria's rankings and picks, graded against the AUROCs (schema 2; absent in older files). */
  selection?: SelectionSummary;
  /** Relative path of the sample sheet PNG, when written. */
  samplesFile?: string;
  /** Image files the data set left out (`onBadImage: "skip"`), with the reason for each. */
  skipped?: Array<{ file: string; reason: string }>;
  /** Problems that did not fail the run (e.g. the sample sheet could not be drawn). */
  warnings?: string[];
  /** Where the config came from, so a resumed run can check that nothing changed. */
  origin?: RunOrigin;
  /** When the run was resumed after it stopped (ISO dates, oldest first). */
  resumedAt?: string[];
  /** Present when the run trained one shard of the grid (`ssad run --shard i/n`); `cells` holds only its cells. */
  shard?: ShardInfo;
  /** Present when the run was merged from shard runs (`ssad merge`), one entry per shard, by index. */
  mergedFrom?: MergedShard[];
}

/**
 * Which part of a grid a shard run trained. Every cell id of the config, ordered by the SHA-256 hex
 * of the id, goes to shard (position mod `count`), so any machine works out the same split.
 */
export interface ShardInfo {
  /** 0-based: 0 ≤ index < count. */
  index: number;
  count: number;
  /** SHA-256 hex of the canonical config without `runtime` and `$schema`: shards of one grid share it. */
  configHash: string;
  /** The ids of the cells this shard owns, in the order of their SHA-256. */
  cells: string[];
}

/** One shard a merged run was made from. */
export interface MergedShard {
  /** The shard run's id (its folder name). */
  runId: string;
  index: number;
  /** The backend the shard trained on, by name. */
  backend?: string;
}

export interface RunOrigin {
  /** Folder that relative paths in the config resolve against. */
  baseDir: string;
  /** The config file, when the run came from one. */
  configFile?: string;
  /** SHA-256 of each custom augmentation module the config names (path as written → hash). */
  modules: Record<string, string>;
}

/** The per-sample scores of one cell (`scores/<cellId>.json`): every metric can be recomputed from it. */
export interface CellScores {
  sampleType: string[];
  score: number[];
}

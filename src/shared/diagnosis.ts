/**
 * The pre-training alignment diagnosis (`ssad diagnose`): for each training augmentation A,
 * how much closer A moves the training normals to the test set, in a fixed feature space,
 * before anything trains. Shared by the engine that computes it, the CLI that prints it and the
 * views that may show it; versioned like `results.json`, so it can be stored in a run folder.
 * No runtime imports.
 *
 * ratio(A) = D(A(train normals), test) / D(train normals, test), per task (seed × normal class),
 * then mean ± std over the tasks. Below 1: A makes the training data look more like the test data.
 * The label-free ratio compares with the whole unlabeled test set; the per-type ratios compare
 * with the test images of one anomaly type, which takes the test labels (`usesLabels: true`).
 */
import type { Stat } from './results';

export const DIAGNOSIS_SCHEMA_VERSION = 1;

export type DiagnosisFeature = 'pixels' | 'randomConv';
export type DiagnosisDistance = 'energy' | 'mmd';

/** A ratio's mean ± sample std (n − 1) over the tasks that have it, and whether it took labels. */
export interface LabelFreeStat extends Stat {
  usesLabels: false;
}

export interface LabeledStat extends Stat {
  usesLabels: true;
}

export interface DiagnosisRow {
  /** The augmentation's label, as in a run's results (`cutout-0.2`, `./ssad/augmentations/x.ts`). */
  augmentation: string;
  /** 1 = lowest label-free ratio; `none` takes part (its ratio is 1). Ties share the lower rank. */
  rank: number;
  /**
   * True for `none`: it leaves the images as they are, so each ratio is exactly 1 by construction;
   * nothing was computed for it.
   */
  byConstruction: boolean;
  /** D(A(train), test) / D(train, test): the label-free figure. */
  ratio: LabelFreeStat;
  /** Per anomaly type T: D(A(train), test of type T) / D(train, test of type T). */
  perType: Record<string, LabeledStat>;
}

/** The images one task compared (each set subsampled to at most `sizes.limit`, with a fixed seed). */
export interface DiagnosisTaskSizes {
  seed: number;
  normalClass: string;
  /** Train normals used, of `trainAvailable`. */
  train: number;
  trainAvailable: number;
  /** Test images used for the label-free ratio, of `testAvailable` (the whole test set). */
  test: number;
  testAvailable: number;
  /** Test images used per anomaly type. */
  perType: Record<string, number>;
  /** MMD only: the RBF bandwidth σ of this task (median heuristic on train ∪ test, unaugmented). */
  bandwidth?: number;
}

export interface Diagnosis {
  schemaVersion: typeof DIAGNOSIS_SCHEMA_VERSION;
  /** The config's name. */
  config: string;
  feature: DiagnosisFeature;
  /** Length of a feature vector. */
  featureDimension: number;
  distance: DiagnosisDistance;
  /** How the training augmentations were applied: the denoising autoencoder's training form. */
  mode: 'train';
  sizes: { limit: number; perTask: DiagnosisTaskSizes[] };
  /** Tasks: seeds × normal classes. */
  tasks: number;
  /** Every training augmentation of the config, in config order. */
  augmentations: string[];
  /** Anomaly types with a per-type ratio (the union over the tasks). */
  anomalyTypes: string[];
  /** One per augmentation, by rank (lowest label-free ratio first). */
  rows: DiagnosisRow[];
  /** The lowest label-free ratio among the augmentations other than `none`; null when there are none. */
  pick: { augmentation: string; ratio: number } | null;
  /** Wall time of the diagnosis (data loading excluded). */
  seconds: number;
}

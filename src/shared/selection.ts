/**
 * Label-free augmentation selection in `results.json` (schema 2): what each trained cell measured
 * without labels, and how the criteria's picks compare with the true AUROCs. Shared by the engine
 * that writes it, the CLI that prints it and the webview that shows it.
 */

/**
 * The label-free criteria. `diagnostic` is the pre-training one (no trained network: the distance
 * of aug(train) to the test set relative to train's, in a fixed feature space); the others read
 * the trained detector.
 */
export type CriterionName = 'dsv' | 'meanDistance' | 'heldOutScore' | 'testScoreVariance' | 'diagnostic';
export const CRITERION_NAMES: readonly CriterionName[] = ['dsv', 'meanDistance', 'heldOutScore', 'testScoreVariance', 'diagnostic'];

/** How a criterion is read: which direction is better, and what it needs. */
export interface CriterionInfo {
  name: CriterionName;
  /** Short name for tables. */
  label: string;
  better: 'lower' | 'higher';
  /** Needs the training normals under the cell's own augmentation (so undefined for `none`). */
  needsAugmented: boolean;
  /** Computed before any training, from the images alone. */
  preTraining: boolean;
  description: string;
}

/**
 * Every criterion once, so tables, the panel and the grading all read a criterion's direction
 * from one place (the engine's modules state the same directions; a test holds them equal).
 */
export const CRITERIA: readonly CriterionInfo[] = [
  {
    name: 'dsv',
    label: 'DSV',
    better: 'lower',
    needsAugmented: true,
    preTraining: false,
    description:
      'Discordance minus separability over discordance (Yoo et al., ECML-PKDD 2023): how far the test set lies from the normal and augmented training embeddings, against how widely it spreads along the directions of the augmentation.',
  },
  {
    name: 'meanDistance',
    label: 'mean distance',
    better: 'lower',
    needsAugmented: true,
    preTraining: false,
    description:
      "Share of the test set's spread left unexplained when each test embedding is credited to the nearer of the normal and augmented training means (after ST-SSAD, Yoo et al.); 0.5 is what the test mean alone leaves.",
  },
  {
    name: 'heldOutScore',
    label: 'held-out normal score',
    better: 'lower',
    needsAugmented: false,
    preTraining: false,
    description: 'Mean anomaly score of held-out training normals (normal training images no detector trained on).',
  },
  {
    name: 'testScoreVariance',
    label: 'test score variance',
    better: 'higher',
    needsAugmented: false,
    preTraining: false,
    description: 'Population variance of the anomaly scores on the unlabeled test set.',
  },
  {
    name: 'diagnostic',
    label: 'pre-training diagnostic',
    better: 'lower',
    needsAugmented: false,
    preTraining: true,
    description: "ssad diagnose's ratio D(aug(train), test) / D(train, test): energy distance on pixels, no network (1 for none).",
  },
];

export function criterionInfo(name: string): CriterionInfo | undefined {
  return CRITERIA.find((c) => c.name === name);
}

/** The value turned so that higher is better (lower-is-better ones negated); NaN stays NaN. */
export function goodness(info: Pick<CriterionInfo, 'better'>, value: number): number {
  return info.better === 'lower' ? -value : value;
}

/** The unlabeled test set a criterion was computed on: `all`, or the normal images plus one anomaly type. */
export type TestSetKey = string;

/** One cell's criteria on one test set: a value, or null with the reason it is undefined. */
export interface CriterionValues {
  values: Partial<Record<CriterionName, number | null>>;
  /** Why a value is null (e.g. `none` has no augmented training set). */
  reasons?: Partial<Record<CriterionName, string>>;
}

/** What one trained cell measured without labels. */
export interface CellSelection {
  /**
   * `all`: the whole unlabeled test set. Per anomaly type: the normal test images plus that type
   * only, as if the user's test set held just that kind of anomaly (the labels choose the subset;
   * the criteria never see them).
   */
  byTestSet: Record<TestSetKey, CriterionValues>;
  /** Rows actually used per set after seeded subsampling. */
  sizes: { train: number; augmented: number; test: number; heldOut: number };
  seconds: number;
  /** Set when measuring failed (the cell's AUROCs stand; `byTestSet` is then empty). */
  error?: string;
}

/** Mean over tasks of an agreement figure, with how many tasks it rests on. */
export interface TaskMean {
  mean: number | null;
  n: number;
}

/** How one criterion's ranking agrees with the true AUROCs on one test set (labels read here, after the fact). */
export interface CriterionAgreement {
  /** Kendall τ-b between the criterion (oriented so higher is better) and AUROC, per task, averaged. */
  tau: TaskMean;
  /** Spearman ρ, likewise. */
  rho: TaskMean;
  /**
   * Best mean AUROC among the candidates minus the mean AUROC of the run's pick on this test set
   * (means over the tasks; `n`: the tasks). With one task, that task's regret.
   */
  regret: TaskMean;
  /** Best mean AUROC minus the mean of the candidates' mean AUROCs: the expected regret of a random pick. */
  randomRegret: TaskMean;
  /** Share of tasks whose own pick (per task) is the best candidate or within 0.01 AUROC of it. */
  nearBest: TaskMean;
}

export interface CriterionRanking {
  name: CriterionName;
  /** Candidates by mean rank over tasks, best first (ties share the mean of their ranks). */
  ranking: Array<{ augmentation: string; meanRank: number; meanValue: number; tasks: number }>;
  /** The best-ranked candidate on `all`, or null when the criterion ranked nothing. */
  pick: string | null;
  /** The best-ranked candidate per test set (the criteria computed on that unlabeled set). */
  picks: Record<TestSetKey, string | null>;
  /** Why there is no pick. */
  note?: string;
  /** Per test set (`all` and each anomaly type). */
  agreement: Record<TestSetKey, CriterionAgreement>;
}

export interface SelectionSummary {
  /** The augmentations the criteria choose among: every trained augmentation but `none`, the reference. */
  candidates: string[];
  /** A task is one seed × normal class. */
  tasks: number;
  criteria: CriterionRanking[];
  /** The true best candidate per test set by mean AUROC over tasks, for reference. */
  bestByAuroc: Record<TestSetKey, string | null>;
}

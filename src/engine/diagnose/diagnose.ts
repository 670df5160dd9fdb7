/**
 * The pre-training alignment diagnostic: which training augmentation moves the training normals
 * towards the (unlabeled) test set? For every task (seed × normal class, as `buildTasks` makes
 * them) and every training augmentation A of the config:
 *
 *   ratio(A) = D(A(train normals), test) / D(train normals, test)
 *
 * in a fixed feature space (`features.ts`) with a two-sample distance D (`twoSampleDistance.ts`).
 * Below 1, A makes the training data look more like the test data: a label-free hint that A is
 * aligned with what the test set holds. The same ratio against the test images of one anomaly
 * type reads the test labels, and says so (`usesLabels`).
 *
 * - Each set is subsampled to at most `limit` (1,000) images, uniformly without replacement, on
 *   streams of its own: the train normals by `Rng(seed, 'diagnose', 'train', class)`, the
 *   label-free test set by `Rng(seed, 'diagnose', 'test', class)` over the test images' positions
 *   only (so it never depends on the labels), each anomaly type by
 *   `Rng(seed, 'diagnose', 'type', class, type)`. A(train) is A applied to the subsampled train
 *   normals, so both sides of the ratio have the same size.
 * - A is applied once, in training mode (the stochastic form the denoising autoencoder trains
 *   on: flip with p = 0.5, …), drawn by `Rng(seed, 'diagnose', 'augment', A, class)`, whatever
 *   the config's detector (the `classifier` trains on the always-apply form instead).
 * - `none` leaves the images unchanged: its ratios are exactly 1 by construction, and nothing is
 *   computed for it.
 * - MMD: one bandwidth per task, the median heuristic on the unaugmented train ∪ label-free test
 *   sample, used for every augmentation and anomaly type of the task, so that numerator and
 *   denominator of each ratio are measured with the same kernel.
 * - Tasks: mean ± sample std (n − 1) of each ratio over the tasks that have it.
 *
 * Pure given its inputs (every draw is seeded), except `seconds`, the wall time.
 */
import type { ExperimentConfig } from '../../shared/config';
import {
  DIAGNOSIS_SCHEMA_VERSION,
  type Diagnosis,
  type DiagnosisDistance,
  type DiagnosisFeature,
  type DiagnosisRow,
  type DiagnosisTaskSizes,
} from '../../shared/diagnosis';
import { applyAugmentation, resolveAugmentationRef, type ModuleResolver } from '../augment';
import type { ResolvedAugmentation } from '../augment/types';
import type { LoadedDataset } from '../data/types';
import { selectImages } from '../image';
import { meanStd } from '../metrics/meanStd';
import { Rng } from '../random';
import { buildTasks, sampleIndices } from '../testbed';
import type { Task } from '../testbed/types';
import { runAnomalyTypes } from '../worker/runAnomalyTypes';
import { extractFeatures, featureDimension, selectRows } from './features';
import {
  combine,
  crossColumnSums,
  crossMean,
  energyDiscrepancy,
  medianHeuristicBandwidth,
  mmdDiscrepancy,
  PointSet,
  withinMean,
  type Discrepancy,
} from './twoSampleDistance';

/** The most images of any one set a diagnosis compares. */
export const DIAGNOSIS_SET_LIMIT = 1000;
export const DEFAULT_DIAGNOSIS_FEATURE: DiagnosisFeature = 'pixels';
export const DEFAULT_DIAGNOSIS_DISTANCE: DiagnosisDistance = 'energy';

export interface DiagnoseOptions {
  /** Resolves a custom augmentation module of the config (as the training process does). */
  resolveModule?: ModuleResolver;
  feature?: DiagnosisFeature;
  distance?: DiagnosisDistance;
  /** At most this many images per set (default 1,000). */
  limit?: number;
  /**
   * Per anomaly type, compare with the normal test images plus that type (the unlabeled test set
   * a user with only that kind of anomaly would have) instead of that type alone. The run's
   * per-cell diagnostic uses it; `ssad diagnose` does not.
   */
  typeWithNormals?: boolean;
}

export interface SeededTask {
  readonly seed: number;
  readonly task: Task;
}

/** What `diagnoseTasks` measures: the diagnosis less the config's name and the wall time. */
export type TaskDiagnosis = Omit<Diagnosis, 'config' | 'seconds'>;

/** The diagnosis of a config on its loaded data set (see the module comment). */
export function diagnoseAlignment(config: ExperimentConfig, dataset: LoadedDataset, options: DiagnoseOptions = {}): Diagnosis {
  const started = performance.now();
  const augmentations = config.augmentations.map((ref) => resolveAugmentationRef(ref, options.resolveModule));
  const tasks = config.seeds.flatMap((seed) => buildTasks(config, dataset, seed, { resolveModule: options.resolveModule }).map((task) => ({ seed, task })));
  const measured = diagnoseTasks(tasks, augmentations, { ...options, classNames: dataset.classNames });
  return { ...measured, config: config.name, seconds: (performance.now() - started) / 1000 };
}

/** The diagnosis of given tasks (in order) for given augmentations (in config order). */
export function diagnoseTasks(
  tasks: readonly SeededTask[],
  augmentations: readonly ResolvedAugmentation[],
  options: Omit<DiagnoseOptions, 'resolveModule'> & { classNames?: readonly string[] } = {},
): TaskDiagnosis {
  const feature = options.feature ?? DEFAULT_DIAGNOSIS_FEATURE;
  const distance = options.distance ?? DEFAULT_DIAGNOSIS_DISTANCE;
  const limit = options.limit ?? DIAGNOSIS_SET_LIMIT;
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`the set limit of a diagnosis must be an integer ≥ 2, got ${limit}`);
  if (tasks.length === 0) throw new Error('a diagnosis needs at least one task');
  const ids = augmentations.map((a) => a.id);
  const anomalyTypes = runAnomalyTypes(tasks.map((t) => t.task), options.classNames ?? []);
  const ratios = new Map<string, number[]>(ids.map((id) => [id, []]));
  const typeRatios = new Map<string, Map<string, number[]>>(ids.map((id) => [id, new Map(anomalyTypes.map((t) => [t, []]))]));
  const perTask: DiagnosisTaskSizes[] = [];
  for (const { seed, task } of tasks) {
    const measured = measureTask(seed, task, augmentations, { feature, distance, limit, typeWithNormals: options.typeWithNormals ?? false });
    perTask.push(measured.sizes);
    for (const a of augmentations) {
      const r = measured.ratios.get(a.id);
      if (!r) continue;
      ratios.get(a.id)?.push(r.labelFree);
      for (const [type, value] of r.perType) typeRatios.get(a.id)?.get(type)?.push(value);
    }
  }
  const first = tasks[0].task.train;
  const rows: DiagnosisRow[] = augmentations.map((a) => {
    const none = isIdentity(a);
    const perType: DiagnosisRow['perType'] = {};
    for (const type of anomalyTypes) {
      const count = tasks.filter((t) => t.task.anomalyTypes.includes(type)).length;
      perType[type] = none ? { mean: 1, std: 0, n: count, usesLabels: true } : { ...meanStd(typeRatios.get(a.id)?.get(type) ?? []), usesLabels: true };
    }
    const ratio = none ? { mean: 1, std: 0, n: tasks.length } : meanStd(ratios.get(a.id) ?? []);
    return { augmentation: a.id, rank: 0, byConstruction: none, ratio: { ...ratio, usesLabels: false }, perType };
  });
  const ranked = [...rows].sort((x, y) => x.ratio.mean - y.ratio.mean);
  for (const row of ranked) row.rank = 1 + rows.filter((other) => other.ratio.mean < row.ratio.mean).length;
  const candidates = ranked.filter((r) => !r.byConstruction);
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    feature,
    featureDimension: featureDimension(feature, first.h, first.c),
    distance,
    mode: 'train',
    sizes: { limit, perTask },
    tasks: tasks.length,
    augmentations: ids,
    anomalyTypes,
    rows: ranked,
    pick: candidates.length > 0 ? { augmentation: candidates[0].augmentation, ratio: candidates[0].ratio.mean } : null,
  };
}

/** `none` (by definition, whatever its label): the identity. */
function isIdentity(a: ResolvedAugmentation): boolean {
  return a.definition.name === 'none';
}

export interface TaskRatios {
  labelFree: number;
  perType: Map<string, number>;
}

/** One target set of a task: its columns in the task's test features, and its within term. */
interface Target {
  columns: Int32Array;
  within: number;
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** The options a task's preparation depends on. */
export interface TaskSettings {
  feature: DiagnosisFeature;
  distance: DiagnosisDistance;
  limit: number;
  typeWithNormals: boolean;
}

/** Everything of one task that does not depend on the augmentation: computed once per task. */
export interface PreparedTask {
  readonly sizes: DiagnosisTaskSizes;
  /** The ratios of one augmentation (not `none`), remembered by its id. */
  ratiosOf(augmentation: ResolvedAugmentation): TaskRatios;
}

function measureTask(
  seed: number,
  task: Task,
  augmentations: readonly ResolvedAugmentation[],
  settings: TaskSettings,
): { sizes: DiagnosisTaskSizes; ratios: Map<string, TaskRatios> } {
  const prepared = prepareTask(seed, task, settings);
  const ratios = new Map<string, TaskRatios>();
  for (const a of augmentations) if (!isIdentity(a)) ratios.set(a.id, prepared.ratiosOf(a));
  return { sizes: prepared.sizes, ratios };
}

/**
 * The train and test side of a task's diagnosis: features, targets and D(train, target) for
 * every target. `ratiosOf` then costs one augmented set's distances.
 */
export function prepareTask(seed: number, task: Task, settings: TaskSettings): PreparedTask {
  const { feature, distance, limit, typeWithNormals } = settings;
  const c = task.normalClass;
  const trainPicked = sampleIndices(range(task.train.n), limit, new Rng(seed, 'diagnose', 'train', c));
  const train = selectImages(task.train, trainPicked);
  // The label-free test sample: positions only, never sampleType.
  const testPicked = sampleIndices(range(task.test.n), limit, new Rng(seed, 'diagnose', 'test', c));
  const typePicked = new Map<string, Int32Array>();
  for (const type of task.anomalyTypes) {
    const positions = Int32Array.from(task.sampleType.flatMap((t, i) => (t === type || (typeWithNormals && t === 'normal') ? [i] : [])));
    typePicked.set(type, sampleIndices(positions, limit, new Rng(seed, 'diagnose', 'type', c, type)));
  }
  // Every test image any target needs, featurised once; targets are column lists into it.
  const union = Int32Array.from(new Set([...testPicked, ...[...typePicked.values()].flatMap((p) => [...p])])).sort();
  const column = new Map<number, number>();
  union.forEach((position, k) => column.set(position, k));
  const columnsOf = (picked: Int32Array): Int32Array => picked.map((p) => column.get(p) as number);
  const testFeatures = extractFeatures(feature, selectImages(task.test, union));
  const testSet = new PointSet(testFeatures);
  const trainFeatures = extractFeatures(feature, train);
  const trainSet = new PointSet(trainFeatures);

  const labelFreeColumns = columnsOf(testPicked);
  const labelFreeSet = new PointSet(selectRows(testFeatures, labelFreeColumns));
  let bandwidth: number | undefined;
  let discrepancy: Discrepancy;
  if (distance === 'mmd') {
    bandwidth = medianHeuristicBandwidth(trainSet, labelFreeSet);
    discrepancy = mmdDiscrepancy(bandwidth);
  } else {
    discrepancy = energyDiscrepancy();
  }
  const target = (columns: Int32Array, set?: PointSet): Target => ({
    columns,
    within: withinMean(set ?? new PointSet(selectRows(testFeatures, columns)), discrepancy),
  });
  const labelFree = target(labelFreeColumns, labelFreeSet);
  const types = new Map<string, Target>([...typePicked].map(([type, picked]) => [type, target(columnsOf(picked))]));

  const distances = (x: PointSet): TaskRatios => {
    const within = withinMean(x, discrepancy);
    const sums = crossColumnSums(x, testSet, discrepancy);
    const d = (t: Target): number => combine(crossMean(sums, x.n, t.columns), within, t.within);
    return { labelFree: d(labelFree), perType: new Map([...types].map(([type, t]) => [type, d(t)])) };
  };
  const where = `seed ${seed}, normal class "${c}"`;
  const base = distances(trainSet);
  if (!(base.labelFree > 0)) throw new Error(`${where}: the train normals and the test set do not differ in ${feature} features (distance 0), so no ratio is defined`);
  for (const [type, value] of base.perType) {
    if (!(value > 0)) throw new Error(`${where}: the train normals and the test images of type "${type}" do not differ in ${feature} features (distance 0), so no ratio is defined`);
  }

  const measured = new Map<string, TaskRatios>();
  const ratiosOf = (a: ResolvedAugmentation): TaskRatios => {
    const known = measured.get(a.id);
    if (known) return known;
    const augmented = applyAugmentation(a, train, new Rng(seed, 'diagnose', 'augment', a.id, c), 'train');
    const m = distances(new PointSet(extractFeatures(feature, augmented)));
    const r: TaskRatios = {
      labelFree: m.labelFree / base.labelFree,
      perType: new Map([...m.perType].map(([type, value]) => [type, value / (base.perType.get(type) as number)])),
    };
    measured.set(a.id, r);
    return r;
  };
  const sizes: DiagnosisTaskSizes = {
    seed,
    normalClass: c,
    train: train.n,
    trainAvailable: task.train.n,
    test: testPicked.length,
    testAvailable: task.test.n,
    perType: Object.fromEntries([...typePicked].map(([type, picked]) => [type, picked.length])),
  };
  if (bandwidth !== undefined) sizes.bandwidth = bandwidth;
  return { sizes, ratiosOf };
}

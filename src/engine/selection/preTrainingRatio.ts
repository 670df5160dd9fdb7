/**
 * The pre-training diagnostic as a per-cell criterion: `ssad diagnose`'s label-free ratio
 * D(A(train), test) / D(train, test) for this cell's task and augmentation, computed by the same
 * code (features, distance, subsampling and draws), so a run's `all` figure is the diagnosis of
 * that task. Per anomaly type the test set is the normal images plus that type, as for the other
 * criteria.
 */
import type { ResolvedAugmentation } from '../augment/types';
import { DEFAULT_DIAGNOSIS_DISTANCE, DEFAULT_DIAGNOSIS_FEATURE, DIAGNOSIS_SET_LIMIT, prepareTask, type PreparedTask } from '../diagnose';
import type { Task } from '../testbed/types';

/**
 * The train and test side of each task, kept while the task lives: a training process serves
 * several cells of one task (one per augmentation), and that side is most of the work.
 */
const prepared = new WeakMap<Task, PreparedTask>();

/** The ratio on the whole test set (`all`) and on normal + each anomaly type of the task. */
export function preTrainingRatios(seed: number, task: Task, augmentation: ResolvedAugmentation): Map<string, number> {
  if (augmentation.definition.name === 'none') return new Map(['all', ...task.anomalyTypes].map((k) => [k, 1]));
  let side = prepared.get(task);
  if (!side) {
    side = prepareTask(seed, task, { feature: DEFAULT_DIAGNOSIS_FEATURE, distance: DEFAULT_DIAGNOSIS_DISTANCE, limit: DIAGNOSIS_SET_LIMIT, typeWithNormals: true });
    prepared.set(task, side);
  }
  const r = side.ratiosOf(augmentation);
  return new Map([['all', r.labelFree], ...task.anomalyTypes.map((t): [string, number] => [t, r.perType.get(t) as number])]);
}

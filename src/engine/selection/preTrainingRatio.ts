/**
 * The pre-training diagnostic as a per-cell criterion: `ssad diagnose`'s label-free ratio
 * D(A(train), test) / D(train, test) for this cell's task and augmentation, computed by the same
 * code (features, distance, subsampling and draws), so a run's `all` figure is the diagnosis of
 * that task. Per anomaly type the test set is the normal images plus that type, as for the other
 * criteria; one pass shares the train and augmented sides between all test sets.
 */
import type { ResolvedAugmentation } from '../augment/types';
import { diagnoseTasks } from '../diagnose';
import type { Task } from '../testbed/types';

/** The ratio on the whole test set (`all`) and on normal + each anomaly type of the task. */
export function preTrainingRatios(seed: number, task: Task, augmentation: ResolvedAugmentation): Map<string, number> {
  if (augmentation.definition.name === 'none') return new Map(['all', ...task.anomalyTypes].map((k) => [k, 1]));
  const row = diagnoseTasks([{ seed, task }], [augmentation], { typeWithNormals: true }).rows[0];
  return new Map([['all', row.ratio.mean], ...task.anomalyTypes.map((t): [string, number] => [t, row.perType[t].mean])]);
}

import type { Task } from '../testbed/types';

/**
 * The anomaly types of a run: the union over its tasks. Synthetic tasks all share one list, but a
 * semantic task leaves out its own normal class, so only the union names every class. Class names
 * keep the data set's order; any other type follows in order of first appearance.
 */
export function runAnomalyTypes(tasks: readonly Pick<Task, 'anomalyTypes'>[], classNames: readonly string[]): string[] {
  const types = new Set(tasks.flatMap((t) => t.anomalyTypes));
  const classes = classNames.filter((name) => types.has(name));
  return [...classes, ...[...types].filter((t) => !classes.includes(t))];
}

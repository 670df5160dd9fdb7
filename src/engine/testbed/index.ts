/**
 * Testbeds: the one-class tasks of an experiment (see `build.ts` for the rules), with the
 * engine's augmentation registry.
 */
import type { ExperimentConfig } from '../../shared/config';
import { registryResolver } from '../augment';
import type { LoadedDataset } from '../data/types';
import { buildTasksWith, type BuildTasksOptions } from './build';
import type { Task } from './types';

export { buildTasksWith, TestbedError, type BuildTasksOptions } from './build';
export { indicesOfClass, sampleIndices } from './sample';
export type { Task } from './types';

/**
 * One task per normal class of `config.dataset`, for one seed: `synthetic` (held-out normal test
 * images transformed by each anomaly function), `semantic` (the other classes are the anomalies)
 * or `labeled` (an mvtec folder's defect folders). Throws a TestbedError that names the problem.
 */
export function buildTasks(config: ExperimentConfig, dataset: LoadedDataset, seed: number, options: BuildTasksOptions = {}): Task[] {
  return buildTasksWith(registryResolver, config, dataset, seed, options);
}

import type { ModuleResolver } from '../augment';
import { renderSampleSheet } from '../imageio';
import { writeFileAtomic } from '../run/atomicFile';
import { resolveInsideRun } from '../run/runFolder';
import { sampleRows } from '../run/sampleRows';
import type { Task } from '../testbed/types';
import type { WorkerInit } from '../run/workerProtocol';

/** Writes `samples.png` into the run folder and returns its path relative to it. */
export function writeSampleSheet(init: WorkerInit, task: Task, resolveModule?: ModuleResolver): string {
  const rows = sampleRows(task, init.config.augmentations, init.config.seeds[0], 8, resolveModule);
  const png = renderSampleSheet(rows, { title: `${init.config.name}: normal, anomalies, training augmentations` });
  writeFileAtomic(resolveInsideRun(init.runDir, 'samples.png'), png);
  return 'samples.png';
}

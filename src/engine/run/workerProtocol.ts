/**
 * Messages between the run's parent process and a training child (`child_process.fork`).
 * A child holds one data set in memory and trains the cells it is given one at a time. The parent
 * owns this contract (it lives with the run, and `worker/` implements it); the events a child
 * reports about a cell are the run's own progress events, so they are derived from `RunEvent`.
 */
import type { ExperimentConfig } from '../../shared/config';
import type { RunEvent } from '../../shared/progress';
import type { BackendInfo } from '../../shared/results';
import type { CellPlan } from './cellPlan';

export interface WorkerInit {
  config: ExperimentConfig;
  /** Folder that relative paths of the config resolve against. */
  baseDir: string;
  runDir: string;
  /** Folder of the embedded MNIST files, when not found next to the bundle. */
  mnistDir?: string;
}

export type ParentToWorker =
  | { type: 'init'; init: WorkerInit }
  | { type: 'cell'; cell: CellPlan }
  /** Render the sample sheet (normal, each anomaly type, each augmentation) into the run folder. */
  | { type: 'samples' };

export interface TaskScale {
  normalClasses: string[];
  anomalyTypes: string[];
  trainImages: number;
  testImages: number;
  skipped: Array<{ file: string; reason: string }>;
}

/** The run's progress event of this type. */
type CellEvent<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

export type WorkerToParent =
  | { type: 'ready'; backend: BackendInfo; scale: TaskScale }
  /** The parent adds where the cell sits in the grid (`index`, `augmentation`, …) from its plan. */
  | Pick<CellEvent<'cell-started'>, 'type' | 'cellId'>
  | CellEvent<'epoch'>
  | CellEvent<'evaluating'>
  | (CellEvent<'cell-finished'> & { parameters: number })
  | { type: 'samples-written'; file: string }
  | { type: 'samples-failed'; error: string }
  /** The child cannot go on (bad data, no backend): the whole run fails with this message. */
  | { type: 'fatal'; error: string }
  /** Custom module code starts to run: the parent times it (`runtime.augmentationTimeoutSeconds`). */
  | { type: 'module-call'; file: string; line?: number; what: string }
  /** …and returned (or threw). */
  | { type: 'module-return' }
  /** An error nothing caught: the child exits right after saying it. */
  | { type: 'crash'; error: string }
  /** Something the user should know that fails nothing by itself. */
  | { type: 'warning'; message: string };

/**
 * Progress events of a run, streamed from the training children through the engine to its front
 * doors (the CLI's progress bar, the extension's notification, runs view and live curves).
 */
import type { CellResult, RunResults } from './results';

export type RunEvent =
  /** `doneCells`: cells completed before this start (a resumed run). */
  | { type: 'run-started'; runId: string; runDir: string; totalCells: number; backend: string; doneCells?: number }
  | { type: 'cell-started'; cellId: string; index: number; augmentation: string; seed: number; normalClass: string }
  | { type: 'epoch'; cellId: string; epoch: number; epochs: number; loss: number }
  | { type: 'evaluating'; cellId: string }
  | { type: 'cell-finished'; cell: CellResult }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'run-finished'; results: RunResults };

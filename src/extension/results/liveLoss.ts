import type { RunEvent } from '../../shared/progress';

/**
 * Loss per epoch of the cells of runs in progress, from the live `epoch` events: `results.json`
 * is only rewritten when a cell finishes, so without these the curves would jump cell by cell.
 */
export class LiveLoss {
  private readonly byRun = new Map<string, { runDir?: string; cells: Map<string, number[]> }>();

  /** Records an event; true when it changes what a panel shows. */
  record(runId: string, event: RunEvent): boolean {
    let run = this.byRun.get(runId);
    if (!run) {
      run = { cells: new Map() };
      this.byRun.set(runId, run);
    }
    switch (event.type) {
      case 'run-started':
        run.runDir = event.runDir;
        return true;
      case 'epoch': {
        const loss = run.cells.get(event.cellId) ?? [];
        loss[event.epoch - 1] = event.loss;
        run.cells.set(event.cellId, loss);
        return true;
      }
      case 'cell-started':
      case 'cell-finished':
      case 'run-finished':
        return true;
      default:
        return false;
    }
  }

  /** Live losses of a run's cells (epoch index → loss), by cell id. */
  lossOf(runId: string): ReadonlyMap<string, number[]> {
    return this.byRun.get(runId)?.cells ?? new Map();
  }

  runDirOf(runId: string): string | undefined {
    return this.byRun.get(runId)?.runDir;
  }

  forget(runId: string): void {
    this.byRun.delete(runId);
  }
}

/**
 * The results of the run in progress, kept up to date from its events between the engine's writes
 * of `results.json`, so the runs view and the panel see running cells and growing loss curves.
 * Pure: returns a new object, never touches the one it was given.
 */
import type { RunEvent } from '../../shared/progress';
import type { RunResults } from '../../shared/results';

export function applyRunEvent(results: RunResults, event: RunEvent): RunResults {
  switch (event.type) {
    case 'cell-started':
      return withCell(results, event.cellId, (c) => ({ ...c, status: 'running' }));
    case 'epoch':
      return withCell(results, event.cellId, (c) => ({ ...c, loss: [...c.loss.slice(0, event.epoch - 1), event.loss] }));
    case 'cell-finished':
      return withCell(results, event.cell.id, () => event.cell);
    case 'run-finished':
      return event.results;
    default:
      return results;
  }
}

function withCell(results: RunResults, id: string, change: (c: RunResults['cells'][number]) => RunResults['cells'][number]): RunResults {
  const index = results.cells.findIndex((c) => c.id === id);
  if (index < 0) return results;
  const cells = [...results.cells];
  cells[index] = change(cells[index]);
  return { ...results, cells };
}

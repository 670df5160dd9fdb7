/**
 * What a run is doing now, folded from its RunEvents, and the one line the progress notification
 * and the status bar show ("cell 3/7 · flip · epoch 4/10"). Pure: no vscode, no I/O.
 */
import type { RunEvent } from '../../shared/progress';

interface CellInfo {
  index: number;
  augmentation: string;
  epoch?: number;
  epochs?: number;
  evaluating?: boolean;
}

export interface RunProgressState {
  totalCells?: number;
  finishedCells: number;
  cells: Readonly<Record<string, CellInfo>>;
  /** The cell of the latest event: with several training processes, the one that spoke last. */
  latestCellId?: string;
}

export const INITIAL_PROGRESS: RunProgressState = { finishedCells: 0, cells: {} };

export function reduceProgress(state: RunProgressState, event: RunEvent): RunProgressState {
  switch (event.type) {
    case 'run-started':
      return { ...state, totalCells: event.totalCells, finishedCells: event.doneCells ?? state.finishedCells };
    case 'cell-started':
      return {
        ...state,
        cells: { ...state.cells, [event.cellId]: { index: event.index, augmentation: event.augmentation } },
        latestCellId: event.cellId,
      };
    case 'epoch':
    case 'evaluating': {
      const cell = state.cells[event.cellId];
      if (!cell) return state;
      const next: CellInfo =
        event.type === 'epoch' ? { ...cell, epoch: event.epoch, epochs: event.epochs, evaluating: false } : { ...cell, evaluating: true };
      return { ...state, cells: { ...state.cells, [event.cellId]: next }, latestCellId: event.cellId };
    }
    case 'cell-finished': {
      const cells = { ...state.cells };
      delete cells[event.cell.id];
      const latestCellId = state.latestCellId === event.cell.id ? Object.keys(cells).pop() : state.latestCellId;
      return { ...state, cells, latestCellId, finishedCells: state.finishedCells + 1 };
    }
    default:
      return state;
  }
}

/** "cell 3/7 · flip · epoch 4/10"; "loading data…" before the grid is planned. */
export function formatProgress(state: RunProgressState): string {
  if (state.totalCells === undefined) return 'loading data and starting training processes…';
  const cell = state.latestCellId ? state.cells[state.latestCellId] : undefined;
  if (!cell) return `${state.finishedCells}/${state.totalCells} cells done`;
  const step = cell.evaluating ? 'scoring' : cell.epoch !== undefined ? `epoch ${cell.epoch}/${cell.epochs}` : 'starting';
  return `cell ${cell.index + 1}/${state.totalCells} · ${cell.augmentation} · ${step}`;
}

/** Share of the notification's bar that one finished cell fills (VS Code adds increments up to 100). */
export function cellIncrement(state: RunProgressState): number {
  return state.totalCells ? 100 / state.totalCells : 0;
}

/**
 * What a run is doing now, folded from its RunEvents (with the time each happened), and the one
 * line the runs view and the status bar show ("cell 3/7 · flip · epoch 4/10 · about 2 min left").
 * Pure: no vscode, no I/O.
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
  /** When the first cell started (ms): the speed is measured from there, data loading left out. */
  trainingSince?: number;
  /** Cells done before this start (a resumed run): they took no time of this one. */
  doneBefore?: number;
}

export const INITIAL_PROGRESS: RunProgressState = { finishedCells: 0, cells: {} };

export function reduceProgress(state: RunProgressState, event: RunEvent, at = Date.now()): RunProgressState {
  switch (event.type) {
    case 'run-started':
      return { ...state, totalCells: event.totalCells, finishedCells: event.doneCells ?? state.finishedCells, doneBefore: event.doneCells ?? state.finishedCells };
    case 'cell-started':
      return {
        ...state,
        cells: { ...state.cells, [event.cellId]: { index: event.index, augmentation: event.augmentation } },
        latestCellId: event.cellId,
        trainingSince: state.trainingSince ?? at,
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

/** How much of a cell is done: its epochs, and scoring counted as the last 5 %. */
function cellFraction(cell: CellInfo): number {
  if (cell.evaluating) return 0.95;
  if (cell.epoch === undefined || !cell.epochs) return 0;
  return 0.95 * Math.min(1, cell.epoch / cell.epochs);
}

/** Work less than this (in cells) or time shorter than this says too little about the speed. */
const MIN_WORK_FOR_ESTIMATE = 0.1;
const MIN_MS_FOR_ESTIMATE = 5_000;

/**
 * Milliseconds left at the speed measured so far (cells and epochs done per wall-clock second
 * since the first cell started, so several training processes count together); undefined until
 * enough is done to tell.
 */
export function estimateRemainingMs(state: RunProgressState, now: number): number | undefined {
  if (state.totalCells === undefined || state.trainingSince === undefined) return undefined;
  const inFlight = Object.values(state.cells).reduce((sum, cell) => sum + cellFraction(cell), 0);
  const done = state.finishedCells - (state.doneBefore ?? 0) + inFlight;
  const elapsed = now - state.trainingSince;
  if (done < MIN_WORK_FOR_ESTIMATE || elapsed < MIN_MS_FOR_ESTIMATE) return undefined;
  const left = Math.max(0, state.totalCells - state.finishedCells - inFlight);
  return (left * elapsed) / done;
}

/** "about 40 s", "about 3 min", "about 1 h 20 min". */
export function formatRemaining(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest ? ` ${rest} min` : ''}`;
}

/** "cell 3/7 · flip · epoch 4/10 · about 2 min left"; "loading data…" before the grid is planned. */
export function formatProgress(state: RunProgressState, now?: number): string {
  if (state.totalCells === undefined) return 'loading data and starting training processes…';
  const eta = now === undefined ? undefined : estimateRemainingMs(state, now);
  const left = eta === undefined ? '' : ` · ${formatRemaining(eta)} left`;
  const cell = state.latestCellId ? state.cells[state.latestCellId] : undefined;
  if (!cell) return `${state.finishedCells}/${state.totalCells} cells done${left}`;
  const step = cell.evaluating ? 'scoring' : cell.epoch !== undefined ? `epoch ${cell.epoch}/${cell.epochs}` : 'starting';
  return `cell ${cell.index + 1}/${state.totalCells} · ${cell.augmentation} · ${step}${left}`;
}

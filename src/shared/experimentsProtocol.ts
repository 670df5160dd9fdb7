/**
 * The typed host ↔ webview protocol of the experiments table. The host sends every row of the
 * workspace (a full snapshot, re-sent on each `ready` and whenever a run changes); the webview
 * sorts, filters and selects, and asks the host to act on run folders, which the host checks
 * against the runs it knows (a webview never names an arbitrary folder to delete).
 */
import type { ExperimentRow } from './experiments/row';
import type { ExperimentFilter, ExperimentSort } from './experiments/query';
import { EXPERIMENTS_TEXT_FORMATS, type ExperimentsTextFormat } from './experiments/tableText';

export const EXPERIMENTS_VIEW_TYPE = 'ssad.experiments';

export interface ExperimentsSnapshot {
  rows: ExperimentRow[];
  /** The runs folder, for the empty state. */
  runsDirectory?: string;
}

export type ExperimentsHostToWebview = { type: 'rows'; snapshot: ExperimentsSnapshot };

/** Row actions the host runs on the chosen run folders. */
export const EXPERIMENT_ACTIONS = ['open', 'compare', 'delete', 'editNote', 'editTags', 'reveal'] as const;
export type ExperimentAction = (typeof EXPERIMENT_ACTIONS)[number];

export type ExperimentsWebviewToHost =
  | { type: 'ready' }
  | { type: 'action'; action: ExperimentAction; runDirs: string[] }
  /** The shown rows (in the shown order) with the shown columns, to a file or the clipboard. */
  | { type: 'export'; runDirs: string[]; columns: string[]; format: ExperimentsTextFormat; clipboard: boolean };

/** What the webview keeps across reloads: the user's view of the table. */
export interface ExperimentsViewState {
  sort: ExperimentSort;
  filter: ExperimentFilter;
  /** Columns the user showed (true) or hid (false); the others follow the catalogue's default. */
  columns?: Record<string, boolean>;
  selected: string[];
}

const MAX_RUNS = 10_000;

function isRunDirList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_RUNS && value.every((v) => typeof v === 'string' && v.length > 0 && v.length < 4096);
}

export function isExperimentsWebviewToHost(value: unknown): value is ExperimentsWebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const msg = value as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
      return true;
    case 'action':
      return (EXPERIMENT_ACTIONS as readonly unknown[]).includes(msg.action) && isRunDirList(msg.runDirs) && msg.runDirs.length > 0;
    case 'export':
      return (
        isRunDirList(msg.runDirs) &&
        Array.isArray(msg.columns) &&
        msg.columns.length <= 200 &&
        msg.columns.every((c) => typeof c === 'string' && c.length < 200) &&
        (EXPERIMENTS_TEXT_FORMATS as readonly unknown[]).includes(msg.format) &&
        typeof msg.clipboard === 'boolean'
      );
    default:
      return false;
  }
}

/**
 * The typed host ↔ webview protocol of the results panel: one discriminated union each way,
 * imported by both sides. The host sends full snapshots (never deltas) because VS Code drops
 * messages sent to a hidden webview; a snapshot sent after the next `ready` catches it up.
 */
import type { Diagnosis } from './diagnosis';
import type { RunNotes } from './runNotes';
import type { CellStatus, RunResults, RunStatus } from './results';
import { MATRIX_METRICS, type MatrixMetric } from './resultsView/matrix';
import type { Histogram, RocPoint } from './resultsView/roc';

/** One cell's training loss per epoch (grows while the run trains). */
export interface LossCurve {
  cellId: string;
  augmentation: string;
  seed: number;
  normalClass: string;
  status: CellStatus;
  loss: number[];
}

/** Everything the panel draws of one run; built by the host from `results.json` and live events. */
export interface RunView {
  /** The run folder on the host: the key that the serializer restores. */
  runDir: string;
  id: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  finishedAt?: string;
  /** "dae (width 16, depth 3) · mnist · 2000 train / 2000 test images · 10 epochs · cpu" */
  scaleText: string;
  results: Pick<RunResults, 'augmentations' | 'anomalyTypes' | 'summary' | 'normalClasses' | 'selection' | 'config'>;
  /** Category of each augmentation id, from the engine's registry (the webview never imports it). */
  categories: Record<string, string>;
  curves: LossCurve[];
  epochs: number;
  /** `samples.png` as a webview URI, when the run wrote one. */
  samplesUri?: string;
  cellsDone: number;
  cellsTotal: number;
  /** The run's note and tags (its `notes.json`), when it has any. */
  notes?: RunNotes;
}

/** ROC curves (one per seed × normal class) and score histograms of one heatmap cell. */
export interface CellDetail {
  augmentation: string;
  anomalyType: string;
  roc: Array<{ cellId: string; label: string; auc: number; points: RocPoint[] }>;
  /** Scores of the first cell: normal vs each anomaly type. */
  histogram?: Histogram & { cellId: string };
  /** Why there is nothing to show (no scores file, failed cell…). */
  problem?: string;
}

/** What the panel shows. */
export type PanelState =
  | { kind: 'empty'; canRun: boolean }
  | { kind: 'message'; title: string; detail: string }
  | { kind: 'run'; run: RunView; detail?: CellDetail }
  /** Two or more runs side by side; `baseline` indexes the run the differences are taken against. */
  | { kind: 'compare'; runs: RunView[]; baseline: number }
  /** The pre-training diagnosis of a config (`ssad diagnose`). */
  | { kind: 'diagnosis'; diagnosis: Diagnosis; configFile: string };

/** The charts of one run's view and the compare view's loss overlay, which can be saved as images. */
export const CHART_IDS = ['heatmap', 'legend', 'bars', 'curves', 'roc', 'histogram', 'compare-loss'] as const;
/**
 * A chart that can be saved as an image. The compare view draws one heatmap per run
 * (`compare-run-0` is run A) and one difference per run other than the baseline
 * (`compare-diff-1` is B − baseline).
 */
export type ChartId = (typeof CHART_IDS)[number] | `compare-run-${number}` | `compare-diff-${number}`;

export function isChartId(value: unknown): value is ChartId {
  return typeof value === 'string' && ((CHART_IDS as readonly string[]).includes(value) || /^compare-(run|diff)-\d{1,3}$/.test(value));
}

/** Exports the host writes from the run's data (no picture from the webview needed). */
export const DATA_EXPORT_FORMATS = ['csv', 'json', 'svg', 'html', 'latex', 'markdown'] as const;
export type DataExportFormat = (typeof DATA_EXPORT_FORMATS)[number];

/** What the webview persists with setState: the snapshot plus the user's view choices. */
export interface WebviewPersistedState {
  panel: PanelState;
  metric: MatrixMetric;
}

export type HostToWebview =
  | { type: 'state'; state: PanelState }
  /** The host needs a chart as PNG (an export command): answered by `image` with the same id. */
  | { type: 'requestImage'; requestId: number; chart: ChartId };

export type WebviewToHost =
  /** The webview script loaded and listens: the host answers with a `state` snapshot. */
  | { type: 'ready' }
  /** The user asked for a command that the host runs (buttons in the panel). */
  | { type: 'command'; command: PanelCommand }
  /** The user clicked a heatmap cell: the host reads its scores and sends ROC curves and histograms. */
  | { type: 'selectCell'; augmentation: string; anomalyType: string }
  /** The metric switch changed (kept by the host for the SVG export and the report). */
  | { type: 'metric'; metric: MatrixMetric }
  /** The compare view's baseline changed (an index into its runs). */
  | { type: 'baseline'; index: number }
  /** Save the run's data (CSV, JSON, heatmap SVG, HTML report) through the host's save dialog. */
  | { type: 'exportData'; format: DataExportFormat }
  /** The user's "PNG" button: save this chart. */
  | { type: 'saveImage'; chart: ChartId; dataUrl: string }
  /** The answer to `requestImage` with its id: the chart as a PNG data URL, or none when it is not drawn. */
  | { type: 'imageReply'; requestId: number; chart: ChartId; dataUrl?: string };

/** The commands a panel button may ask the host to run (and no other). */
export const PANEL_COMMANDS = ['ssad.runQuickstart', 'ssad.newExperimentConfig', 'ssad.compareRuns', 'ssad.openResults'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

export const PANEL_VIEW_TYPE = 'ssad.results';

const isPngDataUrl = (v: unknown): v is string => typeof v === 'string' && v.startsWith('data:image/png;base64,');
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 500;

/** Checks a message from the webview; anything else is dropped, so a webview cannot run arbitrary commands. */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const msg = value as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
      return true;
    case 'command':
      return (PANEL_COMMANDS as readonly unknown[]).includes(msg.command);
    case 'selectCell':
      return isString(msg.augmentation) && isString(msg.anomalyType);
    case 'metric':
      return (MATRIX_METRICS as readonly unknown[]).includes(msg.metric);
    case 'baseline':
      return Number.isInteger(msg.index) && (msg.index as number) >= 0 && (msg.index as number) < 1000;
    case 'exportData':
      return (DATA_EXPORT_FORMATS as readonly unknown[]).includes(msg.format);
    case 'saveImage':
      return isChartId(msg.chart) && isPngDataUrl(msg.dataUrl);
    case 'imageReply':
      return Number.isInteger(msg.requestId) && isChartId(msg.chart) && (msg.dataUrl === undefined || isPngDataUrl(msg.dataUrl));
    default:
      return false;
  }
}

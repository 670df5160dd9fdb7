/**
 * The columns of the experiments table: a fixed catalogue (name, status, scale, notes…) and one
 * metric column per matrix column found in the runs (`auroc:flip`, `auroc:all`). Each column
 * gives a sort key and a text; pure, shared by the webview (table), the host (exports) and tests.
 */
import { formatValue } from '../resultsView/matrix';
import type { ExperimentRow } from './row';

export type ColumnKind = 'text' | 'number' | 'date';

export interface ExperimentColumn {
  id: string;
  label: string;
  kind: ColumnKind;
  /** Shown before the user chooses columns. */
  visible: boolean;
  /** The sort key: numbers and dates sort numerically; null sorts last. */
  value(row: ExperimentRow): string | number | null;
  text(row: ExperimentRow): string;
  /** A longer explanation of the cell (a tooltip). */
  title?(row: ExperimentRow): string;
}

const METRIC_PREFIX = 'auroc:';

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** "2026-11-29 15:00" in UTC, so the same run reads the same on every machine and in every export. */
export function utcMinute(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}

/** "3 min 27 s", "48 s", "2 h 05 min". */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const number = (get: (r: ExperimentRow) => number | null, label: string, id: string, visible: boolean): ExperimentColumn => ({
  id,
  label,
  kind: 'number',
  visible,
  value: get,
  text: (r) => {
    const v = get(r);
    return v === null ? '—' : String(v);
  },
});

function change(id: 'gain' | 'loss', label: string, get: (r: ExperimentRow) => ExperimentRow['gain']): ExperimentColumn {
  return {
    id,
    label,
    kind: 'number',
    visible: true,
    value: (r) => get(r)?.delta ?? null,
    text: (r) => {
      const c = get(r);
      return c ? `${c.augmentation}→${c.anomalyType} ${formatValue(c.delta, 'delta')}` : '—';
    },
    title: () => 'mean paired Δ AUROC of one augmentation × anomaly type against none, over the run\'s tasks',
  };
}

export const FIXED_COLUMNS: readonly ExperimentColumn[] = [
  { id: 'name', label: 'name', kind: 'text', visible: true, value: (r) => r.name, text: (r) => r.name, title: (r) => r.runDir },
  {
    id: 'status',
    label: 'status',
    kind: 'text',
    visible: true,
    value: (r) => r.status,
    text: (r) => (r.status === 'running' ? `running ${r.cellsDone}/${r.cellsTotal}` : r.status),
  },
  { id: 'date', label: 'date (UTC)', kind: 'date', visible: true, value: (r) => Date.parse(r.createdAt) || null, text: (r) => utcMinute(r.createdAt) },
  { id: 'duration', label: 'duration', kind: 'number', visible: true, value: (r) => r.seconds, text: (r) => duration(r.seconds) },
  { id: 'backend', label: 'backend', kind: 'text', visible: false, value: (r) => r.backend, text: (r) => r.backend },
  { id: 'dataset', label: 'data set', kind: 'text', visible: false, value: (r) => r.dataset, text: (r) => r.dataset },
  number((r) => r.trainImages, 'train images', 'trainImages', true),
  number((r) => r.testImages, 'test images', 'testImages', false),
  number((r) => r.epochs, 'epochs', 'epochs', true),
  number((r) => r.seeds, 'seeds', 'seeds', true),
  number((r) => r.normalClasses, 'classes', 'classes', true),
  { id: 'detector', label: 'detector', kind: 'text', visible: true, value: (r) => r.detector, text: (r) => r.detector, title: () => 'type width/depth/code size' },
  {
    id: 'augmentations',
    label: 'augmentations',
    kind: 'number',
    visible: false,
    value: (r) => r.augmentations.length,
    text: (r) => r.augmentations.join(', '),
  },
  {
    id: 'best',
    label: 'best aligned',
    kind: 'number',
    visible: true,
    value: (r) => r.best?.auroc ?? null,
    text: (r) => (r.best ? `${r.best.augmentation}→${r.best.anomalyType} ${r.best.auroc.toFixed(3)}` : '—'),
  },
  change('gain', 'largest gain vs none', (r) => r.gain),
  change('loss', 'largest loss vs none', (r) => r.loss),
  { id: 'tags', label: 'tags', kind: 'text', visible: true, value: (r) => r.tags.join(' ') || null, text: (r) => r.tags.join(', ') },
  { id: 'note', label: 'note', kind: 'text', visible: true, value: (r) => r.note || null, text: (r) => r.note },
];

/** The metric column of one matrix column: the best augmentation's mean AUROC. */
export function metricColumn(matrixColumn: string): ExperimentColumn {
  const best = (r: ExperimentRow): ExperimentRow['columns'][string] | undefined => r.columns[matrixColumn];
  return {
    id: `${METRIC_PREFIX}${matrixColumn}`,
    label: `AUROC ${matrixColumn}`,
    kind: 'number',
    visible: true,
    value: (r) => best(r)?.auroc ?? null,
    text: (r) => fixed(best(r)?.auroc ?? null, 3),
    title: (r) => {
      const b = best(r);
      if (!b) return `no ${matrixColumn} column in this run`;
      return `best: ${b.augmentation} ${b.auroc.toFixed(3)} · none ${fixed(b.none, 3)} (mean AUROC over the run's tasks)`;
    },
  };
}

export function isMetricColumn(id: string): boolean {
  return id.startsWith(METRIC_PREFIX);
}

/**
 * The matrix columns of all runs, in order of first appearance, `all` last: the metric columns a
 * table of these runs offers.
 */
export function matrixColumnsOf(rows: readonly ExperimentRow[]): string[] {
  const seen: string[] = [];
  for (const r of rows) for (const c of r.matrixColumns) if (!seen.includes(c) && r.columns[c]) seen.push(c);
  return [...seen.filter((c) => c !== 'all'), ...seen.filter((c) => c === 'all')];
}

/** Every column of a table of these rows: the catalogue, with the metric columns after `best aligned`. */
export function columnsFor(rows: readonly ExperimentRow[]): ExperimentColumn[] {
  const metrics = matrixColumnsOf(rows).map(metricColumn);
  const at = FIXED_COLUMNS.findIndex((c) => c.id === 'best') + 1;
  return [...FIXED_COLUMNS.slice(0, at), ...metrics, ...FIXED_COLUMNS.slice(at)];
}

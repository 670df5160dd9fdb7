/**
 * Filtering and sorting the experiments table: free text, status, tag and a range on one metric
 * column. Pure, so the webview and the tests use the same rules.
 */
import type { RunStatus } from '../results';
import type { ExperimentColumn } from './columns';
import type { ExperimentRow } from './row';

export interface ExperimentFilter {
  /** Words that must all occur (case-insensitive) in the name, id, note, tags, detector, data set or augmentations. */
  text: string;
  status: RunStatus | '';
  tag: string;
  /** A range on one column's value (a metric column, or any numeric one); empty bounds are open. */
  range: { column: string; min: number | null; max: number | null };
}

export const NO_FILTER: ExperimentFilter = { text: '', status: '', tag: '', range: { column: '', min: null, max: null } };

export interface ExperimentSort {
  column: string;
  descending: boolean;
}

function haystack(row: ExperimentRow): string {
  return [row.name, row.id, row.note, ...row.tags, row.detector, row.dataset, ...row.augmentations].join('\n').toLowerCase();
}

export function filterRows(rows: readonly ExperimentRow[], filter: ExperimentFilter, columns: readonly ExperimentColumn[]): ExperimentRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const range = filter.range.column ? columns.find((c) => c.id === filter.range.column) : undefined;
  return rows.filter((row) => {
    if (filter.status && row.status !== filter.status) return false;
    if (filter.tag && !row.tags.includes(filter.tag)) return false;
    if (words.length > 0) {
      const text = haystack(row);
      if (!words.every((w) => text.includes(w))) return false;
    }
    if (range && (filter.range.min !== null || filter.range.max !== null)) {
      const v = range.value(row);
      // A run without the value cannot be shown to lie in the range.
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
      if (filter.range.min !== null && v < filter.range.min) return false;
      if (filter.range.max !== null && v > filter.range.max) return false;
    }
    return true;
  });
}

/** Sorted by one column; rows without a value last in both directions; ties keep the given order (newest first). */
export function sortRows(rows: readonly ExperimentRow[], sort: ExperimentSort, columns: readonly ExperimentColumn[]): ExperimentRow[] {
  const column = columns.find((c) => c.id === sort.column);
  if (!column) return [...rows];
  const keyed = rows.map((row, index) => ({ row, index, key: column.value(row) }));
  keyed.sort((a, b) => {
    const aMissing = a.key === null || a.key === '';
    const bMissing = b.key === null || b.key === '';
    if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
    const order =
      typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key), undefined, { numeric: true, sensitivity: 'base' });
    return (sort.descending ? -order : order) || a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** The tags used by any of the rows, sorted: the tag filter's choices. */
export function tagsOf(rows: readonly ExperimentRow[]): string[] {
  return [...new Set(rows.flatMap((r) => r.tags))].sort((a, b) => a.localeCompare(b));
}

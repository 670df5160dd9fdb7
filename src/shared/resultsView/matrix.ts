/**
 * The alignment matrix as the panel shows it: rows = training augmentations (grouped by category,
 * `none` first), columns = anomaly types then `all`, one cell per pair with mean ± std over seeds
 * and normal classes. Pure: the host (exports, report) and the webview (charts, table) share it.
 */
import type { RunResults, Stat, SummaryEntry } from '../results';

/** What a cell shows: one of the summary's metrics, or AUROC minus the paired `none` AUROC. */
export type MatrixMetric = 'auroc' | 'ap' | 'f1AtK' | 'delta';
export const MATRIX_METRICS: readonly MatrixMetric[] = ['auroc', 'ap', 'f1AtK', 'delta'];
export const METRIC_LABELS: Record<MatrixMetric, string> = {
  auroc: 'AUROC',
  ap: 'Average precision',
  f1AtK: 'F1@k',
  delta: 'Δ AUROC vs none',
};

export const ALL_COLUMN = 'all';
export const SIGNIFICANCE_LEVEL = 0.05;

export interface MatrixRow {
  augmentation: string;
  category: string;
}

export interface MatrixCell {
  augmentation: string;
  anomalyType: string;
  /** null when the cell has no value (e.g. a failed cell, or Δ for a run without `none`). */
  mean: number | null;
  std: number | null;
  n: number;
  /** Wilcoxon signed-rank p-value vs `none`, when the test could be computed. */
  pValue?: number;
  significant: boolean;
}

export interface Matrix {
  metric: MatrixMetric;
  rows: MatrixRow[];
  columns: string[];
  /** Row-major: cells[r * columns.length + c]. */
  cells: MatrixCell[];
}

/** Category order of the rows; unknown categories go last, in order of appearance. */
const CATEGORY_ORDER = ['none', 'geometric', 'noise-like', 'colour', 'patch', 'composite', 'custom'];

/**
 * Rows grouped by category (`none` first), keeping the run's order inside each category, so the
 * baseline is always the top row and similar mechanisms sit together.
 */
export function orderRows(augmentations: readonly string[], categoryOf: Readonly<Record<string, string>>): MatrixRow[] {
  const rows = augmentations.map((augmentation, index) => ({
    augmentation,
    category: augmentation === 'none' ? 'none' : (categoryOf[augmentation] ?? 'custom'),
    index,
  }));
  const rank = (category: string): number => {
    const i = CATEGORY_ORDER.indexOf(category);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  rows.sort((a, b) => rank(a.category) - rank(b.category) || a.index - b.index);
  return rows.map(({ augmentation, category }) => ({ augmentation, category }));
}

/** Anomaly types in the run's order, then `all`. */
export function matrixColumns(anomalyTypes: readonly string[]): string[] {
  return [...anomalyTypes.filter((t) => t !== ALL_COLUMN), ALL_COLUMN];
}

function statOf(entry: SummaryEntry | undefined, metric: MatrixMetric): Stat | undefined {
  if (!entry) return undefined;
  if (metric === 'delta') {
    if (entry.augmentation === 'none') return { mean: 0, std: 0, n: entry.metrics.auroc.n };
    return entry.deltaAurocVsNone;
  }
  return entry.metrics[metric];
}

/** Builds the matrix of one metric from a run's summary. */
export function buildMatrix(
  results: Pick<RunResults, 'augmentations' | 'anomalyTypes' | 'summary'>,
  categoryOf: Readonly<Record<string, string>>,
  metric: MatrixMetric,
): Matrix {
  const rows = orderRows(results.augmentations, categoryOf);
  const columns = matrixColumns(results.anomalyTypes);
  const byKey = new Map(results.summary.map((s) => [`${s.augmentation}\u0000${s.anomalyType}`, s]));
  const cells: MatrixCell[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const entry = byKey.get(`${row.augmentation}\u0000${column}`);
      const stat = statOf(entry, metric);
      const valid = stat !== undefined && Number.isFinite(stat.mean);
      const pValue = entry?.wilcoxonVsNone?.pValue;
      cells.push({
        augmentation: row.augmentation,
        anomalyType: column,
        mean: valid ? stat.mean : null,
        std: valid && Number.isFinite(stat.std) ? stat.std : null,
        n: stat?.n ?? 0,
        ...(pValue !== undefined ? { pValue } : {}),
        significant: pValue !== undefined && pValue < SIGNIFICANCE_LEVEL,
      });
    }
  }
  return { metric, rows, columns, cells };
}

export function cellAt(matrix: Matrix, augmentation: string, anomalyType: string): MatrixCell | undefined {
  const r = matrix.rows.findIndex((row) => row.augmentation === augmentation);
  const c = matrix.columns.indexOf(anomalyType);
  return r < 0 || c < 0 ? undefined : matrix.cells[r * matrix.columns.length + c];
}

/** Finite cell means, for the colour scale's domain. */
export function matrixValues(matrix: Matrix): number[] {
  return matrix.cells.flatMap((c) => (c.mean === null ? [] : [c.mean]));
}

/** How a value is printed in a cell and in the table: 3 decimals, Δ with an explicit sign. */
export function formatValue(value: number | null, metric: MatrixMetric): string {
  if (value === null) return '—';
  if (metric === 'delta') {
    // No sign on a zero: "±0.000" would read as a spread next to "± std".
    const rounded = Math.abs(value) < 0.0005 ? 0 : value;
    return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(3)}`;
  }
  return value.toFixed(3);
}

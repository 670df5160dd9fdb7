/**
 * The alignment matrix as the panel shows it: rows = training augmentations (grouped by category,
 * `none` first), columns = anomaly types, the pooled `one-vs-one` of a semantic run, then `all`;
 * one cell per pair with mean ± std over seeds and normal classes. Pure: the host (exports,
 * report) and the webview (charts, table) share it.
 */
import { isPooledOneVsOne, ONE_VS_ONE, PAIRING_TASK, type BootstrapCi, type RunResults, type Stat, type SummaryEntry, type WilcoxonResult } from '../results';

/** What a cell shows: one of the summary's metrics, or AUROC minus the paired `none` AUROC. */
export const MATRIX_METRICS = ['auroc', 'ap', 'f1AtK', 'delta'] as const;
export type MatrixMetric = (typeof MATRIX_METRICS)[number];
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
  /** What one task of the cell is (the unit of n and of the pairing with `none`), when the cell has a summary entry. */
  pairing?: string;
  /** How the cell compares with `none`: on every row but `none`, when the cell has a summary entry. */
  comparison?: CellComparison;
}

/** The paired comparison behind Δ and the significance mark, as the summary recorded it. */
export interface CellComparison {
  /** Tasks paired with a `none` task. */
  pairs: number;
  /** Mean ± std of the paired AUROC differences. */
  delta?: Stat;
  /** Bootstrap interval of the mean difference (absent with one pair, and in older files). */
  ci?: BootstrapCi;
  wilcoxon?: WilcoxonResult;
  /** Why the test is missing. */
  note?: string;
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

/** Anomaly types in the run's order, then the pooled `one-vs-one` when the summary has it, then `all`. */
export function matrixColumns(anomalyTypes: readonly string[], summary: readonly Pick<SummaryEntry, 'anomalyType'>[] = []): string[] {
  const types = anomalyTypes.filter((t) => t !== ALL_COLUMN);
  const pooled = summary.some((e) => isPooledOneVsOne(e.anomalyType, types));
  return [...types, ...(pooled ? [ONE_VS_ONE] : []), ALL_COLUMN];
}

/** Entries written before pairing was recorded were all per task. */
export function pairingOf(entry: Pick<SummaryEntry, 'pairing'>): string {
  return entry.pairing ?? PAIRING_TASK;
}

function comparisonOf(entry: SummaryEntry): CellComparison | undefined {
  if (entry.augmentation === 'none') return undefined;
  return {
    pairs: entry.pairs ?? entry.deltaAurocVsNone?.n ?? 0,
    ...(entry.deltaAurocVsNone ? { delta: entry.deltaAurocVsNone } : {}),
    ...(entry.deltaCi ? { ci: entry.deltaCi } : {}),
    ...(entry.wilcoxonVsNone ? { wilcoxon: entry.wilcoxonVsNone } : {}),
    ...(entry.wilcoxonNote ? { note: entry.wilcoxonNote } : {}),
  };
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
  const columns = matrixColumns(results.anomalyTypes, results.summary);
  const byKey = new Map(results.summary.map((s) => [`${s.augmentation}\u0000${s.anomalyType}`, s]));
  const cells: MatrixCell[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const entry = byKey.get(`${row.augmentation}\u0000${column}`);
      const stat = statOf(entry, metric);
      const valid = stat !== undefined && Number.isFinite(stat.mean);
      const pValue = entry?.wilcoxonVsNone?.pValue;
      const comparison = entry && comparisonOf(entry);
      cells.push({
        augmentation: row.augmentation,
        anomalyType: column,
        mean: valid ? stat.mean : null,
        std: valid && Number.isFinite(stat.std) ? stat.std : null,
        n: stat?.n ?? 0,
        ...(pValue !== undefined ? { pValue } : {}),
        significant: pValue !== undefined && pValue < SIGNIFICANCE_LEVEL,
        ...(entry ? { pairing: pairingOf(entry) } : {}),
        ...(comparison ? { comparison } : {}),
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

/**
 * A cell as the tables print it: the value, ± std over more than one task, for Δ its bootstrap
 * interval in brackets, and * when the Wilcoxon test says p < 0.05.
 */
export function cellText(cell: MatrixCell, metric: MatrixMetric): string {
  const std = cell.std !== null && cell.n > 1 ? ` ± ${cell.std.toFixed(3)}` : '';
  const ci = metric === 'delta' ? cell.comparison?.ci : undefined;
  const interval = ci ? ` [${formatValue(ci.low, 'delta')}, ${formatValue(ci.high, 'delta')}]` : '';
  return `${formatValue(cell.mean, metric)}${std}${interval}${cell.significant ? ' *' : ''}`;
}

/** What the tables' numbers are; for Δ, what the brackets and the mark mean. */
export function tableCaption(metric: MatrixMetric): string {
  if (metric === 'delta') {
    return `${METRIC_LABELS.delta}: mean ± std of the paired differences [95 % bootstrap interval of the mean]; * = Wilcoxon signed-rank p < ${SIGNIFICANCE_LEVEL}`;
  }
  return `${METRIC_LABELS[metric]}: mean ± std over seeds and normal classes`;
}

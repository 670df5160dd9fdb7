/**
 * The matrix as tidy CSV (one line per augmentation × anomaly type, every metric, and the paired
 * comparison with `none`), ready for a spreadsheet or pandas; and as JSON with the same numbers.
 * Columns added later go at the end, so scripts that read columns by position keep working.
 */
import { METRIC_NAMES, type BootstrapCi, type RunResults } from '../results';
import type { RunNotes } from '../runNotes';
import { buildMatrix, MATRIX_METRICS, type MatrixMetric } from './matrix';

export const CSV_HEADER = [
  'augmentation',
  'category',
  'anomaly_type',
  'auroc_mean',
  'auroc_std',
  'ap_mean',
  'ap_std',
  'f1_at_k_mean',
  'f1_at_k_std',
  'delta_auroc_vs_none_mean',
  'delta_auroc_vs_none_std',
  'n',
  'wilcoxon_p',
  'delta_ci_low',
  'delta_ci_high',
  'delta_ci_level',
  'wilcoxon_method',
  'wilcoxon_n',
  'pairing',
  'pairs',
] as const;

export interface MatrixExportRow {
  augmentation: string;
  category: string;
  anomalyType: string;
  values: Record<MatrixMetric, { mean: number | null; std: number | null }>;
  n: number;
  wilcoxonP: number | null;
  /** Bootstrap interval of the mean Δ vs none (null on the none row, with one pair, and in older files). */
  deltaCi: BootstrapCi | null;
  wilcoxonMethod: string | null;
  /** Non-zero paired differences the test ranked. */
  wilcoxonN: number | null;
  /** What one task (and one pair with none) is, e.g. `seed × normal class`. */
  pairing: string | null;
  /** Tasks paired with none (null on the none row). */
  pairs: number | null;
}

/** Every metric of every cell, in the heatmap's row and column order. */
export function matrixExportRows(results: Pick<RunResults, 'augmentations' | 'anomalyTypes' | 'summary'>, categoryOf: Readonly<Record<string, string>>): MatrixExportRow[] {
  const matrices = Object.fromEntries(MATRIX_METRICS.map((m) => [m, buildMatrix(results, categoryOf, m)])) as Record<MatrixMetric, ReturnType<typeof buildMatrix>>;
  const base = matrices.auroc;
  return base.cells.map((cell, i) => ({
    augmentation: cell.augmentation,
    category: base.rows[Math.floor(i / base.columns.length)].category,
    anomalyType: cell.anomalyType,
    values: Object.fromEntries(MATRIX_METRICS.map((m) => [m, { mean: matrices[m].cells[i].mean, std: matrices[m].cells[i].std }])) as MatrixExportRow['values'],
    n: cell.n,
    wilcoxonP: cell.pValue ?? null,
    deltaCi: cell.comparison?.ci ?? null,
    wilcoxonMethod: cell.comparison?.wilcoxon?.method ?? null,
    wilcoxonN: cell.comparison?.wilcoxon?.n ?? null,
    pairing: cell.pairing ?? null,
    pairs: cell.comparison?.pairs ?? null,
  }));
}

/**
 * One CSV field. A text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`,
 * a leading tab or carriage return — a folder or module name can be anything) gets a leading `'`,
 * so it shows as text; numbers are written as numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function matrixCsv(rows: readonly MatrixExportRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    const v = r.values;
    lines.push(
      [
        r.augmentation,
        r.category,
        r.anomalyType,
        v.auroc.mean,
        v.auroc.std,
        v.ap.mean,
        v.ap.std,
        v.f1AtK.mean,
        v.f1AtK.std,
        v.delta.mean,
        v.delta.std,
        r.n,
        r.wilcoxonP,
        r.deltaCi?.low ?? null,
        r.deltaCi?.high ?? null,
        r.deltaCi?.level ?? null,
        r.wilcoxonMethod,
        r.wilcoxonN,
        r.pairing,
        r.pairs,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** Splits one CSV line written by `matrixCsv` (quoted fields included). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

export function matrixJson(results: Pick<RunResults, 'id' | 'name' | 'selection'>, rows: readonly MatrixExportRow[], notes?: RunNotes): string {
  const selection = results.selection ? { selection: results.selection } : {};
  const withNotes = notes ? { note: notes.note, tags: notes.tags } : {};
  return JSON.stringify({ run: results.id, name: results.name, ...withNotes, metrics: [...METRIC_NAMES.filter((m) => m !== 'precisionAtK'), 'deltaAurocVsNone'], cells: rows, ...selection }, null, 2) + '\n';
}

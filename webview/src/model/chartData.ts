/**
 * Chart data of the results panel as plain data (no DOM, no Chart.js): the webview turns it into
 * charts, the unit tests check it against results.json.
 */
import type { LossCurve, RunView } from '../../../src/shared/protocol';
import { runLetter } from '../../../src/shared/resultsView/runLetter';
import { buildMatrix, type Matrix, type MatrixMetric } from '../../../src/shared/resultsView/matrix';

/** Okabe–Ito: eight colours that stay distinct under the common colour-vision deficiencies. */
export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

export function matrixOf(run: RunView, metric: MatrixMetric): Matrix {
  return buildMatrix(run.results, run.categories, metric);
}

/** A stable colour per augmentation (its position in the matrix rows), the same in every chart. */
export function augmentationColour(rowIndex: number): string {
  return CATEGORICAL[rowIndex % CATEGORICAL.length];
}

export interface BarSeries {
  augmentation: string;
  colour: string;
  /** Per column (anomaly type, then all): mean and std over seeds × classes. */
  means: Array<number | null>;
  stds: Array<number | null>;
}

/** AUROC bars: groups = anomaly types (and all), one bar per augmentation, whiskers = ± std. */
export function aurocBars(run: RunView): { columns: string[]; series: BarSeries[] } {
  const m = matrixOf(run, 'auroc');
  const series = m.rows.map((row, r) => ({
    augmentation: row.augmentation,
    colour: augmentationColour(r),
    means: m.columns.map((_, c) => m.cells[r * m.columns.length + c].mean),
    stds: m.columns.map((_, c) => m.cells[r * m.columns.length + c].std),
  }));
  return { columns: m.columns, series };
}

export interface CurveSeries {
  label: string;
  augmentation: string;
  colour: string;
  /** The line's dash pattern (empty: solid): seeds after the first, or the runs of a comparison. */
  dash: number[];
  points: Array<{ x: number; y: number }>;
}

/** Loss per epoch of each cell (epochs from 1), coloured by augmentation like the bars. */
export function lossCurves(run: RunView): CurveSeries[] {
  const order = matrixOf(run, 'auroc').rows.map((r) => r.augmentation);
  const firstSeed = new Map<string, number>();
  for (const c of run.curves) if (!firstSeed.has(c.augmentation)) firstSeed.set(c.augmentation, c.seed);
  return run.curves
    .filter((c: LossCurve) => c.loss.length > 0)
    .map((c) => ({
      label: `${c.augmentation} · seed ${c.seed}${run.results.normalClasses.length > 1 ? ` · class ${c.normalClass}` : ''}`,
      augmentation: c.augmentation,
      colour: augmentationColour(Math.max(0, order.indexOf(c.augmentation))),
      dash: c.seed !== firstSeed.get(c.augmentation) ? SEED_DASH : [],
      points: c.loss.map((y, i) => ({ x: i + 1, y })),
    }));
}

const SEED_DASH = [5, 4];

/** One dash pattern per compared run: A solid, B dashed, C dotted, … (repeating after six). */
export const RUN_DASHES: readonly number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [12, 6], [2, 6]];

/**
 * The compared runs' training curves on one chart: per augmentation the mean loss per epoch over
 * its cells (seeds × normal classes), in the augmentation's colour, each run with its own dash
 * pattern (RUN_DASHES). An epoch counts only cells that reached it, so a run still training shows
 * what it has.
 */
export function compareLossCurves(runs: readonly RunView[]): CurveSeries[] {
  const order = [...new Set(runs.flatMap((run) => matrixOf(run, 'auroc').rows.map((r) => r.augmentation)))];
  const series: CurveSeries[] = [];
  for (const [index, run] of runs.entries()) {
    const tag = runLetter(index);
    for (const augmentation of order) {
      const curves = run.curves.filter((c) => c.augmentation === augmentation && c.loss.length > 0);
      if (curves.length === 0) continue;
      const epochs = Math.max(...curves.map((c) => c.loss.length));
      const points = Array.from({ length: epochs }, (_, e) => {
        const values = curves.flatMap((c) => (e < c.loss.length && Number.isFinite(c.loss[e]) ? [c.loss[e]] : []));
        return { x: e + 1, y: values.reduce((a, b) => a + b, 0) / values.length };
      }).filter((p) => Number.isFinite(p.y));
      series.push({ label: `${tag}: ${augmentation} (mean of ${curves.length})`, augmentation, colour: augmentationColour(order.indexOf(augmentation)), dash: RUN_DASHES[index % RUN_DASHES.length], points });
    }
  }
  return series;
}

/** The matrix as data attributes for tests and assistive tools: row-major means. */
export function matrixDataset(m: Matrix): { rows: string; columns: string; values: string } {
  return {
    rows: JSON.stringify(m.rows.map((r) => r.augmentation)),
    columns: JSON.stringify(m.columns),
    values: JSON.stringify(m.cells.map((c) => c.mean)),
  };
}

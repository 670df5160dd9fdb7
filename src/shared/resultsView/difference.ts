/**
 * Comparing two runs: the matrix of B minus A on the rows and columns both runs have. A Δ of a
 * Δ is still a difference of AUROCs, so the diverging scale of Δ vs none applies to it.
 */
import type { Matrix, MatrixCell } from './matrix';

export function differenceMatrix(a: Matrix, b: Matrix): Matrix {
  const rows = a.rows.filter((ra) => b.rows.some((rb) => rb.augmentation === ra.augmentation));
  const columns = a.columns.filter((c) => b.columns.includes(c));
  const find = (m: Matrix, aug: string, col: string): MatrixCell | undefined =>
    m.cells[m.rows.findIndex((r) => r.augmentation === aug) * m.columns.length + m.columns.indexOf(col)];
  const cells: MatrixCell[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const ca = find(a, row.augmentation, column);
      const cb = find(b, row.augmentation, column);
      const am = ca?.mean ?? null;
      const bm = cb?.mean ?? null;
      cells.push({
        augmentation: row.augmentation,
        anomalyType: column,
        mean: am !== null && bm !== null ? bm - am : null,
        std: null,
        n: Math.min(ca?.n ?? 0, cb?.n ?? 0),
        significant: false,
      });
    }
  }
  return { metric: a.metric, rows, columns, cells };
}

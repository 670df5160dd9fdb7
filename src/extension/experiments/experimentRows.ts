/**
 * The experiments table's rows, built from each run's `results.json` and `notes.json`: the scale
 * it was measured at, and per matrix column (the heatmap's columns) the best augmentation's mean
 * AUROC next to `none`'s. Pure (no vscode), so it is unit-tested against the fixtures.
 */
import type { ExperimentRow, ColumnBest } from '../../shared/experiments/row';
import type { RunOnDisk, RunResults } from '../../shared/results';
import { buildMatrix } from '../../shared/resultsView/matrix';
import { bestAlignedCell, changesVsNone } from '../runs/runSummaryText';

function secondsOf(results: RunResults, now: number): number | null {
  if (results.totalSeconds !== undefined) return results.totalSeconds;
  const start = Date.parse(results.createdAt);
  const end = results.finishedAt ? Date.parse(results.finishedAt) : results.status === 'running' ? now : NaN;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, (end - start) / 1000) : null;
}

/** Per heatmap column, the augmentation with the highest mean AUROC, and `none`'s value. */
export function columnBests(results: Pick<RunResults, 'augmentations' | 'anomalyTypes' | 'summary'>): Record<string, ColumnBest> {
  const matrix = buildMatrix(results, {}, 'auroc');
  const width = matrix.columns.length;
  const noneRow = matrix.rows.findIndex((r) => r.augmentation === 'none');
  const out: Record<string, ColumnBest> = {};
  for (const [c, column] of matrix.columns.entries()) {
    let best: ColumnBest | undefined;
    for (const [r, row] of matrix.rows.entries()) {
      const mean = matrix.cells[r * width + c].mean;
      if (mean === null || !Number.isFinite(mean)) continue;
      if (!best || mean > best.auroc) best = { auroc: mean, augmentation: row.augmentation, none: null };
    }
    if (!best) continue;
    best.none = noneRow >= 0 ? matrix.cells[noneRow * width + c].mean : null;
    out[column] = best;
  }
  return out;
}

export function experimentRow(run: RunOnDisk, now: number): ExperimentRow {
  const r = run.results;
  const c = r.config;
  const finished = r.cells.filter((cell) => cell.status === 'completed' || cell.status === 'failed' || cell.status === 'canceled').length;
  const changes = changesVsNone(r);
  const detector = c?.detector ? `${c.detector.type} ${c.detector.width}/${c.detector.depth}/${c.detector.codeSize}` : '?';
  return {
    runDir: run.runDir,
    id: r.id,
    name: r.name,
    status: r.status,
    createdAt: r.createdAt,
    seconds: secondsOf(r, now),
    backend: r.backend?.name ?? c?.runtime?.backend ?? '?',
    trainImages: r.scale?.trainImages ?? null,
    testImages: r.scale?.testImages ?? null,
    epochs: r.scale?.epochs ?? c?.training?.epochs ?? null,
    seeds: c?.seeds?.length ?? 0,
    normalClasses: r.normalClasses.length,
    detector,
    dataset: c?.dataset?.source ?? '?',
    augmentations: r.augmentations,
    best: bestAlignedCell(r) ?? null,
    gain: changes.gain ?? null,
    loss: changes.loss ?? null,
    columns: columnBests(r),
    matrixColumns: buildMatrix(r, {}, 'auroc').columns,
    cellsDone: finished,
    cellsTotal: r.cells.length,
    note: run.notes?.note ?? '',
    tags: run.notes?.tags ?? [],
  };
}

import type { LossCurve, RunView } from '../../shared/protocol';
import type { RunResults } from '../../shared/results';
import type { RunNotes } from '../../shared/runNotes';

/**
 * The snapshot of one run for the panel: `results.json`'s summary and curves, the registry's
 * categories, and live losses of cells still training (longer than what the file holds yet).
 * Pure, so it is unit-tested without VS Code.
 */
export function buildRunView(
  runDir: string,
  results: RunResults,
  options: { categories: Record<string, string>; samplesUri?: string; liveLoss?: ReadonlyMap<string, number[]>; notes?: RunNotes },
): RunView {
  const curves: LossCurve[] = results.cells.map((cell) => {
    const live = options.liveLoss?.get(cell.id);
    const loss = live && live.length > cell.loss.length ? live.filter((v) => v !== undefined) : cell.loss;
    return { cellId: cell.id, augmentation: cell.augmentation, seed: cell.seed, normalClass: cell.normalClass, status: cell.status, loss };
  });
  const finished = results.cells.filter((c) => c.status === 'completed' || c.status === 'failed' || c.status === 'canceled').length;
  return {
    runDir,
    id: results.id,
    name: results.name,
    status: results.status,
    createdAt: results.createdAt,
    ...(results.finishedAt ? { finishedAt: results.finishedAt } : {}),
    scaleText: scaleText(results),
    results: {
      augmentations: results.augmentations,
      anomalyTypes: results.anomalyTypes,
      summary: results.summary,
      normalClasses: results.normalClasses,
      config: results.config,
      ...(results.selection ? { selection: results.selection } : {}),
    },
    categories: options.categories,
    curves,
    epochs: results.scale?.epochs ?? results.config?.training?.epochs ?? 0,
    ...(options.samplesUri ? { samplesUri: options.samplesUri } : {}),
    cellsDone: finished,
    cellsTotal: results.cells.length,
    ...(options.notes && (options.notes.note || options.notes.tags.length > 0) ? { notes: options.notes } : {}),
  };
}

/** One line that says at what scale the numbers were measured (the study ran far larger). */
export function scaleText(results: RunResults): string {
  const c = results.config;
  const parts: string[] = [];
  if (c?.detector) parts.push(`${c.detector.type}`);
  if (c?.dataset) parts.push(`${c.dataset.source}`);
  const s = results.scale;
  if (s) parts.push(`${s.trainImages} train / ${s.testImages} test images`, `${s.epochs} epochs`);
  if (s?.parameters) parts.push(`${s.parameters.toLocaleString('en-US')} parameters`);
  const tasks = (c?.seeds?.length ?? 1) * results.normalClasses.length;
  parts.push(`${tasks} task${tasks === 1 ? '' : 's'} per cell`);
  const part = partOfGrid(results);
  if (part) parts.push(part);
  if (results.backend) parts.push(`backend ${results.backend.name}`);
  if (results.totalSeconds) parts.push(`${results.totalSeconds.toFixed(0)} s`);
  return parts.join(' · ');
}

/**
 * Whether the run is a part of a grid or put together from parts: a shard run holds only its own
 * cells (its heatmap is not the whole grid's), a merged run was trained on several machines.
 */
export function partOfGrid(results: RunResults): string | undefined {
  if (results.shard) {
    const { index, count, cells } = results.shard;
    return `shard ${index} of ${count} (${cells.length} cell${cells.length === 1 ? '' : 's'} of the grid; merge the shards for the whole grid)`;
  }
  if (results.mergedFrom) {
    const n = results.mergedFrom.length;
    return `merged from ${n} shard${n === 1 ? '' : 's'}`;
  }
  return undefined;
}

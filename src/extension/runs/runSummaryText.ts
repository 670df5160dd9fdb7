/**
 * Words for a run and its cells in the runs view: the best aligned augmentation → anomaly type,
 * AUROC per anomaly type, dates. Pure: no vscode.
 */
import { isPooledOneVsOne, type CellResult, type RunResults } from '../../shared/results';
import { formatValue } from '../../shared/resultsView/matrix';

export interface BestCell {
  augmentation: string;
  anomalyType: string;
  auroc: number;
}

/** The augmentation × anomaly type with the highest mean AUROC (the summary; the cells while it runs). */
export function bestAlignedCell(results: RunResults): BestCell | undefined {
  let best: BestCell | undefined;
  const consider = (augmentation: string, anomalyType: string, auroc: number): void => {
    // `all` and the pooled one-vs-one are averages over anomaly types, not one type to align with.
    if (anomalyType === 'all' || isPooledOneVsOne(anomalyType, results.anomalyTypes) || !Number.isFinite(auroc)) return;
    if (!best || auroc > best.auroc) best = { augmentation, anomalyType, auroc };
  };
  if (results.summary.length > 0) {
    for (const s of results.summary) consider(s.augmentation, s.anomalyType, s.metrics.auroc.mean);
  } else {
    for (const c of results.cells) for (const [type, m] of Object.entries(c.metrics ?? {})) consider(c.augmentation, type, m.auroc);
  }
  return best;
}

export interface ChangeVsNone {
  augmentation: string;
  anomalyType: string;
  /** Mean paired AUROC difference against `none` over the run's tasks. */
  delta: number;
}

/**
 * The news of a run: the largest gain and the largest loss of self-supervision over `none` (mean
 * paired Δ AUROC) among the augmentation × anomaly type cells; `all` and the pooled one-vs-one
 * are averages, not one mechanism. Undefined where the run has no `none` or no summary yet.
 */
export function changesVsNone(results: Pick<RunResults, 'summary' | 'anomalyTypes'>): { gain?: ChangeVsNone; loss?: ChangeVsNone } {
  let gain: ChangeVsNone | undefined;
  let loss: ChangeVsNone | undefined;
  for (const s of results.summary) {
    const delta = s.deltaAurocVsNone?.mean;
    if (s.augmentation === 'none' || s.anomalyType === 'all' || isPooledOneVsOne(s.anomalyType, results.anomalyTypes)) continue;
    if (delta === undefined || !Number.isFinite(delta)) continue;
    const change = { augmentation: s.augmentation, anomalyType: s.anomalyType, delta };
    if (!gain || delta > gain.delta) gain = change;
    if (!loss || delta < loss.delta) loss = change;
  }
  return { ...(gain ? { gain } : {}), ...(loss ? { loss } : {}) };
}

/**
 * The news of a finished run, as the notification and the runs view say it: "vs none: gain
 * cutout→cutout +0.097 · loss invert→cutout −0.023". Where there is nothing to compare with
 * `none` (no `none` row, or no summary yet while the run trains), the best AUROC so far.
 */
export function describeNews(results: RunResults): string | undefined {
  const { gain, loss } = changesVsNone(results);
  if (!gain || !loss) return describeBest(results);
  const parts = [`${gain.delta > 0 ? 'gain' : 'best'} ${gain.augmentation}→${gain.anomalyType} ${formatValue(gain.delta, 'delta')}`];
  if (loss.delta < 0 && (loss.augmentation !== gain.augmentation || loss.anomalyType !== gain.anomalyType)) {
    parts.push(`loss ${loss.augmentation}→${loss.anomalyType} ${formatValue(loss.delta, 'delta')}`);
  }
  return `vs none: ${parts.join(' · ')}`;
}

/** "best: flip→flip 0.93", or undefined when nothing is scored yet. */
export function describeBest(results: RunResults): string | undefined {
  const best = bestAlignedCell(results);
  return best && `best: ${best.augmentation}→${best.anomalyType} ${best.auroc.toFixed(2)}`;
}

/** AUROC per anomaly type, in the run's order: "flip 0.93 · cutout 0.71". */
export function describeCellMetrics(cell: CellResult, anomalyTypes: readonly string[]): string {
  if (!cell.metrics) return cell.status === 'completed' ? '' : cell.status;
  const types = anomalyTypes.length > 0 ? anomalyTypes : Object.keys(cell.metrics).filter((t) => t !== 'all');
  return types
    .filter((t) => cell.metrics?.[t])
    .map((t) => `${t} ${(cell.metrics?.[t]?.auroc ?? NaN).toFixed(2)}`)
    .join(' · ');
}

export function cellLabel(cell: CellResult): string {
  return `${cell.augmentation} · seed ${cell.seed} · class ${cell.normalClass}`;
}

/** A short local date for the runs list: "2026-11-28 23:40". */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The results summary: mean ± std of each metric over seeds and normal classes per
 * augmentation × anomaly type, and the paired comparison of each augmentation with `none`.
 */
import { meanStd, wilcoxonSignedRank } from '../metrics';
import { METRIC_NAMES, type CellResult, type MetricName, type Stat, type SummaryEntry } from '../../shared/results';

export const BASELINE = 'none';

function pairKey(cell: CellResult): string {
  return `${cell.seed}\u0000${cell.normalClass}`;
}

export function summarize(cells: readonly CellResult[], augmentations: readonly string[], anomalyTypes: readonly string[]): SummaryEntry[] {
  const done = cells.filter((c) => c.status === 'completed' && c.metrics);
  const baseline = new Map(done.filter((c) => c.augmentation === BASELINE).map((c) => [pairKey(c), c]));
  const entries: SummaryEntry[] = [];
  for (const augmentation of augmentations) {
    const rows = done.filter((c) => c.augmentation === augmentation);
    if (rows.length === 0) continue;
    for (const anomalyType of [...anomalyTypes, 'all']) {
      const withType = rows.filter((c) => c.metrics?.[anomalyType]);
      if (withType.length === 0) continue;
      const metrics = {} as Record<MetricName, Stat>;
      for (const m of METRIC_NAMES) metrics[m] = meanStd(withType.map((c) => c.metrics![anomalyType][m]));
      const entry: SummaryEntry = { augmentation, anomalyType, metrics };
      if (augmentation !== BASELINE) compareWithBaseline(entry, withType, baseline, anomalyType);
      entries.push(entry);
    }
  }
  return entries;
}

function compareWithBaseline(
  entry: SummaryEntry,
  rows: readonly CellResult[],
  baseline: ReadonlyMap<string, CellResult>,
  anomalyType: string,
): void {
  const mine: number[] = [];
  const theirs: number[] = [];
  for (const c of rows) {
    const b = baseline.get(pairKey(c))?.metrics?.[anomalyType];
    if (!b) continue;
    mine.push(c.metrics![anomalyType].auroc);
    theirs.push(b.auroc);
  }
  if (mine.length === 0) {
    entry.wilcoxonNote = 'no completed "none" cell to pair with';
    return;
  }
  entry.deltaAurocVsNone = meanStd(mine.map((v, i) => v - theirs[i]));
  if (mine.length < 2) {
    entry.wilcoxonNote = `a signed-rank test needs at least 2 paired tasks (seeds × normal classes); this run has ${mine.length}`;
    return;
  }
  if (mine.every((v, i) => v === theirs[i])) {
    entry.wilcoxonNote = 'every paired AUROC equals the baseline';
    return;
  }
  const w = wilcoxonSignedRank(mine, theirs);
  entry.wilcoxonVsNone = { statistic: w.statistic, pValue: w.pValue, n: w.n, method: w.method };
}

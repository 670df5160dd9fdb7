/**
 * The results summary: mean ± std of each metric per augmentation × anomaly type, and the paired
 * comparison of each augmentation with `none` (mean Δ AUROC, its bootstrap interval, Wilcoxon).
 *
 * Pairing follows the study. Per anomaly type a pair is one task (seed × normal class) trained
 * with the augmentation and with `none`. A semantic testbed also gets a pooled `one-vs-one`
 * entry per augmentation, as the study reports semantic results: every (normal class, other
 * class) AUROC, paired per seed × class pair.
 */
import { bootstrapMeanCi, meanStd, wilcoxonSignedRank } from '../metrics';
import type { TestbedConfig } from '../../shared/config';
import {
  METRIC_NAMES,
  ONE_VS_ONE,
  PAIRING_CLASS_PAIR,
  PAIRING_TASK,
  type BootstrapCi,
  type CellResult,
  type MetricName,
  type MetricSet,
  type Pairing,
  type Stat,
  type SummaryEntry,
} from '../../shared/results';

export const BASELINE = 'none';
const ALL = 'all';

/** One scored task of an entry: its metrics and the key of the `none` task it pairs with. */
interface Sample {
  key: string;
  metrics: MetricSet;
}

function taskKey(cell: CellResult): string {
  return `${cell.seed}\u0000${cell.normalClass}`;
}

/** Per anomaly type (and `all`): one sample per task that has the type. */
function taskSamples(rows: readonly CellResult[], anomalyType: string): Sample[] {
  return rows.flatMap((c) => (c.metrics?.[anomalyType] ? [{ key: taskKey(c), metrics: c.metrics[anomalyType] }] : []));
}

/**
 * Pooled one-vs-one: one sample per task and other class, i.e. every per-type metric of the cell
 * (all but `all`), in the cell's own order, whether or not the run lists that class as a column.
 */
function classPairSamples(rows: readonly CellResult[]): Sample[] {
  return rows.flatMap((c) =>
    Object.entries(c.metrics ?? {}).flatMap(([t, metrics]) => (t !== ALL ? [{ key: `${taskKey(c)}\u0000${t}`, metrics }] : [])),
  );
}

export function summarize(
  cells: readonly CellResult[],
  augmentations: readonly string[],
  anomalyTypes: readonly string[],
  testbedType: TestbedConfig['type'],
): SummaryEntry[] {
  const done = cells.filter((c) => c.status === 'completed' && c.metrics);
  const baselineRows = done.filter((c) => c.augmentation === BASELINE);
  // A class literally named like the pooled entry would collide with it; the class wins.
  const pooled = testbedType === 'semantic' && !anomalyTypes.includes(ONE_VS_ONE);
  const groups: Array<{ anomalyType: string; pairing: Pairing; samples: (rows: readonly CellResult[]) => Sample[] }> = [
    ...anomalyTypes.map((t) => ({ anomalyType: t, pairing: PAIRING_TASK, samples: (rows: readonly CellResult[]) => taskSamples(rows, t) })),
    ...(pooled ? [{ anomalyType: ONE_VS_ONE, pairing: PAIRING_CLASS_PAIR, samples: (rows: readonly CellResult[]) => classPairSamples(rows) }] : []),
    { anomalyType: ALL, pairing: PAIRING_TASK, samples: (rows: readonly CellResult[]) => taskSamples(rows, ALL) },
  ];
  // The `none` side of every pair, once per group rather than once per augmentation.
  const baselines = groups.map((g) => new Map(g.samples(baselineRows).map((s) => [s.key, s.metrics.auroc])));
  const entries: SummaryEntry[] = [];
  for (const augmentation of augmentations) {
    const rows = done.filter((c) => c.augmentation === augmentation);
    if (rows.length === 0) continue;
    for (const [g, group] of groups.entries()) {
      const samples = group.samples(rows);
      if (samples.length === 0) continue;
      const metrics = {} as Record<MetricName, Stat>;
      for (const m of METRIC_NAMES) metrics[m] = meanStd(samples.map((s) => s.metrics[m]));
      const entry: SummaryEntry = { augmentation, anomalyType: group.anomalyType, metrics, pairing: group.pairing };
      if (augmentation !== BASELINE) compareWithBaseline(entry, samples, baselines[g], group.pairing);
      entries.push(entry);
    }
  }
  return entries;
}

function compareWithBaseline(entry: SummaryEntry, samples: readonly Sample[], baseline: ReadonlyMap<string, number>, pairing: Pairing): void {
  const mine: number[] = [];
  const theirs: number[] = [];
  for (const s of samples) {
    const b = baseline.get(s.key);
    if (b === undefined) continue;
    mine.push(s.metrics.auroc);
    theirs.push(b);
  }
  entry.pairs = mine.length;
  if (mine.length === 0) {
    entry.wilcoxonNote = 'no completed "none" cell to pair with';
    return;
  }
  const differences = mine.map((v, i) => v - theirs[i]);
  entry.deltaAurocVsNone = meanStd(differences);
  if (mine.length < 2) {
    entry.wilcoxonNote = `a signed-rank test needs at least 2 pairs (${pairing}); this run has ${mine.length}`;
    return;
  }
  entry.deltaCi = deltaInterval(differences);
  if (mine.every((v, i) => v === theirs[i])) {
    entry.wilcoxonNote = 'every paired AUROC equals the baseline';
    return;
  }
  const w = wilcoxonSignedRank(mine, theirs);
  entry.wilcoxonVsNone = { statistic: w.statistic, pValue: w.pValue, n: w.n, method: w.method, zeros: w.zeros };
}

/**
 * The summary is recomputed after every finished cell, and most entries' differences have not
 * changed since the last time; the interval is a pure function of them, so it is remembered.
 */
const intervals = new Map<string, BootstrapCi>();
const REMEMBERED = 2000;

function deltaInterval(differences: readonly number[]): BootstrapCi {
  const key = differences.join(',');
  const known = intervals.get(key);
  if (known) return { ...known };
  if (intervals.size >= REMEMBERED) intervals.clear();
  const ci = bootstrapMeanCi(differences);
  intervals.set(key, ci);
  return { ...ci };
}

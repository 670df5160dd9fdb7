/**
 * The legend of the comparison with `none` for the CLI matrix and the HTML report: which test the
 * * stands for, what it paired and how many pairs, and what Δ and its interval are. Written from
 * the summary itself, so it states what this run computed (older files included).
 */
import { ONE_VS_ONE, type RunResults, type SummaryEntry } from '../results';
import { pairingOf, SIGNIFICANCE_LEVEL } from './matrix';

/** Below this many pairs no two-sided signed-rank p reaches 0.05 (the smallest is 2 / 2ⁿ). */
const PAIRS_FOR_SIGNIFICANCE = 6;

export interface PairingGroup {
  pairing: string;
  /** Whether the group is the pooled one-vs-one column. */
  pooled: boolean;
  minPairs: number;
  maxPairs: number;
  /** Wilcoxon methods used, in order of appearance. */
  methods: string[];
}

function pairsOf(entry: SummaryEntry): number {
  return entry.pairs ?? entry.deltaAurocVsNone?.n ?? 0;
}

/** The comparisons with `none` grouped by what they pair (one group per pairing unit, in order of appearance). */
export function pairingGroups(summary: readonly SummaryEntry[]): PairingGroup[] {
  const groups = new Map<string, PairingGroup>();
  for (const e of summary) {
    if (e.augmentation === 'none' || pairsOf(e) === 0) continue;
    const pairing = pairingOf(e);
    const pairs = pairsOf(e);
    const g = groups.get(pairing) ?? { pairing, pooled: e.anomalyType === ONE_VS_ONE, minPairs: pairs, maxPairs: pairs, methods: [] };
    g.minPairs = Math.min(g.minPairs, pairs);
    g.maxPairs = Math.max(g.maxPairs, pairs);
    const method = e.wilcoxonVsNone?.method;
    if (method && !g.methods.includes(method)) g.methods.push(method);
    groups.set(pairing, g);
  }
  return [...groups.values()];
}

function range(g: PairingGroup): string {
  return g.minPairs === g.maxPairs ? `${g.maxPairs}` : `${g.minPairs}–${g.maxPairs}`;
}

/** One line per statement; empty when nothing was compared with `none`. */
export function statisticsLines(results: Pick<RunResults, 'summary'>): string[] {
  const groups = pairingGroups(results.summary);
  if (groups.length === 0) return [];
  const ci = results.summary.find((e) => e.deltaCi)?.deltaCi;
  const lines = [
    `Δ = AUROC minus the paired "none" AUROC (no self-supervision), averaged over the pairs` +
      (ci ? `; its ${Math.round(ci.level * 100)} % interval is a percentile bootstrap of that mean (${ci.resamples} resamples, seed ${ci.seed}).` : '.'),
    `* = two-sided Wilcoxon signed-rank test of the paired AUROCs against "none" (as scipy.stats.wilcoxon computes it), p < ${SIGNIFICANCE_LEVEL}.`,
  ];
  for (const g of groups) {
    const where = g.pooled ? `in the ${ONE_VS_ONE} column` : 'in the anomaly-type and all columns';
    const methods = g.methods.length > 0 ? `; method ${g.methods.join(', ')}` : '';
    lines.push(`Pairs ${where}: one per ${g.pairing}, n = ${range(g)}${methods}.`);
    if (g.maxPairs < PAIRS_FOR_SIGNIFICANCE) {
      lines.push(`With ${g.maxPairs} pair${g.maxPairs === 1 ? '' : 's'} (${g.pairing}) no difference can reach p < ${SIGNIFICANCE_LEVEL}; add seeds or normal classes.`);
    }
  }
  return lines;
}

export function statisticsText(results: Pick<RunResults, 'summary'>): string {
  return statisticsLines(results).join(' ');
}

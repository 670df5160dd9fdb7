/**
 * The alignment matrix as text: rows = training augmentations (`none` first), columns = anomaly
 * types (the pooled `one-vs-one` of a semantic run) and `all`, cells = mean AUROC, with Δ vs
 * `none` and a mark where the paired test says the difference is significant. The legend states
 * the test, what it paired and how many pairs.
 */
import { isPooledOneVsOne, ONE_VS_ONE, type RunResults, type SummaryEntry } from '../shared/results';
import { matrixColumns } from '../shared/resultsView/matrix';
import { selectionLines } from '../shared/resultsView/selectionText';
import { statisticsLines } from '../shared/resultsView/statisticsText';

export const SIGNIFICANCE_LEVEL = 0.05;

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function signed(x: number): string {
  const text = Math.abs(x).toFixed(3);
  // A difference that rounds to zero gets no sign: "−0.000" would claim a direction it lacks.
  if (Number(text) === 0) return ` ${text}`;
  return `${x > 0 ? '+' : '−'}${text}`;
}

export function formatMatrix(results: RunResults): string {
  const columns = matrixColumns(results.anomalyTypes, results.summary);
  const rows = orderRows(results.augmentations);
  const byKey = new Map<string, SummaryEntry>(results.summary.map((e) => [`${e.augmentation}\u0000${e.anomalyType}`, e]));
  const hasBaseline = rows.includes('none');
  const cellText = (aug: string, col: string): string => {
    const e = byKey.get(`${aug}\u0000${col}`);
    if (!e) return '—';
    const value = e.metrics.auroc.mean.toFixed(3);
    if (aug === 'none' || !e.deltaAurocVsNone) return value;
    const mark = e.wilcoxonVsNone && e.wilcoxonVsNone.pValue < SIGNIFICANCE_LEVEL ? '*' : '';
    return `${value} (${signed(e.deltaAurocVsNone.mean)}${mark})`;
  };
  const labelWidth = Math.max(12, ...rows.map((r) => r.length)) + 2;
  const table = rows.map((r) => columns.map((c) => cellText(r, c)));
  const widths = columns.map((c, j) => Math.max(c.length, ...table.map((row) => row[j].length)) + 2);
  const tasks = results.config.seeds.length * Math.max(1, results.normalClasses.length);
  const lines = [
    `AUROC by training augmentation (rows) × anomaly type (columns); mean over ${tasks} task${tasks === 1 ? '' : 's'} ` +
      `(${results.config.seeds.length} seed${results.config.seeds.length === 1 ? '' : 's'} × ${results.normalClasses.length} normal class${results.normalClasses.length === 1 ? '' : 'es'})` +
      (columns.some((c) => isPooledOneVsOne(c, results.anomalyTypes)) ? `; ${ONE_VS_ONE}: mean over every normal class × other class of those tasks` : ''),
    pad('', labelWidth) + columns.map((c, j) => pad(c, widths[j], true)).join(''),
  ];
  rows.forEach((r, i) => lines.push(pad(r, labelWidth) + table[i].map((t, j) => pad(t, widths[j], true)).join('')));
  if (hasBaseline) {
    const stats = statisticsLines(results);
    lines.push('', ...(stats.length > 0 ? [stats[0].replace(/^Δ/, '(Δ)'), ...stats.slice(1)] : ['No augmentation has a task paired with a completed "none" task yet.']));
    if (results.summary.some((e) => e.deltaCi)) lines.push('The interval of each Δ is in results.json (summary[].deltaCi) and in the panel\'s CSV export (delta_ci_low, delta_ci_high).');
  } else {
    lines.push('', 'No "none" row: add "none" to augmentations to compare with no self-supervision.');
  }
  const selection = selectionLines(results);
  if (selection.length > 0) lines.push('', ...selection);
  return lines.join('\n');
}

/** `none` first, then the config's order. */
export function orderRows(augmentations: readonly string[]): string[] {
  return [...augmentations.filter((a) => a === 'none'), ...augmentations.filter((a) => a !== 'none')];
}

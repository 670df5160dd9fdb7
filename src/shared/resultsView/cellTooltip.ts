/**
 * What hovering a heatmap cell tells: the value with its spread and n, and for an augmentation
 * the comparison with `none` the significance mark rests on (Δ with its bootstrap interval, the
 * Wilcoxon p with its method and n, and what was paired). Plain text lines, so the canvas
 * tooltip and the tests share them.
 */
import { PAIRING_CLASS_PAIR } from '../results';
import { formatValue, METRIC_LABELS, type MatrixCell, type MatrixMetric } from './matrix';

export function cellTooltipLines(cell: MatrixCell, metric: MatrixMetric): string[] {
  const std = cell.std !== null ? ` ± ${cell.std.toFixed(3)}` : '';
  const lines = [`${METRIC_LABELS[metric]}: ${formatValue(cell.mean, metric)}${std} (n = ${cell.n})`];
  if (cell.pairing === PAIRING_CLASS_PAIR) lines.push('One-vs-one AUROCs pooled over every normal class × other class');
  const c = cell.comparison;
  if (!c) return lines;
  if (c.delta) {
    const interval = c.ci
      ? `, ${Math.round(c.ci.level * 100)} % CI ${formatValue(c.ci.low, 'delta')} to ${formatValue(c.ci.high, 'delta')}`
      : '';
    lines.push(`Δ AUROC vs none: ${formatValue(c.delta.mean, 'delta')}${interval}`);
  }
  if (c.wilcoxon) {
    const w = c.wilcoxon;
    lines.push(`Wilcoxon signed-rank vs none: p = ${w.pValue.toPrecision(2)} (${w.method}, n = ${w.n})${cell.significant ? ', significant' : ''}`);
  } else if (c.note) {
    lines.push(`No Wilcoxon test: ${c.note}`);
  }
  if (cell.pairing !== undefined) lines.push(`Paired with none per ${cell.pairing}: ${c.pairs} pair${c.pairs === 1 ? '' : 's'}`);
  return lines;
}

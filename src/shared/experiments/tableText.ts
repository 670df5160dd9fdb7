/**
 * The experiments table as text, with the columns and rows the user sees: CSV (every value, for a
 * spreadsheet), Markdown (a README or a lab notebook) and LaTeX (booktabs, for an appendix).
 */
import { csvField } from '../resultsView/csv';
import { latexEscape, markdownEscape } from '../resultsView/paperTable';
import type { ExperimentColumn } from './columns';
import type { ExperimentRow } from './row';

export type ExperimentsTextFormat = 'csv' | 'markdown' | 'latex';
export const EXPERIMENTS_TEXT_FORMATS: readonly ExperimentsTextFormat[] = ['csv', 'markdown', 'latex'];

export function experimentsTableText(rows: readonly ExperimentRow[], columns: readonly ExperimentColumn[], format: ExperimentsTextFormat): string {
  const cells = rows.map((r) => columns.map((c) => c.text(r)));
  switch (format) {
    case 'csv':
      return [columns.map((c) => csvField(c.label)).join(','), ...rows.map((r) => columns.map((c) => csvField(csvValue(c, r))).join(','))].join('\n') + '\n';
    case 'markdown':
      return [
        `| ${columns.map((c) => markdownEscape(c.label)).join(' | ')} |`,
        `| ${columns.map((c) => (c.kind === 'text' ? '---' : '---:')).join(' | ')} |`,
        ...cells.map((row) => `| ${row.map((t) => oneLine(markdownEscape(t))).join(' | ')} |`),
        '',
      ].join('\n');
    case 'latex':
      return [
        `\\begin{tabular}{${columns.map((c) => (c.kind === 'text' ? 'l' : 'r')).join('')}}`,
        '\\toprule',
        `${columns.map((c) => latexEscape(c.label)).join(' & ')} \\\\`,
        '\\midrule',
        ...cells.map((row) => `${row.map((t) => (t === '—' ? '---' : latexEscape(oneLine(t)).replace(/→/g, '$\\to$').replace(/−/g, '$-$'))).join(' & ')} \\\\`),
        '\\bottomrule',
        '\\end{tabular}',
        '',
      ].join('\n');
  }
}

/**
 * A cell on one line: a note may hold LF, CRLF or a lone CR (typed in, or from a script or a
 * hand-edited notes.json), and Markdown ends a table row at any of them.
 */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, ' ');
}

/** CSV keeps full precision for numbers (a spreadsheet formats them); text columns as shown. */
function csvValue(column: ExperimentColumn, row: ExperimentRow): string | number | null {
  if (column.kind === 'text' || ['best', 'gain', 'loss', 'augmentations'].includes(column.id)) return column.text(row);
  if (column.kind === 'date') return row.createdAt;
  return column.value(row) as number | null;
}

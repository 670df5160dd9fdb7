/**
 * The alignment matrix as a table for a paper or a README: LaTeX (booktabs) and Markdown. Each
 * cell is the mean ± std of AUROC over the run's tasks (three decimals), the best mean of each
 * column in bold (ties all bold), and a * where the Wilcoxon signed-rank test against `none` gives
 * p < 0.05; the caption states the scale and the test, so a pasted table carries its own legend.
 * Built from the same matrix as the heatmap, so the numbers are the panel's.
 */
import type { RunResults } from '../results';
import { buildMatrix, SIGNIFICANCE_LEVEL, type Matrix, type MatrixCell } from './matrix';

export type PaperTableFormat = 'latex' | 'markdown';

interface TableCell {
  text: string;
  bold: boolean;
  significant: boolean;
}

function cellsOf(matrix: Matrix): TableCell[][] {
  const width = matrix.columns.length;
  const best = matrix.columns.map((_, c) => {
    const means = matrix.rows.map((_, r) => matrix.cells[r * width + c].mean).filter((m): m is number => m !== null);
    return means.length > 0 ? Math.max(...means.map((m) => Number(m.toFixed(3)))) : undefined;
  });
  return matrix.rows.map((_, r) =>
    matrix.columns.map((_, c) => {
      const cell: MatrixCell = matrix.cells[r * width + c];
      if (cell.mean === null) return { text: '—', bold: false, significant: false };
      const mean = cell.mean.toFixed(3);
      const text = cell.std !== null && cell.n > 1 ? `${mean} ± ${cell.std.toFixed(3)}` : mean;
      return { text, bold: Number(mean) === best[c], significant: cell.significant };
    }),
  );
}

/** "… mean ± std of AUROC over 6 tasks (2 seeds × 3 normal classes); bold: best per column; *: …" */
export function paperCaption(results: Pick<RunResults, 'name' | 'config' | 'normalClasses' | 'scale'>, scaleText: string): string {
  const seeds = results.config.seeds.length;
  const classes = results.normalClasses.length;
  const tasks = seeds * Math.max(1, classes);
  return (
    `${results.name}: AUROC by training augmentation (rows) and anomaly type (columns), mean ± std over ${tasks} task${tasks === 1 ? '' : 's'} ` +
    `(${seeds} seed${seeds === 1 ? '' : 's'} × ${classes} normal class${classes === 1 ? '' : 'es'}); bold: best per column; ` +
    `*: two-sided Wilcoxon signed-rank test against none (paired per task), p < ${SIGNIFICANCE_LEVEL}. ${scaleText}.`
  );
}

/** LaTeX's special characters in text mode. */
export function latexEscape(text: string): string {
  return text.replace(/[\\{}$&#%_^~]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\textbackslash{}';
      case '^':
        return '\\textasciicircum{}';
      case '~':
        return '\\textasciitilde{}';
      default:
        return `\\${ch}`;
    }
  });
}

function markdownEscape(text: string): string {
  return text.replace(/[|\\*_`]/g, (ch) => `\\${ch}`);
}

/** A booktabs table (needs `\usepackage{booktabs}`); the ± and — are written as math and text commands. */
export function latexTable(results: Pick<RunResults, 'name' | 'config' | 'normalClasses' | 'scale' | 'augmentations' | 'anomalyTypes' | 'summary'>, categories: Readonly<Record<string, string>>, scaleText: string): string {
  const matrix = buildMatrix(results, categories, 'auroc');
  const cells = cellsOf(matrix);
  const body = matrix.rows.map((row, r) => {
    const values = cells[r].map((c) => {
      if (c.text === '—') return '---';
      const number = c.text.replace(' ± ', ' \\pm ');
      const math = `${c.bold ? `\\mathbf{${number}}` : number}${c.significant ? '^{*}' : ''}`;
      return `$${math}$`;
    });
    return `${latexEscape(row.augmentation)} & ${values.join(' & ')} \\\\`;
  });
  const spec = `l${'r'.repeat(matrix.columns.length)}`;
  return [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${latexEscape(paperCaption(results, scaleText))}}`,
    `\\begin{tabular}{${spec}}`,
    '\\toprule',
    `training & ${matrix.columns.map(latexEscape).join(' & ')} \\\\`,
    '\\midrule',
    ...body,
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
    '',
  ].join('\n');
}

/** A GitHub-flavoured Markdown table with its caption as the paragraph above. */
export function markdownTable(results: Pick<RunResults, 'name' | 'config' | 'normalClasses' | 'scale' | 'augmentations' | 'anomalyTypes' | 'summary'>, categories: Readonly<Record<string, string>>, scaleText: string): string {
  const matrix = buildMatrix(results, categories, 'auroc');
  const cells = cellsOf(matrix);
  const body = matrix.rows.map((row, r) => {
    const values = cells[r].map((c) => {
      if (c.text === '—') return '—';
      const text = `${c.text}${c.significant ? '\\*' : ''}`;
      return c.bold ? `**${text}**` : text;
    });
    return `| ${markdownEscape(row.augmentation)} | ${values.join(' | ')} |`;
  });
  return [
    markdownEscape(paperCaption(results, scaleText)),
    '',
    `| training | ${matrix.columns.map(markdownEscape).join(' | ')} |`,
    `| --- | ${matrix.columns.map(() => '---:').join(' | ')} |`,
    ...body,
    '',
  ].join('\n');
}

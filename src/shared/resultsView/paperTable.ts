/**
 * The alignment matrix as a table for a paper or a README: LaTeX (booktabs) and Markdown. Each
 * cell is the mean ± std of AUROC over the run's tasks (three decimals), the best mean of each
 * column in bold (ties all bold), and a * where the Wilcoxon signed-rank test against `none` gives
 * p < 0.05; the caption states the scale and the test, so a pasted table carries its own legend.
 * Built from the same matrix as the heatmap, so the numbers are the panel's. A comparison of N runs
 * stacks the runs' matrices, lettered A, B, … (A the baseline), under the union of their columns.
 */
import type { RunResults } from '../results';
import { ALL_COLUMN, buildMatrix, SIGNIFICANCE_LEVEL, type Matrix, type MatrixCell } from './matrix';
import { runLetter } from './runLetter';

export type PaperTableFormat = 'latex' | 'markdown';

/** What the tables need of a run. */
type TableResults = Pick<RunResults, 'name' | 'config' | 'normalClasses' | 'scale' | 'augmentations' | 'anomalyTypes' | 'summary'>;

/** One run of a comparison table, with what its own single-run table would be given. */
export interface ComparedRun {
  results: TableResults;
  categories: Readonly<Record<string, string>>;
  scaleText: string;
}

interface TableCell {
  text: string;
  bold: boolean;
  significant: boolean;
}

/** A cell without a value: the run lacks the column, or the cell failed. */
const DASH = '—';
const EMPTY: TableCell = { text: DASH, bold: false, significant: false };

/** The best mean of a column, compared at the printed three decimals so that ties are all bold. */
function bestMean(means: readonly (number | null)[]): number | undefined {
  const rounded = means.filter((m): m is number => m !== null).map((m) => Number(m.toFixed(3)));
  return rounded.length > 0 ? Math.max(...rounded) : undefined;
}

/** mean ± std (± only over more than one task), bold when the printed mean is the column's best. */
function tableCell(cell: MatrixCell | undefined, best: number | undefined): TableCell {
  if (!cell || cell.mean === null) return EMPTY;
  const mean = cell.mean.toFixed(3);
  const text = cell.std !== null && cell.n > 1 ? `${mean} ± ${cell.std.toFixed(3)}` : mean;
  return { text, bold: Number(mean) === best, significant: cell.significant };
}

function cellsOf(matrix: Matrix): TableCell[][] {
  const width = matrix.columns.length;
  const best = matrix.columns.map((_, c) => bestMean(matrix.rows.map((_, r) => matrix.cells[r * width + c].mean)));
  return matrix.rows.map((_, r) => matrix.columns.map((_, c) => tableCell(matrix.cells[r * width + c], best[c])));
}

/** Tasks per cell: seeds × normal classes (a run without classes counts one). */
function tasksOf(results: Pick<RunResults, 'config' | 'normalClasses'>): { tasks: number; seeds: number; classes: number } {
  const seeds = results.config.seeds.length;
  const classes = results.normalClasses.length;
  return { tasks: seeds * Math.max(1, classes), seeds, classes };
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

const wilcoxonLegend = (against: string): string => `two-sided Wilcoxon signed-rank test against ${against} (paired per task), p < ${SIGNIFICANCE_LEVEL}`;

/** "… mean ± std of AUROC over 6 tasks (2 seeds × 3 normal classes); bold: best per column; *: …" */
export function paperCaption(results: Pick<RunResults, 'name' | 'config' | 'normalClasses' | 'scale'>, scaleText: string): string {
  const { tasks, seeds, classes } = tasksOf(results);
  return (
    `${results.name}: AUROC by training augmentation (rows) and anomaly type (columns), mean ± std over ${count(tasks, 'task')} ` +
    `(${count(seeds, 'seed')} × ${count(classes, 'normal class', 'normal classes')}); bold: best per column; ` +
    `*: ${wilcoxonLegend('none')}. ${scaleText}.`
  );
}


/** "Comparison of 2 runs: AUROC …; bold: best per column across the runs; *: …. A = name (scale); B = …." */
function comparisonCaption(runs: readonly ComparedRun[]): string {
  const tasks = runs.map((run, i) => {
    const { tasks: n, seeds, classes } = tasksOf(run.results);
    return `${runLetter(i)}: ${count(n, 'task')}, ${count(seeds, 'seed')} × ${count(classes, 'normal class', 'normal classes')}`;
  });
  const names = runs.map((run, i) => `${runLetter(i)} = ${run.results.name} (${run.scaleText})`);
  return (
    `Comparison of ${runs.length} runs: AUROC by run, training augmentation (rows) and anomaly type (columns), ` +
    `mean ± std over each run's tasks (${tasks.join('; ')}); bold: best per column across the runs; ` +
    `${DASH}: no value in that run; *: ${wilcoxonLegend("the run's own none")}. ${names.join('; ')}.`
  );
}

interface ComparisonRow {
  letter: string;
  augmentation: string;
  cells: TableCell[];
}

/**
 * The union of the runs' columns (first appearance, `all` last) and each run's rows in its matrix
 * order, run after run; the bold is the best mean of a column over all the runs' rows.
 */
function comparisonOf(runs: readonly ComparedRun[]): { columns: string[]; blocks: ComparisonRow[][] } {
  if (runs.length < 2) throw new Error(`A comparison table needs at least 2 runs (got ${runs.length}).`);
  const matrices = runs.map((run) => buildMatrix(run.results, run.categories, 'auroc'));
  const columns: string[] = [];
  for (const column of matrices.flatMap((m) => m.columns)) if (column !== ALL_COLUMN && !columns.includes(column)) columns.push(column);
  if (matrices.some((m) => m.columns.includes(ALL_COLUMN))) columns.push(ALL_COLUMN);
  const cellOf = (matrix: Matrix, r: number, column: string): MatrixCell | undefined => {
    const c = matrix.columns.indexOf(column);
    return c < 0 ? undefined : matrix.cells[r * matrix.columns.length + c];
  };
  const best = columns.map((column) => bestMean(matrices.flatMap((m) => m.rows.map((_, r) => cellOf(m, r, column)?.mean ?? null))));
  const blocks = matrices.map((matrix, i) =>
    matrix.rows.map((row, r) => ({
      letter: runLetter(i),
      augmentation: row.augmentation,
      cells: columns.map((column, c) => tableCell(cellOf(matrix, r, column), best[c])),
    })),
  );
  return { columns, blocks };
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

export function markdownEscape(text: string): string {
  return text.replace(/[|\\*_`]/g, (ch) => `\\${ch}`);
}

function latexCell(c: TableCell): string {
  if (c.text === DASH) return '---';
  const number = c.text.replace(' ± ', ' \\pm ');
  return `$${c.bold ? `\\mathbf{${number}}` : number}${c.significant ? '^{*}' : ''}$`;
}

function markdownCell(c: TableCell): string {
  if (c.text === DASH) return DASH;
  const text = `${c.text}${c.significant ? '\\*' : ''}`;
  return c.bold ? `**${text}**` : text;
}

/** A booktabs table (needs `\usepackage{booktabs}`); the ± and — are written as math and text commands. */
export function latexTable(results: TableResults, categories: Readonly<Record<string, string>>, scaleText: string): string {
  const matrix = buildMatrix(results, categories, 'auroc');
  const cells = cellsOf(matrix);
  const body = matrix.rows.map((row, r) => `${latexEscape(row.augmentation)} & ${cells[r].map(latexCell).join(' & ')} \\\\`);
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
export function markdownTable(results: TableResults, categories: Readonly<Record<string, string>>, scaleText: string): string {
  const matrix = buildMatrix(results, categories, 'auroc');
  const cells = cellsOf(matrix);
  const body = matrix.rows.map((row, r) => `| ${markdownEscape(row.augmentation)} | ${cells[r].map(markdownCell).join(' | ')} |`);
  return [
    markdownEscape(paperCaption(results, scaleText)),
    '',
    `| training | ${matrix.columns.map(markdownEscape).join(' | ')} |`,
    `| --- | ${matrix.columns.map(() => '---:').join(' | ')} |`,
    ...body,
    '',
  ].join('\n');
}

/**
 * N runs in one booktabs table: a `run` column (A, B, … in the given order, A the baseline) on every
 * row, each run's rows as a block between rules, the union of the runs' columns (`---` where a run
 * lacks one); bold is the best per column across the runs, * each run's own test against its none.
 */
export function latexComparisonTable(runs: readonly ComparedRun[]): string {
  const { columns, blocks } = comparisonOf(runs);
  const body = blocks.map((block) => block.map((row) => `${row.letter} & ${latexEscape(row.augmentation)} & ${row.cells.map(latexCell).join(' & ')} \\\\`));
  return [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${latexEscape(comparisonCaption(runs))}}`,
    `\\begin{tabular}{ll${'r'.repeat(columns.length)}}`,
    '\\toprule',
    `run & training & ${columns.map(latexEscape).join(' & ')} \\\\`,
    ...body.flatMap((rows) => ['\\midrule', ...rows]),
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
    '',
  ].join('\n');
}

/** The comparison as a Markdown table, the caption as the paragraph above; the run blocks follow each other. */
export function markdownComparisonTable(runs: readonly ComparedRun[]): string {
  const { columns, blocks } = comparisonOf(runs);
  const body = blocks.flatMap((block) => block.map((row) => `| ${row.letter} | ${markdownEscape(row.augmentation)} | ${row.cells.map(markdownCell).join(' | ')} |`));
  return [
    markdownEscape(comparisonCaption(runs)),
    '',
    `| run | training | ${columns.map(markdownEscape).join(' | ')} |`,
    `| --- | --- | ${columns.map(() => '---:').join(' | ')} |`,
    ...body,
    '',
  ].join('\n');
}

import { strict as assert } from 'node:assert';
import { latexEscape, latexTable, markdownTable } from '../../../../src/shared/resultsView/paperTable';
import { buildMatrix } from '../../../../src/shared/resultsView/matrix';
import { scaleText } from '../../../../src/extension/results/runView';
import type { RunResults } from '../../../../src/shared/results';
import { CATEGORIES, fixtureResults } from '../../../helpers/resultsFixtures';

/** One parsed cell: mean, std, bold, significant — read back from the text alone. */
interface Parsed {
  mean: number;
  std: number;
  bold: boolean;
  significant: boolean;
}

function parseMarkdown(md: string): { columns: string[]; rows: Map<string, Parsed[]> } {
  const lines = md.split('\n').filter((l) => l.startsWith('| '));
  const split = (l: string): string[] => l.slice(2, -2).split(' | ');
  const columns = split(lines[0]).slice(1);
  const rows = new Map<string, Parsed[]>();
  for (const line of lines.slice(2)) {
    const [name, ...cells] = split(line);
    rows.set(
      name,
      cells.map((c) => {
        const m = /^(\*\*)?([0-9.]+) ± ([0-9.]+)(\\\*)?(\*\*)?$/.exec(c);
        assert.ok(m, `a Markdown cell: ${c}`);
        return { mean: Number(m[2]), std: Number(m[3]), bold: Boolean(m[1]), significant: Boolean(m[4]) };
      }),
    );
  }
  return { columns, rows };
}

function parseLatex(tex: string): { columns: string[]; rows: Map<string, Parsed[]> } {
  const lines = tex.split('\n');
  const head = lines[lines.indexOf('\\toprule') + 1];
  const columns = head.replace(/ \\\\$/, '').split(' & ').slice(1);
  const rows = new Map<string, Parsed[]>();
  for (const line of lines.slice(lines.indexOf('\\midrule') + 1, lines.indexOf('\\bottomrule'))) {
    const [name, ...cells] = line.replace(/ \\\\$/, '').split(' & ');
    rows.set(
      name,
      cells.map((c) => {
        const m = /^\$(\\mathbf\{)?([0-9.]+) \\pm ([0-9.]+)\}?(\^\{\*\})?\$$/.exec(c);
        assert.ok(m, `a LaTeX cell: ${c}`);
        return { mean: Number(m[2]), std: Number(m[3]), bold: Boolean(m[1]), significant: Boolean(m[4]) };
      }),
    );
  }
  return { columns, rows };
}

describe('tables for papers (LaTeX, Markdown)', () => {
  const results = fixtureResults();
  const matrix = buildMatrix(results, CATEGORIES, 'auroc');

  for (const [format, make, parse] of [
    ['Markdown', markdownTable, parseMarkdown],
    ['LaTeX', latexTable, parseLatex],
  ] as const) {
    it(`${format}: parsed back, every cell is results.json's mean ± std, best per column in bold, * where p < 0.05`, () => {
      const text = make(results, CATEGORIES, scaleText(results));
      const { columns, rows } = parse(text);
      assert.deepEqual(columns, matrix.columns);
      assert.deepEqual([...rows.keys()], matrix.rows.map((r) => r.augmentation));
      matrix.columns.forEach((column, c) => {
        const best = Math.max(...matrix.rows.map((_, r) => Number((matrix.cells[r * matrix.columns.length + c].mean as number).toFixed(3))));
        matrix.rows.forEach((row) => {
          const entry = results.summary.find((e) => e.augmentation === row.augmentation && e.anomalyType === column);
          assert.ok(entry);
          const got = (rows.get(row.augmentation) as Parsed[])[c];
          assert.equal(got.mean, Number(entry.metrics.auroc.mean.toFixed(3)), `${row.augmentation} × ${column}`);
          assert.equal(got.std, Number(entry.metrics.auroc.std.toFixed(3)));
          assert.equal(got.significant, (entry.wilcoxonVsNone?.pValue ?? 1) < 0.05);
          assert.equal(got.bold, got.mean === best);
        });
      });
      assert.match(text, /mean ± std over 2 tasks \(2 seeds × 1 normal class\)/);
      assert.match(text, /Wilcoxon signed-rank test against none/);
    });
  }

  // With two pairs no fixture cell reaches p < 0.05: a crafted summary checks the mark.
  it('marks significance and bold from the summary it is given', () => {
    const crafted = structuredClone(results) as RunResults;
    const entry = crafted.summary.find((e) => e.augmentation !== 'none' && e.anomalyType === 'all');
    assert.ok(entry);
    entry.wilcoxonVsNone = { statistic: 0, pValue: 0.01, n: 6, method: 'exact' };
    entry.metrics.auroc = { mean: 0.9999, std: 0.01, n: 6 };
    const md = parseMarkdown(markdownTable(crafted, CATEGORIES, 'scale')).rows.get(entry.augmentation) as Parsed[];
    const all = md[md.length - 1];
    assert.deepEqual(all, { mean: 1, std: 0.01, bold: true, significant: true });
  });

  it('escapes names that LaTeX would read as commands', () => {
    assert.equal(latexEscape('cutout_0.2 & 50% #1 {x} ~y ^z \\w'), 'cutout\\_0.2 \\& 50\\% \\#1 \\{x\\} \\textasciitilde{}y \\textasciicircum{}z \\textbackslash{}w');
  });
});

import { strict as assert } from 'node:assert';
import { latexComparisonTable, markdownComparisonTable, type ComparedRun } from '../../../../src/shared/resultsView/paperTable';
import { buildMatrix } from '../../../../src/shared/resultsView/matrix';
import { scaleText } from '../../../../src/extension/results/runView';
import type { RunResults } from '../../../../src/shared/results';
import { CATEGORIES, fixtureResults } from '../../../helpers/resultsFixtures';

/** One parsed cell — read back from the text alone; null for a dash. */
type Parsed = { mean: number; std: number; bold: boolean; significant: boolean } | null;

interface ParsedRow {
  letter: string;
  augmentation: string;
  cells: Parsed[];
}

interface ParsedTable {
  columns: string[];
  rows: ParsedRow[];
  /** Rows per block, where the format separates blocks (LaTeX). */
  blocks?: number[];
}

function parseMarkdown(md: string): ParsedTable {
  const lines = md.split('\n').filter((l) => l.startsWith('| '));
  const split = (l: string): string[] => l.slice(2, -2).split(' | ');
  const [run, training, ...columns] = split(lines[0]);
  assert.deepEqual([run, training], ['run', 'training']);
  const rows = lines.slice(2).map((line) => {
    const [letter, augmentation, ...cells] = split(line);
    return {
      letter,
      augmentation,
      cells: cells.map((c): Parsed => {
        if (c === '—') return null;
        const m = /^(\*\*)?([0-9.]+) ± ([0-9.]+)(\\\*)?(\*\*)?$/.exec(c);
        assert.ok(m, `a Markdown cell: ${c}`);
        return { mean: Number(m[2]), std: Number(m[3]), bold: Boolean(m[1]), significant: Boolean(m[4]) };
      }),
    };
  });
  return { columns, rows };
}

function parseLatex(tex: string): ParsedTable {
  const lines = tex.split('\n');
  const top = lines.indexOf('\\toprule');
  const [run, training, ...columns] = lines[top + 1].replace(/ \\\\$/, '').split(' & ');
  assert.deepEqual([run, training], ['run', 'training']);
  const rows: ParsedRow[] = [];
  const blocks: number[] = [];
  for (const line of lines.slice(top + 2, lines.indexOf('\\bottomrule'))) {
    if (line === '\\midrule') {
      blocks.push(0);
      continue;
    }
    blocks[blocks.length - 1] += 1;
    const [letter, augmentation, ...cells] = line.replace(/ \\\\$/, '').split(' & ');
    rows.push({
      letter,
      augmentation,
      cells: cells.map((c): Parsed => {
        if (c === '---') return null;
        const m = /^\$(\\mathbf\{)?([0-9.]+) \\pm ([0-9.]+)\}?(\^\{\*\})?\$$/.exec(c);
        assert.ok(m, `a LaTeX cell: ${c}`);
        return { mean: Number(m[2]), std: Number(m[3]), bold: Boolean(m[1]), significant: Boolean(m[4]) };
      }),
    });
  }
  return { columns, rows, blocks };
}

/**
 * The fixture altered into a second run: another name (with a character both formats escape),
 * no `noise` row, `invert` replaced by a new `blur` column, rotate better on flip and significant
 * on all; cutout left as it is, so its best ties across the two runs.
 */
function variantResults(): RunResults {
  const results = structuredClone(fixtureResults());
  results.name = 'shapes_variant';
  results.augmentations = results.augmentations.filter((a) => a !== 'noise');
  results.anomalyTypes = ['flip', 'cutout', 'blur'];
  results.summary = results.summary.flatMap((entry) => {
    if (entry.augmentation === 'noise') return [];
    if (entry.anomalyType !== 'invert') return [entry];
    const blur = structuredClone(entry);
    blur.anomalyType = 'blur';
    blur.metrics.auroc = { ...blur.metrics.auroc, mean: blur.metrics.auroc.mean - 0.05 };
    return [blur];
  });
  for (const entry of results.summary) {
    if (entry.augmentation !== 'rotate') continue;
    if (entry.anomalyType === 'flip') entry.metrics.auroc = { ...entry.metrics.auroc, mean: entry.metrics.auroc.mean + 0.01 };
    if (entry.anomalyType === 'all') {
      entry.metrics.auroc = { mean: 0.7, std: 0.02, n: 2 };
      entry.wilcoxonVsNone = { statistic: 0, pValue: 0.01, n: 6, method: 'exact' };
    }
  }
  return results;
}

const compared = (results: RunResults): ComparedRun => ({ results, categories: CATEGORIES, scaleText: scaleText(results) });

describe('comparison tables for papers (LaTeX, Markdown)', () => {
  const runs = [fixtureResults(), variantResults()];
  const letters = ['A', 'B'];
  const matrices = runs.map((r) => buildMatrix(r, CATEGORIES, 'auroc'));

  /** The best printed mean of a column over both runs' summaries, independent of the table code. */
  const bestOf = (column: string): number =>
    Math.max(...runs.flatMap((r) => r.summary.filter((e) => e.anomalyType === column && r.augmentations.includes(e.augmentation)).map((e) => Number(e.metrics.auroc.mean.toFixed(3)))));

  for (const [format, make, parse] of [
    ['Markdown', markdownComparisonTable, parseMarkdown],
    ['LaTeX', latexComparisonTable, parseLatex],
  ] as const) {
    it(`${format}: parsed back, each run's block is its own matrix, dashes where it lacks a column, bold across the runs, * per run`, () => {
      const text = make(runs.map(compared));
      const { columns, rows, blocks } = parse(text);
      assert.deepEqual(columns, ['flip', 'cutout', 'invert', 'blur', 'all']);
      assert.deepEqual(
        rows.map((r) => [r.letter, r.augmentation]),
        matrices.flatMap((m, i) => m.rows.map((row) => [letters[i], row.augmentation])),
      );
      if (blocks) assert.deepEqual(blocks, matrices.map((m) => m.rows.length));

      let index = 0;
      runs.forEach((results, i) => {
        matrices[i].rows.forEach((row) => {
          const got = rows[index++];
          assert.equal(got.letter, letters[i]);
          columns.forEach((column, c) => {
            const cell = got.cells[c];
            const entry = results.summary.find((e) => e.augmentation === row.augmentation && e.anomalyType === column);
            const where = `${letters[i]} ${row.augmentation} × ${column}`;
            if (!matrices[i].columns.includes(column)) {
              assert.equal(entry, undefined);
              assert.equal(cell, null, `${where}: a dash`);
              return;
            }
            assert.ok(entry && cell, where);
            assert.equal(cell.mean, Number(entry.metrics.auroc.mean.toFixed(3)), where);
            assert.equal(cell.std, Number(entry.metrics.auroc.std.toFixed(3)), where);
            assert.equal(cell.significant, (entry.wilcoxonVsNone?.pValue ?? 1) < 0.05, where);
            assert.equal(cell.bold, cell.mean === bestOf(column), where);
          });
        });
      });

      const cellsOf = (letter: string, augmentation: string): Parsed[] => (rows.find((r) => r.letter === letter && r.augmentation === augmentation) as ParsedRow).cells;
      // B's altered cells: rotate's flip is the best over both runs, its all is the best and significant.
      assert.deepEqual(cellsOf('B', 'rotate')[4], { mean: 0.7, std: 0.02, bold: true, significant: true });
      assert.equal(cellsOf('B', 'rotate')[0]?.bold, true);
      assert.equal(cellsOf('A', 'none')[0]?.bold, false);
      // cutout unchanged: the tie is bold in both runs.
      assert.equal(cellsOf('A', 'none')[1]?.bold, true);
      assert.equal(cellsOf('B', 'none')[1]?.bold, true);

      assert.match(text, /Comparison of 2 runs/);
      assert.match(text, /A = shapes-fixture \(dae · shapes · 128 train \/ 160 test images/);
      assert.ok(text.includes('B = shapes\\_variant ('), 'B named, its underscore escaped (both formats write \\_)');
      assert.match(text, /A: 2 tasks, 2 seeds × 1 normal class; B: 2 tasks, 2 seeds × 1 normal class/);
      assert.match(text, /bold: best per column across the runs/);
      assert.match(text, /Wilcoxon signed-rank test against the run's own none \(paired per task\), p < 0\.05/);
    });
  }

  it('letters three runs A, B, C, with a rule between blocks in LaTeX', () => {
    const three = [fixtureResults(), variantResults(), fixtureResults()];
    const { rows, blocks } = parseLatex(latexComparisonTable(three.map(compared)));
    assert.deepEqual([...new Set(rows.map((r) => r.letter))], ['A', 'B', 'C']);
    assert.deepEqual(blocks, three.map((r) => r.augmentations.length));
    assert.deepEqual([...new Set(parseMarkdown(markdownComparisonTable(three.map(compared))).rows.map((r) => r.letter))], ['A', 'B', 'C']);
  });

  it('needs at least two runs', () => {
    for (const make of [latexComparisonTable, markdownComparisonTable]) {
      assert.throws(() => make([compared(fixtureResults())]), /at least 2 runs/);
      assert.throws(() => make([]), /at least 2 runs/);
    }
  });
});

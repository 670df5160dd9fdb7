import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { experimentRow } from '../../../../src/extension/experiments/experimentRows';
import { columnsFor, FIXED_COLUMNS, type ExperimentColumn } from '../../../../src/shared/experiments/columns';
import type { ExperimentRow } from '../../../../src/shared/experiments/row';
import { EXPERIMENTS_TEXT_FORMATS, experimentsTableText } from '../../../../src/shared/experiments/tableText';
import type { RunResults } from '../../../../src/shared/results';
import { ALL_RUNS, load, QUICKSTART, RUNS, SELECTION, SHAPES } from '../../../helpers/fixtureRuns';
import type { RunNotes } from '../../../../src/shared/runNotes';
import { parseCsvLine } from '../../../../src/shared/resultsView/csv';


const NOTES: Record<string, RunNotes> = {
  [SHAPES]: { note: 'first try, "quick" | rough', tags: ['baseline', 'shapes'] },
  [QUICKSTART]: { note: 'MNIST at 40 epochs: 50% of the budget', tags: ['mnist'] },
  [SELECTION]: { note: '', tags: [] },
};

function rowOf(dir: string, change?: (r: RunResults) => void, notes: RunNotes = NOTES[dir]): ExperimentRow {
  const results = load(dir);
  change?.(results);
  return experimentRow({ runDir: join(RUNS, dir), results, notes }, Date.now());
}

/** The mean AUROC of the best augmentation in one column, read from the summary (null without the column). */
function bestOf(dir: string, type: string): number | null {
  const means = load(dir).summary.filter((s) => s.anomalyType === type).map((s) => s.metrics.auroc.mean);
  return means.length > 0 ? Math.max(...means) : null;
}

/** Splits a Markdown table line into its cells, keeping escaped pipes inside a cell. */
function markdownCells(line: string): string[] {
  assert.ok(line.startsWith('| ') && line.endsWith(' |'), line);
  return line.slice(2, -2).split(/(?<!\\) \| /);
}

describe('experiments table as text', () => {
  const rows = ALL_RUNS.map((dir) => rowOf(dir));
  const columns = columnsFor(rows);
  const labels = columns.map((c) => c.label);
  const col = (id: string): ExperimentColumn => columns.find((c) => c.id === id)!;

  it('offers CSV, Markdown and LaTeX', () => {
    assert.deepEqual([...EXPERIMENTS_TEXT_FORMATS], ['csv', 'markdown', 'latex']);
  });

  describe('CSV', () => {
    const csv = experimentsTableText(rows, columns, 'csv');
    const lines = csv.trimEnd().split('\n');
    const records = lines.slice(1).map((l) => Object.fromEntries(parseCsvLine(l).map((v, i) => [labels[i], v])));

    it('a header of the column labels, one line per row, a final newline', () => {
      assert.ok(csv.endsWith('\n'));
      assert.deepEqual(parseCsvLine(lines[0]), labels);
      assert.equal(lines.length, 1 + rows.length);
      for (const line of lines.slice(1)) assert.equal(parseCsvLine(line).length, labels.length);
    });

    it('metric columns at full precision, read independently from the summary', () => {
      for (const [i, dir] of ALL_RUNS.entries()) {
        for (const type of ['flip', 'cutout', 'invert', 'all']) {
          const expected = bestOf(dir, type);
          const field = records[i][`AUROC ${type}`];
          if (expected === null) assert.equal(field, '', `${dir} ${type}`);
          else assert.equal(Number(field), expected, `${dir} ${type}`);
        }
      }
      assert.equal(records[1]['AUROC all'], '0.9671253333333333');
      assert.equal(records[2]['AUROC cutout'], '');
    });

    it('numbers as numbers (seconds at full precision), the date as ISO, texts as shown', () => {
      for (const [i, dir] of ALL_RUNS.entries()) {
        const r = load(dir);
        const f = records[i];
        assert.equal(f.name, r.name);
        assert.equal(f.status, r.status);
        assert.equal(f['date (UTC)'], r.createdAt);
        assert.equal(Number(f.duration), r.totalSeconds);
        assert.equal(Number(f['train images']), r.scale.trainImages);
        assert.equal(Number(f.epochs), r.scale.epochs);
        assert.equal(Number(f.seeds), r.config.seeds.length);
        assert.equal(Number(f.classes), r.normalClasses.length);
        assert.equal(f.detector, `${r.config.detector.type} ${r.config.detector.width}/${r.config.detector.depth}/${r.config.detector.codeSize}`);
        assert.equal(f['best aligned'], col('best').text(rows[i]));
        assert.equal(f.note, NOTES[dir].note);
        assert.equal(f.tags, NOTES[dir].tags.join(', '));
      }
      assert.equal(records[0].duration, '23.255561852000003');
      assert.equal(records[0]['best aligned'], 'none→cutout 0.693');
    });

    it('quotes commas and quotes (a note), so it parses back', () => {
      assert.ok(lines[1].includes('"first try, ""quick"" | rough"'));
      assert.equal(records[0].note, 'first try, "quick" | rough');
    });

    it('a name a spreadsheet would run as a formula gets a leading quote', () => {
      const crafted = ['=HYPERLINK("http://x","y")', '+1', '-rm', '@SUM(A1)', 'plain'].map((name, i) => ({ ...rows[0], id: `r${i}`, name }));
      const text = experimentsTableText(crafted, [col('name'), col('epochs')], 'csv');
      const parsed = text.trimEnd().split('\n').slice(1).map(parseCsvLine);
      assert.deepEqual(parsed, [
        [`'=HYPERLINK("http://x","y")`, '3'],
        ["'+1", '3'],
        ["'-rm", '3'],
        ["'@SUM(A1)", '3'],
        ['plain', '3'],
      ]);
    });

    it('a missing number is an empty field, never — or null', () => {
      const unknown: ExperimentRow = { ...rows[2], seconds: null, trainImages: null, epochs: null, best: null, columns: {} };
      const text = experimentsTableText([unknown], [col('name'), col('duration'), col('trainImages'), col('epochs'), col('best'), col('auroc:all')], 'csv');
      assert.deepEqual(parseCsvLine(text.trimEnd().split('\n')[1]), ['selection-fixture', '', '', '', '—', '']);
    });

    it('only the given rows and columns, in the given order', () => {
      const text = experimentsTableText([rows[2], rows[0]], [col('auroc:all'), col('name')], 'csv');
      assert.equal(text, `AUROC all,name\n${bestOf(SELECTION, 'all')},selection-fixture\n${bestOf(SHAPES, 'all')},shapes-fixture\n`);
      assert.equal(experimentsTableText([], [col('name')], 'csv'), 'name\n');
    });
  });

  describe('Markdown', () => {
    const md = experimentsTableText(rows, columns, 'markdown');
    const lines = md.trimEnd().split('\n');

    it('a header, an alignment line (numbers right-aligned), one line per row', () => {
      assert.ok(md.endsWith('\n'));
      assert.equal(lines.length, 2 + rows.length);
      assert.deepEqual(markdownCells(lines[0]), labels);
      assert.deepEqual(markdownCells(lines[1]), columns.map((c) => (c.kind === 'text' ? '---' : '---:')));
      for (const line of lines.slice(2)) assert.equal(markdownCells(line).length, columns.length);
    });

    it('the cells as the table shows them, metric columns to 3 decimals', () => {
      for (const [i, dir] of ALL_RUNS.entries()) {
        const cells = Object.fromEntries(markdownCells(lines[2 + i]).map((v, j) => [labels[j], v]));
        for (const type of ['flip', 'cutout', 'invert', 'all']) {
          const expected = bestOf(dir, type);
          assert.equal(cells[`AUROC ${type}`], expected === null ? '—' : expected.toFixed(3));
        }
        assert.equal(cells['date (UTC)'], new Date(load(dir).createdAt).toISOString().slice(0, 16).replace('T', ' '));
      }
    });

    it('escapes | (and Markdown marks) and keeps a multi-line note on its row', () => {
      assert.ok(lines[2].includes('first try, "quick" \\| rough'), lines[2]);
      assert.ok(lines[2].startsWith('| shapes-fixture |') || lines[2].startsWith('| shapes-fixture'), lines[2]);
      const odd = { ...rows[0], name: 'my_run*', note: 'line one\nline two\r\nline three\rend' };
      const text = experimentsTableText([odd], [col('name'), col('note')], 'markdown');
      // CommonMark ends a line at LF, CR or CRLF: the row must hold none of them.
      const out = text.trimEnd().split(/\r\n|\r|\n/);
      assert.equal(out.length, 3);
      assert.deepEqual(markdownCells(out[2]), ['my\\_run\\*', 'line one line two line three end']);
    });
  });

  describe('LaTeX', () => {
    const tex = experimentsTableText(rows, columns, 'latex');
    const lines = tex.trimEnd().split('\n');

    it('a booktabs tabular: l for text, r for numbers, one line per row', () => {
      assert.equal(lines[0], `\\begin{tabular}{${columns.map((c) => (c.kind === 'text' ? 'l' : 'r')).join('')}}`);
      assert.equal(lines[1], '\\toprule');
      assert.equal(lines[3], '\\midrule');
      assert.equal(lines[lines.length - 2], '\\bottomrule');
      assert.equal(lines[lines.length - 1], '\\end{tabular}');
      assert.equal(lines.length, 6 + rows.length);
      assert.equal(lines[2], `${labels.join(' & ')} \\\\`);
    });

    it('the metric cells to 3 decimals, --- where a run has no value', () => {
      const at = labels.indexOf('AUROC cutout');
      for (const [i, dir] of ALL_RUNS.entries()) {
        const cells = lines[4 + i].replace(/ \\\\$/, '').split(' & ');
        assert.equal(cells.length, columns.length);
        const expected = bestOf(dir, 'cutout');
        assert.equal(cells[at], expected === null ? '---' : expected.toFixed(3));
      }
    });

    it('escapes _ and %, writes → as math, — as ---, joins the lines of a note', () => {
      const odd = { ...rows[0], name: 'shapes_fixture', note: '50% done\r\n\r\nmore', seconds: null };
      const text = experimentsTableText([odd], [col('name'), col('duration'), col('best'), col('note')], 'latex');
      const body = text.split('\n')[4];
      assert.equal(body, 'shapes\\_fixture & --- & none$\\to$cutout 0.693 & 50\\% done  more \\\\');
      // A blank line inside a tabular cell is a paragraph break, which LaTeX rejects there.
      assert.equal(text.split(/\r\n|\r|\n/).length, text.split('\n').length);
      assert.ok(lines[4 + 1].includes('50\\% of the budget'), lines[5]);
    });

    it('every fixed column has a label LaTeX accepts as is', () => {
      for (const c of FIXED_COLUMNS) assert.doesNotMatch(c.label, /[\\{}$&#%_^~]/, c.label);
    });
  });
});

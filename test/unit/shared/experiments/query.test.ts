import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { experimentRow } from '../../../../src/extension/experiments/experimentRows';
import { columnsFor } from '../../../../src/shared/experiments/columns';
import { filterRows, NO_FILTER, sortRows, tagsOf, type ExperimentFilter } from '../../../../src/shared/experiments/query';
import type { ExperimentRow } from '../../../../src/shared/experiments/row';
import type { RunResults } from '../../../../src/shared/results';
import { load, QUICKSTART, RUNS, SELECTION, SHAPES } from '../../../helpers/fixtureRuns';
import type { RunNotes } from '../../../../src/shared/runNotes';


const NOTES: Record<string, RunNotes> = {
  [SHAPES]: { note: 'First try on the Shapes data', tags: ['baseline', 'shapes'] },
  [QUICKSTART]: { note: 'MNIST quickstart, 40 epochs', tags: ['mnist', 'baseline'] },
  [SELECTION]: { note: '', tags: ['selection', 'shapes'] },
};

/** The mean AUROC of the best augmentation in one column, read from the summary (null without the column). */
function bestOf(r: RunResults, type: string): number | null {
  const means = r.summary.filter((s) => s.anomalyType === type).map((s) => s.metrics.auroc.mean);
  return means.length > 0 ? Math.max(...means) : null;
}

function row(dir: string, change?: (r: RunResults) => void, notes: RunNotes = NOTES[dir]): ExperimentRow {
  const results = load(dir);
  change?.(results);
  return experimentRow({ runDir: join(RUNS, dir), results, notes }, Date.parse('2026-12-01T00:00:00Z'));
}

const names = (rows: readonly ExperimentRow[]): string[] => rows.map((r) => r.name);
const filter = (f: Partial<ExperimentFilter>): ExperimentFilter => ({ ...NO_FILTER, ...f, range: { ...NO_FILTER.range, ...f.range } });

describe('experiments table: filtering', () => {
  const shapes = row(SHAPES);
  const quickstart = row(QUICKSTART);
  const selection = row(SELECTION);
  const running = row(
    SELECTION,
    (r) => {
      r.id = 'running-run';
      r.name = 'running-run';
      r.status = 'running';
      r.summary = [];
      delete r.totalSeconds;
      delete r.finishedAt;
    },
    { note: '', tags: [] },
  );
  const rows = [shapes, quickstart, selection, running];
  const columns = columnsFor(rows);

  it('NO_FILTER keeps every row, in order, as a new array', () => {
    const out = filterRows(rows, NO_FILTER, columns);
    assert.deepEqual(out, rows);
    assert.notEqual(out, rows);
  });

  it('text: every word must occur, case-insensitive, in the name, note, tags or augmentations', () => {
    assert.deepEqual(names(filterRows(rows, filter({ text: 'QUICKSTART' }), columns)), ['quickstart']);
    // A note word and a tag, in any order.
    assert.deepEqual(names(filterRows(rows, filter({ text: '  try   BASELINE ' }), columns)), ['shapes-fixture']);
    // A tag.
    assert.deepEqual(names(filterRows(rows, filter({ text: 'baseline' }), columns)), ['shapes-fixture', 'quickstart']);
    // An augmentation only the quickstart trained.
    assert.deepEqual(names(filterRows(rows, filter({ text: 'blur' }), columns)), ['quickstart']);
    // rotate: trained by shapes-fixture and the quickstart only.
    assert.deepEqual(names(filterRows(rows, filter({ text: 'rotate' }), columns)), ['shapes-fixture', 'quickstart']);
    // All words needed: no row has both.
    assert.deepEqual(names(filterRows(rows, filter({ text: 'mnist selection' }), columns)), []);
    // Substrings match.
    assert.deepEqual(names(filterRows(rows, filter({ text: 'fixt' }), columns)), ['shapes-fixture', 'selection-fixture']);
    // Only blanks: no text filter.
    assert.equal(filterRows(rows, filter({ text: ' \t ' }), columns).length, rows.length);
  });

  it('text agrees with an independent search over name, note, tags and augmentations', () => {
    for (const word of ['shapes', 'first', 'epochs', 'cutout', 'invert', 'noise', 'selection', 'mnist']) {
      const expected = rows.filter((r) => [r.name, r.note, ...r.tags, ...r.augmentations].some((t) => t.toLowerCase().includes(word)));
      const got = filterRows(rows, filter({ text: word.toUpperCase() }), columns);
      // The filter also searches the id, detector and data set, so it may find more, never fewer.
      for (const r of expected) assert.ok(got.includes(r), `${word}: ${r.name}`);
    }
  });

  it('status', () => {
    assert.deepEqual(names(filterRows(rows, filter({ status: 'running' }), columns)), ['running-run']);
    assert.deepEqual(names(filterRows(rows, filter({ status: 'completed' }), columns)), ['shapes-fixture', 'quickstart', 'selection-fixture']);
    assert.deepEqual(filterRows(rows, filter({ status: 'failed' }), columns), []);
  });

  it('tag: exact tag, not a substring', () => {
    assert.deepEqual(names(filterRows(rows, filter({ tag: 'shapes' }), columns)), ['shapes-fixture', 'selection-fixture']);
    assert.deepEqual(names(filterRows(rows, filter({ tag: 'mnist' }), columns)), ['quickstart']);
    assert.deepEqual(filterRows(rows, filter({ tag: 'shape' }), columns), []);
  });

  it('filters combine', () => {
    assert.deepEqual(names(filterRows(rows, filter({ tag: 'shapes', text: 'first' }), columns)), ['shapes-fixture']);
    assert.deepEqual(filterRows(rows, filter({ tag: 'mnist', status: 'running' }), columns), []);
  });

  describe('range on a metric column', () => {
    const all = new Map(rows.map((r) => [r, r === running ? null : bestOf(load(r.id), 'all')]));
    const expected = (min: number | null, max: number | null): string[] =>
      rows.filter((r) => all.get(r) !== null && (min === null || all.get(r)! >= min) && (max === null || all.get(r)! <= max)).map((r) => r.name);

    it('the fixtures’ values (read from the summary)', () => {
      assert.equal(all.get(shapes), 0.5838541666666667);
      assert.equal(all.get(quickstart), 0.9671253333333333);
      assert.equal(all.get(selection), 0.6428125);
    });

    for (const [min, max] of [
      [0.6, null],
      [null, 0.6],
      [0.6, 0.9],
      [0.6428125, 0.6428125],
      [0.9, 0.6],
      [0, 1],
    ] as Array<[number | null, number | null]>) {
      it(`min ${min ?? 'open'}, max ${max ?? 'open'}`, () => {
        const got = names(filterRows(rows, filter({ range: { column: 'auroc:all', min, max } }), columns));
        assert.deepEqual(got, expected(min, max));
        assert.ok(!got.includes('running-run'), 'a run without the value is not in any range');
      });
    }

    it('min only, max only and both on hand-checked values', () => {
      assert.deepEqual(names(filterRows(rows, filter({ range: { column: 'auroc:all', min: 0.6, max: null } }), columns)), ['quickstart', 'selection-fixture']);
      assert.deepEqual(names(filterRows(rows, filter({ range: { column: 'auroc:all', min: null, max: 0.6 } }), columns)), ['shapes-fixture']);
      assert.deepEqual(names(filterRows(rows, filter({ range: { column: 'auroc:all', min: 0.6, max: 0.9 } }), columns)), ['selection-fixture']);
    });

    it('no bounds: not filtered, even rows without the value', () => {
      assert.deepEqual(filterRows(rows, filter({ range: { column: 'auroc:all', min: null, max: null } }), columns), rows);
    });

    it('a column a run lacks excludes it once a bound is set', () => {
      // selection-fixture has no cutout anomaly type.
      assert.deepEqual(names(filterRows(rows, filter({ range: { column: 'auroc:cutout', min: 0, max: null } }), columns)), ['shapes-fixture', 'quickstart']);
    });

    it('any numeric column, e.g. the duration', () => {
      // The running row's seconds so far run until the fixed `now`, two days after it started.
      assert.deepEqual(names(filterRows(rows, filter({ range: { column: 'duration', min: 60, max: null } }), columns)), ['quickstart', 'running-run']);
      assert.deepEqual(names(filterRows(rows, filter({ range: { column: 'duration', min: 60, max: 3600 } }), columns)), ['quickstart']);
      assert.deepEqual(names(filterRows(rows, filter({ range: { column: 'duration', min: null, max: 60 } }), columns)), ['shapes-fixture', 'selection-fixture']);
    });

    it('an unknown column filters nothing', () => {
      assert.deepEqual(filterRows(rows, filter({ range: { column: 'auroc:nope', min: 0.5, max: 0.6 } }), columns), rows);
    });
  });
});

describe('experiments table: sorting', () => {
  const shapes = row(SHAPES);
  const quickstart = row(QUICKSTART);
  const selection = row(SELECTION);
  const empty = row(SELECTION, (r) => {
    r.id = 'empty';
    r.name = 'empty';
    r.summary = [];
    r.createdAt = 'unknown';
    delete r.totalSeconds;
  });
  const rows = [shapes, quickstart, selection, empty];
  const columns = columnsFor(rows);
  const sorted = (column: string, descending: boolean, input: readonly ExperimentRow[] = rows): string[] => names(sortRows(input, { column, descending }, columns));

  it('a number column (best mean AUROC over all), ascending and descending, rows without it last', () => {
    const withValue = [shapes, quickstart, selection].map((r) => ({ name: r.name, v: bestOf(load(r.id), 'all')! }));
    const ascending = [...withValue].sort((a, b) => a.v - b.v).map((x) => x.name);
    assert.deepEqual(sorted('auroc:all', false), [...ascending, 'empty']);
    assert.deepEqual(sorted('auroc:all', true), [...[...ascending].reverse(), 'empty']);
    assert.deepEqual(sorted('auroc:all', false), ['shapes-fixture', 'selection-fixture', 'quickstart', 'empty']);
  });

  it('a metric column a run lacks sorts that run last in both directions', () => {
    const cutout = (r: ExperimentRow): number => bestOf(load(r.id), 'cutout')!;
    assert.ok(cutout(quickstart) > cutout(shapes));
    assert.deepEqual(sorted('auroc:cutout', false), ['shapes-fixture', 'quickstart', 'selection-fixture', 'empty']);
    assert.deepEqual(sorted('auroc:cutout', true), ['quickstart', 'shapes-fixture', 'selection-fixture', 'empty']);
  });

  it('ties keep the given order in both directions', () => {
    // shapes-fixture and selection-fixture (and empty, a copy of it) trained 3 epochs, the quickstart 40.
    assert.deepEqual(sorted('epochs', false), ['shapes-fixture', 'selection-fixture', 'empty', 'quickstart']);
    assert.deepEqual(sorted('epochs', true), ['quickstart', 'shapes-fixture', 'selection-fixture', 'empty']);
    const reversed = [...rows].reverse();
    assert.deepEqual(sorted('epochs', false, reversed), ['empty', 'selection-fixture', 'shapes-fixture', 'quickstart']);
    assert.deepEqual(sorted('epochs', true, reversed), ['quickstart', 'empty', 'selection-fixture', 'shapes-fixture']);
  });

  it('a date column: by time, an unreadable date last', () => {
    assert.deepEqual(sorted('date', false), ['shapes-fixture', 'quickstart', 'selection-fixture', 'empty']);
    assert.deepEqual(sorted('date', true), ['selection-fixture', 'quickstart', 'shapes-fixture', 'empty']);
  });

  it('a duration: the measured seconds, a run without them last', () => {
    const seconds = [shapes, quickstart, selection].map((r) => ({ name: r.name, s: load(r.id).totalSeconds! }));
    assert.deepEqual(sorted('duration', false), [...[...seconds].sort((a, b) => a.s - b.s).map((x) => x.name), 'empty']);
    assert.deepEqual(sorted('duration', true), [...[...seconds].sort((a, b) => b.s - a.s).map((x) => x.name), 'empty']);
  });

  it('a text column: numeric-aware and case-insensitive, empty text last in both directions', () => {
    const named = ['run-10', 'run-9', 'run-100', '', 'Run-9', 'run-2'].map((name, i) => ({ ...shapes, id: `r${i}`, name }));
    const order = (descending: boolean): string[] => names(sortRows(named, { column: 'name', descending }, columns));
    assert.deepEqual(order(false), ['run-2', 'run-9', 'Run-9', 'run-10', 'run-100', '']);
    assert.deepEqual(order(true), ['run-100', 'run-10', 'run-9', 'Run-9', 'run-2', '']);
  });

  it('notes and tags: rows without any last in both directions', () => {
    const noted = [
      { ...shapes, note: '' },
      { ...quickstart, note: 'b second' },
      { ...selection, note: 'A first' },
    ];
    assert.deepEqual(names(sortRows(noted, { column: 'note', descending: false }, columns)), ['selection-fixture', 'quickstart', 'shapes-fixture']);
    assert.deepEqual(names(sortRows(noted, { column: 'note', descending: true }, columns)), ['quickstart', 'selection-fixture', 'shapes-fixture']);
    const tagged = [
      { ...shapes, tags: [] },
      { ...quickstart, tags: ['b'] },
      { ...selection, tags: ['a', 'z'] },
    ];
    assert.deepEqual(names(sortRows(tagged, { column: 'tags', descending: true }, columns)), ['quickstart', 'selection-fixture', 'shapes-fixture']);
  });

  it('an unknown column keeps the order (in a new array)', () => {
    const out = sortRows(rows, { column: 'nope', descending: true }, columns);
    assert.deepEqual(out, rows);
    assert.notEqual(out, rows);
  });

  it('does not change its input', () => {
    const before = [...rows];
    sortRows(rows, { column: 'auroc:all', descending: true }, columns);
    assert.deepEqual(rows, before);
  });
});

describe('experiments table: tags', () => {
  it('tagsOf: every tag once, sorted', () => {
    const rows = [row(SHAPES), row(QUICKSTART), row(SELECTION)];
    const expected = [...new Set(Object.values(NOTES).flatMap((n) => n.tags))].sort();
    assert.deepEqual(tagsOf(rows), expected);
    assert.deepEqual(tagsOf(rows), ['baseline', 'mnist', 'selection', 'shapes']);
    assert.deepEqual(tagsOf([]), []);
  });
});

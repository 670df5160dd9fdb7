import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { columnBests, experimentRow } from '../../../../src/extension/experiments/experimentRows';
import { columnsFor, duration, FIXED_COLUMNS, matrixColumnsOf, metricColumn, utcMinute } from '../../../../src/shared/experiments/columns';
import type { ColumnBest, ExperimentRow } from '../../../../src/shared/experiments/row';
import type { RunResults } from '../../../../src/shared/results';
import { ALL_RUNS, load, QUICKSTART, RUNS, SELECTION, SHAPES } from '../../../helpers/fixtureRuns';
import type { RunNotes } from '../../../../src/shared/runNotes';


const NOTES: Record<string, RunNotes> = {
  [SHAPES]: { note: 'first shapes run', tags: ['baseline', 'shapes'] },
  [QUICKSTART]: { note: 'MNIST, 40 epochs', tags: ['mnist'] },
  [SELECTION]: { note: '', tags: [] },
};

/**
 * The expected metric columns, read straight from the summary: per anomaly type (run order) and
 * `all`, the augmentation with the highest mean AUROC (the first in row order — `none` on top,
 * then the run's order — on a tie) and the `none` entry's mean.
 */
function expectedBests(r: RunResults): Record<string, ColumnBest> {
  const order = [...r.augmentations.filter((a) => a === 'none'), ...r.augmentations.filter((a) => a !== 'none')];
  const out: Record<string, ColumnBest> = {};
  for (const type of [...r.anomalyTypes, 'all']) {
    let best: ColumnBest | undefined;
    for (const augmentation of order) {
      const entry = r.summary.find((s) => s.augmentation === augmentation && s.anomalyType === type);
      if (!entry || !Number.isFinite(entry.metrics.auroc.mean)) continue;
      if (!best || entry.metrics.auroc.mean > best.auroc) best = { auroc: entry.metrics.auroc.mean, augmentation, none: null };
    }
    if (!best) continue;
    best.none = r.summary.find((s) => s.augmentation === 'none' && s.anomalyType === type)?.metrics.auroc.mean ?? null;
    out[type] = best;
  }
  return out;
}

/** The highest mean AUROC of one anomaly type (never `all`): the first such entry of the summary on a tie. */
function expectedBestAligned(r: RunResults): { augmentation: string; anomalyType: string; auroc: number } {
  const entries = r.summary.filter((s) => s.anomalyType !== 'all');
  const top = entries.reduce((a, b) => (b.metrics.auroc.mean > a.metrics.auroc.mean ? b : a));
  return { augmentation: top.augmentation, anomalyType: top.anomalyType, auroc: top.metrics.auroc.mean };
}

function rowOf(dir: string, now = Date.now()): ExperimentRow {
  return experimentRow({ runDir: join(RUNS, dir), results: load(dir), notes: NOTES[dir] }, now);
}

describe('experiments table: rows from results.json and notes.json', () => {
  for (const dir of ALL_RUNS) {
    describe(dir, () => {
      const results = load(dir);
      const row = rowOf(dir);

      it('has the run identity, status, date and the measured time', () => {
        assert.equal(row.runDir, join(RUNS, dir));
        assert.equal(row.id, results.id);
        assert.equal(row.id, dir);
        assert.equal(row.name, results.name);
        assert.equal(row.status, 'completed');
        assert.equal(row.createdAt, results.createdAt);
        assert.equal(typeof results.totalSeconds, 'number');
        assert.equal(row.seconds, results.totalSeconds);
      });

      it('has the scale, seeds, classes, detector, backend and data set of the config', () => {
        assert.equal(row.trainImages, results.scale.trainImages);
        assert.equal(row.testImages, results.scale.testImages);
        assert.equal(row.epochs, results.scale.epochs);
        assert.equal(row.seeds, results.config.seeds.length);
        assert.equal(row.normalClasses, results.normalClasses.length);
        const d = results.config.detector;
        assert.equal(row.detector, `${d.type} ${d.width}/${d.depth}/${d.codeSize}`);
        assert.equal(row.backend, results.backend!.name);
        assert.equal(row.dataset, results.config.dataset.source);
        assert.deepEqual(row.augmentations, results.augmentations);
      });

      it('per anomaly type and all: the best augmentation’s mean AUROC and none’s', () => {
        const expected = expectedBests(results);
        assert.deepEqual(Object.keys(row.columns), [...results.anomalyTypes, 'all']);
        assert.deepEqual(row.columns, expected);
        assert.deepEqual(columnBests(results), expected);
        for (const [type, best] of Object.entries(row.columns)) {
          const column = results.summary.filter((s) => s.anomalyType === type).map((s) => s.metrics.auroc.mean);
          assert.equal(best.auroc, Math.max(...column), type);
        }
      });

      it('the best aligned cell is the highest mean AUROC of one anomaly type, never all', () => {
        assert.deepEqual(row.best, expectedBestAligned(results));
        assert.notEqual(row.best!.anomalyType, 'all');
      });

      it('counts the cells and carries the notes', () => {
        assert.equal(row.cellsTotal, results.cells.length);
        assert.equal(row.cellsDone, results.cells.length);
        assert.equal(row.note, NOTES[dir].note);
        assert.deepEqual(row.tags, NOTES[dir].tags);
      });
    });
  }

  it('reads known values of the fixtures (a check on the independent computation)', () => {
    const selection = rowOf(SELECTION);
    assert.deepEqual(selection.columns.all, { auroc: 0.6428125, augmentation: 'invert', none: 0.60078125 });
    assert.deepEqual(selection.best, { augmentation: 'invert', anomalyType: 'invert', auroc: 0.7834375 });
    assert.equal(selection.detector, 'dae 4/2/8');
    assert.equal(selection.normalClasses, 2);
    const quickstart = rowOf(QUICKSTART);
    assert.equal(quickstart.detector, 'dae 16/3/64');
    assert.deepEqual(quickstart.columns.all, { auroc: 0.9671253333333333, augmentation: 'cutout', none: 0.9350253333333334 });
    // Every augmentation scores 1 on invert: on a tie the top row (none) is the best.
    assert.deepEqual(quickstart.columns.invert, { auroc: 1, augmentation: 'none', none: 1 });
    const shapes = rowOf(SHAPES);
    assert.deepEqual(shapes.columns.flip, { auroc: 0.5, augmentation: 'cutout', none: 0.4996875 });
    assert.equal(shapes.seeds, 2);
  });

  it('without totalSeconds: finishedAt − createdAt', () => {
    const r = load(SHAPES);
    delete r.totalSeconds;
    const row = experimentRow({ runDir: 'x', results: r }, 0);
    const expected = (Date.parse(r.finishedAt!) - Date.parse(r.createdAt)) / 1000;
    assert.ok(Math.abs(row.seconds! - expected) < 1e-9, `${row.seconds} vs ${expected}`);
    assert.ok(Math.abs(row.seconds! - 23.256) < 1e-9);
  });

  it('a running run: seconds so far (now − createdAt), cells done of all', () => {
    const r = load(SELECTION);
    r.status = 'running';
    delete r.totalSeconds;
    delete r.finishedAt;
    const statuses = ['completed', 'failed', 'canceled', 'running', 'pending'] as const;
    r.cells.forEach((c, i) => (c.status = statuses[i % statuses.length]));
    const now = Date.parse(r.createdAt) + 90_500;
    const row = experimentRow({ runDir: 'x', results: r }, now);
    assert.equal(row.status, 'running');
    assert.equal(row.seconds, 90.5);
    const done = r.cells.filter((c) => c.status === 'completed' || c.status === 'failed' || c.status === 'canceled').length;
    assert.equal(row.cellsDone, done);
    assert.equal(row.cellsDone, 6);
    assert.equal(row.cellsTotal, 10);
    assert.equal(row.note, '');
    assert.deepEqual(row.tags, []);
  });

  it('a stopped run without a finish time or an unreadable date has no duration', () => {
    const r = load(SELECTION);
    r.status = 'interrupted';
    delete r.totalSeconds;
    delete r.finishedAt;
    assert.equal(experimentRow({ runDir: 'x', results: r }, Date.now()).seconds, null);
    const bad = load(SELECTION);
    delete bad.totalSeconds;
    bad.createdAt = 'not a date';
    assert.equal(experimentRow({ runDir: 'x', results: bad }, Date.now()).seconds, null);
  });

  it('a run with nothing summarised yet has no metric columns and no best cell', () => {
    const r = load(SHAPES);
    r.summary = [];
    r.cells = r.cells.map((c) => ({ ...c, status: 'pending' as const, metrics: undefined }));
    const row = experimentRow({ runDir: 'x', results: r }, Date.now());
    assert.deepEqual(row.columns, {});
    assert.equal(row.best, null);
    assert.equal(row.cellsDone, 0);
  });

  it('a run without none has a null baseline in every column', () => {
    const r = load(SELECTION);
    r.augmentations = r.augmentations.filter((a) => a !== 'none');
    r.summary = r.summary.filter((s) => s.augmentation !== 'none');
    const row = experimentRow({ runDir: 'x', results: r }, Date.now());
    assert.deepEqual(row.columns, expectedBests(r));
    assert.ok(Object.values(row.columns).every((b) => b.none === null));
  });
});

describe('experiments table: columns', () => {
  const rows = ALL_RUNS.map((dir) => rowOf(dir));
  const byId = (columns: readonly { id: string }[], id: string): number => columns.findIndex((c) => c.id === id);

  it('the catalogue has unique ids and labels', () => {
    const ids = FIXED_COLUMNS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(FIXED_COLUMNS.map((c) => c.label)).size, ids.length);
    assert.ok(ids.includes('best'));
  });

  it('matrixColumnsOf: the union of the runs’ columns in order of first appearance, all last', () => {
    // selection-fixture (flip, invert) before shapes-fixture (flip, cutout, invert).
    const ordered = [rows[2], rows[0], rows[1]];
    const expected: string[] = [];
    for (const dir of [SELECTION, SHAPES, QUICKSTART]) for (const t of load(dir).anomalyTypes) if (!expected.includes(t)) expected.push(t);
    expected.push('all');
    assert.deepEqual(matrixColumnsOf(ordered), expected);
    assert.deepEqual(matrixColumnsOf(ordered), ['flip', 'invert', 'cutout', 'all']);
    assert.deepEqual(matrixColumnsOf([]), []);
  });

  it('columnsFor puts the metric columns right after best, all last, then the rest of the catalogue', () => {
    const columns = columnsFor(rows);
    const at = byId(columns, 'best');
    const metricIds = matrixColumnsOf(rows).map((c) => `auroc:${c}`);
    assert.deepEqual(metricIds, ['auroc:flip', 'auroc:cutout', 'auroc:invert', 'auroc:all']);
    assert.deepEqual(columns.slice(at + 1, at + 1 + metricIds.length).map((c) => c.id), metricIds);
    assert.deepEqual(columns.slice(0, at + 1).map((c) => c.id), FIXED_COLUMNS.slice(0, at + 1).map((c) => c.id));
    assert.deepEqual(columns.slice(at + 1 + metricIds.length).map((c) => c.id), FIXED_COLUMNS.slice(at + 1).map((c) => c.id));
    assert.deepEqual(columnsFor([]).map((c) => c.id), FIXED_COLUMNS.map((c) => c.id));
  });

  it('a metric column: the best mean AUROC as value, 3 decimals as text, — where the run has no such column', () => {
    const cutout = metricColumn('cutout');
    assert.equal(cutout.id, 'auroc:cutout');
    assert.equal(cutout.label, 'AUROC cutout');
    assert.equal(cutout.kind, 'number');
    const shapes = load(SHAPES);
    const expected = Math.max(...shapes.summary.filter((s) => s.anomalyType === 'cutout').map((s) => s.metrics.auroc.mean));
    assert.equal(cutout.value(rows[0]), expected);
    assert.equal(cutout.text(rows[0]), expected.toFixed(3));
    assert.equal(cutout.text(rows[0]), '0.693');
    assert.match(cutout.title!(rows[0]), /^best: none 0\.693 · none 0\.693/);
    // selection-fixture has no cutout anomaly type.
    assert.equal(cutout.value(rows[2]), null);
    assert.equal(cutout.text(rows[2]), '—');
    assert.equal(cutout.title!(rows[2]), 'no cutout column in this run');
  });

  it('fixed columns: values and texts, — for what is unknown', () => {
    const col = (id: string) => FIXED_COLUMNS.find((c) => c.id === id)!;
    const quickstart = rows[1];
    assert.equal(col('name').text(quickstart), 'quickstart');
    assert.equal(col('name').title!(quickstart), join(RUNS, QUICKSTART));
    assert.equal(col('status').text(quickstart), 'completed');
    assert.equal(col('status').text({ ...quickstart, status: 'running', cellsDone: 3, cellsTotal: 7 }), 'running 3/7');
    assert.equal(col('date').value(quickstart), Date.parse('2026-11-29T00:27:29.858Z'));
    assert.equal(col('date').text(quickstart), '2026-11-29 00:27');
    assert.equal(col('duration').value(quickstart), 1110.591693924);
    assert.equal(col('duration').text(quickstart), '18 min 31 s');
    assert.equal(col('trainImages').text(quickstart), '2000');
    assert.equal(col('epochs').text(quickstart), '40');
    assert.equal(col('classes').text(quickstart), '1');
    assert.equal(col('detector').text(quickstart), 'dae 16/3/64');
    assert.equal(col('augmentations').value(quickstart), 7);
    assert.equal(col('augmentations').text(quickstart), 'none, rotate, flip, cutout, invert, noise, blur');
    assert.equal(col('best').text(quickstart), 'none→invert 1.000');
    assert.equal(col('best').text(rows[2]), 'invert→invert 0.783');
    assert.equal(col('tags').text(rows[0]), 'baseline, shapes');
    assert.equal(col('tags').value(rows[0]), 'baseline shapes');
    assert.equal(col('note').text(quickstart), 'MNIST, 40 epochs');
    const unknown: ExperimentRow = { ...rows[2], seconds: null, trainImages: null, testImages: null, epochs: null, best: null, columns: {} };
    assert.equal(col('duration').text(unknown), '—');
    assert.equal(col('trainImages').text(unknown), '—');
    assert.equal(col('testImages').text(unknown), '—');
    assert.equal(col('epochs').text(unknown), '—');
    assert.equal(col('best').text(unknown), '—');
    assert.equal(col('best').value(unknown), null);
    assert.equal(metricColumn('all').text(unknown), '—');
    // No note and no tags sort as missing.
    assert.equal(col('note').value(rows[2]), null);
    assert.equal(col('tags').value(rows[2]), null);
  });

  it('duration: seconds, minutes and seconds, hours and minutes', () => {
    assert.equal(duration(0), '0 s');
    assert.equal(duration(59), '59 s');
    assert.equal(duration(59.4), '59 s');
    assert.equal(duration(59.6), '1 min 00 s');
    assert.equal(duration(207), '3 min 27 s');
    assert.equal(duration(3599), '59 min 59 s');
    assert.equal(duration(3600), '1 h 00 min');
    assert.equal(duration(2 * 3600 + 5 * 60 + 59), '2 h 05 min');
    assert.equal(duration(null), '—');
    assert.equal(duration(Number.NaN), '—');
  });

  it('utcMinute: the UTC minute, whatever the local time zone; an unreadable date as given', () => {
    assert.equal(utcMinute('2026-11-29T15:00:33.367Z'), '2026-11-29 15:00');
    assert.equal(utcMinute('2026-11-29T23:59:59.999+02:00'), '2026-11-29 21:59');
    assert.equal(utcMinute('not a date'), 'not a date');
  });
});

describe('experiments table: the largest gain and loss vs none', () => {
  for (const id of ALL_RUNS) {
    it(`${id}: the cells with the largest and smallest mean paired Δ AUROC, read from the summary`, () => {
      const r = load(id);
      const deltas = r.summary
        .filter((s) => s.augmentation !== 'none' && r.anomalyTypes.includes(s.anomalyType) && s.deltaAurocVsNone)
        .map((s) => ({ augmentation: s.augmentation, anomalyType: s.anomalyType, delta: s.deltaAurocVsNone!.mean }));
      assert.ok(deltas.length > 0, 'the fixture has Δ vs none');
      const max = Math.max(...deltas.map((d) => d.delta));
      const min = Math.min(...deltas.map((d) => d.delta));
      const row = experimentRow({ runDir: join(RUNS, id), results: r }, Date.now());
      assert.equal(row.gain?.delta, max);
      assert.equal(row.loss?.delta, min);
      assert.ok(deltas.some((d) => d.augmentation === row.gain?.augmentation && d.anomalyType === row.gain.anomalyType && d.delta === max));
      const gain = FIXED_COLUMNS.find((c) => c.id === 'gain')!;
      assert.equal(gain.text(row), `${row.gain!.augmentation}→${row.gain!.anomalyType} ${max >= 0 ? '+' : '−'}${Math.abs(max).toFixed(3)}`);
    });
  }

  it('a run without none has neither', () => {
    const r = load(SHAPES);
    const without = { ...r, augmentations: r.augmentations.filter((a) => a !== 'none'), summary: r.summary.filter((s) => s.augmentation !== 'none').map((s) => ({ ...s, deltaAurocVsNone: undefined })) };
    const row = experimentRow({ runDir: join(RUNS, SHAPES), results: without }, Date.now());
    assert.equal(row.gain, null);
    assert.equal(row.loss, null);
    assert.equal(FIXED_COLUMNS.find((c) => c.id === 'loss')!.text(row), '—');
  });

  it('keeps the heatmap column order even for numeric class names', () => {
    const r = load(SHAPES);
    const renamed = JSON.parse(JSON.stringify(r).replace(/"flip"/g, '"9"').replace(/"cutout"/g, '"3"')) as RunResults;
    const row = experimentRow({ runDir: join(RUNS, SHAPES), results: renamed }, Date.now());
    assert.deepEqual(matrixColumnsOf([row]), ['9', '3', 'invert', 'all']);
  });
});

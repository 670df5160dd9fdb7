import { strict as assert } from 'node:assert';
import { CSV_HEADER, matrixCsv, matrixExportRows, matrixJson, parseCsvLine } from '../../../src/shared/resultsView/csv';
import { CATEGORIES, fixtureResults } from './fixtures';

describe('matrix export (CSV, JSON)', () => {
  const results = fixtureResults();
  const rows = matrixExportRows(results, CATEGORIES);

  it('writes one line per augmentation × anomaly type with every metric of the summary', () => {
    const lines = matrixCsv(rows).trimEnd().split('\n');
    assert.deepEqual(parseCsvLine(lines[0]), [...CSV_HEADER]);
    assert.equal(lines.length, 1 + results.summary.length);
    const header = parseCsvLine(lines[0]);
    for (const line of lines.slice(1)) {
      const f = Object.fromEntries(parseCsvLine(line).map((v, i) => [header[i], v]));
      const s = results.summary.find((e) => e.augmentation === f.augmentation && e.anomalyType === f.anomaly_type)!;
      assert.equal(Number(f.auroc_mean), s.metrics.auroc.mean);
      assert.equal(Number(f.ap_std), s.metrics.ap.std);
      assert.equal(Number(f.f1_at_k_mean), s.metrics.f1AtK.mean);
      assert.equal(Number(f.delta_auroc_vs_none_mean), s.augmentation === 'none' ? 0 : s.deltaAurocVsNone!.mean);
      assert.equal(f.category, CATEGORIES[s.augmentation]);
    }
    assert.equal(parseCsvLine(lines[1])[0], 'none');
  });

  it('quotes fields with commas or quotes', () => {
    const r = structuredClone(results);
    r.augmentations = ['none', 'blur{padding=zero,sigma=1.5}'];
    r.summary = r.summary.filter((s) => s.augmentation === 'none');
    const line = matrixCsv(matrixExportRows(r, CATEGORIES)).split('\n').find((l) => l.startsWith('"blur'))!;
    assert.equal(parseCsvLine(line)[0], 'blur{padding=zero,sigma=1.5}');
  });

  it('neutralises text a spreadsheet would run as a formula (a crafted folder or module name), keeps negative numbers', () => {
    const r = structuredClone(results);
    r.augmentations = ['none', '=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)'];
    r.anomalyTypes = ['flip'];
    r.summary = r.summary.filter((s) => s.augmentation === 'none');
    const lines = matrixCsv(matrixExportRows(r, CATEGORIES)).trimEnd().split('\n').slice(1);
    const firsts = lines.map((l) => parseCsvLine(l)[0]);
    assert.deepEqual(firsts.filter((f) => f !== 'none'), [`'=HYPERLINK("http://x","y")`, "'+1", "'-2", "'@SUM(A1)"].flatMap((f) => [f, f]));
    const deltas = matrixCsv(rows).trimEnd().split('\n').slice(1).map((l) => parseCsvLine(l)[9]).filter((v) => v.startsWith('-'));
    assert.ok(deltas.length > 0 && deltas.every((v) => Number.isFinite(Number(v))), 'negative numbers stay numbers');
  });

  it('JSON has the same cells', () => {
    const json = JSON.parse(matrixJson(results, rows));
    assert.equal(json.run, results.id);
    assert.equal(json.cells.length, rows.length);
    assert.equal(json.cells[0].values.auroc.mean, rows[0].values.auroc.mean);
  });
});

import { strict as assert } from 'node:assert';
import { CSV_HEADER, matrixCsv, matrixExportRows, matrixJson, parseCsvLine } from '../../../../src/shared/resultsView/csv';
import { ONE_VS_ONE } from '../../../../src/shared/results';
import { CATEGORIES, fixtureResults, semanticResults } from '../../../helpers/resultsFixtures';

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

  it('keeps the first columns in place and adds the interval, the test and the pairing at the end', () => {
    assert.deepEqual(CSV_HEADER.slice(0, 13), [
      'augmentation', 'category', 'anomaly_type', 'auroc_mean', 'auroc_std', 'ap_mean', 'ap_std', 'f1_at_k_mean', 'f1_at_k_std',
      'delta_auroc_vs_none_mean', 'delta_auroc_vs_none_std', 'n', 'wilcoxon_p',
    ]);
    assert.deepEqual(CSV_HEADER.slice(13), ['delta_ci_low', 'delta_ci_high', 'delta_ci_level', 'wilcoxon_method', 'wilcoxon_n', 'pairing', 'pairs']);
  });

  it('a semantic run: the one-vs-one rows carry the interval, the method and the class-pair pairing', () => {
    const r = semanticResults();
    const lines = matrixCsv(matrixExportRows(r, CATEGORIES)).trimEnd().split('\n');
    const header = parseCsvLine(lines[0]);
    const records = lines.slice(1).map((l) => Object.fromEntries(parseCsvLine(l).map((v, i) => [header[i], v])));
    assert.equal(records.length, 2 * 5);
    const pooled = records.find((f) => f.augmentation === 'rotate' && f.anomaly_type === ONE_VS_ONE)!;
    const entry = r.summary.find((e) => e.augmentation === 'rotate' && e.anomalyType === ONE_VS_ONE)!;
    assert.equal(Number(pooled.delta_ci_low), entry.deltaCi!.low);
    assert.equal(Number(pooled.delta_ci_high), entry.deltaCi!.high);
    assert.equal(Number(pooled.delta_ci_level), 0.95);
    assert.equal(Number(pooled.wilcoxon_p), entry.wilcoxonVsNone!.pValue);
    assert.equal(pooled.wilcoxon_method, entry.wilcoxonVsNone!.method);
    assert.equal(Number(pooled.wilcoxon_n), entry.wilcoxonVsNone!.n);
    assert.equal(pooled.pairing, 'seed × class pair');
    assert.equal(pooled.pairs, '18');
    const none = records.find((f) => f.augmentation === 'none' && f.anomaly_type === 'a')!;
    assert.deepEqual([none.delta_ci_low, none.wilcoxon_method, none.pairing, none.pairs], ['', '', 'seed × normal class', '']);
    const json = JSON.parse(matrixJson(r, matrixExportRows(r, CATEGORIES)));
    const cell = json.cells.find((c: { augmentation: string; anomalyType: string }) => c.augmentation === 'rotate' && c.anomalyType === ONE_VS_ONE);
    assert.deepEqual(cell.deltaCi, entry.deltaCi);
    assert.equal(cell.pairing, 'seed × class pair');
  });

  it('an older results.json: empty interval cells, the recorded method, pairs from Δ', () => {
    const lines = matrixCsv(rows).trimEnd().split('\n');
    const header = parseCsvLine(lines[0]);
    const flip = lines.slice(1).map((l) => Object.fromEntries(parseCsvLine(l).map((v, i) => [header[i], v]))).find((f) => f.augmentation === 'flip' && f.anomaly_type === 'invert')!;
    assert.equal(flip.delta_ci_low, '');
    assert.equal(flip.pairing, 'seed × normal class');
    assert.equal(flip.pairs, '2');
    assert.ok(flip.wilcoxon_method === 'exact' || flip.wilcoxon_method === 'approx');
  });
});


import { strict as assert } from 'node:assert';
import { differenceMatrix } from '../../../../src/shared/resultsView/difference';
import { ONE_VS_ONE, PAIRING_CLASS_PAIR, PAIRING_TASK } from '../../../../src/shared/results';
import { buildMatrix, cellAt, cellText, formatValue, matrixColumns, orderRows, tableCaption } from '../../../../src/shared/resultsView/matrix';
import { CATEGORIES, fixtureResults, semanticResults } from '../../../helpers/resultsFixtures';

describe('alignment matrix', () => {
  const results = fixtureResults();

  it('groups rows by category with none first, keeping the run order inside a group', () => {
    const rows = orderRows(['cutout', 'rotate', 'noise', 'none', 'flip', 'mine'], { ...CATEGORIES });
    assert.deepEqual(rows.map((r) => r.augmentation), ['none', 'rotate', 'flip', 'noise', 'cutout', 'mine']);
    assert.equal(rows[5].category, 'custom');
  });

  it('has rows × (anomaly types + all) cells with the summary means and stds', () => {
    const m = buildMatrix(results, CATEGORIES, 'auroc');
    assert.deepEqual(m.columns, ['flip', 'cutout', 'invert', 'all']);
    assert.equal(m.cells.length, 5 * 4);
    for (const s of results.summary) {
      const cell = cellAt(m, s.augmentation, s.anomalyType);
      assert.ok(cell);
      assert.equal(cell.mean, s.metrics.auroc.mean);
      assert.equal(cell.std, s.metrics.auroc.std);
      assert.equal(cell.n, 2);
    }
  });

  it('Δ vs none is the summary delta, 0 on the none row', () => {
    const m = buildMatrix(results, CATEGORIES, 'delta');
    for (const s of results.summary) {
      const cell = cellAt(m, s.augmentation, s.anomalyType)!;
      assert.equal(cell.mean, s.augmentation === 'none' ? 0 : s.deltaAurocVsNone!.mean);
    }
    // And it equals AUROC minus the none AUROC of the same column (paired means).
    const auroc = buildMatrix(results, CATEGORIES, 'auroc');
    for (const cell of m.cells) {
      const expected = cellAt(auroc, cell.augmentation, cell.anomalyType)!.mean! - cellAt(auroc, 'none', cell.anomalyType)!.mean!;
      assert.ok(Math.abs(cell.mean! - expected) < 1e-9);
    }
  });

  it('marks a cell significant only when its Wilcoxon p < 0.05', () => {
    const r = structuredClone(results);
    const entry = r.summary.find((s) => s.augmentation === 'flip' && s.anomalyType === 'flip')!;
    entry.wilcoxonVsNone = { statistic: 0, pValue: 0.01, n: 8, method: 'exact' };
    const other = r.summary.find((s) => s.augmentation === 'noise' && s.anomalyType === 'flip')!;
    other.wilcoxonVsNone = { statistic: 3, pValue: 0.2, n: 8, method: 'exact' };
    const m = buildMatrix(r, CATEGORIES, 'auroc');
    assert.equal(cellAt(m, 'flip', 'flip')!.significant, true);
    assert.equal(cellAt(m, 'noise', 'flip')!.significant, false);
    assert.equal(cellAt(m, 'none', 'flip')!.significant, false);
  });

  it('formats values with 3 decimals and Δ with a sign', () => {
    assert.equal(formatValue(0.69321, 'auroc'), '0.693');
    assert.equal(formatValue(0.0123, 'delta'), '+0.012');
    assert.equal(formatValue(-0.0123, 'delta'), '−0.012');
    assert.equal(formatValue(0.0001, 'delta'), '0.000');
    assert.equal(formatValue(null, 'auroc'), '—');
  });

  it('the difference of two runs is B − A on the shared rows and columns', () => {
    const a = buildMatrix(results, CATEGORIES, 'auroc');
    const r2 = structuredClone(results);
    for (const s of r2.summary) s.metrics.auroc.mean += 0.1;
    r2.augmentations = r2.augmentations.filter((x) => x !== 'noise');
    const b = buildMatrix(r2, CATEGORIES, 'auroc');
    const d = differenceMatrix(a, b);
    assert.deepEqual(d.rows.map((r) => r.augmentation), ['none', 'rotate', 'flip', 'cutout']);
    for (const c of d.cells) assert.ok(Math.abs(c.mean! - 0.1) < 1e-9);
  });

  it('a semantic run has a one-vs-one column before all, with its pairing and comparison', () => {
    const r = semanticResults();
    const m = buildMatrix(r, CATEGORIES, 'delta');
    assert.deepEqual(m.columns, ['a', 'b', 'c', ONE_VS_ONE, 'all']);
    const pooled = cellAt(m, 'rotate', ONE_VS_ONE)!;
    const entry = r.summary.find((e) => e.augmentation === 'rotate' && e.anomalyType === ONE_VS_ONE)!;
    assert.equal(pooled.mean, entry.deltaAurocVsNone!.mean);
    assert.equal(pooled.pairing, PAIRING_CLASS_PAIR);
    assert.equal(pooled.comparison!.pairs, 18);
    assert.deepEqual(pooled.comparison!.ci, entry.deltaCi);
    assert.deepEqual(pooled.comparison!.wilcoxon, entry.wilcoxonVsNone);
    assert.equal(pooled.pValue, entry.wilcoxonVsNone!.pValue);
    assert.equal(cellAt(m, 'rotate', 'a')!.pairing, PAIRING_TASK);
    // The none row pairs nothing.
    assert.equal(cellAt(m, 'none', ONE_VS_ONE)!.comparison, undefined);
    assert.equal(cellAt(m, 'none', ONE_VS_ONE)!.pairing, PAIRING_CLASS_PAIR);
  });

  it('no one-vs-one column without the pooled entry, nor a second one for a class named so', () => {
    assert.deepEqual(matrixColumns(['flip', 'all']), ['flip', 'all']);
    assert.deepEqual(matrixColumns([ONE_VS_ONE, 'b'], [{ anomalyType: ONE_VS_ONE }]), [ONE_VS_ONE, 'b', 'all']);
  });

  it('an older results.json (no pairing, no pairs, no interval, method approx) still builds: pairing per task, pairs from Δ', () => {
    const m = buildMatrix(results, CATEGORIES, 'delta');
    const old = results.summary.find((e) => e.augmentation === 'flip' && e.anomalyType === 'invert')!;
    assert.equal(old.pairing, undefined);
    assert.equal(old.deltaCi, undefined);
    const cell = cellAt(m, 'flip', 'invert')!;
    assert.equal(cell.pairing, PAIRING_TASK);
    assert.equal(cell.comparison!.pairs, old.deltaAurocVsNone!.n);
    assert.equal(cell.comparison!.ci, undefined);
    assert.ok(results.summary.some((e) => e.wilcoxonVsNone?.method === 'approx'), 'the fixture is from before the method names changed');
  });

  it('table text: Δ with its interval in brackets, other metrics without', () => {
    const r = semanticResults();
    const delta = cellAt(buildMatrix(r, CATEGORIES, 'delta'), 'rotate', ONE_VS_ONE)!;
    const ci = delta.comparison!.ci!;
    const expected = `${formatValue(delta.mean, 'delta')} ± ${delta.std!.toFixed(3)} [${formatValue(ci.low, 'delta')}, ${formatValue(ci.high, 'delta')}]${delta.significant ? ' *' : ''}`;
    assert.equal(cellText(delta, 'delta'), expected);
    const auroc = cellAt(buildMatrix(r, CATEGORIES, 'auroc'), 'rotate', ONE_VS_ONE)!;
    assert.doesNotMatch(cellText(auroc, 'auroc'), /\[/);
    assert.match(tableCaption('delta'), /95 % bootstrap interval.*Wilcoxon signed-rank p < 0.05/);
  });
});


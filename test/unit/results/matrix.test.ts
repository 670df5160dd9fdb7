import { strict as assert } from 'node:assert';
import { differenceMatrix } from '../../../src/shared/resultsView/difference';
import { buildMatrix, cellAt, formatValue, orderRows } from '../../../src/shared/resultsView/matrix';
import { CATEGORIES, fixtureResults } from './fixtures';

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
});

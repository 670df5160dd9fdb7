import { strict as assert } from 'node:assert';
import { ONE_VS_ONE } from '../../../../src/shared/results';
import { cellTooltipLines } from '../../../../src/shared/resultsView/cellTooltip';
import { buildMatrix, cellAt, type MatrixCell } from '../../../../src/shared/resultsView/matrix';
import { CATEGORIES, fixtureResults, semanticResults } from '../../../helpers/resultsFixtures';

describe('heatmap tooltip', () => {
  it('shows Δ with its 95 % interval, the Wilcoxon p with method and n, and the pairing', () => {
    const r = semanticResults();
    const cell = cellAt(buildMatrix(r, CATEGORIES, 'auroc'), 'rotate', ONE_VS_ONE)!;
    const entry = r.summary.find((e) => e.augmentation === 'rotate' && e.anomalyType === ONE_VS_ONE)!;
    const lines = cellTooltipLines(cell, 'auroc');
    assert.equal(lines[0], `AUROC: ${entry.metrics.auroc.mean.toFixed(3)} ± ${entry.metrics.auroc.std.toFixed(3)} (n = 18)`);
    assert.equal(lines[1], 'One-vs-one AUROCs pooled over every normal class × other class');
    const ci = entry.deltaCi!;
    assert.equal(lines[2], `Δ AUROC vs none: +${entry.deltaAurocVsNone!.mean.toFixed(3)}, 95 % CI +${ci.low.toFixed(3)} to +${ci.high.toFixed(3)}`);
    const w = entry.wilcoxonVsNone!;
    assert.equal(lines[3], `Wilcoxon signed-rank vs none: p = ${w.pValue.toPrecision(2)} (${w.method}, n = ${w.n})${w.pValue < 0.05 ? ', significant' : ''}`);
    assert.equal(lines[4], 'Paired with none per seed × class pair: 18 pairs');
    assert.equal(lines.length, 5);
  });

  it('per anomaly type the pairs are seed × normal class', () => {
    const cell = cellAt(buildMatrix(semanticResults(), CATEGORIES, 'delta'), 'rotate', 'a')!;
    assert.equal(cellTooltipLines(cell, 'delta').at(-1), 'Paired with none per seed × normal class: 6 pairs');
  });

  it('an older file: no interval, the old method name, pairing per task', () => {
    const results = fixtureResults();
    const cell = cellAt(buildMatrix(results, CATEGORIES, 'delta'), 'flip', 'invert')!;
    const lines = cellTooltipLines(cell, 'delta');
    assert.match(lines[1], /^Δ AUROC vs none: −0\.\d{3}$/);
    assert.match(lines[2], /^Wilcoxon signed-rank vs none: p = [\d.e-]+ \((exact|approx), n = \d\)$/);
    assert.equal(lines[3], 'Paired with none per seed × normal class: 2 pairs');
  });

  it('says why the test is missing, and nothing about none on the none row', () => {
    const cell: MatrixCell = {
      augmentation: 'flip',
      anomalyType: 'cutout',
      mean: 0.8,
      std: 0,
      n: 1,
      significant: false,
      pairing: 'seed × normal class',
      comparison: { pairs: 1, delta: { mean: 0.01, std: 0, n: 1 }, note: 'a signed-rank test needs at least 2 pairs (seed × normal class); this run has 1' },
    };
    assert.deepEqual(cellTooltipLines(cell, 'auroc'), [
      'AUROC: 0.800 ± 0.000 (n = 1)',
      'Δ AUROC vs none: +0.010',
      'No Wilcoxon test: a signed-rank test needs at least 2 pairs (seed × normal class); this run has 1',
      'Paired with none per seed × normal class: 1 pair',
    ]);
    const none = cellAt(buildMatrix(semanticResults(), CATEGORIES, 'auroc'), 'none', 'a')!;
    assert.equal(cellTooltipLines(none, 'auroc').length, 1);
  });
});

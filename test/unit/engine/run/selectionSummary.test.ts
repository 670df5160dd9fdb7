import { strict as assert } from 'node:assert';
import { summarizeSelection } from '../../../../src/engine/run/selectionSummary';
import type { CellResult, MetricSet } from '../../../../src/shared/results';
import type { CriterionName } from '../../../../src/shared/selection';
import { selectionLines, selectionRow } from '../../../../src/shared/resultsView/selectionText';

type Values = Partial<Record<CriterionName, number | null>>;

function metrics(auroc: number): MetricSet {
  return { auroc, ap: 0, f1AtK: 0, precisionAtK: 0 };
}

function cell(augmentation: string, normalClass: string, auroc: Record<string, number>, values: Record<string, Values>): CellResult {
  return {
    id: `${augmentation}-${normalClass}`,
    augmentation,
    seed: 0,
    normalClass,
    status: 'completed',
    loss: [1],
    metrics: Object.fromEntries(Object.entries(auroc).map(([t, a]) => [t, metrics(a)])),
    selection: {
      byTestSet: Object.fromEntries(Object.entries(values).map(([t, v]) => [t, { values: v }])),
      sizes: { train: 10, augmented: 10, test: 10, heldOut: 0 },
      seconds: 0,
    },
  };
}

/** Two tasks; on `all`, x > y > z by AUROC; DSV agrees, score variance disagrees. */
function grid(): CellResult[] {
  const cells: CellResult[] = [];
  for (const c of ['a', 'b']) {
    cells.push(cell('none', c, { all: 0.6, t: 0.6 }, { all: { dsv: null, testScoreVariance: 5 }, t: { dsv: null, testScoreVariance: 5 } }));
    cells.push(cell('x', c, { all: 0.9, t: 0.5 }, { all: { dsv: 0.1, testScoreVariance: 1 }, t: { dsv: 0.3, testScoreVariance: 1 } }));
    cells.push(cell('y', c, { all: 0.7, t: 0.6 }, { all: { dsv: 0.2, testScoreVariance: 2 }, t: { dsv: 0.2, testScoreVariance: 2 } }));
    cells.push(cell('z', c, { all: 0.5, t: 0.8 }, { all: { dsv: 0.3, testScoreVariance: 3 }, t: { dsv: 0.1, testScoreVariance: 3 } }));
  }
  return cells;
}

describe('label-free selection summary', () => {
  it('ranks the candidates (never none), picks, and grades against the AUROCs per task', () => {
    const s = summarizeSelection(grid(), ['none', 'x', 'y', 'z'], ['t']);
    assert.ok(s);
    assert.deepEqual(s.candidates, ['x', 'y', 'z']);
    assert.equal(s.tasks, 2);
    assert.deepEqual(s.bestByAuroc, { all: 'x', t: 'z' });
    const dsv = s.criteria.find((c) => c.name === 'dsv');
    assert.ok(dsv);
    assert.equal(dsv.pick, 'x');
    assert.deepEqual(dsv.ranking.map((r) => [r.augmentation, r.meanRank, r.tasks]), [['x', 1, 2], ['y', 2, 2], ['z', 3, 2]]);
    assert.deepEqual(dsv.agreement.all.tau, { mean: 1, n: 2 });
    assert.deepEqual(dsv.agreement.all.rho, { mean: 1, n: 2 });
    assert.equal(dsv.agreement.all.regret.mean, 0);
    assert.ok(Math.abs((dsv.agreement.all.randomRegret.mean as number) - (0.9 - 0.7)) < 1e-12);
    assert.deepEqual(dsv.agreement.all.nearBest, { mean: 1, n: 2 });
    // On normal + t only, DSV computed on that set picks z, the best there.
    assert.equal(dsv.picks.t, 'z');
    assert.equal(dsv.agreement.t.tau.mean, 1);
    const variance = s.criteria.find((c) => c.name === 'testScoreVariance');
    assert.ok(variance);
    // Higher is better: it picks z, the worst on all.
    assert.equal(variance.pick, 'z');
    assert.equal(variance.agreement.all.tau.mean, -1);
    assert.ok(Math.abs((variance.agreement.all.regret.mean as number) - 0.4) < 1e-12);
    assert.deepEqual(variance.agreement.all.nearBest, { mean: 0, n: 2 });
  });

  it("grades the run's pick by mean AUROC, and each task's own pick for near best, when tasks disagree", () => {
    const cells = [
      cell('x', 'a', { all: 0.9 }, { all: { dsv: 0.1 } }),
      cell('y', 'a', { all: 0.7 }, { all: { dsv: 0.2 } }),
      cell('x', 'b', { all: 0.5 }, { all: { dsv: 0.1 } }),
      cell('y', 'b', { all: 0.9 }, { all: { dsv: 0.2 } }),
    ];
    const s = summarizeSelection(cells, ['x', 'y'], []);
    const dsv = s?.criteria.find((c) => c.name === 'dsv');
    assert.ok(s && dsv);
    assert.equal(s.bestByAuroc.all, 'y');
    assert.equal(dsv.pick, 'x');
    assert.equal(dsv.agreement.all.tau.mean, 0);
    assert.ok(Math.abs((dsv.agreement.all.regret.mean as number) - 0.1) < 1e-12, 'mean AUROC: y 0.8, x 0.7');
    assert.ok(Math.abs((dsv.agreement.all.randomRegret.mean as number) - 0.05) < 1e-12);
    assert.deepEqual(dsv.agreement.all.nearBest, { mean: 0.5, n: 2 });
  });

  it('says why a criterion that is undefined everywhere picks nothing', () => {
    const s = summarizeSelection(grid(), ['none', 'x', 'y', 'z'], ['t']);
    const md = s?.criteria.find((c) => c.name === 'meanDistance');
    assert.ok(md);
    assert.equal(md.pick, null);
    assert.match(md.note ?? '', /undefined/);
    assert.deepEqual(md.agreement.all.tau, { mean: null, n: 0 });
    assert.equal(selectionRow(md).tau, '—');
  });

  it('does not depend on the order of the cells, and ignores failed cells and cells without criteria', () => {
    const cells = grid();
    const shuffled = [...cells].reverse();
    assert.deepEqual(summarizeSelection(shuffled, ['none', 'x', 'y', 'z'], ['t']), summarizeSelection(cells, ['none', 'x', 'y', 'z'], ['t']));
    const broken = cells.map((c) => (c.augmentation === 'z' ? { ...c, status: 'failed' as const } : c));
    const s = summarizeSelection(broken, ['none', 'x', 'y', 'z'], ['t']);
    assert.deepEqual(s?.candidates, ['x', 'y']);
    assert.equal(summarizeSelection(cells.map(({ selection: _s, ...c }) => c), ['none', 'x', 'y', 'z'], ['t']), undefined);
  });

  it('prints a table under the matrix with every criterion', () => {
    const s = summarizeSelection(grid(), ['none', 'x', 'y', 'z'], ['t']);
    const lines = selectionLines({ selection: s } as never);
    assert.match(lines[0], /Label-free selection among x, y, z .*mean over 2 tasks/);
    assert.ok(lines.some((l) => /^DSV \(lower is better\)\s+x\s+1\.00\s+1\.00\s+0\.000\s+0\.200\s+2\/2/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('Best by mean AUROC: x.')));
  });
});

import { strict as assert } from 'node:assert';
import { scoresTableMarkdown, scoreCriteria, testbedsOf } from '../../../../eval/selection/grade';
import type { CellResult, RunResults } from '../../../../src/shared/results';

function cell(augmentation: string, auroc: Record<string, number>, dsv: Record<string, number | null>): CellResult {
  return {
    id: augmentation,
    augmentation,
    seed: 0,
    normalClass: 'a',
    status: 'completed',
    loss: [],
    metrics: Object.fromEntries(Object.entries(auroc).map(([t, v]) => [t, { auroc: v, ap: 0, f1AtK: 0, precisionAtK: 0 }])),
    selection: { byTestSet: Object.fromEntries(Object.entries(dsv).map(([t, v]) => [t, { values: { dsv: v } }])), sizes: { train: 1, augmented: 1, test: 1, heldOut: 0 }, seconds: 0 },
  };
}

function run(testbed: 'synthetic' | 'semantic'): RunResults {
  return {
    name: testbed,
    augmentations: ['none', 'x', 'y', 'z'],
    anomalyTypes: ['p', 'q'],
    config: { testbed: { type: testbed } },
    cells: [
      cell('none', { p: 0.5, q: 0.5, all: 0.5 }, { p: null, q: null, all: null }),
      cell('x', { p: 0.9, q: 0.6, all: 0.75 }, { p: 0.1, q: 0.1, all: 0.1 }),
      cell('y', { p: 0.7, q: 0.7, all: 0.7 }, { p: 0.2, q: 0.2, all: 0.2 }),
      cell('z', { p: 0.5, q: 0.8, all: 0.65 }, { p: 0.3, q: 0.3, all: 0.3 }),
    ],
  } as unknown as RunResults;
}

describe('eval:selection grading', () => {
  it('makes one testbed per task and anomaly type (synthetic) or per task (semantic, one-vs-rest)', () => {
    const synthetic = testbedsOf(run('synthetic'));
    assert.deepEqual(synthetic.map((t) => [t.testSet, t.best]), [['p', 'x'], ['q', 'z']]);
    assert.deepEqual(synthetic[0].candidates, ['x', 'y', 'z']);
    assert.deepEqual(testbedsOf(run('semantic')).map((t) => t.testSet), ['all']);
  });

  it('scores each criterion over the testbeds, next to what a random pick scores in expectation', () => {
    const scores = scoreCriteria(testbedsOf(run('synthetic')));
    const dsv = scores.find((s) => s.criterion === 'dsv');
    // DSV picks x on both: best on p (τ 1, regret 0), worst on q (τ −1, regret 0.2).
    assert.ok(dsv);
    assert.deepEqual({ ...dsv, meanRegret: 0, meanRandomRegret: 0 }, { criterion: 'dsv', testbeds: 2, meanTau: 0, nearBest: 0.5, meanRegret: 0, meanRandomRegret: 0, beatsRandom: 1 });
    assert.ok(Math.abs((dsv.meanRegret as number) - 0.1) < 1e-12);
    assert.ok(Math.abs((dsv.meanRandomRegret as number) - 0.15) < 1e-12);
    const random = scores.find((s) => s.criterion === 'random');
    assert.equal(random?.nearBest, 1 / 3);
    assert.ok(Math.abs((random?.meanRegret as number) - 0.15) < 1e-12);
    const table = scoresTableMarkdown(scores);
    assert.match(table, /\| DSV \(lower is better\) \| 2 \| 0\.00 \| 50 % \| 0\.100 \| 0\.150 \| 1\/2 \|/);
    assert.match(table, /\| \*random pick \(expected\)\* \| 2 \| 0\.00 \| 33 % \| 0\.150 \| 0\.150 \| — \|/);
  });
});

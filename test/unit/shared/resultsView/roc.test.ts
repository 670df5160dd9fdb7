import { strict as assert } from 'node:assert';
import { areaUnder, rocPoints, scoreHistogram, thinPoints } from '../../../../src/shared/resultsView/roc';
import { fixtureResults, fixtureScores } from '../../../helpers/resultsFixtures';

describe('ROC points and score histograms', () => {
  it('a perfect and a reversed ranking give AUC 1 and 0', () => {
    const scores = { sampleType: ['normal', 'normal', 'a', 'a'], score: [0.1, 0.2, 0.8, 0.9] };
    const pts = rocPoints(scores, 'a');
    assert.deepEqual(pts[0], { fpr: 0, tpr: 0 });
    assert.deepEqual(pts[pts.length - 1], { fpr: 1, tpr: 1 });
    assert.equal(areaUnder(pts), 1);
    assert.equal(areaUnder(rocPoints({ sampleType: scores.sampleType, score: [0.9, 0.8, 0.2, 0.1] }, 'a')), 0);
  });

  it('ties move diagonally (AUC 0.5 for all-equal scores), other anomaly types are left out', () => {
    const scores = { sampleType: ['normal', 'a', 'b', 'normal', 'a'], score: [1, 1, 0, 1, 1] };
    const pts = rocPoints(scores, 'a');
    assert.deepEqual(pts, [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }]);
    assert.equal(areaUnder(pts), 0.5);
    assert.deepEqual(rocPoints({ sampleType: ['normal'], score: [1] }, 'a'), []);
  });

  it('recomputes the AUROC of results.json from the scores files, per type and for all', () => {
    const results = fixtureResults();
    for (const cell of results.cells) {
      const scores = fixtureScores(cell.id);
      for (const type of [...results.anomalyTypes, 'all']) {
        const auc = areaUnder(rocPoints(scores, type));
        assert.ok(Math.abs(auc - cell.metrics![type].auroc) < 1e-6, `${cell.id} ${type}: ${auc} vs ${cell.metrics![type].auroc}`);
      }
    }
  });

  it('thins long curves keeping both ends', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => ({ fpr: i / 999, tpr: i / 999 }));
    const thin = thinPoints(pts, 50);
    assert.equal(thin.length, 50);
    assert.deepEqual(thin[0], pts[0]);
    assert.deepEqual(thin[49], pts[999]);
  });

  it('histograms share bins, normal first, each series sums to 1', () => {
    const h = scoreHistogram({ sampleType: ['a', 'normal', 'normal', 'a', 'b'], score: [0, 1, 2, 3, 4] }, 4);
    assert.deepEqual(h.edges, [0, 1, 2, 3, 4]);
    assert.deepEqual(h.series.map((s) => s.sampleType), ['normal', 'a', 'b']);
    assert.deepEqual(h.series[0].fractions, [0, 0.5, 0.5, 0]);
    assert.deepEqual(h.series[1].fractions, [0.5, 0, 0, 0.5]);
    assert.deepEqual(h.series[2].fractions, [0, 0, 0, 1]);
    for (const s of h.series) assert.ok(Math.abs(s.fractions.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });
});

import * as assert from 'node:assert/strict';
import { heldOutNormalScore, testScoreVariance } from '../../../../src/engine/selection/baselines';

describe('selection: score baselines', () => {
  it('heldOutNormalScore is the mean', () => {
    assert.equal(heldOutNormalScore([1, 2, 3, 6]), 3);
    assert.equal(heldOutNormalScore(Float32Array.from([0.5])), 0.5);
  });

  it('testScoreVariance is the population variance (n denominator)', () => {
    assert.equal(testScoreVariance([1, 2, 3, 6]), (4 + 1 + 0 + 9) / 4);
    assert.equal(testScoreVariance([7]), 0);
  });

  it('keeps the variance of scores far from zero (two passes)', () => {
    const offset = 1e9;
    assert.equal(testScoreVariance([offset + 1, offset + 2, offset + 3]), 2 / 3);
  });

  it('is NaN for no scores', () => {
    assert.ok(Number.isNaN(heldOutNormalScore([])));
    assert.ok(Number.isNaN(testScoreVariance([])));
  });

  it('takes scores only, no labels', () => {
    assert.equal(heldOutNormalScore.length, 1);
    assert.equal(testScoreVariance.length, 1);
  });
});

import * as assert from 'node:assert/strict';
import { HELD_OUT_SCORE_BETTER, TEST_SCORE_VARIANCE_BETTER } from '../../../src/engine/selection/baselines';
import { CRITERIA, criterion, goodness, type CriterionName } from '../../../src/engine/selection/criteria';
import { DSV_BETTER } from '../../../src/engine/selection/dsv';
import { MEAN_DISTANCE_BETTER } from '../../../src/engine/selection/meanDistance';

describe('selection: criteria registry', () => {
  it('lists every criterion once, with the direction its module states', () => {
    const expected: Record<CriterionName, { better: string; needsAugmented: boolean }> = {
      dsv: { better: DSV_BETTER, needsAugmented: true },
      meanDistance: { better: MEAN_DISTANCE_BETTER, needsAugmented: true },
      heldOutScore: { better: HELD_OUT_SCORE_BETTER, needsAugmented: false },
      testScoreVariance: { better: TEST_SCORE_VARIANCE_BETTER, needsAugmented: false },
    };
    assert.deepEqual(CRITERIA.map((c) => c.name).sort(), Object.keys(expected).sort());
    for (const c of CRITERIA) {
      assert.equal(c.better, expected[c.name].better, c.name);
      assert.equal(c.needsAugmented, expected[c.name].needsAugmented, c.name);
      assert.ok(c.label.length > 0 && c.description.length > 0, c.name);
    }
    assert.deepEqual(
      CRITERIA.map((c) => c.better),
      ['lower', 'lower', 'lower', 'higher'],
    );
  });

  it('goodness is higher-is-better: lower-is-better values are negated, NaN stays NaN', () => {
    assert.equal(goodness('dsv', 0.3), -0.3);
    assert.equal(goodness('meanDistance', 0.45), -0.45);
    assert.equal(goodness('heldOutScore', 2), -2);
    assert.equal(goodness('testScoreVariance', 2), 2);
    assert.ok(Number.isNaN(goodness('dsv', NaN)));
    assert.ok(goodness('dsv', 0.1) > goodness('dsv', 0.2));
  });

  it('names an unknown criterion', () => {
    assert.throws(() => criterion('auroc' as CriterionName), /unknown selection criterion "auroc"/);
  });
});

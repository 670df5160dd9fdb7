import * as assert from 'node:assert/strict';
import { HELD_OUT_SCORE_BETTER, TEST_SCORE_VARIANCE_BETTER } from '../../../../src/engine/selection/baselines';
import { DSV_BETTER } from '../../../../src/engine/selection/dsv';
import { MEAN_DISTANCE_BETTER } from '../../../../src/engine/selection/meanDistance';
import { CRITERIA, CRITERION_NAMES, criterionInfo, goodness, type CriterionName } from '../../../../src/shared/selection';

describe('selection: criteria registry', () => {
  it('lists every criterion once, with the direction its module states', () => {
    const expected: Record<CriterionName, { better: string; needsAugmented: boolean; preTraining: boolean }> = {
      dsv: { better: DSV_BETTER, needsAugmented: true, preTraining: false },
      meanDistance: { better: MEAN_DISTANCE_BETTER, needsAugmented: true, preTraining: false },
      heldOutScore: { better: HELD_OUT_SCORE_BETTER, needsAugmented: false, preTraining: false },
      testScoreVariance: { better: TEST_SCORE_VARIANCE_BETTER, needsAugmented: false, preTraining: false },
      diagnostic: { better: 'lower', needsAugmented: false, preTraining: true },
    };
    assert.deepEqual(CRITERIA.map((c) => c.name), [...CRITERION_NAMES]);
    assert.deepEqual([...CRITERION_NAMES].sort(), Object.keys(expected).sort());
    for (const c of CRITERIA) {
      assert.equal(c.better, expected[c.name].better, c.name);
      assert.equal(c.needsAugmented, expected[c.name].needsAugmented, c.name);
      assert.equal(c.preTraining, expected[c.name].preTraining, c.name);
      assert.ok(c.label.length > 0 && c.description.length > 0, c.name);
    }
  });

  it('goodness is higher-is-better: lower-is-better values are negated, NaN stays NaN', () => {
    const of = (name: CriterionName) => criterionInfo(name) as (typeof CRITERIA)[number];
    assert.equal(goodness(of('dsv'), 0.3), -0.3);
    assert.equal(goodness(of('meanDistance'), 0.45), -0.45);
    assert.equal(goodness(of('heldOutScore'), 2), -2);
    assert.equal(goodness(of('testScoreVariance'), 2), 2);
    assert.ok(Number.isNaN(goodness(of('dsv'), NaN)));
    assert.ok(goodness(of('dsv'), 0.1) > goodness(of('dsv'), 0.2));
  });

  it('knows no other criterion', () => {
    assert.equal(criterionInfo('auroc'), undefined);
  });
});

import { strict as assert } from 'node:assert';
import { runAnomalyTypes } from '../../../../src/engine/worker/runAnomalyTypes';

describe('the anomaly types of a run', () => {
  it('semantic: the union over normal classes, in the data set class order (the first normal class is an anomaly of the others)', () => {
    const classes = ['circle', 'square', 'triangle', 'cross'];
    const tasks = ['circle', 'square'].map((normal) => ({ anomalyTypes: classes.filter((c) => c !== normal) }));
    assert.deepEqual(runAnomalyTypes(tasks, classes), ['circle', 'square', 'triangle', 'cross']);
  });

  it('synthetic: the shared list in its own order', () => {
    const tasks = [{ anomalyTypes: ['invert', 'flip', './ssad/augmentations/x.ts'] }, { anomalyTypes: ['invert', 'flip', './ssad/augmentations/x.ts'] }];
    assert.deepEqual(runAnomalyTypes(tasks, ['0', '1']), ['invert', 'flip', './ssad/augmentations/x.ts']);
  });
});

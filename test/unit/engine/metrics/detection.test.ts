import * as assert from 'node:assert/strict';
import { ALL_KEY, detectionMetrics, metricSet } from '../../../../src/engine/metrics';
import { assertClose, reference } from './reference';

describe('metrics: detectionMetrics per anomaly type against scikit-learn', () => {
  for (const c of reference.detection) {
    it(`${c.name}: every type and "all" match`, () => {
      const result = detectionMetrics(c.scores, c.sampleType);
      assert.deepEqual(Object.keys(result).sort(), Object.keys(c.expected).sort());
      for (const [type, expected] of Object.entries(c.expected)) {
        for (const key of ['auroc', 'ap', 'f1AtK', 'precisionAtK'] as const) {
          assertClose(result[type][key], expected[key], `${c.name} ${type} ${key}`);
        }
      }
    });
  }

  it('scores each type on normals + that type only, and "all" on everything', () => {
    const scores = [0.1, 0.2, 0.9, 0.3, 0.05, 0.8];
    const sampleType = ['normal', 'normal', 'flip', 'cutout', 'cutout', 'normal'];
    const result = detectionMetrics(scores, sampleType);
    assert.deepEqual(Object.keys(result), ['flip', 'cutout', ALL_KEY]);
    assert.deepEqual(result.flip, metricSet([0.1, 0.2, 0.9, 0.8], [false, false, true, false]));
    assert.deepEqual(result.cutout, metricSet([0.1, 0.2, 0.3, 0.05, 0.8], [false, false, true, true, false]));
    assert.deepEqual(result.all, metricSet(scores, [false, false, true, true, true, false]));
    assert.equal(result.flip.auroc, 1);
  });
});

import * as assert from 'node:assert/strict';
import {
  MetricInputError,
  auroc,
  averagePrecision,
  detectionMetrics,
  f1AtK,
  meanStd,
  precisionAtK,
} from '../../../../src/engine/metrics';

describe('metrics: degenerate input is a clear error, never NaN', () => {
  const rankers = { auroc, averagePrecision } as const;
  for (const [name, metric] of Object.entries(rankers)) {
    describe(name, () => {
      it('refuses a single class', () => {
        assert.throws(() => metric([0.1, 0.2], [false, false]), (e: unknown) => e instanceof MetricInputError && /no anomaly/.test(e.message));
        assert.throws(() => metric([0.1, 0.2], [true, true]), (e: unknown) => e instanceof MetricInputError && /no normal/.test(e.message));
      });
      it('refuses empty and mismatched input', () => {
        assert.throws(() => metric([], []), /empty/);
        assert.throws(() => metric([0.1, 0.2, 0.3], [true, false]), /3 entries but labels has 2/);
      });
      it('names the index of a non-finite score', () => {
        assert.throws(() => metric([0.1, NaN, 0.3], [true, false, false]), /index 1 is NaN/);
        assert.throws(() => metric([0.1, 0.2, -Infinity], [true, false, false]), /index 2 is -Infinity/);
      });
      it('refuses labels that are not booleans', () => {
        const numeric = [1, 0] as unknown as boolean[];
        assert.throws(() => metric([0.1, 0.2], numeric), /label at index 0 is 1/);
      });
    });
  }

  describe('precisionAtK / f1AtK', () => {
    for (const metric of [precisionAtK, f1AtK]) {
      it(`${metric.name} refuses no anomaly, bad k, empty and non-finite input`, () => {
        assert.throws(() => metric([0.1, 0.2], [false, false]), /no anomaly/);
        assert.throws(() => metric([0.1, 0.2], [true, false], 0), /k must be an integer in \[1, 2\]/);
        assert.throws(() => metric([0.1, 0.2], [true, false], 3), /k must be/);
        assert.throws(() => metric([0.1, 0.2], [true, false], 1.5), /k must be/);
        assert.throws(() => metric([], []), /empty/);
        assert.throws(() => metric([Infinity, 0.2], [true, false]), /index 0 is Infinity/);
      });
    }
    it('is defined (and 1) when every sample is an anomaly', () => {
      assert.equal(precisionAtK([0.1, 0.2], [true, true]), 1);
      assert.equal(f1AtK([0.1, 0.2], [true, true]), 1);
    });
  });

  describe('detectionMetrics', () => {
    it('refuses missing normals, missing anomalies, bad names, mismatches and non-finite scores', () => {
      assert.throws(() => detectionMetrics([0.1, 0.2], ['flip', 'cutout']), /no "normal" sample/);
      assert.throws(() => detectionMetrics([0.1, 0.2], ['normal', 'normal']), /no anomalous sample/);
      assert.throws(() => detectionMetrics([0.1, 0.2], ['normal', 'all']), /reserved/);
      assert.throws(() => detectionMetrics([0.1, 0.2], ['normal', '']), /sampleType at index 1/);
      assert.throws(() => detectionMetrics([0.1, 0.2, 0.3], ['normal', 'flip']), /3 entries but sampleType has 2/);
      assert.throws(() => detectionMetrics([], []), /empty/);
      assert.throws(() => detectionMetrics([0.1, NaN], ['normal', 'flip']), /index 1 is NaN/);
    });
  });

  describe('meanStd', () => {
    it('refuses empty and non-finite input', () => {
      assert.throws(() => meanStd([]), /empty/);
      assert.throws(() => meanStd([0.5, NaN]), /value at index 1 is NaN/);
    });
  });
});

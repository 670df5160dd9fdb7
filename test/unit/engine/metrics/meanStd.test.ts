import * as assert from 'node:assert/strict';
import { meanStd } from '../../../../src/engine/metrics';
import { assertClose, reference } from './reference';

describe('metrics: meanStd against NumPy (ddof = 1)', () => {
  for (const c of reference.meanStd) {
    it(c.name, () => {
      const result = meanStd(c.values);
      assertClose(result.mean, c.expected.mean, `${c.name} mean`, 1e-9 * Math.max(1, Math.abs(c.expected.mean)));
      assertClose(result.std, c.expected.std, `${c.name} std`, 1e-9 * Math.max(1, c.expected.std));
      assert.equal(result.n, c.values.length);
    });
  }

  it('gives std 0 for a single value (NumPy would give NaN)', () => {
    assert.deepEqual(meanStd([0.75]), { mean: 0.75, std: 0, n: 1 });
  });

  it('uses the n − 1 denominator', () => {
    assert.equal(meanStd([1, 3]).std, Math.SQRT2);
  });
});

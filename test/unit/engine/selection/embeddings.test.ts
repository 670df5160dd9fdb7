import * as assert from 'node:assert/strict';
import { embeddings, l2Normalize, meanOfRows, type Embeddings } from '../../../../src/engine/selection/embeddings';
import { concatRows } from './reference';

function rows(values: number[][]): Embeddings {
  return embeddings(values.length, values[0].length, Float32Array.from(values.flat()));
}

function row(e: Embeddings, i: number): number[] {
  return Array.from(e.data.subarray(i * e.d, (i + 1) * e.d));
}

describe('selection: embeddings', () => {
  it('l2Normalize scales every row to unit length and leaves a zero row zero', () => {
    const e = l2Normalize(rows([[3, 4], [0, 0], [-2, 0], [1e-20, 0]]));
    assert.deepEqual(row(e, 0), [Math.fround(0.6), Math.fround(0.8)]);
    assert.deepEqual(row(e, 1), [0, 0]);
    assert.deepEqual(row(e, 2), [-1, 0]);
    // Below the 1e-12 floor a row has no direction, as with torch's normalize.
    assert.ok(Math.abs(row(e, 3)[0]) < 1e-7);
  });

  it('concatRows stacks b under a', () => {
    const e = concatRows(rows([[1, 2]]), rows([[3, 4], [5, 6]]));
    assert.deepEqual(e, { n: 3, d: 2, data: Float32Array.from([1, 2, 3, 4, 5, 6]) });
    assert.throws(() => concatRows(rows([[1, 2]]), rows([[1, 2, 3]])), /dimensions differ/);
  });

  it('meanOfRows averages in Float64; an empty set has no mean', () => {
    const e = rows([[1, 10], [2, 20], [4, 40]]);
    assert.deepEqual(Array.from(meanOfRows(e.data, e.n, e.d)), [7 / 3, 70 / 3]);
    assert.ok(meanOfRows(new Float32Array(0), 0, 2).every(Number.isNaN));
  });

  it('checks the shape', () => {
    assert.throws(() => embeddings(2, 3, new Float32Array(5)), /needs 6 values, got 5/);
    assert.throws(() => embeddings(1, 0, new Float32Array(0)), /positive/);
  });
});

import * as assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/random';
import { concatRows, embeddings, l2Normalize, meanRow, subsampleRows, type Embeddings } from '../../../src/engine/selection/embeddings';

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

  it('subsampleRows returns the set itself when it is small enough', () => {
    const e = rows([[1], [2], [3]]);
    assert.equal(subsampleRows(e, 3, new Rng(1, 'k')), e);
    assert.equal(subsampleRows(e, 10, new Rng(1, 'k')), e);
  });

  it('subsampleRows draws distinct rows, in their original order, the same ones for the same stream', () => {
    const e = rows(Array.from({ length: 100 }, (_, i) => [i, -i]));
    const a = subsampleRows(e, 20, new Rng(5, 'subsample'));
    const b = subsampleRows(e, 20, new Rng(5, 'subsample'));
    const c = subsampleRows(e, 20, new Rng(6, 'subsample'));
    assert.equal(a.n, 20);
    assert.deepEqual(a.data, b.data);
    assert.notDeepEqual(a.data, c.data);
    const picked = Array.from({ length: a.n }, (_, i) => row(a, i));
    for (const [x, y] of picked) assert.equal(y, -x);
    const ids = picked.map(([x]) => x);
    assert.equal(new Set(ids).size, 20);
    assert.deepEqual(ids, [...ids].sort((p, q) => p - q));
  });

  it('subsampleRows to zero rows gives an empty set', () => {
    const e = rows([[1, 2], [3, 4]]);
    assert.deepEqual(subsampleRows(e, 0, new Rng(1, 'k')), { n: 0, d: 2, data: new Float32Array(0) });
    assert.throws(() => subsampleRows(e, -1, new Rng(1, 'k')), /non-negative integer/);
  });

  it('concatRows stacks b under a', () => {
    const e = concatRows(rows([[1, 2]]), rows([[3, 4], [5, 6]]));
    assert.deepEqual(e, { n: 3, d: 2, data: Float32Array.from([1, 2, 3, 4, 5, 6]) });
    assert.throws(() => concatRows(rows([[1, 2]]), rows([[1, 2, 3]])), /dimensions differ/);
  });

  it('meanRow averages in Float64; an empty set has no mean', () => {
    assert.deepEqual(Array.from(meanRow(rows([[1, 10], [2, 20], [4, 40]]))), [7 / 3, 70 / 3]);
    assert.ok(meanRow({ n: 0, d: 2, data: new Float32Array(0) }).every(Number.isNaN));
  });

  it('checks the shape', () => {
    assert.throws(() => embeddings(2, 3, new Float32Array(5)), /needs 6 values, got 5/);
    assert.throws(() => embeddings(1, 0, new Float32Array(0)), /positive/);
  });
});

import assert from 'node:assert/strict';
import { Rng } from '../../../../src/engine/random';
import { indicesOfClass, sampleIndices } from '../../../../src/engine/testbed/sample';

describe('testbed sampling', () => {
  it('finds the indices of a class in order', () => {
    assert.deepEqual([...indicesOfClass(Int32Array.from([2, 0, 2, 1, 2]), 2)], [0, 2, 4]);
    assert.deepEqual([...indicesOfClass(Int32Array.from([0, 1]), 5)], []);
  });

  it('returns everything, untouched stream, without a limit or under it', () => {
    const idx = Int32Array.from([3, 5, 9]);
    assert.deepEqual([...sampleIndices(idx, undefined, new Rng(0))], [3, 5, 9]);
    assert.deepEqual([...sampleIndices(idx, 3, new Rng(0))], [3, 5, 9]);
    assert.deepEqual([...sampleIndices(idx, 10, new Rng(0))], [3, 5, 9]);
  });

  it('draws a seeded subset without repeats, in data-set order', () => {
    const idx = Int32Array.from({ length: 100 }, (_, i) => i * 2);
    const a = [...sampleIndices(idx, 10, new Rng(1, 'k'))];
    const b = [...sampleIndices(idx, 10, new Rng(1, 'k'))];
    const c = [...sampleIndices(idx, 10, new Rng(2, 'k'))];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.equal(new Set(a).size, 10);
    assert.deepEqual(a, [...a].sort((x, y) => x - y));
    assert.ok(a.every((v) => v % 2 === 0 && v < 200));
  });

  it('draws every index about equally often', () => {
    const idx = Int32Array.from({ length: 10 }, (_, i) => i);
    const counts = new Array<number>(10).fill(0);
    for (let s = 0; s < 2000; s++) for (const i of sampleIndices(idx, 3, new Rng(s))) counts[i]++;
    for (const n of counts) assert.ok(n > 500 && n < 700, `count ${n} far from 600`);
  });
});

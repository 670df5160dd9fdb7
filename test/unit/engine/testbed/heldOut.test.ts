import { strict as assert } from 'node:assert';
import { Rng } from '../../../../src/engine/random';
import { sampleIndices, sampleWithHeldOut } from '../../../../src/engine/testbed/sample';

describe('held-out normal training images', () => {
  const indices = Int32Array.from({ length: 50 }, (_, i) => i * 3);

  it('leaves the training sample exactly as it was and holds out images it did not pick', () => {
    const picked = sampleIndices(indices, 20, new Rng(4, 'k'));
    const split = sampleWithHeldOut(indices, 20, 10, new Rng(4, 'k'));
    assert.deepEqual(split.picked, picked);
    assert.equal(split.heldOut.length, 10);
    for (const i of split.heldOut) assert.ok(!picked.includes(i) && indices.includes(i));
  });

  it('holds out only what the limit left, and nothing without a limit', () => {
    assert.equal(sampleWithHeldOut(indices, 45, 10, new Rng(1)).heldOut.length, 5);
    const all = sampleWithHeldOut(indices, undefined, 10, new Rng(1));
    assert.deepEqual(all.picked, indices);
    assert.equal(all.heldOut.length, 0);
  });
});

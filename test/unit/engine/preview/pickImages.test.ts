import { strict as assert } from 'node:assert';
import { previewOrder } from '../../../../src/engine/preview/pickImages';

describe('preview image order', () => {
  const labels = Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 0, 0]);

  it('lists every image of the chosen classes once, alternating class by class', () => {
    const order = previewOrder(labels, [0, 1], 3);
    assert.deepEqual([...order].sort((a, b) => a - b), [0, 1, 3, 4, 6, 7, 8, 9]);
    assert.deepEqual(order.slice(0, 6).map((i) => labels[i]), [0, 1, 0, 1, 0, 1]);
    assert.deepEqual(order.slice(6).map((i) => labels[i]), [0, 0], 'class 1 ran out');
  });

  it('is the same for the same seed and differs for another', () => {
    assert.deepEqual(previewOrder(labels, [0], 3), previewOrder(labels, [0], 3));
    const seeds = new Set(Array.from({ length: 8 }, (_, s) => previewOrder(labels, [0], s).join()));
    assert.ok(seeds.size > 1, 'the seed shuffles');
  });

  it('keeps a class its own order whatever the other classes', () => {
    const alone = previewOrder(labels, [0], 5);
    const withOthers = previewOrder(labels, [2, 0], 5).filter((i) => labels[i] === 0);
    assert.deepEqual(withOthers, alone);
  });

  it('gives nothing for a class without images', () => {
    assert.deepEqual(previewOrder(labels, [7], 0), []);
  });
});

import assert from 'node:assert/strict';
import { loadDataset, generateShapes, SHAPE_CLASS_NAMES } from '../../../../src/engine/data';
import { histogram, range } from './helpers';

const bytesOf = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('data: shapes', () => {
  it('has at least six classes, balanced, with the requested counts', () => {
    const ds = generateShapes({ seed: 0, imageSize: 32, trainPerClass: 30, testPerClass: 7 });
    assert.ok(SHAPE_CLASS_NAMES.length >= 6);
    assert.deepEqual(ds.classNames, SHAPE_CLASS_NAMES);
    const k = ds.classNames.length;
    assert.equal(ds.train.images.n, 30 * k);
    assert.equal(ds.test.images.n, 7 * k);
    assert.deepEqual(histogram(ds.train.labels, k), new Array(k).fill(30));
    assert.deepEqual(histogram(ds.test.labels, k), new Array(k).fill(7));
    assert.deepEqual([ds.train.images.h, ds.train.images.w, ds.train.images.c], [32, 32, 1]);
    assert.deepEqual(ds.skipped, []);
  });

  it('is byte-identical under the same seed and differs under another', () => {
    const a = generateShapes({ seed: 42, imageSize: 32, channels: 3, trainPerClass: 20, testPerClass: 5 });
    const b = generateShapes({ seed: 42, imageSize: 32, channels: 3, trainPerClass: 20, testPerClass: 5 });
    const c = generateShapes({ seed: 43, imageSize: 32, channels: 3, trainPerClass: 20, testPerClass: 5 });
    assert.ok(bytesOf(a.train.images.data).equals(bytesOf(b.train.images.data)));
    assert.ok(bytesOf(a.test.images.data).equals(bytesOf(b.test.images.data)));
    assert.deepEqual(a.train.labels, b.train.labels);
    assert.ok(!bytesOf(a.train.images.data).equals(bytesOf(c.train.images.data)));
  });

  it('keeps train and test apart and each image independent of the count per class', () => {
    const small = generateShapes({ seed: 1, imageSize: 24, trainPerClass: 3, testPerClass: 3 });
    const large = generateShapes({ seed: 1, imageSize: 24, trainPerClass: 6, testPerClass: 3 });
    const per = 24 * 24;
    // Image 2 of class 1: index 1·3 + 2 in the small set, 1·6 + 2 in the large one.
    assert.deepEqual(small.train.images.data.subarray(5 * per, 6 * per), large.train.images.data.subarray(8 * per, 9 * per));
    assert.notDeepEqual(small.train.images.data.subarray(0, per), small.test.images.data.subarray(0, per));
  });

  it('has values in [0, 1] at any size and channel count', () => {
    for (const [size, channels] of [[16, 1], [32, 3], [64, 1], [9, 3]] as const) {
      const ds = generateShapes({ seed: 7, imageSize: size, channels, trainPerClass: 4, testPerClass: 1 });
      assert.deepEqual([ds.train.images.h, ds.train.images.w, ds.train.images.c], [size, size, channels]);
      const r = range(ds.train.images.data);
      assert.ok(r.min >= 0 && r.max <= 1, `${size}/${channels}: ${r.min}..${r.max}`);
      assert.ok(r.max > 0.6, 'a bright shape is present');
    }
  });

  it('draws shapes brighter than the background (fixed polarity)', () => {
    const ds = generateShapes({ seed: 3, imageSize: 32, trainPerClass: 10, testPerClass: 0 });
    const per = 32 * 32;
    for (let i = 0; i < ds.train.images.n; i++) {
      const img = ds.train.images.data.subarray(i * per, (i + 1) * per);
      const sorted = Float32Array.from(img).sort();
      // The brightest pixels (the shape) are clearly above the median (the background).
      assert.ok(sorted[per - 5] - sorted[per >> 1] > 0.15, `image ${i}`);
    }
  });

  it('is fast: thousands of 32×32 images well under a second (printed; loose bound)', () => {
    const t0 = performance.now();
    const ds = generateShapes({ seed: 0, imageSize: 32, trainPerClass: 500, testPerClass: 100 });
    const ms = performance.now() - t0;
    console.log(`      ${ds.train.images.n + ds.test.images.n} shapes images at 32×32 in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 5000);
  });

  it('loads through loadDataset with the seed and checks normal classes', async () => {
    const ds = await loadDataset(
      { source: 'shapes', normalClasses: [2], imageSize: 32, channels: 3, trainPerClass: 5, testPerClass: 2 },
      { seed: 9 },
    );
    const direct = generateShapes({ seed: 9, imageSize: 32, channels: 3, trainPerClass: 5, testPerClass: 2 });
    assert.deepEqual(ds.train.images.data, direct.train.images.data);
    await assert.rejects(
      loadDataset({ source: 'shapes', normalClasses: [12], imageSize: 32 }, { seed: 0 }),
      /normal class 12 does not exist in shapes: classes are 0\.\.7/,
    );
  });

  it('rejects bad parameters', () => {
    assert.throws(() => generateShapes({ seed: 0, imageSize: 2 }), /imageSize/);
    assert.throws(() => generateShapes({ seed: 0, imageSize: 32, trainPerClass: 1.5 }), /trainPerClass/);
  });
});

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { defaultMnistDir, loadDataset, loadMnist, MNIST_FILES, parseIdx, DatasetError } from '../../../../src/engine/data';
import type { LoadedDataset } from '../../../../src/engine/data';
import { histogram, makeTempDir, range, writeBytes } from './helpers';

// The published class counts of MNIST.
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

/** Mean image (h × w) of the images with label `label`. */
function meanImage(ds: LoadedDataset['train'], label: number): Float64Array {
  const { h, w } = ds.images;
  const mean = new Float64Array(h * w);
  let n = 0;
  for (let i = 0; i < ds.labels.length; i++) {
    if (ds.labels[i] !== label) continue;
    n++;
    for (let p = 0; p < h * w; p++) mean[p] += ds.images.data[i * h * w + p];
  }
  for (let p = 0; p < h * w; p++) mean[p] /= n;
  return mean;
}

describe('data: mnist', function () {
  this.timeout(60_000);
  let ds: LoadedDataset;
  let seconds = 0;

  before(async () => {
    const t0 = performance.now();
    ds = await loadDataset({ source: 'mnist', normalClasses: [0], imageSize: 32 }, { seed: 0 });
    seconds = (performance.now() - t0) / 1000;
    console.log(`      MNIST (70,000 images at 32×32) loaded in ${seconds.toFixed(2)} s`);
  });

  after(() => {
    // Let the 280 MB of pixels go before the other suites run.
    ds = undefined as unknown as LoadedDataset;
  });

  it('finds the embedded files from the source tree', () => {
    const dir = defaultMnistDir();
    assert.match(dir.replace(/\\/g, '/'), /\/media\/mnist$/);
    for (const f of Object.values(MNIST_FILES)) assert.ok(existsSync(join(dir, f)), f);
    assert.ok(existsSync(join(dir, 'SOURCE.md')));
  });

  it('has 60,000 training and 10,000 test images of 32×32×1', () => {
    assert.equal(ds.name, 'mnist');
    assert.deepEqual(ds.classNames, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.equal(ds.train.images.n, 60000);
    assert.equal(ds.test.images.n, 10000);
    assert.equal(ds.train.labels.length, 60000);
    assert.equal(ds.test.labels.length, 10000);
    for (const split of [ds.train, ds.test]) {
      assert.equal(split.images.h, 32);
      assert.equal(split.images.w, 32);
      assert.equal(split.images.c, 1);
    }
    assert.deepEqual(ds.skipped, []);
  });

  it('has the published label histogram', () => {
    assert.deepEqual(histogram(ds.train.labels, 10), TRAIN_COUNTS);
    assert.deepEqual(histogram(ds.test.labels, 10), TEST_COUNTS);
  });

  it('has pixels in [0, 1], black background, mean near 0.13', () => {
    for (const split of [ds.train, ds.test]) {
      const r = range(split.images.data);
      assert.equal(r.min, 0);
      assert.ok(r.max <= 1 && r.max > 0.99, `max ${r.max}`);
      assert.ok(r.mean > 0.11 && r.mean < 0.15, `mean ${r.mean}`);
      // Corner pixels are background.
      assert.equal(split.images.data[0], 0);
    }
  });

  it('loads in reasonable time (sanity bound, not a benchmark)', () => {
    assert.ok(seconds < 10, `${seconds} s`);
  });

  it('is upright, not mirrored and not transposed', () => {
    const profile = (label: number): { rows: number[]; cols: number[] } => {
      const m = meanImage(ds.train, label);
      const rows = new Array<number>(32).fill(0);
      const cols = new Array<number>(32).fill(0);
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          rows[y] += m[y * 32 + x];
          cols[x] += m[y * 32 + x];
        }
      }
      return { rows, cols };
    };
    const spread = (v: number[]): number => Math.max(...v) - Math.min(...v);
    const argmax = (v: number[]): number => v.indexOf(Math.max(...v));
    const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
    // A 1 is a vertical stroke: its column profile is peaked, its row profile flat.
    const one = profile(1);
    assert.ok(spread(one.cols) > 2 * spread(one.rows), 'the ones should be vertical strokes');
    // A 7 has its bar at the top and most ink on the right; a 6 has its loop at the bottom.
    const seven = profile(7);
    assert.ok(argmax(seven.rows) < 14, `7: heaviest row ${argmax(seven.rows)} should be near the top`);
    assert.ok(sum(seven.cols.slice(16)) > 1.3 * sum(seven.cols.slice(0, 16)), '7: more ink on the right');
    const six = profile(6);
    assert.ok(argmax(six.rows) >= 16, `6: heaviest row ${argmax(six.rows)} should be in the lower half`);
  });

  it('at 28×28 keeps the original bytes (value / 255)', async () => {
    const raw = gunzipSync(readFileSync(join(defaultMnistDir(), MNIST_FILES.testImages)));
    const small = await loadMnist(defaultMnistDir(), { imageSize: 28 });
    assert.equal(small.test.images.h, 28);
    for (let i = 0; i < 784 * 3; i++) assert.equal(small.test.images.data[i], Math.fround(raw[16 + i] / 255));
  });

  describe('bad files', () => {
    let tmp: ReturnType<typeof makeTempDir>;
    beforeEach(() => {
      tmp = makeTempDir();
      for (const f of Object.values(MNIST_FILES)) copyFileSync(join(defaultMnistDir(), f), join(tmp.dir, f));
    });
    afterEach(() => tmp.cleanup());

    it('names a missing file', async () => {
      const { rmSync } = await import('node:fs');
      rmSync(join(tmp.dir, MNIST_FILES.testLabels));
      await assert.rejects(loadMnist(tmp.dir, { imageSize: 32 }), (err: Error) => {
        assert.ok(err instanceof DatasetError);
        assert.match(err.message, /t10k-labels-idx1-ubyte\.gz is missing/);
        return true;
      });
    });

    it('names a file that is not gzip', async () => {
      writeBytes(join(tmp.dir, MNIST_FILES.trainLabels), Buffer.from('hello'));
      await assert.rejects(loadMnist(tmp.dir, { imageSize: 32 }), /train-labels-idx1-ubyte\.gz: corrupt gzip/);
    });

    it('names a file with a wrong magic number', async () => {
      const bytes = Buffer.alloc(8 + 10);
      bytes.writeUInt32BE(0x00000803, 0); // an image magic in a label file
      bytes.writeUInt32BE(10, 4);
      writeBytes(join(tmp.dir, MNIST_FILES.testLabels), gzipSync(bytes));
      await assert.rejects(loadMnist(tmp.dir, { imageSize: 32 }), /t10k-labels-idx1-ubyte\.gz: corrupt IDX file \(magic number 0x00000803, expected 0x00000801\)/);
    });

    it('names a truncated file', async () => {
      const raw = gunzipSync(readFileSync(join(tmp.dir, MNIST_FILES.testImages)));
      writeBytes(join(tmp.dir, MNIST_FILES.testImages), gzipSync(raw.subarray(0, raw.length - 100)));
      await assert.rejects(loadMnist(tmp.dir, { imageSize: 32 }), /t10k-images-idx3-ubyte\.gz: corrupt IDX file/);
    });

    it('names a cut-off gzip stream', async () => {
      const gz = readFileSync(join(tmp.dir, MNIST_FILES.testImages));
      writeBytes(join(tmp.dir, MNIST_FILES.testImages), gz.subarray(0, gz.length >> 1));
      await assert.rejects(loadMnist(tmp.dir, { imageSize: 32 }), /t10k-images-idx3-ubyte\.gz: corrupt gzip/);
    });
  });

  describe('parseIdx', () => {
    it('parses a small 3-d file', () => {
      const bytes = Buffer.alloc(16 + 2 * 2 * 3);
      bytes.writeUInt32BE(0x803, 0);
      bytes.writeUInt32BE(2, 4);
      bytes.writeUInt32BE(2, 8);
      bytes.writeUInt32BE(3, 12);
      for (let i = 0; i < 12; i++) bytes[16 + i] = i;
      const idx = parseIdx(bytes, 'x', 3);
      assert.deepEqual(idx.dims, [2, 2, 3]);
      assert.deepEqual([...idx.data], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });

    it('rejects a short header', () => {
      assert.throws(() => parseIdx(Buffer.alloc(5), 'short.idx', 1), /short\.idx: corrupt IDX file/);
    });
  });
});

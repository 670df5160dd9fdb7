import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatasetError, loadDataset, loadFolderDataset } from '../../../../src/engine/data';
import type { LoadedDataset } from '../../../../src/engine/data';
import { encodeRasterPng } from '../../../../src/engine/imageio/png';
import { histogram, makeTempDir, writeBytes, writeJpeg, writePng, writeText } from './helpers';

/** The grey level (0–255) of each image of a split, from its first pixel. */
function levels(split: LoadedDataset['train']): number[] {
  const per = split.images.h * split.images.w * split.images.c;
  return Array.from({ length: split.images.n }, (_, i) => Math.round(split.images.data[i * per] * 255));
}

/** An MVTec-style tree of constant grey 16×16 PNGs whose levels identify them. */
function mvtecTree(root: string): void {
  writePng(join(root, 'train/good/000.png'), 16, 16, 10);
  writePng(join(root, 'train/good/001.png'), 16, 16, 20);
  writePng(join(root, 'train/good/002.png'), 16, 16, 30);
  writePng(join(root, 'train/good/003.png'), 16, 16, 40);
  writeText(join(root, 'train/good/readme.txt'), 'not an image, ignored');
  writeText(join(root, 'train/good/.DS_Store'), 'hidden, ignored');
  writePng(join(root, 'test/good/000.png'), 16, 16, 50);
  writePng(join(root, 'test/good/001.png'), 16, 16, 60);
  writePng(join(root, 'test/scratch/000.png'), 16, 16, 70);
  writePng(join(root, 'test/crack/000.png'), 16, 16, 80);
  writePng(join(root, 'test/crack/001.png'), 16, 16, 90);
  writePng(join(root, 'ground_truth/crack/000_mask.png'), 16, 16, 255);
}

describe('data: folder', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  const mvtec = (extra: Partial<Parameters<typeof loadFolderDataset>[0]> = {}): Promise<LoadedDataset> =>
    loadFolderDataset({ path: tmp.dir, layout: 'mvtec', imageSize: 8, seed: 0, ...extra });

  describe('mvtec layout', () => {
    it('loads good first, then defects sorted, resized, grey when every file is grey', async () => {
      mvtecTree(tmp.dir);
      const ds = await mvtec();
      assert.deepEqual(ds.classNames, ['good', 'crack', 'scratch']);
      assert.deepEqual(levels(ds.train), [10, 20, 30, 40]);
      assert.deepEqual([...ds.train.labels], [0, 0, 0, 0]);
      assert.deepEqual(levels(ds.test), [50, 60, 80, 90, 70]);
      assert.deepEqual([...ds.test.labels], [0, 0, 1, 1, 2]);
      assert.deepEqual([ds.train.images.h, ds.train.images.w, ds.train.images.c], [8, 8, 1]);
      assert.deepEqual(ds.skipped, []);
    });

    it('sorts files by code point, the same everywhere', async () => {
      mvtecTree(tmp.dir);
      writePng(join(tmp.dir, 'train/good/2.png'), 4, 4, 102);
      writePng(join(tmp.dir, 'train/good/10.png'), 4, 4, 110);
      writePng(join(tmp.dir, 'train/good/B.png'), 4, 4, 111);
      writePng(join(tmp.dir, 'train/good/a.png'), 4, 4, 97);
      const ds = await mvtec();
      assert.deepEqual(levels(ds.train), [10, 20, 30, 40, 110, 102, 111, 97]);
    });

    it('is colour when any file is colour (JPEG), or follows an explicit channel count', async () => {
      mvtecTree(tmp.dir);
      writeJpeg(join(tmp.dir, 'test/crack/002.jpg'), 24, 12, [250, 10, 10]);
      const ds = await mvtec();
      assert.equal(ds.train.images.c, 3);
      assert.equal(ds.test.images.n, 6);
      // The grey files are replicated: R = G = B.
      assert.deepEqual([...ds.train.images.data.subarray(0, 3)].map((v) => Math.round(v * 255)), [10, 10, 10]);
      const grey = await mvtec({ channels: 1 });
      assert.equal(grey.test.images.c, 1);
      const jpegGrey = grey.test.images.data[4 * 64]; // crack/002.jpg comes after crack/000, 001
      assert.ok(Math.abs(jpegGrey - (0.299 * 250 + 0.587 * 10 + 0.114 * 10) / 255) < 0.03, `${jpegGrey}`);
    });

    it('names a truncated PNG with its path relative to the root and the reason', async () => {
      mvtecTree(tmp.dir);
      const good = readFileSync(join(tmp.dir, 'train/good/002.png'));
      writeBytes(join(tmp.dir, 'train/good/002.png'), good.subarray(0, good.length - 30));
      await assert.rejects(mvtec(), (err: Error) => {
        assert.ok(err instanceof DatasetError);
        assert.equal(err.file, 'train/good/002.png');
        assert.match(err.message, /train\/good\/002\.png/);
        assert.match(err.message, /truncated PNG/);
        assert.match(err.message, /"onBadImage": "skip"/);
        return true;
      });
    });

    it('names a text file called .png', async () => {
      mvtecTree(tmp.dir);
      writeText(join(tmp.dir, 'test/crack/bad.png'), 'this is not a picture');
      await assert.rejects(mvtec(), /test\/crack\/bad\.png.*not a PNG or JPEG file \(it looks like text\)/);
    });

    it('reports the first bad file in file order, whatever finishes first', async () => {
      mvtecTree(tmp.dir);
      writeText(join(tmp.dir, 'test/crack/bad.png'), 'text');
      writeBytes(join(tmp.dir, 'train/good/001.png'), new Uint8Array(0));
      await assert.rejects(mvtec(), /train\/good\/001\.png .*: empty file/);
    });

    it('skips bad files and reports them with onBadImage "skip"', async () => {
      mvtecTree(tmp.dir);
      const good = readFileSync(join(tmp.dir, 'train/good/002.png'));
      writeBytes(join(tmp.dir, 'train/good/002.png'), good.subarray(0, 50));
      writeText(join(tmp.dir, 'test/crack/bad.png'), 'this is not a picture');
      writeBytes(join(tmp.dir, 'test/crack/old.bmp'), Buffer.from([0x42, 0x4d, 0, 0]));
      const ds = await mvtec({ onBadImage: 'skip' });
      assert.deepEqual(ds.skipped.map((s) => s.file), ['train/good/002.png', 'test/crack/bad.png', 'test/crack/old.bmp']);
      assert.match(ds.skipped[0].reason, /truncated PNG/);
      assert.match(ds.skipped[1].reason, /looks like text/);
      assert.match(ds.skipped[2].reason, /unsupported image format \(\.bmp\)/);
      assert.deepEqual(levels(ds.train), [10, 20, 40]);
      assert.deepEqual(levels(ds.test), [50, 60, 80, 90, 70]);
    });

    it('fails when skipping leaves train/good empty', async () => {
      writeText(join(tmp.dir, 'train/good/0.png'), 'x');
      writePng(join(tmp.dir, 'test/good/0.png'), 4, 4, 1);
      await assert.rejects(mvtec({ onBadImage: 'skip' }), /train\/good .*has no readable images \(1 unreadable file was skipped\)/);
    });

    it('names a missing train/good and says what is expected', async () => {
      mvtecTree(tmp.dir);
      const { rmSync } = await import('node:fs');
      rmSync(join(tmp.dir, 'train'), { recursive: true });
      await assert.rejects(mvtec(), (err: Error) => {
        assert.ok(err instanceof DatasetError);
        assert.match(err.message, /missing folder train\/good/);
        assert.match(err.message, /expects train\/good\/ \(normal training images\), test\/good\/ .* and test\/<defect>\//);
        assert.match(err.message, /The folder holds: ground_truth, test/);
        return true;
      });
    });

    it('names a missing test/good', async () => {
      writePng(join(tmp.dir, 'train/good/0.png'), 4, 4, 1);
      writePng(join(tmp.dir, 'test/crack/0.png'), 4, 4, 1);
      await assert.rejects(mvtec(), /missing folder test\/good/);
    });

    it('points at a category when given a collection of categories', async () => {
      mvtecTree(join(tmp.dir, 'bottle'));
      mvtecTree(join(tmp.dir, 'cable'));
      await assert.rejects(mvtec(), /collection of categories: point "path" at one of them \(e\.g\. .*bottle\)/);
    });

    it('says when train/good has no images', async () => {
      writeText(join(tmp.dir, 'train/good/notes.txt'), 'x');
      writePng(join(tmp.dir, 'test/good/0.png'), 4, 4, 1);
      await assert.rejects(mvtec(), /folder train\/good .* has no PNG or JPEG images/);
    });

    it('names a missing data set folder', async () => {
      await assert.rejects(
        loadFolderDataset({ path: 'nowhere', baseDir: tmp.dir, layout: 'mvtec', imageSize: 8, seed: 0 }),
        /the data set folder 'nowhere' does not exist/,
      );
    });
  });

  describe('classes layout', () => {
    /** birds: 1 image, cats: 10, dogs: 5, each with a distinct level. */
    function classesTree(root: string): void {
      writePng(join(root, 'birds/only.png'), 8, 8, 1);
      for (let i = 0; i < 10; i++) writePng(join(root, `cats/cat${i}.png`), 12, 10, 10 + i);
      for (let i = 0; i < 5; i++) writeJpeg(join(root, `dogs/dog${i}.jpg`), 8, 8, [100 + 20 * i, 100 + 20 * i, 100 + 20 * i], 100);
    }
    const classes = (seed: number, extra: Record<string, unknown> = {}): Promise<LoadedDataset> =>
      loadFolderDataset({ path: tmp.dir, layout: 'classes', imageSize: 8, seed, ...extra });

    it('splits each class 80/20 (stratified), classes sorted', async () => {
      classesTree(tmp.dir);
      const ds = await classes(0);
      assert.deepEqual(ds.classNames, ['birds', 'cats', 'dogs']);
      assert.deepEqual(histogram(ds.train.labels, 3), [1, 8, 4]);
      assert.deepEqual(histogram(ds.test.labels, 3), [0, 2, 1]);
      assert.equal(ds.train.images.c, 3); // the JPEGs are colour files
    });

    it('puts every image in exactly one split, in file order within each', async () => {
      classesTree(tmp.dir);
      const ds = await classes(5, { channels: 1 });
      const cats = (split: LoadedDataset['train']): number[] => levels(split).filter((_, i) => split.labels[i] === 1);
      const all = [...cats(ds.train), ...cats(ds.test)].sort((a, b) => a - b);
      assert.deepEqual(all, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      const train = cats(ds.train);
      assert.deepEqual(train, [...train].sort((a, b) => a - b));
    });

    it('is deterministic under a seed, and the seed matters', async () => {
      classesTree(tmp.dir);
      const a = await classes(11);
      const b = await classes(11);
      assert.deepEqual(a.test.labels, b.test.labels);
      assert.deepEqual(a.test.images.data, b.test.images.data);
      const splits = new Set<string>();
      for (let seed = 0; seed < 6; seed++) splits.add(levels((await classes(seed, { channels: 1 })).test).join(','));
      assert.ok(splits.size > 1, 'different seeds give different splits');
    });

    it('hints at the mvtec layout, and names empty class folders', async () => {
      mvtecTree(tmp.dir);
      await assert.rejects(classes(0), /which is the "mvtec" layout; set "layout": "mvtec"/);
      const other = makeTempDir();
      try {
        writePng(join(other.dir, 'a/1.png'), 4, 4, 1);
        writeText(join(other.dir, 'b/readme.md'), '#');
        await assert.rejects(
          loadFolderDataset({ path: other.dir, layout: 'classes', imageSize: 8, seed: 0 }),
          /class folder b in .* has no PNG or JPEG images/,
        );
      } finally {
        other.cleanup();
      }
    });

    it('says when there are no class folders', async () => {
      writePng(join(tmp.dir, 'loose.png'), 4, 4, 1);
      await assert.rejects(classes(0), /has no class folders; the "classes" layout expects one sub-folder of images per class/);
    });
  });

  describe('loadDataset', () => {
    it('resolves a relative path against baseDir and names the data set after its folder', async () => {
      const root = join(tmp.dir, 'data', 'widgets');
      mvtecTree(root);
      const ds = await loadDataset(
        { source: 'folder', path: relative(tmp.dir, root), layout: 'mvtec', imageSize: 4 },
        { seed: 0, baseDir: tmp.dir },
      );
      assert.equal(ds.name, 'widgets');
      assert.equal(ds.train.images.h, 4);
    });

    it('suggests a class name for a typo in normalClasses', async () => {
      writePng(join(tmp.dir, 'screw/1.png'), 4, 4, 1);
      writePng(join(tmp.dir, 'screw/2.png'), 4, 4, 1);
      writePng(join(tmp.dir, 'nut/1.png'), 4, 4, 1);
      await assert.rejects(
        loadDataset({ source: 'folder', path: tmp.dir, layout: 'classes', normalClasses: ['scerw'], imageSize: 8 }, { seed: 0 }),
        /normal class 'scerw' is not a class folder .*did you mean 'screw'\?/,
      );
    });

    it('reads an RGBA PNG, compositing alpha on black', async () => {
      // A half-transparent white file comes out mid grey.
      const data = new Uint8Array(4 * 4 * 4);
      for (let i = 0; i < 16; i++) data.set([255, 255, 255, 128], 4 * i);
      writeBytes(join(tmp.dir, 'train/good/a.png'), encodeRasterPng({ width: 4, height: 4, channels: 4, data }));
      writePng(join(tmp.dir, 'test/good/b.png'), 4, 4, 0, 3);
      const ds = await mvtec({ channels: 1, imageSize: 4 });
      assert.ok(Math.abs(ds.train.images.data[0] - 128 / 255) < 1e-6);
    });
  });
});

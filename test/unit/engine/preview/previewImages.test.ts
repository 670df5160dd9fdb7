/**
 * The images a preview shows: the config's normal training images, exactly as a run's loader
 * preprocesses them (size, channels), only the few shown decoded; a bad file is named; without
 * usable data, MNIST digits with the reason.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { defaultMnistDir, loadFolderDataset, loadMnist, DatasetError } from '../../../../src/engine/data';
import { configImages, previewImages } from '../../../../src/engine/preview/previewImages';
import type { DatasetConfig } from '../../../../src/shared/config';
import type { PreviewDataRequest } from '../../../../src/shared/previewProtocol';
import { makeTempDir, writePngData, writeText } from '../data/helpers';

/** A grey PNG whose pixels vary with `k` (so every file is told apart). */
function writeVarying(path: string, k: number, size = 12, channels: 1 | 3 = 1): void {
  const data = new Uint8Array(size * size * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + k * 31) % 256;
  writePngData(path, size, size, channels, data);
}

function request(dataset: DatasetConfig, baseDir: string): PreviewDataRequest {
  return { configFile: join(baseDir, 'x.ssad.json'), configLabel: 'x.ssad.json', dataset, baseDir, seed: 0 };
}

describe('preview images', function () {
  this.timeout(20_000);
  let dir: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir('ssad-preview-data-'));
    for (let k = 0; k < 6; k++) writeVarying(join(dir, 'parts', 'train', 'good', `g${k}.png`), k);
    writeVarying(join(dir, 'parts', 'test', 'good', 't0.png'), 9);
    writeVarying(join(dir, 'parts', 'test', 'crack', 'c0.png'), 10);
  });
  afterEach(() => cleanup());

  it('takes normal training images of an mvtec folder, relative to the config, as the loader reads them', async () => {
    const dataset: DatasetConfig = { source: 'folder', path: 'parts', layout: 'mvtec', imageSize: 8 };
    const { images, source } = await configImages(request(dataset, dir), 4, defaultMnistDir());
    assert.deepEqual([images.n, images.h, images.w, images.c], [4, 8, 8, 1]);
    assert.equal(source.kind, 'config');
    if (source.kind !== 'config') return;
    assert.equal(source.dataset, "folder 'parts' (mvtec)");
    assert.deepEqual(source.classes, ['good']);
    assert.equal(source.files?.length, 4);
    assert.ok(source.files?.every((f) => f.startsWith('train/good/')), 'training images only');
    assert.match(source.note ?? '', /grey because the files shown are grey; a run decides from every file/);
    // Pixel for pixel what a run's loader makes of the same files.
    const loaded = await loadFolderDataset({ path: 'parts', layout: 'mvtec', imageSize: 8, seed: 0, baseDir: dir });
    const per = 8 * 8;
    source.files?.forEach((file, k) => {
      const index = Number(/g(\d)\.png$/.exec(file)?.[1]);
      assert.deepEqual(images.data.subarray(k * per, (k + 1) * per), loaded.train.images.data.subarray(index * per, (index + 1) * per), file);
    });
    const again = await configImages(request(dataset, dir), 4, defaultMnistDir());
    assert.deepEqual(again.source, source, 'the same images every time');
  });

  it('honours dataset.channels as a run does', async () => {
    const dataset: DatasetConfig = { source: 'folder', path: 'parts', layout: 'mvtec', imageSize: 8, channels: 3 };
    const { images, source } = await configImages(request(dataset, dir), 2, defaultMnistDir());
    assert.equal(images.c, 3);
    assert.equal(source.kind === 'config' ? source.note : 'x', undefined, 'no caveat when the config sets the channels');
  });

  it('names an unreadable file, or skips it with onBadImage "skip"', async () => {
    for (let k = 0; k < 6; k++) writeText(join(dir, 'parts', 'train', 'good', `g${k}.png`), 'not an image');
    writeVarying(join(dir, 'parts', 'train', 'good', 'ok.png'), 1);
    const dataset: DatasetConfig = { source: 'folder', path: 'parts', layout: 'mvtec', imageSize: 8 };
    await assert.rejects(configImages(request(dataset, dir), 2, defaultMnistDir()), (e: unknown) => e instanceof DatasetError && /cannot load image train\/good\/g\d\.png in the data set folder 'parts'/.test(e.message));
    const skipping = await configImages(request({ ...dataset, onBadImage: 'skip' }, dir), 2, defaultMnistDir());
    assert.equal(skipping.images.n, 1);
    assert.deepEqual(skipping.source.kind === 'config' ? skipping.source.files : [], ['train/good/ok.png']);
    assert.match(skipping.source.kind === 'config' ? (skipping.source.note ?? '') : '', /skipped as unreadable: train\/good\/g\d\.png/);
  });

  it('falls back to MNIST digits, saying which config, field and file failed', async () => {
    writeText(join(dir, 'parts', 'train', 'good', 'g0.png'), 'not an image');
    const dataset: DatasetConfig = { source: 'folder', path: 'parts', layout: 'mvtec', imageSize: 8 };
    const all = await previewImages({ data: request(dataset, dir), count: 6 });
    assert.equal(all.source.kind, 'mnist');
    assert.match(all.source.kind === 'mnist' ? all.source.reason : '', /^the data set of x\.ssad\.json \(field "dataset"\) could not be read \(file train\/good\/g0\.png\): cannot load image/);
    assert.deepEqual([all.images.n, all.images.h], [6, 32]);
    const missing = await previewImages({ data: request({ ...dataset, path: 'nowhere' }, dir), count: 2 });
    assert.match(missing.source.kind === 'mnist' ? missing.source.reason : '', /the data set folder 'nowhere' does not exist/);
    const none = await previewImages({ count: 2, fallbackReason: 'no config' });
    assert.deepEqual(none.source, { kind: 'mnist', imageSize: 32, channels: 1, reason: 'no config' });
  });

  it('takes a classes folder’s normal classes in turn, and names an unknown one', async () => {
    for (const cls of ['cat', 'dog', 'fox']) for (let k = 0; k < 5; k++) writeVarying(join(dir, 'pets', cls, `${cls}${k}.png`), k);
    const dataset: DatasetConfig = { source: 'folder', path: 'pets', layout: 'classes', imageSize: 6, normalClasses: ['dog', 'cat'] };
    const { source } = await configImages(request(dataset, dir), 4, defaultMnistDir());
    assert.deepEqual(source.kind === 'config' ? source.files?.map((f) => f.split('/')[0]) : [], ['dog', 'cat', 'dog', 'cat']);
    await assert.rejects(configImages(request({ ...dataset, normalClasses: ['dgo'] }, dir), 4, defaultMnistDir()), /dataset\.normalClasses: "dgo" is not a class folder of 'pets' \(did you mean "dog"\?\)/);
  });

  it('takes MNIST training digits of the normal classes at the config’s size, as loadMnist does', async () => {
    const dataset: DatasetConfig = { source: 'mnist', normalClasses: [3, 7], imageSize: 20 };
    const { images, source } = await configImages(request(dataset, dir), 4, defaultMnistDir());
    assert.deepEqual([images.n, images.h, images.c], [4, 20, 1]);
    assert.deepEqual(source.kind === 'config' ? source.classes : [], ['3', '7']);
    const mnist = await loadMnist(defaultMnistDir(), { imageSize: 20 });
    const per = 20 * 20;
    for (let k = 0; k < 4; k++) {
      const image = images.data.subarray(k * per, (k + 1) * per);
      let match = -1;
      for (let i = 0; i < mnist.train.images.n && match < 0; i++) {
        const label = mnist.train.labels[i];
        if (label !== (k % 2 === 0 ? 3 : 7)) continue;
        if (mnist.train.images.data.subarray(i * per, (i + 1) * per).every((v, p) => v === image[p])) match = i;
      }
      assert.ok(match >= 0, `image ${k} is a training digit ${k % 2 === 0 ? 3 : 7}, pixel for pixel`);
    }
  });
});

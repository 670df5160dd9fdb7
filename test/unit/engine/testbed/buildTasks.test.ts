import assert from 'node:assert/strict';
import { imageView, selectImages, type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { buildTasks, buildTasksWith, TestbedError, type BuildTasksOptions } from '../../../../src/engine/testbed';
import type { Task } from '../../../../src/engine/testbed/types';
import type { DatasetConfig, ExperimentConfig, TestbedConfig } from '../../../../src/shared/config';
import {
  block,
  classOfId,
  fakeDataset,
  fakeResolver,
  idOf,
  makeConfig,
  negate,
  SIZE,
  speckle,
  splitOfId,
} from './fakes';

const DIGITS = ['0', '1', '2'];
const mnistLike = (over: Partial<Extract<DatasetConfig, { source: 'mnist' }>> = {}): DatasetConfig => ({
  source: 'mnist',
  normalClasses: [0],
  imageSize: SIZE,
  ...over,
});
const synthetic = (...anomalies: string[]): TestbedConfig => ({ type: 'synthetic', anomalies });

function build(config: ExperimentConfig, dataset = fakeDataset(DIGITS, [20, 15, 12], [10, 9, 8]), seed = 0, options?: BuildTasksOptions): Task[] {
  return buildTasksWith(fakeResolver, config, dataset, seed, options);
}

function ids(batch: ImageBatch, indices?: number[]): number[] {
  const list = indices ?? [...Array(batch.n).keys()];
  return list.map((i) => idOf(batch, i));
}

function bytes(task: Task): string {
  return JSON.stringify({
    normalClass: task.normalClass,
    anomalyTypes: task.anomalyTypes,
    sampleType: task.sampleType,
    train: [task.train.n, task.train.h, task.train.w, task.train.c, Buffer.from(task.train.data.buffer).toString('base64')],
    test: [task.test.n, task.test.h, task.test.w, task.test.c, Buffer.from(task.test.data.buffer).toString('base64')],
  });
}

function throwsTestbed(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof TestbedError, `expected a TestbedError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('buildTasks: synthetic', () => {
  it('makes one task per normal class: the class train images, then 25 % normal / 75 % anomalous test images', () => {
    const config = makeConfig(mnistLike({ normalClasses: [0, 2] }), synthetic('negate', 'speckle', 'halve'));
    const tasks = build(config);
    assert.deepEqual(tasks.map((t) => t.normalClass), ['0', '2']);
    const [t0, t2] = tasks;
    assert.equal(t0.train.n, 20);
    assert.equal(t2.train.n, 12);
    assert.ok(ids(t0.train).every((id) => classOfId(id) === 0 && splitOfId(id) === 'train'));
    assert.ok(ids(t2.train).every((id) => classOfId(id) === 2 && splitOfId(id) === 'train'));
    assert.deepEqual(t0.anomalyTypes, ['negate', 'speckle', 'halve']);
    assert.equal(t0.test.n, 40);
    assert.equal(t0.sampleType.length, 40);
    assert.deepEqual(t0.sampleType.slice(0, 10), Array(10).fill('normal'));
    for (const type of ['normal', ...t0.anomalyTypes]) assert.equal(block(t0, type).length, 10);
    assert.equal(t2.test.n, 32);
    const normals = ids(t2.test, block(t2, 'normal'));
    assert.ok(normals.every((id) => classOfId(id) === 2 && splitOfId(id) === 'test'));
    assert.equal(new Set(normals).size, normals.length);
  });

  it('makes each anomaly image from the normal test image at the same position', () => {
    const [task] = build(makeConfig(mnistLike(), synthetic('negate', 'speckle')));
    const normal = block(task, 'normal');
    const negated = block(task, 'negate');
    const speckled = block(task, 'speckle');
    const normalBatch = selectImages(task.test, normal);
    for (let k = 0; k < normal.length; k++) {
      const src = imageView(task.test, normal[k]);
      const neg = imageView(task.test, negated[k]);
      for (let j = 0; j < src.length; j++) assert.equal(neg[j], Math.fround(1 - src[j]));
      assert.notDeepEqual(imageView(task.test, speckled[k]), src);
    }
    // Stochastic functions draw from the stream of (seed, 'anomaly', type).
    const expected = speckle.apply(normalBatch, {}, new Rng(0, 'anomaly', 'speckle'), 'anomaly');
    assert.deepEqual(selectImages(task.test, speckled).data, expected.data);
  });

  it('passes mode "anomaly" to the augmentation', () => {
    const modes: string[] = [];
    const resolver = {
      ...fakeResolver,
      resolve: () => ({
        id: 'spy',
        params: {},
        definition: { ...negate, name: 'spy', apply: (b: ImageBatch, p: Record<string, never>, r: Rng, mode: string) => (modes.push(mode), negate.apply(b, p, r, 'anomaly')) },
      }),
    };
    buildTasksWith(resolver, makeConfig(mnistLike({ normalClasses: [0, 1] }), synthetic('spy')), fakeDataset(DIGITS, [3, 3, 3], [2, 2, 2]), 0);
    assert.deepEqual(modes, ['anomaly', 'anomaly']);
  });

  it('samples at most maxTrain and maxTest images of the normal class, without repeats', () => {
    const config = makeConfig(mnistLike({ maxTrain: 7, maxTest: 4 }), synthetic('negate', 'halve', 'speckle'));
    const [task] = build(config);
    assert.equal(task.train.n, 7);
    assert.equal(task.test.n, 16);
    const train = ids(task.train);
    assert.equal(new Set(train).size, 7);
    assert.ok(train.every((id) => classOfId(id) === 0 && splitOfId(id) === 'train'));
    assert.deepEqual(train, [...train].sort((a, b) => a - b), 'kept in data-set order');
    const normal = ids(task.test, block(task, 'normal'));
    assert.equal(new Set(normal).size, 4);
    assert.ok(normal.every((id) => classOfId(id) === 0 && splitOfId(id) === 'test'));
    assert.equal(block(task, 'normal').length / task.test.n, 0.25);
  });

  it('is deterministic: the same seed gives byte-identical tasks, another seed another sample', () => {
    const config = makeConfig(mnistLike({ normalClasses: [0, 1], maxTrain: 6, maxTest: 5 }), synthetic('negate', 'speckle'));
    const a = build(config, undefined, 7).map(bytes);
    const b = build(config, undefined, 7).map(bytes);
    assert.deepEqual(a, b);
    const c = build(config, undefined, 8).map(bytes);
    assert.notDeepEqual(a, c);
  });

  it('samples a class the same way whichever other classes are listed', () => {
    const one = build(makeConfig(mnistLike({ normalClasses: [1], maxTrain: 5, maxTest: 3 }), synthetic('speckle')), undefined, 3);
    const two = build(makeConfig(mnistLike({ normalClasses: [0, 1], maxTrain: 5, maxTest: 3 }), synthetic('speckle')), undefined, 3);
    assert.equal(bytes(one[0]), bytes(two[1]));
  });

  it('uses the real catalogue: flip, cutout and invert change every normal image', () => {
    const dataset = fakeDataset(DIGITS, [6, 6, 6], [5, 5, 5]);
    const [task] = buildTasks(makeConfig(mnistLike(), synthetic('flip', 'cutout', 'invert')), dataset, 0);
    assert.deepEqual(task.anomalyTypes, ['flip', 'cutout', 'invert']);
    const normal = block(task, 'normal');
    for (const type of task.anomalyTypes) {
      const made = block(task, type);
      assert.equal(made.length, normal.length);
      made.forEach((i, k) => {
        assert.notDeepEqual(imageView(task.test, i), imageView(task.test, normal[k]), `${type} left image ${k} unchanged`);
      });
    }
  });

  it('names parameterised anomaly types by their resolved id', () => {
    const dataset = fakeDataset(DIGITS, [4, 4, 4], [3, 3, 3]);
    const config = makeConfig(mnistLike(), { type: 'synthetic', anomalies: ['cutout-0.2', { name: 'flip', params: { axis: 'horizontal' } }] });
    const [task] = buildTasks(config, dataset, 0);
    assert.deepEqual(task.anomalyTypes, ['cutout-0.2', 'flip{axis=horizontal}']);
  });

  it('loads custom module anomalies only through resolveModule', () => {
    const config = makeConfig(mnistLike(), synthetic('negate', './ssad/augmentations/mine.ts'));
    throwsTestbed(() => build(config), /custom augmentation modules are not supported here yet: cannot use "\.\/ssad\/augmentations\/mine\.ts"/);
    const [task] = build(config, undefined, 0, {
      resolveModule: (ref) => ({ id: typeof ref === 'string' ? ref : ref.name, definition: speckle, params: {} }),
    });
    assert.deepEqual(task.anomalyTypes, ['negate', './ssad/augmentations/mine.ts']);
  });

  it('works on an mvtec folder: good images, synthetic anomalies', () => {
    const dataset = fakeDataset(['good', 'crack'], [9, 0], [4, 3]);
    const config = makeConfig({ source: 'folder', path: 'x', layout: 'mvtec', imageSize: SIZE }, synthetic('negate'));
    const [task] = build(config, dataset);
    assert.equal(task.normalClass, 'good');
    assert.equal(task.train.n, 9);
    assert.deepEqual(task.anomalyTypes, ['negate']);
    assert.equal(task.test.n, 8);
  });
});

describe('buildTasks: semantic', () => {
  const dataset = fakeDataset(['zero', 'one', 'two', 'three'], [10, 10, 10, 10], [12, 3, 9, 6]);
  const config = (mode: 'one-vs-one' | 'one-vs-rest', maxTest?: number): ExperimentConfig =>
    makeConfig(mnistLike({ normalClasses: [0, 2], maxTest }), { type: 'semantic', mode });

  it('makes every other class an anomaly type, in class order', () => {
    const tasks = build(config('one-vs-rest'), dataset);
    assert.deepEqual(tasks.map((t) => t.normalClass), ['zero', 'two']);
    assert.deepEqual(tasks[0].anomalyTypes, ['one', 'two', 'three']);
    assert.deepEqual(tasks[1].anomalyTypes, ['zero', 'one', 'three']);
    assert.deepEqual(
      ['normal', 'one', 'two', 'three'].map((t) => block(tasks[0], t).length),
      [12, 3, 9, 6],
    );
    for (const [type, cls] of [['one', 1], ['two', 2], ['three', 3]] as const) {
      assert.ok(ids(tasks[0].test, block(tasks[0], type)).every((id) => classOfId(id) === cls && splitOfId(id) === 'test'));
    }
  });

  it('stratifies maxTest by class: at most maxTest per class, seeded', () => {
    const tasks = build(config('one-vs-rest', 5), dataset, 4);
    assert.deepEqual(
      ['normal', 'one', 'two', 'three'].map((t) => block(tasks[0], t).length),
      [5, 3, 5, 5],
    );
    // A class's test sample is the same whether it is the normal class or an anomaly type.
    const twoAsAnomaly = ids(tasks[0].test, block(tasks[0], 'two'));
    const twoAsNormal = ids(tasks[1].test, block(tasks[1], 'normal'));
    assert.deepEqual(twoAsAnomaly, twoAsNormal);
    assert.notDeepEqual(ids(build(config('one-vs-rest', 5), dataset, 5)[0].test), ids(tasks[0].test));
  });

  it('builds the same tasks for one-vs-one and one-vs-rest (per-type metrics are the one-vs-one AUROCs)', () => {
    assert.deepEqual(build(config('one-vs-one', 4), dataset, 1).map(bytes), build(config('one-vs-rest', 4), dataset, 1).map(bytes));
  });

  it('takes every class of a classes folder when normalClasses is absent, and names by folder', () => {
    const folder = fakeDataset(['cat', 'dog', 'owl'], [4, 4, 4], [2, 2, 2]);
    const all = build(makeConfig({ source: 'folder', path: 'x', layout: 'classes', imageSize: SIZE }, { type: 'semantic', mode: 'one-vs-rest' }), folder);
    assert.deepEqual(all.map((t) => t.normalClass), ['cat', 'dog', 'owl']);
    const some = build(makeConfig({ source: 'folder', path: 'x', layout: 'classes', normalClasses: ['owl'], imageSize: SIZE }, { type: 'semantic', mode: 'one-vs-rest' }), folder);
    assert.deepEqual(some.map((t) => [t.normalClass, t.anomalyTypes]), [['owl', ['cat', 'dog']]]);
  });
});

describe('buildTasks: labeled', () => {
  it('trains on train/good and tests test/good against each defect folder', () => {
    const dataset = fakeDataset(['good', 'crack', 'hole'], [11, 0, 0], [5, 4, 2]);
    const config = makeConfig({ source: 'folder', path: 'x', layout: 'mvtec', imageSize: SIZE, maxTest: 3 }, { type: 'labeled' });
    const [task, ...rest] = build(config, dataset);
    assert.equal(rest.length, 0);
    assert.equal(task.normalClass, 'good');
    assert.equal(task.train.n, 11);
    assert.deepEqual(task.anomalyTypes, ['crack', 'hole']);
    assert.deepEqual(
      ['normal', 'crack', 'hole'].map((t) => block(task, t).length),
      [3, 3, 2],
    );
    assert.ok(ids(task.test, block(task, 'hole')).every((id) => classOfId(id) === 2));
  });
});

describe('buildTasks: errors', () => {
  it('a normal class with no train images', () => {
    const dataset = fakeDataset(DIGITS, [5, 0, 5], [3, 3, 3]);
    throwsTestbed(() => build(makeConfig(mnistLike({ normalClasses: [1] }), synthetic('negate')), dataset), /normal class "1" has no train images in dataset "fake"/);
  });

  it('a normal class with no test images', () => {
    const dataset = fakeDataset(DIGITS, [5, 5, 5], [3, 0, 3]);
    throwsTestbed(() => build(makeConfig(mnistLike({ normalClasses: [1] }), synthetic('negate')), dataset), /normal class "1" has no test images/);
  });

  it('an anomaly type with zero images', () => {
    const dataset = fakeDataset(DIGITS, [5, 5, 5], [3, 3, 0]);
    throwsTestbed(() => build(makeConfig(mnistLike(), { type: 'semantic', mode: 'one-vs-one' }), dataset), /anomaly type "2" has no test images/);
    const mvtec = fakeDataset(['good', 'crack'], [5, 0], [3, 0]);
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'mvtec', imageSize: SIZE }, { type: 'labeled' }), mvtec),
      /anomaly type "crack" has no test images/,
    );
  });

  it('testbed and dataset combinations that make no sense', () => {
    throwsTestbed(() => build(makeConfig(mnistLike(), { type: 'labeled' })), /testbed labeled needs a folder dataset with layout mvtec, but dataset.source is "mnist"/);
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'classes', imageSize: SIZE }, { type: 'labeled' }), fakeDataset(['a', 'b'], [2, 2], [2, 2])),
      /with layout "classes"/,
    );
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'mvtec', imageSize: SIZE }, { type: 'semantic', mode: 'one-vs-rest' }), fakeDataset(['good', 'crack'], [2, 0], [2, 2])),
      /testbed semantic needs a dataset of several classes/,
    );
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'classes', imageSize: SIZE }, { type: 'semantic', mode: 'one-vs-rest' }), fakeDataset(['only'], [2], [2])),
      /at least two classes/,
    );
  });

  it('normal classes that the data set does not have', () => {
    throwsTestbed(() => build(makeConfig(mnistLike({ normalClasses: [5] }), synthetic('negate'))), /normal class 5 is not a class of dataset "fake", which has 3 \(0 to 2\)/);
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'classes', normalClasses: ['dgo'], imageSize: SIZE }, synthetic('negate')), fakeDataset(['cat', 'dog'], [2, 2], [2, 2])),
      /normal class "dgo" is not a class of dataset "fake" \(did you mean "dog"\?\); classes: cat, dog/,
    );
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'mvtec', imageSize: SIZE }, { type: 'labeled' }), fakeDataset(['ok', 'crack'], [2, 0], [2, 2])),
      /has no "good" class/,
    );
  });

  it('anomaly functions that cannot make anomalies', () => {
    throwsTestbed(() => build(makeConfig(mnistLike(), synthetic('none'))), /"none" cannot make anomalies/);
    throwsTestbed(() => build(makeConfig(mnistLike(), synthetic('negate', 'negate'))), /"negate" is listed twice/);
    throwsTestbed(() => build(makeConfig(mnistLike(), synthetic('shrink'))), /"shrink" turned 10 images of 8×8×1 into 9 of 8×8×1/);
    throwsTestbed(() => build(makeConfig(mnistLike(), synthetic())), /at least one anomaly function/);
    assert.throws(() => build(makeConfig(mnistLike(), synthetic('nope'))), /Unknown augmentation "nope"/);
  });

  it('class names that clash with the reserved sample types', () => {
    const dataset = fakeDataset(['normal', 'odd'], [3, 3], [2, 2]);
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'classes', normalClasses: ['odd'], imageSize: SIZE }, { type: 'semantic', mode: 'one-vs-rest' }), dataset),
      /the class "normal" cannot be an anomaly type: "normal" is reserved/,
    );
    const pooled = fakeDataset(['one-vs-one', 'odd'], [3, 3], [2, 2]);
    throwsTestbed(
      () => build(makeConfig({ source: 'folder', path: 'x', layout: 'classes', normalClasses: ['odd'], imageSize: SIZE }, { type: 'semantic', mode: 'one-vs-one' }), pooled),
      /the class "one-vs-one" cannot be an anomaly type: "one-vs-one" is reserved/,
    );
  });

  it('a data set of another image size or channel count than the config', () => {
    const dataset = fakeDataset(DIGITS, [3, 3, 3], [2, 2, 2], { size: 6 });
    throwsTestbed(() => build(makeConfig(mnistLike(), synthetic('negate')), dataset), /train images are 6×6, but dataset.imageSize is 8/);
    const rgb = fakeDataset(DIGITS, [3, 3, 3], [2, 2, 2], { channels: 3 });
    throwsTestbed(
      () => build(makeConfig({ source: 'shapes', normalClasses: [0], imageSize: SIZE, channels: 1 }, synthetic('negate')), rgb),
      /train images have 3 channels, but dataset.channels is 1/,
    );
  });
});

/**
 * The alignment diagnostic on small MNIST configs: the aligned augmentation moves the training
 * normals closest to its own anomaly type, `none` is 1 by construction, the label-free figures
 * never read the test labels, and everything is seeded.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAugmentation } from '../../../../src/engine/augment';
import { validateConfig } from '../../../../src/engine/config';
import { createModuleResolver } from '../../../../src/engine/custom';
import { loadDataset, type LoadedDataset } from '../../../../src/engine/data';
import { diagnoseAlignment, diagnoseTasks, type SeededTask } from '../../../../src/engine/diagnose';
import { Rng } from '../../../../src/engine/random';
import { buildTasks } from '../../../../src/engine/testbed';
import type { ExperimentConfig } from '../../../../src/shared/config';
import type { Diagnosis } from '../../../../src/shared/diagnosis';

function mnistConfig(over: Record<string, unknown> = {}): ExperimentConfig {
  const checked = validateConfig({
    name: 'diagnose test',
    dataset: { source: 'mnist', normalClasses: [3, 5], imageSize: 16, maxTrain: 150, maxTest: 40 },
    testbed: { type: 'synthetic', anomalies: ['flip', 'invert', 'cutout'] },
    detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
    augmentations: ['none', 'flip', 'invert', 'cutout'],
    training: { epochs: 1, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
    seeds: [0, 1],
    runtime: { backend: 'cpu' },
    ...over,
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.config;
}

function row(d: Diagnosis, augmentation: string): Diagnosis['rows'][number] {
  const r = d.rows.find((x) => x.augmentation === augmentation);
  assert.ok(r, `no row for ${augmentation}`);
  return r;
}

const withoutTime = (d: Diagnosis): Omit<Diagnosis, 'seconds'> => {
  const { seconds: _seconds, ...rest } = d;
  return rest;
};

describe('diagnoseAlignment', function () {
  this.timeout(60_000);
  let config: ExperimentConfig;
  let dataset: LoadedDataset;

  before(async () => {
    config = mnistConfig();
    dataset = await loadDataset(config.dataset, { seed: 0 });
  });

  for (const feature of ['pixels', 'randomConv'] as const) {
    for (const distance of ['energy', 'mmd'] as const) {
      it(`${feature}, ${distance}: each aligned augmentation has the lowest ratio for its own anomaly type (flip, invert, cutout on MNIST)`, () => {
        const d = diagnoseAlignment(config, dataset, { feature, distance });
        for (const type of ['flip', 'invert', 'cutout']) {
          const others = d.rows.filter((r) => r.augmentation !== type);
          const own = row(d, type).perType[type].mean;
          assert.ok(own < 0.75, `${type} on ${type}: ${own}`);
          for (const r of others) assert.ok(own < r.perType[type].mean, `${type} on ${type} ${own} vs ${r.augmentation} ${r.perType[type].mean}`);
        }
      });
    }
  }

  it('reports the shape of the result: none exactly 1 by construction, rows by rank, the pick, labels marked, sizes', () => {
    const d = diagnoseAlignment(config, dataset);
    assert.equal(d.schemaVersion, 1);
    assert.equal(d.config, 'diagnose test');
    assert.equal(d.feature, 'pixels');
    assert.equal(d.distance, 'energy');
    assert.equal(d.featureDimension, 256);
    assert.equal(d.mode, 'train');
    assert.equal(d.tasks, 4);
    assert.deepEqual(d.augmentations, ['none', 'flip', 'invert', 'cutout']);
    assert.deepEqual(d.anomalyTypes, ['flip', 'invert', 'cutout']);
    const none = row(d, 'none');
    assert.equal(none.byConstruction, true);
    assert.deepEqual(none.ratio, { mean: 1, std: 0, n: 4, usesLabels: false });
    for (const type of d.anomalyTypes) assert.deepEqual(none.perType[type], { mean: 1, std: 0, n: 4, usesLabels: true });
    for (const r of d.rows) {
      assert.equal(r.ratio.usesLabels, false);
      assert.equal(r.ratio.n, 4);
      for (const t of d.anomalyTypes) assert.equal(r.perType[t].usesLabels, true);
      if (r.augmentation !== 'none') assert.equal(r.byConstruction, false);
    }
    const means = d.rows.map((r) => r.ratio.mean);
    assert.deepEqual(means, [...means].sort((a, b) => a - b), 'rows by rank');
    assert.deepEqual(d.rows.map((r) => r.rank), [1, 2, 3, 4]);
    const best = d.rows.find((r) => !r.byConstruction);
    assert.deepEqual(d.pick, { augmentation: best?.augmentation, ratio: best?.ratio.mean });
    assert.equal(d.sizes.limit, 1000);
    assert.deepEqual(
      d.sizes.perTask.map((s) => [s.seed, s.normalClass, s.train, s.trainAvailable, s.test, s.testAvailable, s.perType]),
      [0, 1].flatMap((seed) => ['3', '5'].map((c) => [seed, c, 150, 150, 160, 160, { flip: 40, invert: 40, cutout: 40 }])),
    );
    assert.ok(d.seconds > 0);
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(d))), JSON.stringify(d), 'plain JSON');
  });

  it('subsamples every set to the limit with a fixed seed; the same inputs give the same diagnosis', () => {
    const a = diagnoseAlignment(config, dataset, { limit: 30 });
    const b = diagnoseAlignment(config, dataset, { limit: 30 });
    assert.deepEqual(withoutTime(a), withoutTime(b));
    for (const s of a.sizes.perTask) {
      assert.deepEqual([s.train, s.test, s.perType], [30, 30, { flip: 30, invert: 30, cutout: 30 }]);
    }
    assert.notDeepEqual(a.rows, diagnoseAlignment(config, dataset).rows);
  });

  it('MMD records each task\'s bandwidth (median heuristic); energy has none', () => {
    const mmd = diagnoseAlignment(config, dataset, { distance: 'mmd', limit: 40 });
    for (const s of mmd.sizes.perTask) assert.ok(s.bandwidth !== undefined && s.bandwidth > 0);
    for (const s of diagnoseAlignment(config, dataset, { limit: 40 }).sizes.perTask) assert.equal(s.bandwidth, undefined);
  });

  it('the label-free figures do not change when the test labels (sampleType) are shuffled; the per-type ones do', () => {
    const augmentations = config.augmentations.map((ref) => resolveAugmentation(ref));
    const tasks: SeededTask[] = config.seeds.flatMap((seed) => buildTasks(config, dataset, seed).map((task) => ({ seed, task })));
    const shuffled: SeededTask[] = tasks.map(({ seed, task }) => {
      const perm = new Rng(seed, 'shuffle labels').permutation(task.sampleType.length);
      return { seed, task: { ...task, sampleType: Array.from(perm, (i) => task.sampleType[i]) } };
    });
    for (const distance of ['energy', 'mmd'] as const) {
      const real = diagnoseTasks(tasks, augmentations, { distance, limit: 100 });
      const fake = diagnoseTasks(shuffled, augmentations, { distance, limit: 100 });
      for (const a of real.augmentations) {
        const r = real.rows.find((x) => x.augmentation === a);
        const f = fake.rows.find((x) => x.augmentation === a);
        assert.deepEqual(f?.ratio, r?.ratio, `${distance}: ${a}`);
      }
      assert.deepEqual(fake.pick, real.pick);
      assert.deepEqual(fake.sizes.perTask.map((s) => s.bandwidth), real.sizes.perTask.map((s) => s.bandwidth));
      const flip = (d: typeof real) => d.rows.find((x) => x.augmentation === 'flip')?.perType.flip.mean ?? NaN;
      assert.ok(flip(fake) > flip(real) + 0.2, `${distance}: with shuffled labels the flip type is no longer special (${flip(real)} → ${flip(fake)})`);
    }
  });

  it('semantic testbeds: each other class is an anomaly type, with the tasks that have it', () => {
    const semantic = mnistConfig({ testbed: { type: 'semantic', mode: 'one-vs-rest' }, dataset: { source: 'mnist', normalClasses: [0, 1], imageSize: 16, maxTrain: 60, maxTest: 20 }, seeds: [0] });
    const d = diagnoseAlignment(semantic, dataset);
    assert.deepEqual(d.anomalyTypes, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const flip = row(d, 'flip');
    assert.equal(flip.perType['0'].n, 1);
    assert.equal(flip.perType['5'].n, 2);
    assert.equal(d.sizes.perTask[0].test, 200);
  });

  it('custom augmentation modules resolve through the module resolver, as in a training process', () => {
    const root = mkdtempSync(join(tmpdir(), 'ssad-diagnose-'));
    try {
      mkdirSync(join(root, 'ssad', 'augmentations'), { recursive: true });
      // Turns every image upside down, in training too: the whole train set looks like the flip anomaly.
      writeFileSync(
        join(root, 'ssad', 'augmentations', 'upside-down.ts'),
        `export default {
  name: 'upside-down', category: 'custom', description: 'Always upside down.', params: {},
  apply(batch) {
    const { n, h, w, c } = batch;
    const data = new Float32Array(batch.data.length);
    for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) data.set(batch.data.subarray(((i * h + y) * w) * c, ((i * h + y + 1) * w) * c), ((i * h + (h - 1 - y)) * w) * c);
    return { n, h, w, c, data };
  },
};
`,
      );
      const custom = mnistConfig({ augmentations: ['none', 'flip', './ssad/augmentations/upside-down.ts'], seeds: [0] });
      assert.throws(() => diagnoseAlignment(custom, dataset), /module resolver/);
      const d = diagnoseAlignment(custom, dataset, { resolveModule: createModuleResolver(root) });
      const own = row(d, './ssad/augmentations/upside-down.ts').perType.flip.mean;
      assert.ok(own < row(d, 'flip').perType.flip.mean, `always flipped ${own} vs flip with p = 0.5 ${row(d, 'flip').perType.flip.mean}`);
      assert.ok(own < 0.3, `${own}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

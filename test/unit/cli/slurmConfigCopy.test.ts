import * as assert from 'node:assert/strict';
import type { ExperimentConfig } from '../../../src/shared/config';
import { planConfigCopy } from '../../../src/cli/slurmConfigCopy';

const BASE = '/shared/exp';

function config(over: Partial<ExperimentConfig>): ExperimentConfig {
  return {
    name: 'x',
    dataset: { source: 'shapes', normalClasses: [0], imageSize: 16 },
    testbed: { type: 'synthetic', anomalies: ['flip'] },
    detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
    augmentations: ['none'],
    training: { epochs: 1, batchSize: 16, learningRate: 0.001, weightDecay: 0, schedule: 'constant' },
    seeds: [0],
    runtime: { backend: 'wasm' },
    ...over,
  };
}

describe('ssad slurm: the frozen config copy', () => {
  it('makes a relative data set folder absolute and keeps the rest of the config as written', () => {
    const written = { name: 'x', dataset: { source: 'folder', path: '../data/mvtec', layout: 'mvtec', imageSize: 32 }, seeds: [0], extra: { kept: true } };
    const c = config({ dataset: { source: 'folder', path: '../data/mvtec', layout: 'mvtec', imageSize: 32 } });
    const plan = planConfigCopy(written, c, BASE);
    assert.ok(plan.ok);
    assert.deepEqual(plan.json, { ...written, dataset: { ...written.dataset, path: '/shared/data/mvtec' } });
    assert.equal(written.dataset.path, '../data/mvtec', 'the written config is not changed');
    assert.deepEqual(plan.modules, []);
  });

  it('keeps an absolute data set folder as it is', () => {
    const written = { dataset: { source: 'folder', path: '/data/x', layout: 'classes', imageSize: 32 } };
    const plan = planConfigCopy(written, config({ dataset: { source: 'folder', path: '/data/x', layout: 'classes', imageSize: 32 } }), BASE);
    assert.ok(plan.ok);
    assert.equal((plan.json.dataset as { path: string }).path, '/data/x');
  });

  it('copies custom modules to the same relative path (their label), once each, and leaves absolute ones in place', () => {
    const refs = ['none', './ssad/augmentations/a.ts', { name: 'ssad/augmentations/b.ts', params: { k: 1 } }, '/opt/augs/c.ts'];
    const c = config({ augmentations: refs, testbed: { type: 'synthetic', anomalies: ['flip', './ssad/augmentations/a.ts'] } });
    const plan = planConfigCopy({ augmentations: refs }, c, BASE);
    assert.ok(plan.ok);
    assert.deepEqual(plan.json, { augmentations: refs });
    assert.deepEqual(plan.modules, [
      { field: 'augmentations[1]', from: '/shared/exp/ssad/augmentations/a.ts', to: 'ssad/augmentations/a.ts' },
      { field: 'augmentations[2]', from: '/shared/exp/ssad/augmentations/b.ts', to: 'ssad/augmentations/b.ts' },
    ]);
    assert.deepEqual(plan.readInPlace, ['/opt/augs/c.ts']);
  });

  it('refuses a module outside the config folder, naming the field and both ways out', () => {
    const c = config({ augmentations: ['none', '../shared-augs/x.ts', './a/../../y.ts'] });
    const plan = planConfigCopy({}, c, BASE);
    assert.ok(!plan.ok);
    assert.equal(plan.problems.length, 2);
    assert.match(plan.problems[0], /^augmentations\[1\]: "\.\.\/shared-augs\/x\.ts" lies outside the config's folder/);
    assert.match(plan.problems[0], /move the module under the config's folder, or write its absolute path/);
    assert.match(plan.problems[1], /^augmentations\[2\]: /);
  });
});

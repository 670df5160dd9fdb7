import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateConfig, validateConfigText, validateConfigWith, type AugmentationResolver, type ConfigError } from '../../../../src/engine/config';
import type { AugmentationDefinition, ResolvedAugmentation } from '../../../../src/engine/augment/types';
import type { AugmentationRef } from '../../../../src/shared/config';

const minimal = { name: 'q', dataset: { source: 'mnist' } };

function errorsOf(json: unknown, options?: { baseDir?: string }): ConfigError[] {
  const r = validateConfig(json, options);
  assert.equal(r.ok, false, 'expected the config to be invalid');
  return r.ok ? [] : r.errors;
}

function only(json: unknown): ConfigError {
  const errors = errorsOf(json);
  assert.equal(errors.length, 1, `expected one error, got ${JSON.stringify(errors, null, 2)}`);
  return errors[0];
}

function withKey<T extends object>(base: T, key: string, value: unknown): T {
  return { ...base, [key]: value };
}

describe('validateConfig: valid configs and defaults', () => {
  it('fills every default into a minimal config', () => {
    const r = validateConfig(minimal);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.config, {
      name: 'q',
      dataset: { source: 'mnist', normalClasses: [0], imageSize: 32 },
      testbed: { type: 'synthetic', anomalies: ['flip', 'cutout', 'invert'], redrawUnchanged: false },
      detector: { type: 'dae', width: 16, depth: 3, codeSize: 64 },
      augmentations: ['none', 'rotate', 'flip', 'cutout', 'invert', 'noise', 'blur'],
      training: { epochs: 10, batchSize: 128, learningRate: 0.001, weightDecay: 0, schedule: 'cosine' },
      seeds: [0],
      runtime: { backend: 'auto', augmentationTimeoutSeconds: 120, cellTimeoutSeconds: 86400, maxImagePixels: 50_000_000 },
    });
    assert.deepEqual(r.warnings, []);
  });

  it('keeps given values and fills only what is missing', () => {
    const r = validateConfig({
      name: 'x',
      dataset: { source: 'shapes', normalClasses: [1, 2], imageSize: 16, maxTest: 5 },
      testbed: { type: 'semantic' },
      detector: { type: 'classifier', depth: 2 },
      augmentations: ['none', 'cutout-0.2', { name: 'mask', params: { p: 0.3 } }],
      training: { epochs: 3 },
      runtime: { parallelism: 2 },
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.config.dataset, { source: 'shapes', normalClasses: [1, 2], imageSize: 16, channels: 1, maxTest: 5 });
    assert.deepEqual(r.config.testbed, { type: 'semantic', mode: 'one-vs-rest' });
    assert.deepEqual(r.config.detector, { type: 'classifier', width: 16, depth: 2, codeSize: 64 });
    assert.deepEqual(r.config.training, { epochs: 3, batchSize: 128, learningRate: 0.001, weightDecay: 0, schedule: 'cosine' });
    assert.deepEqual(r.config.runtime, { backend: 'auto', parallelism: 2, augmentationTimeoutSeconds: 120, cellTimeoutSeconds: 86400, maxImagePixels: 50_000_000 });
  });

  it('fills folder defaults (onBadImage) and leaves optional folder fields absent', () => {
    const r = validateConfig({ name: 'f', dataset: { source: 'folder', path: 'data', layout: 'mvtec' }, testbed: { type: 'labeled' } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.config.dataset, { source: 'folder', path: 'data', layout: 'mvtec', imageSize: 32, onBadImage: 'error' });
  });

  it('does not modify its input', () => {
    const input = { name: 'q', dataset: { source: 'mnist' } };
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    validateConfig(input);
    assert.deepEqual(input, copy);
  });

  it('accepts $schema and custom module paths (without baseDir, files are not checked)', () => {
    const r = validateConfig({ ...minimal, $schema: './ssad.schema.json', augmentations: ['none', './ssad/augmentations/x.ts'] });
    assert.ok(r.ok, JSON.stringify(r));
  });
});

describe('validateConfig: schema errors name the field and the problem', () => {
  it('a number below its minimum', () => {
    assert.deepEqual(only({ ...minimal, training: { epochs: 0 } }), {
      path: 'training.epochs',
      message: 'training.epochs must be an integer ≥ 1, got 0',
    });
  });

  it('a number above its maximum, an exclusive bound', () => {
    assert.equal(only({ ...minimal, dataset: { source: 'mnist', imageSize: 300 } }).message, 'dataset.imageSize must be an integer ≤ 256, got 300');
    assert.equal(only({ ...minimal, training: { learningRate: 0 } }).message, 'training.learningRate must be a number > 0, got 0');
  });

  it('a wrong type', () => {
    assert.deepEqual(only({ ...minimal, training: { epochs: '10' } }), {
      path: 'training.epochs',
      message: 'training.epochs must be an integer, got "10"',
    });
    assert.equal(only({ ...minimal, training: { epochs: 2.5 } }).message, 'training.epochs must be an integer, got 2.5');
    assert.equal(only({ ...minimal, training: [] }).message, 'training must be an object, got an empty list');
  });

  it('a wrong enum value, with did-you-mean', () => {
    assert.deepEqual(only({ name: 'q', dataset: { source: 'mnst' } }), {
      path: 'dataset.source',
      message: 'dataset.source must be one of mnist, shapes, folder, got "mnst" (did you mean "mnist"?)',
    });
    assert.equal(
      only({ ...minimal, training: { schedule: 'cosin' } }).message,
      'training.schedule must be one of cosine, constant, got "cosin" (did you mean "cosine"?)',
    );
    assert.equal(only({ ...minimal, runtime: { backend: 'gpu' } }).message,
      'runtime.backend must be one of auto, node, wasm, cpu, got "gpu" (did you mean "cpu"?)');
  });

  it('a wrong source gives one error, not one per branch', () => {
    const errors = errorsOf({ name: 'q', dataset: { source: 'folders', path: 'x', layout: 'mvtec' } });
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, 'dataset.source');
    assert.match(errors[0].message, /did you mean "folder"/);
  });

  it('a missing required field, with the condition that requires it', () => {
    assert.deepEqual(only({ name: 'q', dataset: { source: 'folder', layout: 'mvtec' } }), {
      path: 'dataset.path',
      message: 'dataset.path is required when dataset.source is "folder"',
    });
    assert.deepEqual(only({ dataset: { source: 'mnist' } }), { path: 'name', message: 'name is required' });
    assert.deepEqual(only({ name: 'q', dataset: {} }), { path: 'dataset.source', message: 'dataset.source is required' });
  });

  it('an unknown property, with did-you-mean', () => {
    assert.deepEqual(only({ ...minimal, training: { epoch: 3 } }), {
      path: 'training.epoch',
      message: 'training.epoch is not a known setting in training (did you mean "epochs"?)',
    });
    assert.deepEqual(only({ ...minimal, seed: [0] }), {
      path: 'seed',
      message: 'seed is not a known setting at the top level (did you mean "seeds"?)',
    });
  });

  it('an unknown property lists the known ones when nothing is close', () => {
    const e = only({ ...minimal, runtime: { zzzzzzzz: 1 } });
    assert.equal(e.message, 'runtime.zzzzzzzz is not a known setting in runtime; known: backend, parallelism, augmentationTimeoutSeconds, cellTimeoutSeconds, maxImagePixels');
  });

  it('a property of another source is reported against the chosen source', () => {
    assert.deepEqual(only({ name: 'q', dataset: { source: 'mnist', path: './x' } }), {
      path: 'dataset.path',
      message: 'dataset.path is not a known setting when dataset.source is "mnist"; known: source, normalClasses, imageSize, maxTrain, maxTest',
    });
    assert.equal(
      only({ ...minimal, testbed: { type: 'semantic', anomalies: ['flip'] } }).message,
      'testbed.anomalies is not a known setting when testbed.type is "semantic"; known: type, mode',
    );
  });

  it('empty and duplicate lists', () => {
    assert.deepEqual(only({ ...minimal, augmentations: [] }), { path: 'augmentations', message: 'augmentations must not be empty' });
    assert.deepEqual(only({ ...minimal, seeds: [] }), { path: 'seeds', message: 'seeds must not be empty' });
    assert.deepEqual(only({ ...minimal, seeds: [1, 2, 1] }), {
      path: 'seeds[2]',
      message: 'seeds[2] repeats seeds[0] (1); each entry must appear once',
    });
    assert.equal(only({ ...minimal, seeds: [0.5] }).message, 'seeds[0] must be an integer, got 0.5');
  });

  it('augmentation entries of the wrong shape', () => {
    assert.deepEqual(only({ ...minimal, augmentations: ['none', 3] }), {
      path: 'augmentations[1]',
      message: 'augmentations[1] must be a string or an object, got 3',
    });
    assert.deepEqual(only({ ...minimal, augmentations: ['none', ''] }), {
      path: 'augmentations[1]',
      message: 'augmentations[1] must not be empty',
    });
    assert.deepEqual(only({ ...minimal, augmentations: ['none', { params: {} }] }), {
      path: 'augmentations[1].name',
      message: 'augmentations[1].name is required',
    });
    assert.equal(
      only({ ...minimal, augmentations: ['none', { name: 'mask', params: { p: null } }] }).message,
      'augmentations[1].params.p must be a number, true or false, a string or a list, got null',
    );
  });

  it('a class index outside MNIST', () => {
    assert.deepEqual(only({ name: 'q', dataset: { source: 'mnist', normalClasses: [3, 10] } }), {
      path: 'dataset.normalClasses[1]',
      message: 'dataset.normalClasses[1] must be an integer ≤ 9, got 10',
    });
  });

  it('a config that is not an object', () => {
    assert.deepEqual(only([1]), { path: '', message: 'the config must be an object, got a list' });
    assert.deepEqual(only(null), { path: '', message: 'the config must be an object, got null' });
  });

  it('reports every problem, in the order of the config', () => {
    const errors = errorsOf({
      name: '',
      dataset: { source: 'mnist', imageSize: 4 },
      training: { epochs: 0, batchSize: 0 },
      extra: true,
    });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['name', 'dataset.imageSize', 'training.epochs', 'training.batchSize', 'extra'],
    );
  });

  it('keys that are not identifiers are quoted in paths', () => {
    const e = only({ ...minimal, training: { 'learning rate': 1 } });
    assert.equal(e.path, 'training["learning rate"]');
  });
});

describe('validateConfig: semantic checks', () => {
  it('an unknown augmentation name, with did-you-mean', () => {
    assert.deepEqual(only({ ...minimal, augmentations: ['none', 'cutot'] }), {
      path: 'augmentations[1]',
      message: 'augmentations[1]: Unknown augmentation "cutot" (did you mean "cutout"?)',
    });
  });

  it('an unknown synthetic anomaly, with did-you-mean', () => {
    assert.deepEqual(only({ ...minimal, testbed: { type: 'synthetic', anomalies: ['flip', 'invret'] } }), {
      path: 'testbed.anomalies[1]',
      message: 'testbed.anomalies[1]: Unknown augmentation "invret" (did you mean "invert"?)',
    });
  });

  it('bad augmentation parameters name the parameter', () => {
    const e = only({ ...minimal, augmentations: ['none', { name: 'cutout', params: { aera: 0.2 } }] });
    assert.equal(e.path, 'augmentations[1]');
    assert.match(e.message, /no parameter "aera" \(did you mean "area"\?\)/);
    const range = only({ ...minimal, augmentations: ['none', 'cutout-7'] });
    assert.equal(range.path, 'augmentations[1]');
    assert.match(range.message, /area/);
  });

  it('two entries that resolve to the same augmentation', () => {
    assert.deepEqual(only({ ...minimal, augmentations: ['none', 'flip', { name: 'flip' }] }), {
      path: 'augmentations[2]',
      message: 'augmentations[2] repeats augmentations[1]: both are "flip"; each entry must appear once',
    });
  });

  it('none as an anomaly function', () => {
    const e = only({ ...minimal, testbed: { type: 'synthetic', anomalies: ['none', 'flip'] } });
    assert.equal(e.path, 'testbed.anomalies[0]');
    assert.match(e.message, /"none" cannot make anomalies/);
  });

  it('a shape class out of range', () => {
    const e = only({ name: 'q', dataset: { source: 'shapes', normalClasses: [0, 99] } });
    assert.equal(e.path, 'dataset.normalClasses[1]');
    // The schema knows the 8 shape classes, so the error comes from it (and the editor shows it too).
    assert.match(e.message, /must be an integer ≤ 7, got 99/);
  });

  it('labeled needs an mvtec folder', () => {
    assert.deepEqual(only({ ...minimal, testbed: { type: 'labeled' } }), {
      path: 'testbed.type',
      message:
        'testbed labeled needs a folder dataset with layout mvtec (its test/<defect> folders are the anomalies), but dataset.source is "mnist"; use synthetic or semantic',
    });
    const classes = only({ name: 'q', dataset: { source: 'folder', path: 'x', layout: 'classes' }, testbed: { type: 'labeled' } });
    assert.match(classes.message, /with layout "classes"/);
  });

  it('semantic makes no sense on an mvtec folder', () => {
    const e = only({ name: 'q', dataset: { source: 'folder', path: 'x', layout: 'mvtec' }, testbed: { type: 'semantic' } });
    assert.equal(e.path, 'testbed.type');
    assert.match(e.message, /testbed semantic needs a dataset of several classes/);
  });

  it('a detector deeper than the image allows', () => {
    const e = only({ name: 'q', dataset: { source: 'mnist', imageSize: 8 }, detector: { depth: 4 } });
    assert.equal(e.path, 'detector.depth');
    assert.match(e.message, /at most 3/);
  });

  it('warns when none is missing, and when the batch exceeds the training sample', () => {
    const r = validateConfig({ name: 'q', dataset: { source: 'mnist', maxTrain: 50 }, augmentations: ['flip', 'cutout'] });
    assert.ok(r.ok);
    assert.deepEqual(
      r.warnings.map((w) => w.path),
      ['augmentations', 'training.batchSize'],
    );
    assert.match(r.warnings[0].message, /no "none"/);
  });

  it('counts a parameterised none-free list and an object {name: "none"} correctly', () => {
    const r = validateConfig({ ...minimal, augmentations: [{ name: 'none' }, 'cutout-0.1'] });
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, []);
  });

  it('warns that normalClasses is ignored for mvtec', () => {
    const r = validateConfig({ name: 'q', dataset: { source: 'folder', path: 'x', layout: 'mvtec', normalClasses: ['a'] }, testbed: { type: 'labeled' } });
    assert.ok(r.ok);
    assert.deepEqual(r.warnings.map((w) => w.path), ['dataset.normalClasses']);
  });
});

describe('validateConfig: files, with baseDir', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssad-config-'));
    for (const sub of ['mv/train/good', 'mv/test/good', 'mv/test/crack', 'cls/cat', 'cls/dog', 'half/train/good', 'ssad/augmentations']) {
      fs.mkdirSync(path.join(dir, sub), { recursive: true });
    }
    fs.writeFileSync(path.join(dir, 'ssad/augmentations/mine.ts'), 'export {};\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts existing folders and module files', () => {
    const mv = validateConfig(
      { name: 'q', dataset: { source: 'folder', path: './mv', layout: 'mvtec' }, testbed: { type: 'labeled' }, augmentations: ['none', './ssad/augmentations/mine.ts'] },
      { baseDir: dir },
    );
    assert.ok(mv.ok, JSON.stringify(mv));
    const cls = validateConfig(
      { name: 'q', dataset: { source: 'folder', path: 'cls', layout: 'classes', normalClasses: ['cat'] }, testbed: { type: 'semantic' } },
      { baseDir: dir },
    );
    assert.ok(cls.ok, JSON.stringify(cls));
  });

  it('a missing data folder', () => {
    const errors = errorsOf({ name: 'q', dataset: { source: 'folder', path: './nowhere', layout: 'classes' } }, { baseDir: dir });
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, 'dataset.path');
    assert.match(errors[0].message, /the folder "\.\/nowhere" was not found/);
  });

  it('an mvtec folder without test/good', () => {
    const errors = errorsOf({ name: 'q', dataset: { source: 'folder', path: 'half', layout: 'mvtec' }, testbed: { type: 'labeled' } }, { baseDir: dir });
    assert.deepEqual(errors, [{ path: 'dataset.layout', message: 'dataset.layout "mvtec" needs a test/good folder in half, and there is none' }]);
  });

  it('a class folder that does not exist, with did-you-mean', () => {
    const errors = errorsOf({ name: 'q', dataset: { source: 'folder', path: 'cls', layout: 'classes', normalClasses: ['cta'] }, testbed: { type: 'semantic' } }, { baseDir: dir });
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, 'dataset.normalClasses[0]');
    assert.match(errors[0].message, /no class folder "cta" in cls \(did you mean "cat"\?\); classes: cat, dog/);
  });

  it('a custom module that does not exist', () => {
    const errors = errorsOf({ ...minimal, augmentations: ['none', './ssad/augmentations/missing.ts'] }, { baseDir: dir });
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, 'augmentations[1]');
    assert.match(errors[0].message, /custom augmentation module "\.\/ssad\/augmentations\/missing\.ts" was not found/);
  });
});

describe('validateConfigWith: any augmentation resolver', () => {
  const fake = (name: string): AugmentationDefinition => ({
    name,
    category: 'custom',
    description: `fake ${name}`,
    params: {},
    apply: (batch) => batch,
  });
  const known = ['none', 'spin'];
  const resolver: AugmentationResolver = {
    isModulePath: (ref: AugmentationRef) => (typeof ref === 'string' ? ref : ref.name).endsWith('.ts'),
    resolve(ref: AugmentationRef): ResolvedAugmentation {
      const name = typeof ref === 'string' ? ref : ref.name;
      if (!known.includes(name)) throw new Error(`Unknown augmentation "${name}"`);
      return { id: name, definition: fake(name), params: {} };
    },
  };

  it('uses the given resolver for names', () => {
    const ok = validateConfigWith(resolver, { ...minimal, augmentations: ['none', 'spin'], testbed: { type: 'synthetic', anomalies: ['spin'] } });
    assert.ok(ok.ok, JSON.stringify(ok));
    const bad = validateConfigWith(resolver, { ...minimal, augmentations: ['none', 'flip'], testbed: { type: 'synthetic', anomalies: ['spin'] } });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.errors, [{ path: 'augmentations[1]', message: 'augmentations[1]: Unknown augmentation "flip"' }]);
  });

  it('asks no resolver when the schema already fails', () => {
    let calls = 0;
    const counting: AugmentationResolver = { ...resolver, resolve: (r) => (calls++, resolver.resolve(r)) };
    const r = validateConfigWith(counting, withKey(minimal, 'training', { epochs: -1 }));
    assert.ok(!r.ok);
    assert.equal(calls, 0);
  });
});

describe('validateConfig: detector rotnet needs augmentations with discrete variants', () => {
  it('rejects none and continuous augmentations with the field, and accepts rotate, flip and invert', () => {
    const detector = { type: 'rotnet', width: 8, depth: 2, codeSize: 16 };
    const errors = errorsOf({ ...minimal, detector, augmentations: ['none', 'rotate', 'blur'] });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['augmentations[0]', 'augmentations[2]'],
    );
    assert.match(errors[0].message, /"none" has none; use rotate, flip or invert \(the no-self-supervision baseline is a separate run with detector "dae" and "none"\)/);
    const ok = validateConfig({ ...minimal, detector, augmentations: ['rotate', 'flip', 'invert'] });
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.deepEqual(ok.warnings, [], 'no "add none" advice for rotnet');
  });

  it('every shipped example config is valid apart from the data folders it expects you to provide', () => {
    const dir = path.resolve(__dirname, '../../../../examples');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ssad.json'))) {
      const r = validateConfig(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), { baseDir: dir });
      const problems = r.ok ? [] : r.errors.filter((e) => e.path !== 'dataset.path');
      assert.deepEqual(problems, [], file);
    }
  });
});

describe('validateConfigText: where it failed', () => {
  const base = { name: 'x', dataset: { source: 'shapes', normalClasses: [0], imageSize: 16 }, testbed: { type: 'synthetic', anomalies: ['flip'] }, augmentations: ['none', 'flip'] };
  it('syntax, schema, or (absent) the semantic checks — so an editor with the schema can leave the first two to the JSON service', () => {
    const syntax = validateConfigText('{ "name": ', 'x.ssad.json');
    assert.ok(!syntax.ok && syntax.failedOn === 'syntax');
    const schema = validateConfigText(JSON.stringify({ ...base, training: { epochs: 0 } }), 'x.ssad.json');
    assert.ok(!schema.ok && schema.failedOn === 'schema');
    assert.match(schema.errors[0].message, /training\.epochs/);
    const semantic = validateConfigText(JSON.stringify({ ...base, augmentations: ['none', 'flpi'] }), 'x.ssad.json');
    assert.ok(!semantic.ok && semantic.failedOn === undefined);
    assert.match(semantic.errors[0].message, /did you mean "flip"/);
  });
});

/**
 * Fault cases: bad configs, names in other scripts, unusable output paths (issue 11, defects 2
 * and 8). What `ssad validate` accepts, `ssad run` runs; what `run` rejects, `validate` rejects
 * first; every refusal is one line with exit 2.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, judge, onlyRun, oneLine, png, requireBuild, writeConfig } from './cli';
import { tried } from './tally';
import { baseConfig, COPY, moduleSource, writeModule } from '../helpers/hostile';

describe('faults: configs and output paths', function () {
  this.timeout(120_000);
  let root: string;
  before(requireBuild);
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ssad-faults-config-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const bad: Array<[string, string | ((dir: string) => void), RegExp]> = [
    ['not JSON', '{ "name": ', /cannot parse|Unexpected|JSON/i],
    ['empty file', '', /./],
    ['an array', '[]', /must be an object|expected an object|object/i],
    ['unknown augmentation', JSON.stringify(baseConfig({ augmentations: ['none', 'flipp'] })), /flipp.*did you mean "flip"/],
    ['zero epochs', JSON.stringify(baseConfig({ training: { epochs: 0 } })), /training\.epochs must be an integer ≥ 1/],
    ['a missing module', JSON.stringify(baseConfig({ augmentations: ['none', './ssad/augmentations/none-such.ts'] })), /none-such\.ts" was not found/],
    ['a negative time limit', JSON.stringify(baseConfig({ runtime: { backend: 'cpu', augmentationTimeoutSeconds: -1 } })), /augmentationTimeoutSeconds/],
    ['a zero pixel budget', JSON.stringify(baseConfig({ runtime: { backend: 'cpu', maxImagePixels: 0 } })), /maxImagePixels/],
  ];
  for (const [what, text, message] of bad) {
    it(`rejects ${what} in validate and run alike: exit 2, the problem named`, () => {
      tried();
      const file = join(root, 'bad.ssad.json');
      if (typeof text === 'string') writeFileSync(file, text);
      const v = cli(['validate', file]);
      const r = cli(['run', file, '--out', join(root, 'runs')]);
      assert.equal(v.status, 2, v.stderr);
      assert.equal(r.status, 2, r.stderr);
      assert.match(v.stderr, message);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
    });
  }

  it('a config that is a folder, or missing: one line, exit 2', () => {
    tried();
    mkdirSync(join(root, 'dir.ssad.json'));
    for (const file of [join(root, 'dir.ssad.json'), join(root, 'missing.ssad.json')]) {
      const r = cli(['run', file]);
      assert.equal(r.status, 2, r.stderr);
      assert.ok(oneLine(r.stderr), r.stderr);
    }
  });

  it('classes named in another script (猫, 犬) and modules ねこ.ts, いぬ.ts: validate says valid and run completes, ids distinct', async () => {
    tried();
    for (const cls of ['猫', '犬']) {
      mkdirSync(join(root, 'data', cls), { recursive: true });
      for (let i = 0; i < 8; i++) writeFileSync(join(root, 'data', cls, `${i}.png`), png(16, 16, i + (cls === '猫' ? 0 : 50)));
    }
    const neko = writeModule(root, 'ねこ.ts', moduleSource('neko', COPY));
    const inu = writeModule(root, 'いぬ.ts', moduleSource('inu', COPY));
    const file = writeConfig(root, 'unicode', {
      dataset: { source: 'folder', path: './data', layout: 'classes', normalClasses: ['猫', '犬'], imageSize: 16, channels: 1 },
      testbed: { type: 'semantic', mode: 'one-vs-rest' },
      augmentations: ['none', neko, inu],
      training: { epochs: 1, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
    });
    assert.equal(cli(['validate', file]).status, 0);
    const r = cli(['run', file, '--out', join(root, 'runs')]);
    const runDir = onlyRun(join(root, 'runs'));
    const results = await judge('unicode names', runDir, r, { status: 'completed' });
    assert.equal(new Set(results.cells.map((c) => c.id)).size, 6);
    assert.ok(results.cells.every((c) => !c.scoresFile!.includes('/.')), 'no hidden score files');
  });

  it('a class folder called "normal" is caught by validate, as run would reject it', () => {
    tried();
    for (const cls of ['normal', 'cats']) {
      mkdirSync(join(root, 'data', cls), { recursive: true });
      for (let i = 0; i < 4; i++) writeFileSync(join(root, 'data', cls, `${i}.png`), png(16, 16, i));
    }
    const file = writeConfig(root, 'reserved', {
      dataset: { source: 'folder', path: './data', layout: 'classes', normalClasses: ['cats'], imageSize: 16, channels: 1 },
      testbed: { type: 'semantic', mode: 'one-vs-rest' },
    });
    const v = cli(['validate', file]);
    assert.equal(v.status, 2);
    assert.match(v.stderr, /class folder "normal" .* is reserved/);
  });

  it('unusable output paths are one line with exit 2: --out under /proc, --out naming a file, samples --out a folder or unwritable', () => {
    tried();
    const file = writeConfig(root, 'ok');
    writeFileSync(join(root, 'a-file'), '');
    const cases: Array<[string[], RegExp]> = [
      [['run', file, '--out', '/proc/ssad-faults'], /^ssad: cannot create the runs folder \/proc\/ssad-faults: /],
      [['run', file, '--out', join(root, 'a-file')], /is a file, not a folder/],
      [['run', file, '--out', join(root, 'a-file', 'deeper')], /is a file, not a folder/],
      [['samples', '--out', root], /it is a folder/],
      [['samples', '--out', join(root, 'a-file', 'x.png')], /is a file, not a folder/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, { timeoutMs: 30_000 });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(oneLine(r.stderr), `${args.join(' ')}: not one line:\n${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});

/**
 * The built `ssad` CLI (dist/cli.js, as users run it): exit codes, config errors, and Ctrl-C.
 * `npm test` builds before the unit tests; run `npm run build` first when running this alone.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunResults } from '../../../src/shared/results';
import { processesWithEnv, waitUntil } from '../../helpers/processes';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function tinyConfig(epochs: number): object {
  return {
    name: 'cli test',
    dataset: { source: 'shapes', normalClasses: [1], imageSize: 16, maxTrain: 48, maxTest: 16 },
    testbed: { type: 'synthetic', anomalies: ['flip'] },
    detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
    augmentations: ['none', 'flip'],
    training: { epochs, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
    seeds: [0],
    runtime: { backend: 'wasm', parallelism: 2 },
  };
}

describe('ssad CLI (built bundle)', function () {
  this.timeout(120_000);
  let dir: string;

  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 and names the field for an invalid config', () => {
    const file = join(dir, 'bad.ssad.json');
    writeFileSync(file, JSON.stringify({ ...tinyConfig(1), training: { epochs: 0 } }));
    const r = spawnSync(process.execPath, [CLI, 'validate', file], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /training\.epochs/);
  });

  it('validate loads custom modules as run would: a bad name, a process.exit and an endless loop are reported by field, a good module passes', () => {
    const mods = join(dir, 'ssad', 'augmentations');
    mkdirSync(mods, { recursive: true });
    const module = (name: string, body: string) => `export default {name:'${name}',category:'custom',description:'d',params:{},apply(batch,params,rng,mode){ ${body} }};\n`;
    writeFileSync(join(mods, 'ねこ.ts'), module('ねこ', 'return batch;'));
    writeFileSync(join(mods, 'ok.ts'), module('ok', 'return {...batch, data: batch.data.slice()};'));
    writeFileSync(join(mods, 'exit.ts'), 'process.exit(0);\n');
    writeFileSync(join(mods, 'loop.ts'), `${module('loop', 'return batch;')}while (true) {}\n`);
    const config = (augmentations: string[]) => ({ ...tinyConfig(1), augmentations, runtime: { backend: 'cpu', parallelism: 1, augmentationTimeoutSeconds: 3 } });
    const file = join(dir, 'modules.ssad.json');
    writeFileSync(file, JSON.stringify(config(['none', './ssad/augmentations/ねこ.ts', './ssad/augmentations/ok.ts', './ssad/augmentations/exit.ts', './ssad/augmentations/loop.ts'])));
    const r = spawnSync(process.execPath, [CLI, 'validate', file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /augmentations\[1\]: ssad\/augmentations\/ねこ\.ts:1: invalid augmentation: name "ねこ" must be lower-case/);
    assert.match(r.stderr, /augmentations\[3\]: ssad\/augmentations\/exit\.ts:1: .*process\.exit\(0\)/);
    assert.match(r.stderr, /augmentations\[4\]: \.\/ssad\/augmentations\/loop\.ts: loading the module did not finish within 3 s/);
    assert.doesNotMatch(r.stderr, /augmentations\[2\]/);
    writeFileSync(file, JSON.stringify(config(['none', './ssad/augmentations/ok.ts'])));
    const good = spawnSync(process.execPath, [CLI, 'validate', file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /valid/);
  });

  it('exits 2 on bad usage', () => {
    const r = spawnSync(process.execPath, [CLI, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
  });

  it('runs a tiny grid to completion, exit 0, printing the matrix with the none row and Δ', () => {
    const file = join(dir, 'ok.ssad.json');
    writeFileSync(file, JSON.stringify(tinyConfig(1)));
    const r = spawnSync(process.execPath, [CLI, 'run', file, '--out', join(dir, 'runs')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^none\s+\d\.\d{3}/m);
    assert.match(r.stdout, /^flip\s+\d\.\d{3} \([+− ]\d\.\d{3}\*?\)/m);
    const [runId] = readdirSync(join(dir, 'runs'));
    const results = JSON.parse(readFileSync(join(dir, 'runs', runId, 'results.json'), 'utf8')) as RunResults;
    assert.equal(results.status, 'completed');
  });

  it('Ctrl-C cancels within a second: exit 130, run marked canceled, no training process left', async () => {
    const file = join(dir, 'long.ssad.json');
    writeFileSync(file, JSON.stringify(tinyConfig(500)));
    const mark = `cli-sigint-${process.pid}-${Date.now()}`;
    const child = spawn(process.execPath, [CLI, 'run', file, '--out', join(dir, 'runs')], {
      env: { ...process.env, SSAD_TEST_MARK: mark },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await waitUntil(() => /cell 2\/2/.test(stderr), 60_000, 'both cells to start training');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(processesWithEnv('SSAD_TEST_MARK', mark).length >= 3, 'the CLI and its training children are running');
    const t0 = Date.now();
    child.kill('SIGINT');
    const code = await exited;
    const elapsed = Date.now() - t0;
    assert.equal(code, 130, stderr);
    assert.ok(elapsed < 1000, `the CLI took ${elapsed} ms to stop`);
    assert.deepEqual(processesWithEnv('SSAD_TEST_MARK', mark), [], 'no process of the run is left');
    const [runId] = readdirSync(join(dir, 'runs'));
    const results = JSON.parse(readFileSync(join(dir, 'runs', runId, 'results.json'), 'utf8')) as RunResults;
    assert.equal(results.status, 'canceled');
  });
});

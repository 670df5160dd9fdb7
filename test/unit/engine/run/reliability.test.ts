/**
 * The grid runner under hostile modules and failing processes (issue 11), with real training
 * children (the TypeScript worker through tsx) on config B: a module that never returns, one that
 * ends its process, a results.json that cannot be written, children that die before they are
 * ready. Every run must end in a clear state, name the module that failed and leave the other
 * cells alone.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExperimentConfig } from '../../../../src/shared/config';
import type { RunEvent } from '../../../../src/shared/progress';
import type { RunResults } from '../../../../src/shared/results';
import { validateConfig } from '../../../../src/engine/config';
import { resultsLabel } from '../../../../src/engine/augment';
import { startRun, type RunOptions } from '../../../../src/engine/run/runExperiment';
import { childrenOf } from '../../../helpers/processes';
import { baseConfig, COPY, moduleSource, writeModule } from '../../../helpers/hostile';

const WORKER = resolve(__dirname, '../../../../src/engine/worker/trainWorker.ts');

function config(root: string, overrides: Record<string, unknown>): ExperimentConfig {
  const checked = validateConfig(baseConfig(overrides), { baseDir: root });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.config;
}

function options(root: string, cfg: ExperimentConfig, extra: Partial<RunOptions> = {}): RunOptions {
  return {
    config: cfg,
    baseDir: root,
    runsDir: join(root, 'runs'),
    augmentationLabel: resultsLabel,
    workerScript: WORKER,
    workerExecArgv: ['--require', 'tsx/cjs'],
    ...extra,
  };
}

function onDisk(runDir: string): RunResults {
  return JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
}

const runtime = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ backend: 'cpu', parallelism: 1, ...extra });

describe('grid runner reliability (issue 11)', function () {
  this.timeout(120_000);
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ssad-reliability-'))));
  afterEach(() => {
    delete process.env.SSAD_FAULT_WRITE;
    rmSync(root, { recursive: true, force: true });
  });

  it('a module that never returns fails only its cell after the time limit, naming the module and the call; the sheet is skipped, none trains', async () => {
    const loop = writeModule(root, 'loop.ts', moduleSource('loop', 'while(true){}'));
    const cfg = config(root, { augmentations: ['none', loop], runtime: runtime({ augmentationTimeoutSeconds: 1.5 }) });
    const t0 = Date.now();
    const results = await startRun(options(root, cfg)).done;
    assert.ok(Date.now() - t0 < 60_000, `took ${Date.now() - t0} ms`);
    const none = results.cells.find((c) => c.augmentation === 'none');
    const bad = results.cells.find((c) => c.augmentation === loop);
    assert.equal(none?.status, 'completed', none?.error);
    assert.equal(bad?.status, 'failed');
    assert.match(bad!.error!, /^ssad\/augmentations\/loop\.ts:1: apply \(train mode.*\) did not return within 1\.5 s \(runtime\.augmentationTimeoutSeconds\) while training cell/);
    assert.equal(results.status, 'failed');
    assert.ok(results.warnings?.some((w) => /sample sheet skipped: ssad\/augmentations\/loop\.ts:1: apply/.test(w)), JSON.stringify(results.warnings));
    assert.deepEqual(childrenOf(process.pid, 'trainWorker'), [], 'no training process left');
  });

  it('never trains more cells at once than the parallelism, though the sample sheet had a process of its own', async () => {
    // Cells long enough (a few seconds each) that a third one would overlap the first two.
    const cfg = config(root, {
      augmentations: ['none', 'flip', 'invert', 'rotate'],
      training: { epochs: 40, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
      runtime: runtime({ parallelism: 2 }),
    });
    const running = new Set<string>();
    let most = 0;
    const results = await startRun(
      options(root, cfg, {
        onEvent: (e: RunEvent) => {
          if (e.type === 'cell-started') running.add(e.cellId);
          if (e.type === 'cell-finished') running.delete(e.cell.id);
          most = Math.max(most, running.size);
        },
      }),
    ).done;
    assert.equal(results.status, 'completed', results.error);
    assert.ok(results.samplesFile, 'the sample sheet was written');
    assert.equal(most, 2, 'cells training at once');
  });

  it('a module that never returns as a testbed anomaly fails the run during start-up, naming it', async () => {
    const loop = writeModule(root, 'loop.ts', moduleSource('loop', 'while(true){}'));
    const cfg = config(root, { testbed: { type: 'synthetic', anomalies: ['flip', loop] }, runtime: runtime({ augmentationTimeoutSeconds: 1 }) });
    const handle = startRun(options(root, cfg));
    const results = await handle.done;
    assert.equal(results.status, 'failed');
    assert.match(results.error!, /^ssad\/augmentations\/loop\.ts:1: apply \(anomaly mode.*\) did not return within 1 s .* during start-up/);
    assert.equal(onDisk(handle.runDir).status, 'failed');
  });

  it('a module whose top level never returns fails its cell as "loading the module"', async () => {
    const stuck = writeModule(root, 'stuck.ts', `while (true) {}\n${moduleSource('stuck', COPY)}`);
    const cfg = config(root, { augmentations: ['none', stuck], runtime: runtime({ augmentationTimeoutSeconds: 1 }) });
    const results = await startRun(options(root, cfg)).done;
    assert.equal(results.cells[0].status, 'completed', results.cells[0].error);
    assert.match(results.cells[1].error!, /^ssad\/augmentations\/stuck\.ts: loading the module \(its top-level code\) did not return within 1 s/);
  });

  it('a cell that runs longer than runtime.cellTimeoutSeconds fails, and the next cell still trains', async () => {
    const cfg = config(root, { training: { epochs: 400, batchSize: 16, learningRate: 0.003, schedule: 'constant' }, runtime: runtime({ cellTimeoutSeconds: 2 }) });
    const results = await startRun(options(root, cfg)).done;
    assert.equal(results.status, 'failed');
    for (const cell of results.cells) {
      assert.equal(cell.status, 'failed');
      assert.match(cell.error!, /^the cell took longer than 2 s \(runtime\.cellTimeoutSeconds\) \(at epoch \d+\/400\)/);
    }
  });

  it('process.exit in a module fails only its own cell, with file:line; none (trained first, after the sheet) completes', async () => {
    const quits = writeModule(root, 'quits.ts', moduleSource('quits', 'process.exit(0);'));
    const top = writeModule(root, 'top.ts', `process.exit(3);\n${moduleSource('top', COPY)}`);
    const cfg = config(root, { augmentations: ['none', quits, top] });
    const results = await startRun(options(root, cfg)).done;
    const by = new Map(results.cells.map((c) => [c.augmentation, c]));
    assert.equal(by.get('none')?.status, 'completed', by.get('none')?.error);
    assert.equal(by.get(quits)?.error, 'ssad/augmentations/quits.ts:1: apply (train mode, a batch of 16) called process.exit(0); a custom augmentation must return its result and never end the process');
    assert.equal(by.get(top)?.error, 'ssad/augmentations/top.ts:1: loading the module (its top-level code) called process.exit(3); a custom augmentation must return its result and never end the process');
    assert.ok(results.samplesFile, 'the sample sheet was drawn (without the broken rows)');
  });

  it('a module that kills its own process hard fails its cell, naming the module; the others complete', async () => {
    const kills = writeModule(root, 'kills.ts', moduleSource('kills', "require('node:child_process').execSync('kill -9 ' + process.pid);"));
    const cfg = config(root, { augmentations: ['none', kills, 'flip'] });
    const results = await startRun(options(root, cfg)).done;
    const by = new Map(results.cells.map((c) => [c.augmentation, c]));
    assert.equal(by.get('none')?.status, 'completed', by.get('none')?.error);
    assert.equal(by.get('flip')?.status, 'completed', by.get('flip')?.error);
    assert.match(by.get(kills)!.error!, /^ssad\/augmentations\/kills\.ts:1: the training process died \(signal SIGKILL\) while apply \(train mode/);
    assert.ok(results.warnings?.some((w) => w.startsWith('sample sheet skipped: ssad/augmentations/kills.ts:1')), JSON.stringify(results.warnings));
  });

  it('a results.json that cannot be written after the first cell ends the run failed, naming the file and the reason', async () => {
    // Writes 1 and 2 (start, plan) succeed; the save after the first cell fails as a full disk would.
    process.env.SSAD_FAULT_WRITE = 'ENOSPC:results.json:2';
    const handle = startRun(options(root, config(root, {})));
    const results = await handle.done;
    assert.equal(results.status, 'failed');
    assert.match(results.error!, new RegExp(`^cannot write ${join(handle.runDir, 'results.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no space left on device \\(ENOSPC\\); the run stopped`));
    assert.deepEqual(readdirSync(handle.runDir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');
    assert.deepEqual(childrenOf(process.pid, 'trainWorker'), []);
  });

  it('children that keep dying before they are ready use up a respawn budget, then the run fails', async () => {
    // A stand-in worker: the first process is ready and dies in its cell; every later one dies at once.
    const marker = join(root, 'started-once');
    const fake = join(root, 'fake-worker.js');
    writeFileSync(
      fake,
      `const fs = require('fs');
if (fs.existsSync(${JSON.stringify(marker)})) { fs.appendFileSync(${JSON.stringify(marker)}, 'x'); process.exit(1); }
fs.writeFileSync(${JSON.stringify(marker)}, '');
process.on('message', (m) => {
  if (m.type === 'init') process.send({ type: 'ready', backend: { name: 'cpu', requested: 'cpu', detail: 'fake' }, scale: { normalClasses: ['circle'], anomalyTypes: ['flip'], trainImages: 1, testImages: 1, skipped: [] } });
  if (m.type === 'samples') process.send({ type: 'samples-failed', error: 'fake' });
  if (m.type === 'cell') process.exit(9);
});
`,
    );
    const events: RunEvent[] = [];
    const results = await startRun(options(root, config(root, {}), { workerScript: fake, workerExecArgv: [], onEvent: (e) => events.push(e) })).done;
    assert.equal(results.status, 'failed');
    assert.match(results.error!, /^4 training processes in a row exited before they were ready \(last: the training process exited \(exit code 1\)/);
    assert.equal(readFileSync(marker, 'utf8').length, 4, 'four replacements were tried, then no more');
  });

  it('two runs asked for the same run id get two folders', async () => {
    const cfg = config(root, {});
    const a = startRun(options(root, cfg, { runId: 'same' }));
    const b = startRun(options(root, cfg, { runId: 'same' }));
    assert.notEqual(a.runDir, b.runDir);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    assert.equal(ra.status, 'completed', ra.error);
    assert.equal(rb.status, 'completed', rb.error);
    assert.equal(onDisk(a.runDir).id, 'same');
    assert.equal(onDisk(b.runDir).id, 'same-2');
  });
});

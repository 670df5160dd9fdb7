/**
 * Fault cases: signals to the CLI, a CLI killed outright and resumed, concurrent runs into one
 * folder, training processes that die before they are ready (issue 11, defects 5 and 10, and the
 * interrupted state).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../src/engine/config';
import { resultsLabel } from '../../src/engine/augment';
import { readRunResults } from '../../src/engine/run/readResults';
import { startRun } from '../../src/engine/run/runExperiment';
import type { RunResults } from '../../src/shared/results';
import { baseConfig, COPY, moduleSource, writeModule } from '../helpers/hostile';
import { waitUntil } from '../helpers/processes';
import { cli, cliAsync, judge, lostCells, onlyRun, readJson, requireBuild, writeConfig } from './cli';
import { lost, runEnded, tried } from './tally';

/** Four cells of about a second each on the cpu backend: time to act between them. */
const LONG = {
  augmentations: ['none', 'flip', 'invert', 'noise'],
  training: { epochs: 30, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
};

describe('faults: signals, kills, resume, concurrent runs, respawns', function () {
  this.timeout(150_000);
  let root: string;
  before(requireBuild);
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ssad-faults-proc-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} to the CLI while it trains: exit 130, canceled, nothing left running`, async () => {
      tried();
      const file = writeConfig(root, 'sig', LONG);
      const run = cliAsync(['run', file, '--out', join(root, 'runs')]);
      await waitUntil(() => /cell 1\/4/.test(run.out.stderr), 60_000, 'training to start');
      run.child.kill(signal);
      const r = await run.done;
      await judge(`${signal} to the CLI`, onlyRun(join(root, 'runs')), r, { status: 'canceled', exit: 130 });
    });
  }

  it('SIGKILL of the CLI: readers see interrupted; --resume trains only the rest, losing no completed cell', async () => {
    tried();
    const file = writeConfig(root, 'kill', LONG);
    const run = cliAsync(['run', file, '--out', join(root, 'runs')]);
    await waitUntil(() => /^ {2}done /m.test(run.out.stderr), 60_000, 'a first cell to complete');
    run.child.kill('SIGKILL');
    const killed = await run.done;
    const runDir = onlyRun(join(root, 'runs'));
    await waitUntil(() => readRunResults(runDir).status === 'interrupted', 5_000, 'the run to read as interrupted');
    const before = readRunResults(runDir);
    assert.equal(readJson<RunResults>(join(runDir, 'results.json')).status, 'running', 'the file itself could not be updated');
    assert.match(before.error!, /resume it/);
    runEnded('SIGKILL of the CLI', true);
    lost(lostCells(runDir, before, killed.stderr));
    const done = before.cells.filter((c) => c.status === 'completed');
    assert.ok(done.length >= 1);

    const resumed = cli(['run', '--resume', runDir]);
    const after = await judge('resume after SIGKILL', runDir, resumed, { status: 'completed' });
    for (const c of done) {
      const now = after.cells.find((x) => x.id === c.id);
      if (!now || now.trainSeconds !== c.trainSeconds || now.status !== 'completed') lost(1);
      assert.deepEqual(now, c, `${c.id} was kept as it was`);
    }
    assert.equal(after.resumedAt?.length, 1);
    assert.equal((resumed.stderr.match(/^cell \d\/4/gm) ?? []).length, 4 - done.length, 'only the rest trained');
  });

  it('--resume refuses a completed run, a changed config, a changed module, and a run that still trains', async () => {
    tried();
    const mod = writeModule(root, 'keep.ts', moduleSource('keep', COPY));
    const file = writeConfig(root, 'resume', { ...LONG, augmentations: ['none', mod, 'flip', 'invert'] });
    const run = cliAsync(['run', file, '--out', join(root, 'runs')]);
    await waitUntil(() => /^ {2}done /m.test(run.out.stderr), 60_000, 'a first cell');
    const runDir = onlyRun(join(root, 'runs'));
    const busy = cli(['run', '--resume', runDir]);
    assert.equal(busy.status, 2);
    assert.match(busy.stderr, /still training \(process \d+/);
    run.child.kill('SIGKILL');
    await run.done;
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), seeds: [0, 1] }));
    const changed = cli(['run', '--resume', runDir]);
    assert.equal(changed.status, 2);
    assert.match(changed.stderr, /changed since the run started \(first difference: seeds\[1\]\)/);
    writeFileSync(file, JSON.stringify(baseConfig({ ...LONG, augmentations: ['none', mod, 'flip', 'invert'] }), null, 2));
    writeModule(root, 'keep.ts', moduleSource('keep', `/* edited */ ${COPY}`));
    const module = cli(['run', '--resume', runDir]);
    assert.equal(module.status, 2);
    assert.match(module.stderr, /ssad\/augmentations\/keep\.ts changed since the run started/);
    writeModule(root, 'keep.ts', moduleSource('keep', COPY));
    const ok = cli(['run', '--resume', runDir]);
    await judge('resume after checks', runDir, ok, { status: 'completed' });
    const again = cli(['run', '--resume', runDir]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /completed already/);
  });

  it('three runs of one config into one --out at the same moment get three folders; nothing interleaves', async () => {
    tried();
    const file = writeConfig(root, 'same');
    const runs = [0, 1, 2].map(() => cliAsync(['run', file, '--out', join(root, 'runs')]));
    const ended = await Promise.all(runs.map((r) => r.done));
    const folders = readdirSync(join(root, 'runs')).sort();
    assert.equal(folders.length, 3, folders.join(', '));
    // Started within the same second they would share an id; the later ones get -2, -3.
    const bases = folders.map((f) => f.replace(/-tiny(-\d+)?$/, '-tiny'));
    for (const base of new Set(bases)) {
      const same = folders.filter((_, i) => bases[i] === base);
      assert.deepEqual(same, [base, ...same.slice(1).map((_, i) => `${base}-${i + 2}`)].slice(0, same.length));
    }
    for (const [i, folder] of folders.entries()) {
      const runDir = join(root, 'runs', folder);
      const r = ended.find((e) => e.stdout.includes(`Run folder: ${runDir}\n`));
      assert.ok(r, `the CLI that wrote ${folder}`);
      const results = await judge(`concurrent run ${i + 1}`, runDir, r, { status: 'completed' });
      assert.equal(results.id, folder);
      assert.deepEqual(readdirSync(join(runDir, 'scores')).sort(), results.cells.map((c) => `${c.id}.json`).sort(), 'its own scores only');
    }
  });

  it('training processes that keep dying before they are ready: a respawn budget, then the run fails', async () => {
    tried();
    const marker = join(root, 'started-once');
    const fake = join(root, 'fake-worker.js');
    writeFileSync(
      fake,
      `const fs = require('fs');
if (fs.existsSync(${JSON.stringify(marker)})) { fs.appendFileSync(${JSON.stringify(marker)}, 'x'); process.kill(process.pid, 'SIGKILL'); }
fs.writeFileSync(${JSON.stringify(marker)}, '');
process.on('message', (m) => {
  if (m.type === 'init') process.send({ type: 'ready', backend: { name: 'cpu', requested: 'cpu', detail: 'fake' }, scale: { normalClasses: ['circle'], anomalyTypes: ['flip'], trainImages: 1, testImages: 1, skipped: [] } });
  if (m.type === 'samples') process.send({ type: 'samples-failed', error: 'fake' });
  if (m.type === 'cell') process.kill(process.pid, 'SIGKILL');
});
`,
    );
    const checked = validateConfig(baseConfig(), { baseDir: root });
    assert.ok(checked.ok);
    const handle = startRun({ config: checked.config, baseDir: root, runsDir: join(root, 'runs'), augmentationLabel: resultsLabel, workerScript: fake });
    const results = await handle.done;
    const clear = results.status === 'failed' && /exited before they were ready/.test(results.error ?? '') && readFileSync(marker, 'utf8').length === 4;
    runEnded('respawn budget', clear, results.error);
    assert.ok(clear, results.error);
    assert.equal(readRunResults(handle.runDir).status, 'failed');
  });
});

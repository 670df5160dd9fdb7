/**
 * Detached runs end to end, with the real host process (run through tsx) and real training
 * children: the host lives in a session of its own, a second follower replays the run from its
 * journal, cancel reaches the host through the run folder, a killed host never reads as complete,
 * and a host that cannot take its folder says why.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExperimentConfig } from '../../../../src/shared/config';
import type { RunEvent } from '../../../../src/shared/progress';
import { validateConfig } from '../../../../src/engine/config';
import { attachableRun, attachDetachedRun, LAUNCH_FILE, startDetachedRun, type DetachedRunSpec } from '../../../../src/engine/run/detachedRun';
import { createRunFolder } from '../../../../src/engine/run/runFolder';
import { RUN_EVENTS_FILE } from '../../../../src/engine/run/runJournal';
import { RUN_LOG_FILE } from '../../../../src/engine/run/runLog';
import { childrenOf, waitUntil } from '../../../helpers/processes';
import { tinyShapesConfig } from '../../../helpers/tinyConfig';

const ROOT = resolve(__dirname, '../../../..');
const HOST = { hostScript: join(ROOT, 'src/engine/run/runHost.ts'), execArgv: ['--require', 'tsx/cjs'] };
const WORKER = join(ROOT, 'src/engine/worker/trainWorker.ts');

function journalHas(runDir: string, text: string): boolean {
  const file = join(runDir, RUN_EVENTS_FILE);
  return existsSync(file) && readFileSync(file, 'utf8').includes(text);
}

function tinyConfig(epochs = 2): ExperimentConfig {
  const result = validateConfig(
    tinyShapesConfig('detached', {
      dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 48, maxTest: 24 },
      training: { epochs, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
      runtime: { backend: 'wasm', parallelism: 1 },
    }),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

function spec(runsDir: string, config: ExperimentConfig): DetachedRunSpec {
  const runFolder = createRunFolder(runsDir, 'detached');
  return { config, baseDir: runsDir, runsDir, runFolder, workerScript: WORKER, workerExecArgv: ['--require', 'tsx/cjs'], parallelism: 1 };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The session id of a process (field 6 of /proc/<pid>/stat). */
function sessionOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
}

describe('detached runs (real host process and training children)', function () {
  this.timeout(180_000);
  let runsDir: string;

  beforeEach(() => {
    runsDir = mkdtempSync(join(tmpdir(), 'ssad-detached-'));
  });
  afterEach(() => rmSync(runsDir, { recursive: true, force: true }));

  it('trains in a process of its own session, streams every event, keeps a log and cleans up its launch file', async () => {
    const events: RunEvent['type'][] = [];
    const handle = startDetachedRun(spec(runsDir, tinyConfig()), HOST, { onEvent: (e) => events.push(e.type) });
    assert.ok(handle.pid !== undefined);
    await waitUntil(() => childrenOf(handle.pid!, 'trainWorker').length > 0, 60_000, 'a training child of the host');
    assert.notEqual(sessionOf(handle.pid!), sessionOf(process.pid), 'the host does not share the starter’s session, so it outlives it');
    assert.deepEqual(attachableRun(handle.runDir), { pid: handle.pid });
    const results = await handle.done;
    assert.equal(results.status, 'completed', results.error);
    const onDisk = JSON.parse(readFileSync(join(handle.runDir, 'results.json'), 'utf8')) as { status: string; cells: unknown[] };
    assert.equal(onDisk.status, 'completed');
    assert.equal(events[0], 'run-started');
    assert.equal(events.at(-1), 'run-finished');
    assert.equal(events.filter((t) => t === 'cell-finished').length, 2);
    const log = readFileSync(join(handle.runDir, RUN_LOG_FILE), 'utf8');
    assert.match(log, /^\S+Z info {2}starting "detached" in process \d+/m);
    assert.match(log, /info {2}cell 2: flip · seed 0 · class circle/);
    assert.match(log, /debug flip__s0__ccircle: epoch 2\/2 loss \d\.\d{4}/);
    assert.match(log, /info {2}run completed in [\d.]+ s/);
    await waitUntil(() => !alive(handle.pid!), 10_000, 'the host to exit');
    assert.ok(!existsSync(join(handle.runDir, LAUNCH_FILE)));
    assert.equal(attachableRun(handle.runDir), undefined, 'a finished run is not followed');
  });

  it('a second follower, attached mid-run after the first let go, replays the run from its start and sees it end', async () => {
    const first = startDetachedRun(spec(runsDir, tinyConfig(40)), HOST);
    await waitUntil(() => journalHas(first.runDir, '"epoch"'), 90_000, 'an epoch in the journal');
    first.detach();
    const seen: RunEvent[] = [];
    const times: number[] = [];
    const second = attachDetachedRun(first.runDir, { onEvent: (e, at) => (seen.push(e), times.push(at)) });
    assert.equal(second.pid, first.pid);
    const results = await second.done;
    assert.equal(results.status, 'completed', results.error);
    assert.equal(seen[0].type, 'run-started', 'replayed from the start');
    assert.equal(seen.filter((e) => e.type === 'cell-finished').length, 2);
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), 'events carry the time they happened, in order');
  });

  it('cancel from a follower reaches the host through the run folder: canceled, and no process left', async () => {
    const handle = startDetachedRun(spec(runsDir, tinyConfig(400)), HOST);
    await waitUntil(() => childrenOf(handle.pid!, 'trainWorker').length > 0 && journalHas(handle.runDir, '"epoch"'), 90_000, 'training');
    const workers = childrenOf(handle.pid!, 'trainWorker');
    const other = attachDetachedRun(handle.runDir);
    const started = Date.now();
    other.cancel();
    const [a, b] = await Promise.all([handle.done, other.done]);
    assert.equal(a.status, 'canceled');
    assert.equal(b.status, 'canceled');
    await waitUntil(() => !alive(handle.pid!) && workers.every((w) => !alive(w)), 5_000, 'the host and its children to exit');
    assert.ok(Date.now() - started < 5_000, `cancel took ${Date.now() - started} ms`);
    assert.equal(JSON.parse(readFileSync(join(handle.runDir, 'results.json'), 'utf8')).status, 'canceled');
  });

  it('a host killed mid-run never reads as complete: interrupted, with the log named', async () => {
    const handle = startDetachedRun(spec(runsDir, tinyConfig(400)), HOST);
    await waitUntil(() => journalHas(handle.runDir, '"epoch"') && childrenOf(handle.pid!, 'trainWorker').length > 0, 90_000, 'training');
    const workers = childrenOf(handle.pid!, 'trainWorker');
    process.kill(handle.pid!, 'SIGKILL');
    const results = await handle.done;
    assert.equal(results.status, 'interrupted');
    assert.match(results.error ?? '', /ended before the run did.*run\.log.*resume/);
    // Its training children notice the parent is gone and stop.
    await waitUntil(() => workers.every((w) => !alive(w)), 20_000, 'orphaned training children to exit');
  });

  it('a host that cannot take its folder fails the run with the reason, and no results are invented', async () => {
    const s = spec(runsDir, tinyConfig());
    // A live owner (this test process) holds the folder.
    const now = new Date().toISOString();
    writeFileSync(join(s.runFolder!.runDir, 'owner.json'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now }));
    const results = await startDetachedRun(s, HOST).done;
    assert.equal(results.status, 'failed');
    assert.match(results.error ?? '', /could not start the run: .*still being trained by process/);
    assert.deepEqual(results.cells, []);
    assert.ok(!existsSync(join(s.runFolder!.runDir, 'results.json')));
  });
});

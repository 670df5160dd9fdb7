// `npm run test:slurm`: `ssad slurm` on a real Slurm. Installs Debian's Slurm and MUNGE where
// missing, starts a private one-node cluster on this machine (scripts/slurm/localCluster.mjs),
// writes the job for a tiny grid with 3 shards, submits it with its own submit.sh, waits for the
// merge job, and checks that the merged run is completed and equal, AUROC for AUROC, to one
// `ssad run` of the same config. Whatever happens (failure, timeout, Ctrl-C) it cancels its jobs,
// stops the daemons it started and removes its temp folders. It never skips: no Slurm, no pass.
//   node scripts/test-slurm.mjs [--timeout SECONDS] [--keep]   (--keep: leave the temp folders)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCleanup, withLimit } from './harness/cleanup.mjs';
import { ensureSlurmInstalled } from './slurm/install.mjs';
import { startLocalCluster } from './slurm/localCluster.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SHARDS = 3;
const args = process.argv.slice(2);
const timeoutIndex = args.indexOf('--timeout');
const TIMEOUT_S = timeoutIndex >= 0 ? Number(args[timeoutIndex + 1]) : 600;
if (!(TIMEOUT_S > 0)) {
  console.error(`[test:slurm] --timeout must be a number of seconds above 0, got "${args[timeoutIndex + 1] ?? ''}"`);
  process.exit(2);
}
const KEEP = args.includes('--keep');

const t0 = Date.now();
const log = (message) => console.log(`[test:slurm ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanup = createCleanup();

/** The grid: 2 augmentations × 2 seeds × 2 normal classes = 8 cells, over 3 shards. */
const CONFIG = {
  name: 'slurm e2e',
  dataset: { source: 'shapes', normalClasses: [0, 1], imageSize: 16, maxTrain: 64, maxTest: 16 },
  testbed: { type: 'synthetic', anomalies: ['flip', 'cutout'] },
  detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
  augmentations: ['none', 'flip'],
  training: { epochs: 1, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
  seeds: [0, 1],
  runtime: { backend: 'wasm' },
};

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** `npm run build` when a bundle is missing or older than a source file. */
function buildIfNeeded() {
  const bundles = ['cli.js', 'worker.js'].map((f) => join(ROOT, 'dist', f));
  const built = bundles.every((f) => existsSync(f)) ? Math.min(...bundles.map((f) => statSync(f).mtimeMs)) : 0;
  if (built > newestMtime(join(ROOT, 'src'))) return;
  log('building the CLI (npm run build)');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/**
 * Runs a command to its end (asynchronously, so that Ctrl-C is handled meanwhile); one still
 * running when the test ends gets SIGTERM (ssad run then cancels its training processes).
 */
function run(command, argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanup.add(`stop ${command}`, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** One field of `scontrol show job ID` (the first array task's, for an array). */
function jobField(env, id, field) {
  const r = spawnSync('scontrol', ['show', 'job', id], { encoding: 'utf8', env });
  if (r.status !== 0) return undefined;
  return r.stdout.match(new RegExp(`\\b${field}=(\\S+)`))?.[1];
}

/** Every state of the job's tasks (an array job lists one record per task). */
function jobStates(env, id) {
  const r = spawnSync('scontrol', ['show', 'job', id], { encoding: 'utf8', env });
  return r.status === 0 ? [...r.stdout.matchAll(/\bJobState=(\S+)/g)].map((m) => m[1]) : [];
}

const ENDED_BADLY = /^(FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)$/;

/** Waits until the merge job completed; throws with the reason when a job failed or time ran out. */
async function waitForJobs(env, arrayId, mergeId, deadline) {
  let last = '';
  for (;;) {
    const shards = jobStates(env, arrayId);
    const merge = jobStates(env, mergeId)[0];
    const reason = jobField(env, mergeId, 'Reason');
    const now = `shards ${shards.join(',') || '?'} · merge ${merge ?? '?'}${reason && reason !== 'None' ? ` (${reason})` : ''}`;
    if (now !== last) log(now);
    last = now;
    if (merge === 'COMPLETED') return;
    if (shards.some((s) => ENDED_BADLY.test(s))) throw new Error(`a shard task ended ${shards.join(', ')}`);
    if (merge && ENDED_BADLY.test(merge)) throw new Error(`the merge job ended ${merge}`);
    if (reason === 'DependencyNeverSatisfied') throw new Error('the merge job can never start: a shard task did not succeed');
    if (Date.now() > deadline) throw new Error(`the time limit of the test (--timeout ${TIMEOUT_S} s) ran out waiting for the jobs (${now})`);
    await sleep(1000);
  }
}

function readRun(dir) {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
}

/** The merged run equals the single-process run cell for cell, AUROC for AUROC. */
function compareRuns(merged, single) {
  check(merged.status === 'completed', `the merged run is "${merged.status}", not completed: ${merged.error ?? ''}`);
  check(single.status === 'completed', `the single-process run is "${single.status}": ${single.error ?? ''}`);
  check(merged.mergedFrom?.length === SHARDS, `the merged run names ${merged.mergedFrom?.length ?? 'no'} shard runs, not ${SHARDS}`);
  const byId = new Map(single.cells.map((c) => [c.id, c]));
  check(merged.cells.length === single.cells.length && single.cells.length === 8, `cells: merged ${merged.cells.length}, single ${single.cells.length}, expected 8`);
  let compared = 0;
  for (const cell of merged.cells) {
    const twin = byId.get(cell.id);
    check(twin, `the merged run has cell ${cell.id}, the single run does not`);
    check(cell.status === 'completed', `merged cell ${cell.id} is ${cell.status}`);
    const types = Object.keys(twin.metrics).sort();
    check(JSON.stringify(Object.keys(cell.metrics).sort()) === JSON.stringify(types), `cell ${cell.id}: anomaly types differ`);
    for (const type of types) {
      check(cell.metrics[type].auroc === twin.metrics[type].auroc, `cell ${cell.id}, ${type}: AUROC ${cell.metrics[type].auroc} merged vs ${twin.metrics[type].auroc} single`);
      compared++;
    }
  }
  return compared;
}

function logTails(dir) {
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .sort()
    .map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(-15).join('\n')}`)
    .join('\n');
}

async function main() {
  ensureSlurmInstalled(log);
  buildIfNeeded();

  const work = mkdtempSync(join(tmpdir(), 'ssad slurm-e2e-'));
  const clusterDir = mkdtempSync(join(tmpdir(), 'ssad-slurm-cluster-'));
  cleanup.add('remove the temp folders', () => {
    if (KEEP) log(`kept ${work} and ${clusterDir}`);
    else for (const d of [work, clusterDir]) rmSync(d, { recursive: true, force: true });
  });

  log('starting munged, slurmctld and slurmd');
  const cluster = await startLocalCluster(clusterDir, cleanup, log);
  try {
    const config = join(work, 'tiny.ssad.json');
    writeFileSync(config, `${JSON.stringify(CONFIG, null, 2)}\n`);
    const job = join(work, 'job');
    const made = await run(process.execPath, [CLI, 'slurm', config, '--shards', String(SHARDS), '--cpus', '1', '--time', '10', '--partition', 'debug', '--mem', '500M', '--out', job]);
    check(made.status === 0, `ssad slurm exited ${made.status}: ${made.stderr}`);
    const submitLine = made.stdout.trimEnd().split('\n').at(-1).trim();
    log(`ssad slurm wrote the job; submitting with: ${submitLine}`);

    const submitted = await run('sh', ['-c', submitLine], { env: cluster.env, cwd: work });
    check(submitted.status === 0, `submit.sh exited ${submitted.status}: ${submitted.stderr}`);
    const ids = submitted.stdout.match(/Submitted shard array (\d+) \(\d+ tasks?\) and merge job (\d+)\./);
    check(ids, `submit.sh did not say what it submitted: ${submitted.stdout}`);
    const [, arrayId, mergeId] = ids;
    check(jobField(cluster.env, mergeId, 'Dependency')?.startsWith(`afterok:${arrayId}`), `the merge job does not depend on the array (afterok:${arrayId})`);
    log(`queued shard array ${arrayId} and merge job ${mergeId}; training the same grid in one process meanwhile`);

    // The reference trains while the shards do: the wall time of the test is the longer of the two.
    const reference = run(process.execPath, [CLI, 'run', config, '--out', join(work, 'single'), '--parallel', '1', '--quiet']);
    try {
      await waitForJobs(cluster.env, arrayId, mergeId, t0 + TIMEOUT_S * 1000);
    } catch (error) {
      error.message += `\n${logTails(join(job, 'logs'))}\n${cluster.logs()}`;
      throw error;
    }
    const single = await reference;
    check(single.status === 0, `the single-process ssad run exited ${single.status}: ${single.stderr}`);
    const shardRuns = readdirSync(join(job, 'shards')).sort();
    check(
      shardRuns.length === SHARDS && [...Array(SHARDS).keys()].every((i) => shardRuns.some((name) => name.endsWith(`-shard-${i}-of-${SHARDS}`))),
      `expected ${SHARDS} shard runs in ${join(job, 'shards')}, found: ${shardRuns.join(', ')}`,
    );
    const [singleRun] = readdirSync(join(work, 'single'));
    const compared = compareRuns(readRun(join(job, 'merged')), readRun(join(work, 'single', singleRun)));
    log(`passed: the merged run of ${SHARDS} Slurm shards is completed and equals the single-process run (${compared} AUROCs over 8 cells)`);
  } catch (error) {
    if (!cleanup.interrupted) throw error;
  }
}

let exitCode = 0;
const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
for (const [signal, code] of Object.entries(codes)) {
  process.on(signal, () => {
    if (cleanup.interrupted) process.exit(code);
    cleanup.interrupted = signal;
    console.error(`\n[test:slurm] ${signal}: canceling the jobs, stopping the daemons this test started`);
    cleanup.run().finally(() => process.exit(code));
  });
}
try {
  await withLimit(main(), (TIMEOUT_S + 60) * 1000, `test:slurm did not finish within ${TIMEOUT_S + 60} s`);
} catch (error) {
  console.error(`[test:slurm] FAILED: ${error.message}`);
  exitCode = 1;
} finally {
  await cleanup.run();
}
if (!cleanup.interrupted) {
  log(exitCode === 0 ? 'done' : 'failed');
  process.exit(exitCode);
}

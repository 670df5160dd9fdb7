// A real, private Slurm cluster of one node on this machine, for tests: munged, slurmctld and
// slurmd started as background daemons (no systemd, no cgroups) with a generated slurm.conf in a
// folder of their own. Everything it starts listens on its own socket or free ports, so a Slurm or
// MUNGE already running here is neither used nor disturbed, and it stops exactly what it started,
// by the pids in their pid files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two TCP ports that were free a moment ago (the daemons bind them right after). */
async function freePorts(count) {
  const servers = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export function slurmConf({ dir, host, cpus, memoryMb, ctldPort, slurmdPort }) {
  return `# Generated for one test run; every path is this run's own folder.
ClusterName=ssadtest
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=${dir}/munge.sock
StateSaveLocation=${dir}/state
SlurmdSpoolDir=${dir}/spool
SlurmctldPidFile=${dir}/slurmctld.pid
SlurmdPidFile=${dir}/slurmd.pid
SlurmctldLogFile=${dir}/log/slurmctld.log
SlurmdLogFile=${dir}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SlurmctldPort=${ctldPort}
SlurmdPort=${slurmdPort}
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${memoryMb} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
`;
}

function readPid(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Whether `pid` still runs `program` (a pid file outlives its process, and pids are reused). */
function runs(pid, program) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0].endsWith(program);
  } catch {
    return false;
  }
}

async function waitFor(what, check, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await sleep(200);
  }
}

/** SIGTERM, then SIGKILL when it has not ended within a few seconds. */
async function stopPid(pid, program, log) {
  if (!pid || !alive(pid) || !runs(pid, program)) return;
  process.kill(pid, 'SIGTERM');
  const end = Date.now() + 8000;
  while (alive(pid) && Date.now() < end) await sleep(100);
  if (alive(pid)) {
    log(`${program} (pid ${pid}) did not stop on SIGTERM; sending SIGKILL`);
    process.kill(pid, 'SIGKILL');
  }
}

function start(program, args, env, cleanup) {
  // After Ctrl-C the clean-up may already be under way: start nothing it could miss.
  if (cleanup.interrupted) throw new Error(`interrupted before ${program} started`);
  const r = spawnSync(program, args, { encoding: 'utf8', env, timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${program} did not start (${r.error?.message ?? `exit ${r.status}`}): ${`${r.stderr}${r.stdout}`.trim()}`);
}

/**
 * Starts the cluster in `dir` (an empty, private folder) and returns `env` (for sbatch, squeue, …:
 * SLURM_CONF points at its config), `logs()` (the daemons' log tails) and `stop()`. Each daemon's
 * stop is registered with `cleanup` as soon as it runs, so a failure half-way stops what started.
 */
export async function startLocalCluster(dir, cleanup, log) {
  for (const sub of ['state', 'spool', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };

  // A key of our own: the test never depends on (or reads) the machine's /etc/munge/munge.key.
  writeFileSync(join(dir, 'munge.key'), randomBytes(1024), { mode: 0o600 });
  const mungePid = join(dir, 'munged.pid');
  cleanup.add('stop munged', () => stopPid(readPid(mungePid), 'munged', log));
  start('munged', ['--force', `--socket=${dir}/munge.sock`, `--key-file=${dir}/munge.key`, `--pid-file=${mungePid}`, `--log-file=${dir}/log/munged.log`, `--seed-file=${dir}/munged.seed`], env, cleanup);
  await waitFor('munged', () => readPid(mungePid), 10_000);

  const [ctldPort, slurmdPort] = await freePorts(2);
  const host = hostname().split('.')[0];
  const memoryMb = Math.min(4000, Math.floor(totalmem() / 2 ** 20 / 2));
  writeFileSync(env.SLURM_CONF, slurmConf({ dir, host, cpus: availableParallelism(), memoryMb, ctldPort, slurmdPort }));

  const ctldPid = join(dir, 'slurmctld.pid');
  cleanup.add('stop slurmctld', () => stopPid(readPid(ctldPid), 'slurmctld', log));
  start('slurmctld', ['-f', env.SLURM_CONF], env, cleanup);
  await waitFor('slurmctld', () => readPid(ctldPid), 15_000);

  const slurmdPid = join(dir, 'slurmd.pid');
  cleanup.add('stop slurmd', () => stopPid(readPid(slurmdPid), 'slurmd', log));
  start('slurmd', ['-f', env.SLURM_CONF], env, cleanup);
  await waitFor('slurmd', () => readPid(slurmdPid), 15_000);
  // Jobs still queued or running when the test ends go first, while slurmd can still end them.
  cleanup.add('cancel the jobs', () => cancelAll(env));

  await waitFor('the node to be idle (sinfo)', () => {
    const r = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8', env });
    return r.status === 0 && r.stdout.trim() === 'idle';
  }, 30_000);

  return {
    env,
    host,
    logs: () =>
      ['slurmctld.log', 'slurmd.log']
        .map((f) => join(dir, 'log', f))
        .filter((f) => existsSync(f))
        .map((f) => `--- ${f} (last lines)\n${readFileSync(f, 'utf8').trim().split('\n').slice(-20).join('\n')}`)
        .join('\n'),
  };
}

/** Cancels every job of this private cluster and waits (a little) until none is left. */
async function cancelAll(env) {
  const ids = () => {
    const r = spawnSync('squeue', ['-h', '-o', '%A'], { encoding: 'utf8', env });
    return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : [];
  };
  const queued = ids();
  if (queued.length === 0) return;
  spawnSync('scancel', queued, { env });
  const end = Date.now() + 10_000;
  while (ids().length > 0 && Date.now() < end) await sleep(250);
}

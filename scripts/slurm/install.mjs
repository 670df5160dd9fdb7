// Debian's Slurm (slurm-wlm) and MUNGE, installed with apt where a command is missing. A failure
// is an error that says so: a test that needs Slurm never passes by skipping.
import { spawnSync } from 'node:child_process';

/** What the local cluster runs: the daemons, and the clients the test and submit.sh call. */
const COMMANDS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'scontrol', 'squeue', 'scancel', 'sinfo'];
const PACKAGES = ['slurm-wlm', 'munge'];

function missingCommands() {
  return COMMANDS.filter((c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status !== 0);
}

function apt(args) {
  const r = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return { ok: r.status === 0, output: r.error ? String(r.error.message) : output };
}

/** Installs slurm-wlm and munge when any of their commands is missing; throws when it cannot. */
export function ensureSlurmInstalled(log) {
  const missing = missingCommands();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Slurm is not installed (missing: ${missing.join(', ')}), and installing it needs root: run "apt-get install -y ${PACKAGES.join(' ')}" as root`);
  }
  log(`installing ${PACKAGES.join(' ')} with apt (missing: ${missing.join(', ')})`);
  let result = apt(['install', '-y', ...PACKAGES]);
  if (!result.ok) {
    // Only when the install fails: a stale or absent package index is the usual reason.
    log('apt-get install failed; running apt-get update and trying again');
    const update = apt(['update']);
    result = update.ok ? apt(['install', '-y', ...PACKAGES]) : update;
  }
  const still = missingCommands();
  if (!result.ok || still.length > 0) {
    const tail = result.output.trim().split('\n').slice(-15).join('\n');
    throw new Error(`cannot install Slurm with apt (apt-get install -y ${PACKAGES.join(' ')})${still.length ? `; still missing: ${still.join(', ')}` : ''}\n${tail}`);
  }
}

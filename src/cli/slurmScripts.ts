/**
 * The scripts of a Slurm job for one grid (`ssad slurm`), as a pure function of its options: an
 * sbatch array with one task per shard, a merge job, and `submit.sh`, which queues the merge
 * after the array (`afterok`: it starts only when every shard succeeded). Every path is absolute,
 * because the nodes see the submitting machine's file system but not its working folder.
 */
import { join } from 'node:path';
import { shellQuote } from './shellQuote';
import type { SlurmResources } from './slurmFlags';

export interface SlurmJobOptions extends SlurmResources {
  /** The experiment's name (`config.name`), for job names and comments. */
  name: string;
  /** Absolute path of the job folder. */
  jobDir: string;
  /** Absolute path of the config copy the shards train. */
  configFile: string;
  /** Shell text that runs the CLI on a node (`ssad`, or node and the CLI script). */
  ssad: string;
}

export interface SlurmJobScripts {
  'array.sbatch': string;
  'merge.sbatch': string;
  'submit.sh': string;
}

/** Where a job folder keeps what its jobs write. */
export const SLURM_LOGS = 'logs';
export const SLURM_SHARDS = 'shards';
export const SLURM_MERGED = 'merged';

/** A job name Slurm shows in squeue: `ssad-` and the name's letters, digits and `.=+-`. */
export function slurmJobName(name: string): string {
  const readable = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}.=+-]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return `ssad-${readable || 'grid'}`;
}

/** A log file pattern: Slurm replaces `%a` and friends, so a `%` of the path itself is doubled. */
function logPattern(jobDir: string, file: string): string {
  return shellQuote(join(jobDir.replace(/%/g, '%%'), SLURM_LOGS, file));
}

function sbatchLines(pairs: Array<[string, string | number | undefined]>): string[] {
  return pairs.filter(([, value]) => value !== undefined).map(([flag, value]) => `#SBATCH --${flag}=${shellQuote(String(value))}`);
}

export function slurmJobScripts(o: SlurmJobOptions): SlurmJobScripts {
  const q = shellQuote;
  const job = slurmJobName(o.name);
  // JSON quotes keep a name with a line break inside its comment line.
  const title = JSON.stringify(o.name);
  const array = [
    '#!/bin/bash',
    `# One task per shard of the grid ${title}: task i trains shard i/${o.shards} (ssad slurm).`,
    ...sbatchLines([
      ['job-name', job],
      ['array', `0-${o.shards - 1}`],
      ['cpus-per-task', o.cpus],
      ['partition', o.partition],
      ['time', o.time],
      ['mem', o.mem],
      ['gres', o.gres],
    ]),
    `#SBATCH --output=${logPattern(o.jobDir, 'shard-%a.out')}`,
    `#SBATCH --error=${logPattern(o.jobDir, 'shard-%a.err')}`,
    '# -u: outside an array task SLURM_ARRAY_TASK_ID is unset, and the script stops instead of guessing.',
    'set -eu',
    `exec ${o.ssad} run ${q(o.configFile)} --shard "$SLURM_ARRAY_TASK_ID/${o.shards}" --out ${q(join(o.jobDir, SLURM_SHARDS))} --parallel ${o.cpus}`,
    '',
  ].join('\n');

  const merge = [
    '#!/bin/bash',
    `# Merges the shard runs of ${title} into one run (ssad slurm); submit.sh queues it after the array.`,
    ...sbatchLines([
      ['job-name', `${job}-merge`],
      ['cpus-per-task', 1],
      ['partition', o.partition],
      ['time', o.time],
    ]),
    `#SBATCH --output=${logPattern(o.jobDir, 'merge.out')}`,
    `#SBATCH --error=${logPattern(o.jobDir, 'merge.err')}`,
    'set -eu',
    `exec ${o.ssad} merge ${q(join(o.jobDir, SLURM_MERGED))} ${q(join(o.jobDir, SLURM_SHARDS))}/*`,
    '',
  ].join('\n');

  const submit = [
    '#!/bin/sh',
    `# Queues the shard array of ${title}, then its merge job, which starts once every shard succeeded.`,
    'set -eu',
    `array=$(sbatch --parsable ${q(join(o.jobDir, 'array.sbatch'))})`,
    '# --parsable prints "jobid" or "jobid;cluster".',
    'array=${array%%;*}',
    `merge=$(sbatch --parsable --dependency=afterok:"$array" ${q(join(o.jobDir, 'merge.sbatch'))}) || {`,
    // The path is quoted twice: printf prints it quoted once, ready to paste.
    `  printf 'submit.sh: the shard array %s is queued, but the merge job is not; queue it with: sbatch --dependency=afterok:%s %s\\n' "$array" "$array" ${q(q(join(o.jobDir, 'merge.sbatch')))} >&2`,
    '  exit 1',
    '}',
    'merge=${merge%%;*}',
    `echo "Submitted shard array $array (${o.shards} task${o.shards === 1 ? '' : 's'}) and merge job $merge."`,
    `printf 'Logs: %s\\nShard runs: %s\\nMerged run: %s\\n' ${q(join(o.jobDir, SLURM_LOGS))} ${q(join(o.jobDir, SLURM_SHARDS))} ${q(join(o.jobDir, SLURM_MERGED))}`,
    '',
  ].join('\n');

  return { 'array.sbatch': array, 'merge.sbatch': merge, 'submit.sh': submit };
}

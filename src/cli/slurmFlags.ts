/**
 * The flags of `ssad slurm`, checked before anything is written: a mistake found by sbatch on the
 * cluster (or, worse, by a job hours later) costs far more than one found here. Each check accepts
 * what Slurm accepts, and says which flag is wrong and why.
 */

export interface SlurmFlagValues {
  shards?: string;
  cpus?: string;
  partition?: string;
  time?: string;
  gres?: string;
  mem?: string;
  ssad?: string;
}

/** The resources of each shard task; absent ones are left to the cluster's defaults. */
export interface SlurmResources {
  shards: number;
  /** CPUs of each shard task, and the training processes it runs at once. */
  cpus: number;
  partition?: string;
  time?: string;
  gres?: string;
  mem?: string;
  /** Shell text that runs the CLI on a node; absent means the command running now. */
  ssad?: string;
}

export type SlurmFlagsResult = { ok: true; resources: SlurmResources } | { ok: false; error: string };

/**
 * Slurm's time formats: minutes, minutes:seconds, hours:minutes:seconds, days-hours,
 * days-hours:minutes, days-hours:minutes:seconds (sbatch takes any number in each field).
 */
const TIME = /^(\d+(:\d+){0,2}|\d+-\d+(:\d+){0,2})$/;
const NO_LIMIT = /^(unlimited|infinite)$/i;
/** A whole number of megabytes, or with a unit K, M, G or T (either case). */
const MEM = /^\d+[KMGTkmgt]?$/;
/** name[:type][:count], comma-separated: `gpu:1`, `gpu:a100:2`, `gpu:1,shard:2`. */
const GRES = /^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*(,[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*)*$/;
/** One partition or a comma-separated list of them. */
const PARTITION = /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/;
const WHOLE = /^\d+$/;

function wholeAtLeastOne(flag: string, text: string): number | string {
  if (!WHOLE.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) return `${flag} must be a whole number from 1 up, got "${text}"`;
  return Number(text);
}

export function parseSlurmFlags(flags: SlurmFlagValues): SlurmFlagsResult {
  const fail = (error: string): SlurmFlagsResult => ({ ok: false, error });
  if (flags.shards === undefined) return fail('slurm needs --shards N: the number of array tasks the grid is split into');
  const shards = wholeAtLeastOne('--shards', flags.shards);
  if (typeof shards === 'string') return fail(shards);
  const cpus = flags.cpus === undefined ? 1 : wholeAtLeastOne('--cpus', flags.cpus);
  if (typeof cpus === 'string') return fail(cpus);
  if (flags.partition !== undefined && !PARTITION.test(flags.partition)) {
    return fail(`--partition must be a partition name (letters, digits, _ . -) or a comma-separated list of them, got "${flags.partition}"`);
  }
  if (flags.time !== undefined && !TIME.test(flags.time) && !NO_LIMIT.test(flags.time)) {
    return fail(`--time must be a Slurm time limit: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (or UNLIMITED), got "${flags.time}"`);
  }
  if (flags.gres !== undefined && !GRES.test(flags.gres)) {
    return fail(`--gres must be name[:type][:count], comma-separated (e.g. gpu:1 or gpu:a100:2), got "${flags.gres}"`);
  }
  if (flags.mem !== undefined && !MEM.test(flags.mem)) {
    return fail(`--mem must be a whole number of megabytes, or with a unit K, M, G or T (e.g. 4000 or 8G), got "${flags.mem}"`);
  }
  if (flags.ssad !== undefined && (flags.ssad.trim() === '' || /[\r\n\0]/.test(flags.ssad))) {
    return fail('--ssad must be one line of shell that runs the ssad CLI on a node (e.g. ssad, or node /shared/ssad-lab/dist/cli.js)');
  }
  return {
    ok: true,
    resources: { shards, cpus, partition: flags.partition, time: flags.time, gres: flags.gres, mem: flags.mem, ssad: flags.ssad?.trim() },
  };
}

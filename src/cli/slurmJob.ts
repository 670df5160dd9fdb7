/**
 * Writes the job folder of a sharded run on Slurm: the scripts, a frozen copy of the config and
 * its custom modules, folders for logs and runs. The file-writing core of `ssad slurm`, shared
 * with the extension's `SSAD: Export Cluster Job`: it prints nothing and exits nothing; it says
 * what it wrote, or why it wrote nothing, and the caller tells the user.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ExperimentConfig } from '../shared/config';
import { describeFsError } from '../engine/api';
import { newRunId } from '../engine/api';
import { createRunFolder, RunFolderPathError } from '../engine/api';
import { shellQuote } from './shellQuote';
import { planConfigCopy, type ModuleCopy } from './slurmConfigCopy';
import type { SlurmResources } from './slurmFlags';
import { SLURM_LOGS, SLURM_SHARDS, slurmJobScripts } from './slurmScripts';

/** Where the config copy and its custom modules go inside the job folder. */
export const SLURM_CONFIG_FOLDER = 'config';

export interface SlurmJobInput {
  /** The config file (its JSON as written is what gets frozen). */
  configFile: string;
  /** The config, validated. */
  config: ExperimentConfig;
  /** The folder relative paths of the config resolve against (the config's folder). */
  baseDir: string;
  resources: SlurmResources;
  /** Shell text that runs the CLI on a node; `resources.ssad`, when given, wins. */
  ssad: string;
  /** The job folder (new, or an empty folder); absent: a new one in .ssad/slurm beside the config. */
  out?: string;
}

export interface SlurmJob {
  jobDir: string;
  /** The config copy the shards train. */
  configCopy: string;
  /** The scripts, by absolute path, in the order a person reads them. */
  scripts: string[];
  /** Custom modules copied beside the config copy. */
  modules: ModuleCopy[];
  /** Absolute module paths, read from their place when the job runs. */
  readInPlace: string[];
  /** The command that queues the job, to run on a login node. */
  submitCommand: string;
}

export type SlurmJobResult =
  | { ok: true; job: SlurmJob }
  /** `freeze`: the config cannot be copied as it is (one line per problem); `folder`: the job folder cannot be made. */
  | { ok: false; kind: 'freeze' | 'folder'; problems: string[] };

/** The default place of job folders, beside the config. */
export function defaultSlurmParent(baseDir: string): string {
  return join(baseDir, '.ssad', 'slurm');
}

/**
 * Why a job folder path cannot go into `#SBATCH` lines, if it cannot: Slurm reads a backslash
 * there as an escape even inside quotes, and a script line cannot hold a line break.
 */
export function jobDirProblem(jobDir: string): string | undefined {
  if (/[\r\n]/.test(jobDir)) return `the job folder ${JSON.stringify(jobDir)} has a line break in its path`;
  if (jobDir.includes('\\')) return `the job folder ${jobDir} has a backslash in its path, which Slurm's #SBATCH lines cannot hold`;
  return undefined;
}

/** The job folder: `out` (new, or an empty folder), else a new one in .ssad/slurm beside the config. */
function makeJobDir(out: string | undefined, baseDir: string, name: string): string {
  if (out === undefined) return createRunFolder(defaultSlurmParent(baseDir), newRunId(name)).runDir;
  const jobDir = resolve(out);
  try {
    mkdirSync(jobDir, { recursive: true });
  } catch (error) {
    throw new RunFolderPathError(`--out: cannot create the job folder ${jobDir}: ${describeFsError(error)}`);
  }
  let entries: string[];
  try {
    entries = readdirSync(jobDir);
  } catch (error) {
    throw new RunFolderPathError(`--out: ${jobDir} is not a folder that can be read: ${describeFsError(error)}`);
  }
  if (entries.length > 0) throw new RunFolderPathError(`--out: the job folder ${jobDir} is not empty; give a new or empty folder`);
  return jobDir;
}

export function writeSlurmJob(input: SlurmJobInput): SlurmJobResult {
  const { config, baseDir, resources } = input;
  const configPath = resolve(input.configFile);
  const plan = planConfigCopy(JSON.parse(readFileSync(configPath, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>, config, baseDir);
  if (!plan.ok) return { ok: false, kind: 'freeze', problems: plan.problems };

  const wanted = input.out !== undefined ? resolve(input.out) : defaultSlurmParent(baseDir);
  const pathProblem = jobDirProblem(wanted);
  if (pathProblem) return { ok: false, kind: 'folder', problems: [pathProblem] };
  let jobDir: string;
  try {
    jobDir = makeJobDir(input.out, baseDir, config.name);
  } catch (error) {
    if (error instanceof RunFolderPathError) return { ok: false, kind: 'folder', problems: [error.message] };
    throw error;
  }

  const configDir = join(jobDir, SLURM_CONFIG_FOLDER);
  const configCopy = join(configDir, basename(configPath));
  mkdirSync(configDir, { recursive: true });
  writeFileSync(configCopy, `${JSON.stringify(plan.json, null, 2)}\n`);
  for (const m of plan.modules) {
    const to = join(configDir, m.to);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(m.from, to);
  }
  for (const folder of [SLURM_LOGS, SLURM_SHARDS]) mkdirSync(join(jobDir, folder), { recursive: true });
  const scripts = slurmJobScripts({ ...resources, name: config.name, jobDir, configFile: configCopy, ssad: resources.ssad ?? input.ssad });
  for (const [name, text] of Object.entries(scripts)) writeFileSync(join(jobDir, name), text);
  const submit = join(jobDir, 'submit.sh');
  chmodSync(submit, 0o755);
  return {
    ok: true,
    job: {
      jobDir,
      configCopy,
      scripts: Object.keys(scripts).map((name) => join(jobDir, name)),
      modules: plan.modules,
      readInPlace: plan.readInPlace,
      submitCommand: `bash ${shellQuote(submit)}`,
    },
  };
}

/** A warning when the job asks for GPUs that the config's backend cannot use, else undefined. */
export function slurmGpuWarning(resources: SlurmResources, config: ExperimentConfig): string | undefined {
  if (!resources.gres || !/gpu/i.test(resources.gres)) return undefined;
  if (config.runtime.backend !== 'wasm' && config.runtime.backend !== 'cpu') return undefined;
  return (
    `--gres ${resources.gres} asks for a GPU, but runtime.backend is "${config.runtime.backend}", which trains on the CPU; ` +
    'use "auto" or "node" with native TensorFlow for GPUs on the nodes (ssad backend install --gpu)'
  );
}

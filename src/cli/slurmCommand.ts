/**
 * `ssad slurm CONFIG --shards N [...]`: writes a Slurm job for the config's grid into a job
 * folder (the scripts, a frozen copy of the config, folders for logs and runs) and prints the one
 * command that submits it. It submits nothing itself: the user reads the scripts first, and may
 * submit them from a login node other than the one that wrote them.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { newRunId } from '../engine/run/runExperiment';
import { createRunFolder, RunFolderPathError } from '../engine/run/runFolder';
import { describeFsError } from '../engine/run/atomicFile';
import { checkModules } from './checkModules';
import { readConfigFile } from './configFile';
import { EXIT } from './exitCodes';
import { shellQuote } from './shellQuote';
import { planConfigCopy } from './slurmConfigCopy';
import { parseSlurmFlags, type SlurmFlagValues } from './slurmFlags';
import { SLURM_LOGS, SLURM_MERGED, SLURM_SHARDS, slurmJobScripts } from './slurmScripts';

export interface SlurmCommandFlags extends SlurmFlagValues {
  out?: string;
}

/** Where the config copy and its custom modules go inside the job folder. */
const CONFIG_FOLDER = 'config';

function usage(message: string): number {
  process.stderr.write(`ssad: ${message}\n`);
  return EXIT.usage;
}

/**
 * Why a job folder path cannot go into `#SBATCH` lines, if it cannot: Slurm reads a backslash
 * there as an escape even inside quotes, and a script line cannot hold a line break.
 */
function jobDirProblem(jobDir: string): string | undefined {
  if (/[\r\n]/.test(jobDir)) return `the job folder ${JSON.stringify(jobDir)} has a line break in its path`;
  if (jobDir.includes('\\')) return `the job folder ${jobDir} has a backslash in its path, which Slurm's #SBATCH lines cannot hold`;
  return undefined;
}

/** The job folder: --out (new, or an empty folder), else a new one in .ssad/slurm beside the config. */
function makeJobDir(out: string | undefined, baseDir: string, name: string): string {
  if (out === undefined) return createRunFolder(join(baseDir, '.ssad', 'slurm'), newRunId(name)).runDir;
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

/** The command that runs the CLI now, by absolute paths: the nodes share this file system. */
function currentSsadCommand(): string {
  return `${shellQuote(process.execPath)} ${shellQuote(resolve(process.argv[1]))}`;
}

export function slurmCommand(file: string, flags: SlurmCommandFlags): number {
  const parsed = parseSlurmFlags(flags);
  if (!parsed.ok) return usage(parsed.error);
  const { resources } = parsed;

  // The config is checked as `ssad validate` does: a job that fails on the cluster is costly.
  const loaded = readConfigFile(file);
  if (loaded.report) process.stderr.write(`${loaded.report}\n`);
  if (!loaded.ok) return EXIT.usage;
  const { config, baseDir } = loaded;
  const moduleProblems = checkModules(config, baseDir, process.argv[1], config.runtime.augmentationTimeoutSeconds ?? 120);
  if (moduleProblems.length > 0) {
    process.stderr.write(`${file}: invalid — ${moduleProblems.length} custom module problem(s):\n${moduleProblems.map((p) => `  ${p.message}`).join('\n')}\n`);
    return EXIT.usage;
  }
  const configPath = resolve(file);
  const plan = planConfigCopy(JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>, config, baseDir);
  if (!plan.ok) {
    process.stderr.write(`ssad: cannot freeze ${file} for the job:\n${plan.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return EXIT.usage;
  }

  const wanted = flags.out !== undefined ? resolve(flags.out) : join(baseDir, '.ssad', 'slurm');
  const pathProblem = jobDirProblem(wanted);
  if (pathProblem) return usage(pathProblem);
  let jobDir: string;
  try {
    jobDir = makeJobDir(flags.out, baseDir, config.name);
  } catch (error) {
    if (error instanceof RunFolderPathError) return usage(error.message);
    throw error;
  }

  const configDir = join(jobDir, CONFIG_FOLDER);
  const configCopy = join(configDir, basename(configPath));
  mkdirSync(configDir, { recursive: true });
  writeFileSync(configCopy, `${JSON.stringify(plan.json, null, 2)}\n`);
  for (const m of plan.modules) {
    const to = join(configDir, m.to);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(m.from, to);
  }
  for (const folder of [SLURM_LOGS, SLURM_SHARDS]) mkdirSync(join(jobDir, folder), { recursive: true });
  const scripts = slurmJobScripts({ ...resources, name: config.name, jobDir, configFile: configCopy, ssad: resources.ssad ?? currentSsadCommand() });
  for (const [name, text] of Object.entries(scripts)) writeFileSync(join(jobDir, name), text);
  chmodSync(join(jobDir, 'submit.sh'), 0o755);

  const { shards, cpus } = resources;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const copied = plan.modules.length > 0 ? `the config and ${plural(plan.modules.length, 'custom module')} as they are now` : 'the config as it is now';
  out(`Wrote a Slurm job for "${config.name}" to ${jobDir}:`);
  out(`  array.sbatch  ${plural(shards, 'array task')}; task i trains shard i/${shards} of the cells with ${plural(cpus, 'CPU')} (ssad run --shard)`);
  out('  merge.sbatch  merges the shard runs into one (ssad merge); queued to start once every shard succeeded');
  out('  submit.sh     queues both');
  out(`  ${CONFIG_FOLDER}/        ${copied}: later edits do not change the job`);
  for (const path of plan.readInPlace) out(`                (not copied: ${path}, an absolute path, is read from its place when the job runs)`);
  out(`  ${SLURM_LOGS}/          the jobs' output, shard-<i>.out/.err and merge.out/.err`);
  out(`  ${SLURM_SHARDS}/        the shard runs`);
  out(`  ${SLURM_MERGED}/        the merged run, once the merge job ran (open it like any run)`);
  if (resources.gres && /gpu/i.test(resources.gres) && (config.runtime.backend === 'wasm' || config.runtime.backend === 'cpu')) {
    process.stderr.write(
      `ssad: warning: --gres ${resources.gres} asks for a GPU, but runtime.backend is "${config.runtime.backend}", which trains on the CPU; ` +
        'use "auto" or "node" with native TensorFlow for GPUs on the nodes (ssad backend install --gpu)\n',
    );
  }
  out('Submit with:');
  out(`  bash ${shellQuote(join(jobDir, 'submit.sh'))}`);
  return EXIT.ok;
}

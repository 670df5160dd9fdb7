/**
 * `ssad slurm CONFIG --shards N [...]`: writes a Slurm job for the config's grid into a job
 * folder (the scripts, a frozen copy of the config, folders for logs and runs) and prints the one
 * command that submits it. It submits nothing itself: the user reads the scripts first, and may
 * submit them from a login node other than the one that wrote them.
 */
import { resolve } from 'node:path';
import { checkModules } from './checkModules';
import { readConfigFile } from './configFile';
import { EXIT } from './exitCodes';
import { shellQuote } from './shellQuote';
import { parseSlurmFlags, type SlurmFlagValues } from './slurmFlags';
import { SLURM_CONFIG_FOLDER, slurmGpuWarning, writeSlurmJob } from './slurmJob';
import { SLURM_LOGS, SLURM_MERGED, SLURM_SHARDS } from './slurmScripts';

export interface SlurmCommandFlags extends SlurmFlagValues {
  out?: string;
}

function usage(message: string): number {
  process.stderr.write(`ssad: ${message}\n`);
  return EXIT.usage;
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
  const moduleProblems = checkModules(config, baseDir, process.argv[1]);
  if (moduleProblems.length > 0) {
    process.stderr.write(`${file}: invalid — ${moduleProblems.length} custom module problem(s):\n${moduleProblems.map((p) => `  ${p.message}`).join('\n')}\n`);
    return EXIT.usage;
  }

  const written = writeSlurmJob({ configFile: file, config, baseDir, resources, ssad: currentSsadCommand(), out: flags.out });
  if (!written.ok) {
    if (written.kind === 'folder') return usage(written.problems.join('; '));
    process.stderr.write(`ssad: cannot freeze ${file} for the job:\n${written.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return EXIT.usage;
  }
  const { jobDir, modules, readInPlace, submitCommand } = written.job;

  const { shards, cpus } = resources;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const copied = modules.length > 0 ? `the config and ${plural(modules.length, 'custom module')} as they are now` : 'the config as it is now';
  out(`Wrote a Slurm job for "${config.name}" to ${jobDir}:`);
  out(`  array.sbatch  ${plural(shards, 'array task')}; task i trains shard i/${shards} of the cells with ${plural(cpus, 'CPU')} (ssad run --shard)`);
  out('  merge.sbatch  merges the shard runs into one (ssad merge); queued to start once every shard succeeded');
  out('  submit.sh     queues both');
  out(`  ${SLURM_CONFIG_FOLDER}/        ${copied}: later edits do not change the job`);
  for (const path of readInPlace) out(`                (not copied: ${path}, an absolute path, is read from its place when the job runs)`);
  out(`  ${SLURM_LOGS}/          the jobs' output, shard-<i>.out/.err and merge.out/.err`);
  out(`  ${SLURM_SHARDS}/        the shard runs`);
  out(`  ${SLURM_MERGED}/        the merged run, once the merge job ran (open it like any run)`);
  const gpuWarning = slurmGpuWarning(resources, config);
  if (gpuWarning) process.stderr.write(`ssad: warning: ${gpuWarning}\n`);
  out('Submit with:');
  out(`  ${submitCommand}`);
  return EXIT.ok;
}

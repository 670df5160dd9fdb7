/**
 * `ssad validate` loads the config's custom augmentation modules the way a training process does
 * (transpile, evaluate, check the definition and its parameters), so that what `ssad run` would
 * reject is reported before anything trains. Each module loads in a child process of its own, with
 * a time limit: module code may loop or end its process, and validation must still answer.
 */
import { spawnSync } from 'node:child_process';
import type { AugmentationRef, ExperimentConfig } from '../shared/config';
import { customModuleRefs } from '../engine/augment';
import { resolveCustomAugmentation } from '../engine/custom';

/** The hidden sub-command the child runs. */
export const CHECK_MODULE_COMMAND = '__check-module';
const LOADED = 'module loaded';

export interface ModuleProblem {
  path: string;
  message: string;
}

export function checkModules(config: ExperimentConfig, baseDir: string, cliScript: string, timeoutSeconds: number): ModuleProblem[] {
  const problems: ModuleProblem[] = [];
  for (const { field: path, ref } of customModuleRefs(config)) {
    const child = spawnSync(process.execPath, [cliScript, CHECK_MODULE_COMMAND, baseDir, JSON.stringify(ref)], {
      encoding: 'utf8',
      timeout: timeoutSeconds * 1000,
      env: { ...process.env, SSAD_DEBUG: '' },
    });
    if (child.status === 0 && child.stdout.includes(LOADED)) continue;
    const said = child.stderr.trim().split('\n').filter(Boolean).pop();
    const file = typeof ref === 'string' ? ref : ref.name;
    const why =
      child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
        ? `${file}: loading the module did not finish within ${timeoutSeconds} s (runtime.augmentationTimeoutSeconds)`
        : (said ?? `${file}: the module ended its process while loading (${child.signal ? `signal ${child.signal}` : `exit code ${child.status}`})`);
    problems.push({ path, message: `${path}: ${why}` });
  }
  return problems;
}

/** The child's side: load one module, say so, or print why not. */
export function checkModuleCommand(baseDir: string, refJson: string): number {
  try {
    resolveCustomAugmentation(JSON.parse(refJson) as AugmentationRef, baseDir);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`${LOADED}\n`);
  return 0;
}

/**
 * `ssad validate` loads the config's custom augmentation modules the way a training process does
 * (transpile, evaluate, check the definition and its parameters), so that what `ssad run` would
 * reject is reported before anything trains. Each module loads in a child process of its own, with
 * a time limit: module code may loop or end its process, and validation must still answer.
 */
import { spawnSync } from 'node:child_process';
import type { AugmentationRef, ExperimentConfig } from '../shared/config';
import { customModuleRefs } from '../engine/api';
import { resolveCustomAugmentation } from '../engine/cliApi';
import { checkModuleArgs, MODULE_LOADED, moduleCheckProblem, moduleCheckSeconds } from './moduleCheckProtocol';
import { errorMessage } from '../shared/errorMessage';

export { CHECK_MODULE_COMMAND } from './moduleCheckProtocol';

export interface ModuleProblem {
  path: string;
  message: string;
}

export function checkModules(config: ExperimentConfig, baseDir: string, cliScript: string): ModuleProblem[] {
  const timeoutSeconds = moduleCheckSeconds(config);
  const problems: ModuleProblem[] = [];
  for (const { field: path, ref } of customModuleRefs(config)) {
    const child = spawnSync(process.execPath, [cliScript, ...checkModuleArgs(baseDir, ref)], {
      encoding: 'utf8',
      timeout: timeoutSeconds * 1000,
      env: { ...process.env, SSAD_DEBUG: '' },
    });
    const timedOut = child.error !== undefined && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
    const message = moduleCheckProblem(path, ref, { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr, timedOut }, timeoutSeconds);
    if (message) problems.push({ path, message });
  }
  return problems;
}

/** The child's side: load one module, say so, or print why not. */
export function checkModuleCommand(baseDir: string, refJson: string): number {
  try {
    resolveCustomAugmentation(JSON.parse(refJson) as AugmentationRef, baseDir);
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n`);
    return 1;
  }
  process.stdout.write(`${MODULE_LOADED}\n`);
  return 0;
}

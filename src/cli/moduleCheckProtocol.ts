/**
 * How a custom augmentation module is loaded in a child process of its own to check it (the
 * hidden `ssad __check-module BASE_DIR REF_JSON`), and how the child's end reads as a problem.
 * Shared by `ssad validate`/`slurm`/`k8s` (a synchronous child) and the extension's Export
 * Cluster Job (an asynchronous one, so the extension host never waits). No node APIs here.
 */
import type { AugmentationRef, ExperimentConfig } from '../shared/config';
import { runtimeLimits } from '../engine/api';

/** The hidden sub-command the child runs. */
export const CHECK_MODULE_COMMAND = '__check-module';
/** What the child prints once the module loaded. */
export const MODULE_LOADED = 'module loaded';

/** The CLI arguments (after the CLI script) that check one module. */
export function checkModuleArgs(baseDir: string, ref: AugmentationRef): string[] {
  return [CHECK_MODULE_COMMAND, baseDir, JSON.stringify(ref)];
}

/** How long loading one module may take: the config's limit for a module call (the schema's default when unset). */
export function moduleCheckSeconds(config: ExperimentConfig): number {
  return runtimeLimits(config.runtime).augmentationTimeoutMs / 1000;
}

/** How a check child ended. */
export interface ModuleCheckEnd {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The problem of the module the config names at `field`, or undefined when it loaded. */
export function moduleCheckProblem(field: string, ref: AugmentationRef, end: ModuleCheckEnd, timeoutSeconds: number): string | undefined {
  if (end.status === 0 && end.stdout.includes(MODULE_LOADED)) return undefined;
  const said = end.stderr.trim().split('\n').filter(Boolean).pop();
  const file = typeof ref === 'string' ? ref : ref.name;
  const why = end.timedOut
    ? `${file}: loading the module did not finish within ${timeoutSeconds} s (runtime.augmentationTimeoutSeconds)`
    : (said ?? `${file}: the module ended its process while loading (${end.signal ? `signal ${end.signal}` : `exit code ${end.status}`})`);
  return `${field}: ${why}`;
}

/**
 * The frozen copy of a config that a Slurm job trains, so that editing the config (or a custom
 * augmentation module) after submitting changes nothing in the queued job.
 *
 * The copy lives in its own folder of the job folder. What its paths point at:
 * - A folder data set (`dataset.path`) stays where it is, too big to copy: a relative path
 *   becomes absolute, which changes nothing in results (the data set's path is no part of a cell).
 * - A custom module written relative to the config is copied to the same relative place beside
 *   the copy, so the path stays as written. It must: the written path is the augmentation's label,
 *   hence its cell ids and anomaly-type names, which must equal those of a local run.
 *   A module outside the config's folder (`../x.ts`) cannot keep its path and is refused.
 * - An absolute module path stays as it is (read from its place when the job runs).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { AugmentationRef, ExperimentConfig } from '../shared/config';
import { customModuleRefs } from '../engine/api';

export interface ModuleCopy {
  /** The config field that names the module first (`augmentations[2]`). */
  field: string;
  /** Absolute path of the module now. */
  from: string;
  /** Its path relative to the config, where the copy goes beside the config copy. */
  to: string;
}

export type ConfigCopyPlan =
  | {
      ok: true;
      /** The config as written, with a relative data set path made absolute. */
      json: Record<string, unknown>;
      modules: ModuleCopy[];
      /** Absolute module paths, read from their place when the job runs. */
      readInPlace: string[];
    }
  | { ok: false; problems: string[] };

function refPath(ref: AugmentationRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

/**
 * Plans the copy of `written` (the config's JSON as written) given its validated form and the
 * folder it lies in. Pure: it reads no file.
 */
export function planConfigCopy(written: Record<string, unknown>, config: ExperimentConfig, baseDir: string): ConfigCopyPlan {
  const json = structuredClone(written);
  const dataset = json.dataset as Record<string, unknown> | undefined;
  if (config.dataset.source === 'folder' && dataset && !isAbsolute(config.dataset.path)) {
    dataset.path = resolve(baseDir, config.dataset.path);
  }
  const problems: string[] = [];
  const modules = new Map<string, ModuleCopy>();
  const readInPlace = new Set<string>();
  for (const { field, ref } of customModuleRefs(config)) {
    const path = refPath(ref);
    if (isAbsolute(path)) {
      readInPlace.add(path);
      continue;
    }
    const from = resolve(baseDir, path);
    const to = relative(baseDir, from);
    if (to === '' || to === '..' || to.startsWith(`..${sep}`) || isAbsolute(to)) {
      problems.push(
        `${field}: "${path}" lies outside the config's folder, so its copy cannot sit at the same relative path beside the config copy ` +
          '(the path as written names the augmentation in results); move the module under the config\'s folder, or write its absolute path',
      );
      continue;
    }
    if (!modules.has(to)) modules.set(to, { field, from, to });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, json, modules: [...modules.values()], readInPlace: [...readInPlace] };
}

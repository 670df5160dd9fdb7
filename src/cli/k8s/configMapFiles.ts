/**
 * What the ConfigMap of `ssad k8s` may hold. The pods read the config from `/config/<file>`, and a
 * custom module from `/config/<its path relative to the config>`, so that the config's own
 * relative paths work unchanged. A ConfigMap can only place files at or below its mount point,
 * and holds at most 1 MiB; a data set never goes in it (it goes on the claim).
 */
import * as path from 'node:path';

/** Kubernetes' limit on the data of one ConfigMap. */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;
/** The file name used when the config's own name is not a valid ConfigMap key. */
export const FALLBACK_CONFIG_KEY = 'config.ssad.json';
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** The config's file name under /config: its own name when Kubernetes accepts it as a key. */
export function configMapKey(fileName: string): string {
  const base = path.basename(fileName);
  return CONFIGMAP_KEY.test(base) && base.length <= 253 && base !== '.' && base !== '..' ? base : FALLBACK_CONFIG_KEY;
}

export type MountPathResult = { ok: true; path: string } | { ok: false; why: string };

/** Where a module the config lists (as written in it) lies under /config, or why it cannot. */
export function moduleMountPath(written: string): MountPathResult {
  if (written.includes('\\')) return { ok: false, why: 'the pods run Linux: write the path with / instead of \\' };
  if (path.posix.isAbsolute(written) || /^[A-Za-z]:/.test(written)) {
    return { ok: false, why: 'the path is absolute; in the pods the config lies in /config: list the module by its path relative to the config, inside the config\'s folder' };
  }
  const normal = path.posix.normalize(written);
  if (normal === '..' || normal.startsWith('../')) {
    return { ok: false, why: 'the module lies outside the config\'s folder; a ConfigMap places files only beside the config or below it: move the module into the config\'s folder' };
  }
  return { ok: true, path: normal };
}

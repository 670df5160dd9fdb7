/**
 * Where a training process finds native TensorFlow (`@tensorflow/tfjs-node`, or `-gpu`) when it
 * is not in SSAD Lab's own node_modules — always the case for the VSIX, which cannot ship a
 * per-platform native addon. Nothing here loads TensorFlow.js: the VS Code extension host and the
 * CLI use it to tell the training children where to look, the children (./select) to load it.
 *
 * A location is any of:
 *   - an install root written by `installNativeBackend` (`ssad backend install`, `SSAD: Install
 *     Native Backend`): `active.json` names the verified install folder inside it;
 *   - an npm prefix: `<dir>/node_modules/@tensorflow/tfjs-node[-gpu]`
 *     (e.g. after `npm install --prefix <dir> @tensorflow/tfjs-node@4.22.0`);
 *   - a `node_modules` folder that holds `@tensorflow/tfjs-node[-gpu]`;
 *   - the package folder itself.
 * When both packages are present the GPU one wins: nobody installs it by accident.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** The version of @tensorflow/tfjs that SSAD Lab is built with; tfjs-node must match it. */
export const TFJS_VERSION = '4.22.0';
/** A native backend location for `auto` and `node` (see the module comment for what it may be). */
export const NATIVE_BACKEND_ENV = 'SSAD_NATIVE_BACKEND_PATH';
/** Who set NATIVE_BACKEND_ENV, in words for messages (the VS Code setting, say); optional. */
export const NATIVE_BACKEND_FROM_ENV = 'SSAD_NATIVE_BACKEND_FROM';
/** The file in an install root that names its verified install. */
export const ACTIVE_INSTALL_FILE = 'active.json';

export const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
export type NativePackageName = (typeof NATIVE_PACKAGES)[number];

export interface NativePackage {
  name: NativePackageName;
  /** The package.json version. */
  version: string;
  /** Absolute folder of the package (the one holding its package.json). */
  dir: string;
}

/** What `active.json` records. */
export interface ActiveInstall {
  /** Folder of the install, relative to the root (`install-…`). */
  dir: string;
  package: NativePackageName;
  version: string;
  installedAt: string;
  /** What the verification child printed (backend name and a sample sum). */
  verified: string;
}

export type NativeLookup = { found: true; pkg: NativePackage } | { found: false; reason: string };

/**
 * The per-user install root that `ssad backend install` uses by default and `auto` looks in:
 * `$XDG_DATA_HOME/ssad-lab/native-backend`, else `~/.local/share/ssad-lab/native-backend`;
 * on Windows `%LOCALAPPDATA%\ssad-lab\native-backend`.
 */
export function defaultNativeBackendRoot(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(local, 'ssad-lab', 'native-backend');
  }
  const data = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(data, 'ssad-lab', 'native-backend');
}

/** `~` and `~/…` expanded, then made absolute. */
export function expandHome(location: string, home: string = homedir()): string {
  const trimmed = location.trim();
  if (trimmed === '~') return home;
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return path.join(home, trimmed.slice(2));
  return path.resolve(trimmed);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The package in `dir` when `dir` is the folder of one of the native packages. */
function packageAt(dir: string): NativePackage | undefined {
  const json = readJson(path.join(dir, 'package.json')) as { name?: unknown; version?: unknown } | undefined;
  const name = json?.name;
  if (typeof name !== 'string' || !(NATIVE_PACKAGES as readonly string[]).includes(name)) return undefined;
  return { name: name as NativePackageName, version: typeof json?.version === 'string' ? json.version : 'unknown', dir };
}

/** The first native package under a node_modules folder (GPU first). */
function packageIn(nodeModules: string): NativePackage | undefined {
  for (const name of NATIVE_PACKAGES) {
    const found = packageAt(path.join(nodeModules, ...name.split('/')));
    if (found) return found;
  }
  return undefined;
}

/** The install that `active.json` in `root` names, or why it cannot be used; undefined when there is none. */
export function readActiveInstall(root: string): { ok: true; active: ActiveInstall } | { ok: false; reason: string } | undefined {
  const file = path.join(root, ACTIVE_INSTALL_FILE);
  if (!existsSync(file)) return undefined;
  const json = readJson(file) as Partial<ActiveInstall> | undefined;
  if (!json || typeof json.dir !== 'string' || typeof json.package !== 'string' || json.dir.includes('..')) {
    return { ok: false, reason: `${file} is not a valid record of an install` };
  }
  return { ok: true, active: json as ActiveInstall };
}

/** Looks for tfjs-node (or -gpu) at `location` (see the module comment for the layouts). */
export function findNativeBackend(location: string): NativeLookup {
  const dir = path.resolve(location);
  if (!isDir(dir)) return { found: false, reason: `${dir} does not exist or is not a folder` };
  const active = readActiveInstall(dir);
  if (active && !active.ok) return { found: false, reason: active.reason };
  if (active?.ok) {
    const installDir = path.join(dir, active.active.dir);
    const pkg = packageIn(path.join(installDir, 'node_modules'));
    if (pkg) return { found: true, pkg };
    return { found: false, reason: `the install that ${ACTIVE_INSTALL_FILE} names (${installDir}) no longer holds ${active.active.package}` };
  }
  const pkg = packageAt(dir) ?? packageIn(path.join(dir, 'node_modules')) ?? (path.basename(dir) === 'node_modules' ? packageIn(dir) : undefined);
  if (pkg) return { found: true, pkg };
  return {
    found: false,
    reason:
      `${dir} holds no @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu (it is neither an install made by ` +
      `"ssad backend install" or "SSAD: Install Native Backend", nor an npm prefix with ` +
      `node_modules/@tensorflow/tfjs-node, nor the package folder itself)`,
  };
}

/** Whether `root` holds a verified install made by installNativeBackend. */
export function hasActiveNativeInstall(root: string): boolean {
  return readActiveInstall(root)?.ok === true && findNativeBackend(root).found;
}

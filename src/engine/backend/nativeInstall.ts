/**
 * Installs native TensorFlow (`@tensorflow/tfjs-node`, or `-gpu`) with the user's own npm into an
 * install root, for `ssad backend install` and `SSAD: Install Native Backend` alike. Nothing here
 * loads TensorFlow.js (the VS Code extension host calls it).
 *
 *   1. npm installs `<package>@4.22.0` and `@tensorflow/tfjs@4.22.0` into a fresh staging folder
 *      `<root>/install-<stamp>` (the package's install script downloads libtensorflow);
 *   2. a child process — the same runtime the training processes use — loads the package from
 *      there and runs an op on its `tensorflow` backend;
 *   3. only then `<root>/active.json` is written (atomically) to name that folder, and older
 *      installs are removed.
 * Any failure or a cancel removes the staging folder, so `auto` never finds half an install: it
 * reads only what `active.json` names (./nativeLocation).
 *
 * `@tensorflow/tfjs` is installed next to tfjs-node on purpose: tfjs-node's own
 * `require('@tensorflow/tfjs')` resolves from its folder, so it must find a copy there, of the
 * same version as ours. That copy and ours share one engine and kernel registry (tfjs keeps them
 * on the global object), so the `tensorflow` backend it registers is the one our copy selects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeJsonAtomic } from '../run/atomicFile';
import { runStamp } from '../run/runStamp';
import {
  ACTIVE_INSTALL_FILE,
  findNativeBackend,
  readActiveInstall,
  TFJS_VERSION,
  type ActiveInstall,
  type NativePackage,
  type NativePackageName,
} from './nativeLocation';
import { errorMessage } from '../../shared/errorMessage';

export type InstallStep = 'npm' | 'verify' | 'activate';

export interface InstallNativeOptions {
  /** The install root (`--prefix`; the extension's global storage folder `native-backend`). */
  root: string;
  /** `@tensorflow/tfjs-node-gpu` instead of `@tensorflow/tfjs-node`. */
  gpu?: boolean;
  /** The npm to run (default `npm` from PATH; `npm.cmd` on Windows). */
  npmCommand?: string;
  /** Environment of npm and of the verification child (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** The runtime that loads the package to verify it (default `process.execPath`, as training does). */
  nodePath?: string;
  signal?: AbortSignal;
  /** npm's output (and the verification child's), chunk by chunk as it comes. */
  onOutput?: (text: string) => void;
  /** Each step as it starts, with a sentence for a progress display. */
  onStep?: (step: InstallStep, message: string) => void;
  /** How long the verification child may take (default 120 s). */
  verifyTimeoutMs?: number;
}

export type InstallNativeResult =
  | { ok: true; root: string; pkg: NativePackage; verified: string }
  /** `reason`: one sentence, without a final full stop, saying why nothing was installed. */
  | { ok: false; canceled: boolean; step: InstallStep | 'prepare'; reason: string };

export function nativePackageName(gpu: boolean | undefined): NativePackageName {
  return gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
}

/** The npm arguments of an install into `prefix`. */
export function npmInstallArgs(prefix: string, gpu?: boolean): string[] {
  return ['install', '--no-audit', '--no-fund', '--prefix', prefix, `${nativePackageName(gpu)}@${TFJS_VERSION}`, `@tensorflow/tfjs@${TFJS_VERSION}`];
}

/** Keeps the last `max` characters of what it is given. */
class Tail {
  private text = '';
  constructor(private readonly max = 64_000) {}
  add(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.max);
  }
  toString(): string {
    return this.text;
  }
}

class Canceled extends Error {}
class StepFailed extends Error {}

/** Runs a process to its end, streaming its output; rejects with Canceled on abort. */
function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; signal?: AbortSignal; onOutput?: (t: string) => void; timeoutMs?: number },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new Canceled());
      return;
    }
    const windows = process.platform === 'win32';
    // npm is a batch file on Windows, which only a shell can start; the shell needs quotes.
    const shell = windows && /\.(cmd|bat)$/i.test(command);
    const argv = shell ? args.map((a) => (/[\s&()^|<>]/.test(a) ? `"${a}"` : a)) : args;
    let child: ChildProcess;
    try {
      child = spawn(shell && /\s/.test(command) ? `"${command}"` : command, argv, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so that a cancel also stops the install scripts npm starts.
        detached: !windows,
        shell,
        windowsHide: true,
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const tail = new Tail();
    let timedOut = false;
    const kill = (): void => {
      try {
        if (!windows && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const onAbort = (): void => kill();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            kill();
          }, options.timeoutMs);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      tail.add(text);
      options.onOutput?.(text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const done = (): void => {
      options.signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('close', (code, signal) => {
      done();
      if (options.signal?.aborted) reject(new Canceled());
      else resolve({ code, signal, output: tail.toString(), timedOut });
    });
  });
}

/** Network failures as Node and npm word them, most telling first. */
const NETWORK_CAUSES = [
  /getaddrinfo \w+ [\w.-]+/,
  /\b(?:connect )?(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b[^\n]*/,
  /self[- ]signed certificate[^\n]*|unable to get local issuer certificate/i,
  /status(?:Code)?:? \d{3}/i,
  /\b(?:ENOTFOUND|EAI_AGAIN)\b/,
];

function cause(log: string): string | undefined {
  for (const pattern of NETWORK_CAUSES) {
    const found = log.match(pattern)?.[0].trim();
    if (found) return found;
  }
  return undefined;
}

/** The last informative `npm error` line (npm 7+ writes `npm error`, older ones `npm ERR!`). */
function lastNpmError(log: string): string | undefined {
  const lines = log
    .split('\n')
    .map((l) => l.replace(/^npm (?:error|ERR!)\s*/, '').trim())
    .filter((l, i, all) => l !== '' && !/^(A complete log|code \S+$|path |command |errno |syscall |at |Node\.js v|\{|\})/.test(l) && all.indexOf(l) === i);
  return lines.pop();
}

/**
 * Why an npm install of tfjs-node failed, in one sentence, read from its log. The package's
 * install script prints `* Downloading libtensorflow` before it downloads libtensorflow from
 * storage.googleapis.com and `* Building TensorFlow Node.js bindings` once that has worked.
 */
export function explainNpmFailure(log: string, code: number | null, pkg: string = nativePackageName(false)): string {
  const unsupported = log.match(/Unsupported system: (\S+)/);
  if (unsupported) {
    return `${pkg} ${TFJS_VERSION} has no libtensorflow build for this platform (${unsupported[1]}); native TensorFlow is available for Linux x64, Windows x64 and Intel macOS`;
  }
  const downloading = /Downloading libtensorflow/.test(log);
  const building = /Building TensorFlow Node\.js bindings/.test(log);
  if (downloading && !building) {
    const url = log.match(/https?:\/\/\S*libtensorflow\S*\.(?:tar\.gz|zip)/)?.[0];
    const why = cause(log) ?? lastNpmError(log) ?? 'no reason given';
    return `the download of libtensorflow${url ? ` (${url})` : ' from storage.googleapis.com'} failed: ${why}`;
  }
  if (building && /node-pre-gyp install failed|gyp ERR!|node-pre-gyp ERR!/.test(log)) {
    return (
      `no prebuilt tfjs-node binding could be downloaded for this Node.js and building it from source failed ` +
      `(${cause(log) ?? lastNpmError(log) ?? 'see the log'})`
    );
  }
  const npmCode = log.match(/npm (?:error|ERR!) code (\S+)/)?.[1];
  if (npmCode && /^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)$/.test(npmCode)) {
    return `npm could not reach its package registry (${cause(log) ?? npmCode})`;
  }
  if (npmCode === 'E404') return `npm did not find ${pkg}@${TFJS_VERSION} in its registry`;
  if (npmCode === 'EACCES' || npmCode === 'EPERM') return `npm was not allowed to write the install folder (${npmCode}: ${lastNpmError(log) ?? ''})`;
  if (npmCode === 'ENOSPC') return 'the disk is full (npm: ENOSPC)';
  const last = lastNpmError(log);
  return `npm install exited with code ${code ?? 'unknown'}${last ? `: ${last}` : ''}`;
}

/**
 * Loads the package in a child process and runs an op on its backend. Printed on the last line:
 * `SSAD_NATIVE_OK {…}` or `SSAD_NATIVE_FAIL "<reason>"`. It requires through createRequire from
 * the package folder, so the package and its `@tensorflow/tfjs` resolve exactly as in a run.
 */
const VERIFY_SCRIPT = `
const path = require('path');
const { createRequire } = require('module');
const dir = process.env.SSAD_VERIFY_PACKAGE_DIR;
const fail = (e) => {
  const text = String((e && e.message) || e).split('\\n')[0];
  process.stdout.write('\\nSSAD_NATIVE_FAIL ' + JSON.stringify(text) + '\\n');
  process.exit(1);
};
(async () => {
  const load = createRequire(path.join(dir, 'package.json'));
  load(dir);
  const tf = load('@tensorflow/tfjs');
  if (!tf.findBackendFactory('tensorflow')) throw new Error('it loaded but registered no "tensorflow" backend');
  if (!(await tf.setBackend('tensorflow'))) throw new Error('its "tensorflow" backend did not initialise');
  const sum = Array.from(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(1)).dataSync()));
  if (sum[0] !== 2 || sum[1] !== 3) throw new Error('[1, 2] + 1 gave [' + sum.join(', ') + ']');
  process.stdout.write('\\nSSAD_NATIVE_OK ' + JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version_core, sum }) + '\\n');
})().catch(fail);
`;

async function verify(pkg: NativePackage, staging: string, options: InstallNativeOptions, env: NodeJS.ProcessEnv): Promise<string> {
  const timeoutMs = options.verifyTimeoutMs ?? 120_000;
  const result = await runProcess(options.nodePath ?? process.execPath, ['-e', VERIFY_SCRIPT], {
    cwd: staging,
    // ELECTRON_RUN_AS_NODE: inside VS Code desktop, process.execPath is Electron; this makes it
    // Node, as it is for the forked training processes. Plain Node ignores it.
    env: { ...env, ELECTRON_RUN_AS_NODE: '1', SSAD_VERIFY_PACKAGE_DIR: pkg.dir },
    signal: options.signal,
    onOutput: options.onOutput,
    timeoutMs,
  });
  const ok = result.output.match(/SSAD_NATIVE_OK (.*)/);
  if (result.code === 0 && ok) {
    const info = JSON.parse(ok[1]) as { backend: string; tfjs: string };
    return `backend "${info.backend}" ran an op (tfjs ${info.tfjs})`;
  }
  if (result.timedOut) throw new StepFailed(`the installed ${pkg.name} did not load within ${Math.round(timeoutMs / 1000)} s`);
  const failed = result.output.match(/SSAD_NATIVE_FAIL (.*)/);
  const why = failed
    ? (JSON.parse(failed[1]) as string)
    : `the check process ended with ${result.signal ? `signal ${result.signal}` : `exit code ${result.code}`}${lastLine(result.output)}`;
  throw new StepFailed(`the installed ${pkg.name} failed its check: ${why}`);
}

function lastLine(output: string): string {
  const line = output.trim().split('\n').pop()?.trim();
  return line ? ` (${line})` : '';
}

/** Removes install folders other than `keep` (older installs, leftovers of interrupted ones). */
function removeOtherInstalls(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    if (name.startsWith('install-') && name !== keep) rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

/** Installs and verifies; never throws for a failed install (the result says why). */
export async function installNativeBackend(options: InstallNativeOptions): Promise<InstallNativeResult> {
  const root = path.resolve(options.root);
  const pkgName = nativePackageName(options.gpu);
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  const npm = options.npmCommand ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
  let staging = '';
  let step: InstallStep | 'prepare' = 'prepare';
  const rootExisted = readdirSafe(root) !== undefined;
  try {
    mkdirSync(root, { recursive: true });
    staging = mkdtempSync(path.join(root, `install-${runStamp(new Date())}-`));
    // Without a package.json npm would look for one in the folders above.
    writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify({ private: true, description: 'Native TensorFlow for SSAD Lab' }, null, 2)}\n`);

    step = 'npm';
    options.onStep?.('npm', `Installing ${pkgName} ${TFJS_VERSION} with npm (it downloads libtensorflow)…`);
    const args = npmInstallArgs(staging, options.gpu);
    options.onOutput?.(`> ${npm} ${args.join(' ')}\n`);
    let npmRun;
    try {
      npmRun = await runProcess(npm, args, { cwd: staging, env, signal: options.signal, onOutput: options.onOutput });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StepFailed(
          options.npmCommand === undefined
            ? 'npm was not found on the PATH (install Node.js with npm, then try again)'
            : `npm was not found at ${options.npmCommand}`,
        );
      }
      throw error;
    }
    if (npmRun.code !== 0) throw new StepFailed(explainNpmFailure(npmRun.output, npmRun.code, pkgName));
    const found = findNativeBackend(staging);
    if (!found.found || found.pkg.name !== pkgName) throw new StepFailed(`npm finished but ${pkgName} is not in ${staging}/node_modules`);

    step = 'verify';
    options.onStep?.('verify', `Checking that ${pkgName} loads and runs…`);
    const verified = await verify(found.pkg, staging, options, env);

    step = 'activate';
    options.onStep?.('activate', 'Making it the active native backend…');
    if (options.signal?.aborted) throw new Canceled();
    const active: ActiveInstall = {
      dir: path.basename(staging),
      package: pkgName,
      version: found.pkg.version,
      installedAt: new Date().toISOString(),
      verified,
    };
    writeJsonAtomic(path.join(root, ACTIVE_INSTALL_FILE), active);
    try {
      removeOtherInstalls(root, active.dir);
    } catch {
      // An older install still in use (Windows locks loaded DLLs): removed by the next install.
    }
    return { ok: true, root, pkg: found.pkg, verified };
  } catch (error) {
    const canceled = error instanceof Canceled || options.signal?.aborted === true;
    // Whatever failed, the staging folder goes, so that nothing half-installed stays behind.
    if (staging !== '') rmSync(staging, { recursive: true, force: true });
    if (!rootExisted && readdirSafe(root)?.length === 0) rmSync(root, { recursive: true, force: true });
    const reason = canceled
      ? 'the install was canceled'
      : error instanceof StepFailed
        ? error.message
        : `${step === 'prepare' ? `could not prepare ${root}` : `the ${step} step failed`}: ${errorMessage(error)}`;
    return { ok: false, canceled, step, reason };
  }
}

function readdirSafe(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

/** What is active in an install root now, in one line (for `ssad backend` and the extension's log). */
export function describeActiveInstall(root: string): string {
  const active = readActiveInstall(root);
  if (!active) return `no install in ${root}`;
  if (!active.ok) return active.reason;
  return `${active.active.package} ${active.active.version} in ${path.join(root, active.active.dir)} (installed ${active.active.installedAt})`;
}

/**
 * Chooses the TensorFlow.js backend for a training process and says what was chosen and why.
 *
 *   auto  → @tensorflow/tfjs-node (native TensorFlow; an optional dependency that only installs
 *           where its download of libtensorflow works) → wasm (SIMD, with the training kernels of
 *           ./wasmKernels) → cpu (plain JavaScript, ~100× slower than wasm on conv nets).
 *   node, wasm, cpu force one and throw an Error that says why when it is not available.
 *
 * tfjs-node (or tfjs-node-gpu) is looked for, for `auto` and `node` alike:
 *   1. at `SSAD_NATIVE_BACKEND_PATH` when it is set (./nativeLocation: an install root of
 *      `ssad backend install`, an npm prefix, or the package folder); nowhere else then, so that
 *      a location that does not work is reported rather than silently replaced;
 *   2. as Node resolves `@tensorflow/tfjs-node` from this module (the optional dependency);
 *   3. in the per-user install root of `ssad backend install` (defaultNativeBackendRoot).
 *
 * The wasm binaries are looked up, first match wins, in:
 *   1. `options.wasmDir`;
 *   2. the `SSAD_WASM_DIR` environment variable (a directory holding `tfjs-backend-wasm*.wasm`);
 *   3. `@tensorflow/tfjs-backend-wasm/dist` as Node resolves it from this module (from source, or
 *      from a bundle in `dist/` next to `node_modules`);
 *   4. `wasm/` next to the running bundle, then the bundle's own directory (for a package that
 *      copies the binaries beside `dist/*.js` instead of shipping node_modules).
 * An explicit directory (1 or 2) that lacks the binaries is an error rather than a silent fallback.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ownKernels } from './native-wasm/ownKernels';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import {
  defaultNativeBackendRoot,
  findNativeBackend,
  NATIVE_BACKEND_ENV,
  NATIVE_BACKEND_FROM_ENV,
  type NativePackage,
} from './nativeLocation';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './wasmKernels';
import { REQUESTED_BACKENDS, type RequestedBackend } from '../../shared/config';
import { errorMessage } from '../../shared/errorMessage';

export type ResolvedBackend = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendSelection {
  /** The tfjs backend now active. */
  name: ResolvedBackend;
  /** What was asked for. */
  requested: string;
  /** One line for results files and the UI: what runs, and why the faster options did not. */
  detail: string;
}

export interface SelectBackendOptions {
  /** Directory of the wasm binaries; overrides `SSAD_WASM_DIR` and the automatic lookup. */
  wasmDir?: string;
  /**
   * Environment to read `SSAD_WASM_DIR`, `SSAD_NATIVE_BACKEND_PATH` (and the per-user data folder
   * for the default native install root) from (default `process.env`).
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Loads `@tensorflow/tfjs-node`; replaceable so that tests can simulate either outcome. When
   * given, it is the only place tfjs-node is looked for.
   */
  loadNode?: () => unknown;
}

export const WASM_DIR_ENV = 'SSAD_WASM_DIR';

/** In Node the wasm backend never uses threads, so these two are the binaries it may load. */
const REQUIRED_WASM_BINARIES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

export interface WasmDirectory {
  dir: string;
  /** Where it came from: `option`, `SSAD_WASM_DIR`, `node_modules` or `bundle`. */
  source: string;
}

function hasWasmBinaries(dir: string): boolean {
  return REQUIRED_WASM_BINARIES.every((file) => fs.existsSync(path.join(dir, file)));
}

function packageWasmDir(): string | undefined {
  try {
    // Resolved at run time relative to this module (or the bundle that contains it).
    return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/** Finds the directory of the wasm binaries (see the module comment for the order). */
export function resolveWasmDir(options: Pick<SelectBackendOptions, 'wasmDir' | 'env'> = {}): WasmDirectory {
  const env = options.env ?? process.env;
  const explicit: Array<[string | undefined, string]> = [
    [options.wasmDir, 'option'],
    [env[WASM_DIR_ENV], WASM_DIR_ENV],
  ];
  for (const [dir, source] of explicit) {
    if (dir === undefined || dir === '') continue;
    const abs = path.resolve(dir);
    if (!hasWasmBinaries(abs)) {
      throw new Error(
        `the wasm binaries (${REQUIRED_WASM_BINARIES.join(', ')}) are not in ${abs} (from ${source}); ` +
          `point ${WASM_DIR_ENV} at the dist/ folder of @tensorflow/tfjs-backend-wasm`,
      );
    }
    return { dir: abs, source };
  }
  const found: Array<[string | undefined, string]> = [
    [packageWasmDir(), 'node_modules'],
    [path.join(__dirname, 'wasm'), 'bundle'],
    [__dirname, 'bundle'],
  ];
  for (const [dir, source] of found) {
    if (dir !== undefined && hasWasmBinaries(dir)) return { dir, source };
  }
  throw new Error(
    `the wasm binaries (${REQUIRED_WASM_BINARIES.join(', ')}) were not found; install ` +
      `@tensorflow/tfjs-backend-wasm or set ${WASM_DIR_ENV} to the directory that holds them`,
  );
}

function withTrailingSeparator(dir: string): string {
  return dir.endsWith('/') || dir.endsWith(path.sep) ? dir : `${dir}/`;
}

function firstLine(error: unknown): string {
  const text = errorMessage(error);
  return text.split('\n')[0].trim();
}

/**
 * Runs `fn` with console.warn collected instead of printed, minus messages matching `drop`. Used
 * around library calls whose warnings are either known noise or better reported in our own words.
 */
async function collectingWarnings<T>(fn: () => T | Promise<T>, drop?: RegExp): Promise<{ value: T; warnings: string[] }> {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ');
    if (drop === undefined || !drop.test(text)) warnings.push(text);
  };
  try {
    return { value: await fn(), warnings };
  } finally {
    console.warn = original;
  }
}

function replay(warnings: string[]): void {
  for (const w of warnings) console.warn(w);
}

/** Selects an already registered backend; its initialisation warnings become the failure reason. */
async function activate(name: string): Promise<{ ok: true } | { ok: false; why: string }> {
  const { value: ok, warnings } = await collectingWarnings(() => tf.setBackend(name));
  if (ok) {
    replay(warnings);
    return { ok: true };
  }
  const why = warnings.map(firstLine).filter((w) => w !== '' && !w.startsWith('Initialization of backend'));
  return { ok: false, why: why.join('; ') || 'unknown error' };
}

type Attempt = { ok: true; detail: string } | { ok: false; reason: string };

// --- tfjs-node ---------------------------------------------------------------------------------

function defaultLoadNode(): unknown {
  // Kept as a plain require so that esbuild, which marks the package external, leaves it to run
  // time; a static import would make the native addon a hard dependency.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@tensorflow/tfjs-node');
}

/**
 * Messages printed when tfjs-node's own `require('@tensorflow/tfjs')` yields a second copy of
 * tfjs (it does when this module runs from a bundle that inlined tfjs, and when tfjs-node is loaded
 * from a folder of its own, with the tfjs installed next to it). Engine, kernel registry and
 * platform live on the global object, so that copy re-registers what is already there: harmless,
 * but a few hundred lines of noise. From source, Node's module cache makes it the same copy.
 */
const DUPLICATE_REGISTRATION = /already registered|Platform node has already been set|Reusing existing backend factory/;

function explainNodeLoadFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = firstLine(error);
  // The package itself missing, as opposed to a file inside it (its native binding, say).
  if (code === 'MODULE_NOT_FOUND' && message.includes("Cannot find module '@tensorflow/tfjs-node'")) {
    return (
      'tfjs-node is not installed (it is optional and its install downloads libtensorflow, ' +
      'which fails without access to storage.googleapis.com; "ssad backend install" or ' +
      '"SSAD: Install Native Backend" installs it)'
    );
  }
  return `tfjs-node is installed but did not load: ${message}`;
}

/** Where a tfjs-node that was not found by plain `require` comes from, for the detail line. */
interface NativeOrigin {
  pkg: NativePackage;
  /** Who pointed there: `SSAD_NATIVE_BACKEND_PATH`, the VS Code setting, the per-user install. */
  source: string;
}

async function loadNative(load: () => unknown, origin?: NativeOrigin): Promise<Attempt> {
  let binding: unknown;
  const what = origin ? `${origin.pkg.name} from ${origin.pkg.dir} (${origin.source})` : 'tfjs-node';
  try {
    const loaded = await collectingWarnings(load, DUPLICATE_REGISTRATION);
    replay(loaded.warnings);
    binding = loaded.value;
  } catch (error) {
    return { ok: false, reason: origin ? `${what} did not load: ${firstLine(error)}` : explainNodeLoadFailure(error) };
  }
  if (tf.findBackendFactory('tensorflow') === null) {
    return {
      ok: false,
      reason:
        `${what} loaded but its backend is not visible to this copy of @tensorflow/tfjs ` +
        `(${tf.version_core}); install matching versions`,
    };
  }
  const active = await activate('tensorflow');
  if (!active.ok) return { ok: false, reason: `${what} did not initialise: ${active.why}` };
  if (origin) {
    const kind = origin.pkg.name.endsWith('-gpu') ? 'tfjs-node-gpu' : 'tfjs-node';
    return { ok: true, detail: `native TensorFlow via ${kind} ${origin.pkg.version} from ${origin.pkg.dir} (${origin.source})` };
  }
  const version = (binding as { version?: Record<string, string> } | null)?.version?.['tfjs-node'];
  return { ok: true, detail: `native TensorFlow via tfjs-node${version === undefined ? '' : ` ${version}`}` };
}

function readVersion(packageJson: string): string | undefined {
  try {
    const version = (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads tfjs-node from a folder outside our node_modules. Its own `require('@tensorflow/tfjs')`
 * resolves from its folder, so that folder must provide a copy of tfjs (`ssad backend install`
 * installs one next to it). That copy registers the `tensorflow` backend and its kernels in the
 * engine and kernel registry that every copy of tfjs shares on the global object, so ours sees
 * them; the versions must match for the kernels to fit our engine. Checked before the native
 * addon is loaded, so that a mismatch is reported in words rather than as a crash.
 */
async function tryNativeAt(location: string, source: string): Promise<Attempt> {
  const found = findNativeBackend(location);
  if (!found.found) return { ok: false, reason: `native TensorFlow from ${source} cannot be used: ${found.reason}` };
  const { pkg } = found;
  const where = `${pkg.name} in ${pkg.dir} (${source})`;
  if (pkg.version !== tf.version_core) {
    return { ok: false, reason: `${where} is version ${pkg.version}, but SSAD Lab uses @tensorflow/tfjs ${tf.version_core}; install ${pkg.name}@${tf.version_core}` };
  }
  const load = createRequire(path.join(pkg.dir, 'package.json'));
  let tfjsJson: string;
  try {
    tfjsJson = load.resolve('@tensorflow/tfjs/package.json');
  } catch {
    return {
      ok: false,
      reason: `${where} cannot find @tensorflow/tfjs from its folder; install @tensorflow/tfjs@${tf.version_core} next to it (npm install --prefix <that prefix> @tensorflow/tfjs@${tf.version_core})`,
    };
  }
  const tfjsVersion = readVersion(tfjsJson);
  if (tfjsVersion !== tf.version_core) {
    return { ok: false, reason: `${where} would use @tensorflow/tfjs ${tfjsVersion ?? 'of unknown version'} from ${path.dirname(tfjsJson)}, but SSAD Lab uses ${tf.version_core}` };
  }
  return loadNative(() => load(pkg.dir), { pkg, source });
}

async function tryNode(options: SelectBackendOptions): Promise<Attempt> {
  if (options.loadNode) return loadNative(options.loadNode);
  const env = options.env ?? process.env;
  const explicit = env[NATIVE_BACKEND_ENV];
  if (explicit !== undefined && explicit.trim() !== '') {
    const source = env[NATIVE_BACKEND_FROM_ENV] || NATIVE_BACKEND_ENV;
    return tryNativeAt(path.resolve(explicit.trim()), source);
  }
  const bundled = await loadNative(defaultLoadNode);
  if (bundled.ok) return bundled;
  const root = defaultNativeBackendRoot(env);
  if (!fs.existsSync(root)) return bundled;
  const perUser = await tryNativeAt(root, 'the per-user install of "ssad backend install"');
  if (perUser.ok) return perUser;
  return { ok: false, reason: `${bundled.reason}; ${perUser.reason}` };
}

// --- wasm --------------------------------------------------------------------------------------

let configuredWasmDir: WasmDirectory | undefined;
/** Why wasm failed to initialise: the wasm package cannot retry within a process. */
let wasmFailure: string | undefined;

/** Without initialising it, which tf.findBackend would do. */
function initialised(name: string): boolean {
  return name in tf.engine().registry;
}

function configureWasm(options: SelectBackendOptions): WasmDirectory | undefined {
  // Once the backend has initialised its binary is loaded; the paths no longer matter.
  if (initialised('wasm')) return configuredWasmDir;
  const found = resolveWasmDir(options);
  setWasmPaths(withTrailingSeparator(found.dir));
  configuredWasmDir = found;
  return found;
}

async function tryWasm(options: SelectBackendOptions): Promise<Attempt> {
  if (wasmFailure !== undefined) {
    return { ok: false, reason: `${wasmFailure} (earlier in this process; it cannot be retried without a restart)` };
  }
  let where: WasmDirectory | undefined;
  try {
    where = configureWasm(options);
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
  registerWasmTrainingKernels();
  const active = await activate('wasm');
  if (!active.ok) {
    wasmFailure = `the wasm backend did not initialise: ${active.why}`;
    return { ok: false, reason: wasmFailure };
  }
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const from = where === undefined ? '' : `, binaries from ${where.source}`;
  const names = (kind: string) =>
    WASM_TRAINING_KERNELS.filter((k) => k.kind === kind)
      .map((k) => k.kernelName)
      .join(', ');
  const own = ownKernels(tf.backend() as BackendWasm);
  const ownDetail = own
    ? `SSAD Lab's own kernels (${own.variant === 'relaxed-simd' ? 'relaxed SIMD, fused multiply-add' : 'SIMD'}): convolutions, batch norm, matrix products, AdamW`
    : `SSAD Lab's own kernels did not load: general forms instead`;
  return {
    ok: true,
    detail:
      `WebAssembly (XNNPACK${simd ? ', SIMD' : ', no SIMD'}, one thread${from}; ${ownDetail}; ` +
      `added kernels: ${names('missing')}; faster kernels: ${names('faster')})`,
  };
}

// --- cpu ---------------------------------------------------------------------------------------

async function tryCpu(): Promise<Attempt> {
  return (await tf.setBackend('cpu'))
    ? { ok: true, detail: 'plain JavaScript cpu backend (about 100× slower than wasm for conv nets)' }
    : { ok: false, reason: 'the cpu backend did not initialise' };
}

// --- selection ---------------------------------------------------------------------------------

function isRequest(name: string): name is RequestedBackend {
  return (REQUESTED_BACKENDS as readonly string[]).includes(name);
}

/**
 * Activates a backend and reports it. `auto` never throws for an unavailable backend (cpu always
 * works); a forced choice throws with the reason when it cannot be honoured.
 */
export async function selectBackend(
  requested: RequestedBackend | string,
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  if (!isRequest(requested)) {
    throw new Error(`unknown backend '${requested}': use ${REQUESTED_BACKENDS.join(', ')}`);
  }
  const finish = async (name: ResolvedBackend, detail: string): Promise<BackendSelection> => {
    await tf.ready();
    return { name, requested, detail };
  };
  const forced = async (attempt: Attempt, name: ResolvedBackend): Promise<BackendSelection> => {
    if (!attempt.ok) throw new Error(`backend '${requested}' is not available: ${attempt.reason}`);
    return finish(name, attempt.detail);
  };

  switch (requested) {
    case 'node':
      return forced(await tryNode(options), 'tensorflow');
    case 'wasm':
      return forced(await tryWasm(options), 'wasm');
    case 'cpu':
      return forced(await tryCpu(), 'cpu');
    case 'auto': {
      const skipped: string[] = [];
      const node = await tryNode(options);
      if (node.ok) return finish('tensorflow', node.detail);
      skipped.push(node.reason);
      const wasm = await tryWasm(options);
      if (wasm.ok) return finish('wasm', `${wasm.detail}; ${skipped.join('; ')}`);
      skipped.push(wasm.reason);
      const cpu = await tryCpu();
      if (cpu.ok) return finish('cpu', `${cpu.detail}; ${skipped.join('; ')}`);
      throw new Error(`no TensorFlow.js backend could be started: ${[...skipped, cpu.reason].join('; ')}`);
    }
  }
}

export type BackendCandidateName = 'native' | 'wasm' | 'cpu';

export interface BackendCandidate {
  name: BackendCandidateName;
  ok: boolean;
  /** What it would run (when ok) or why it cannot. */
  detail: string;
}

/**
 * Tries every backend in `auto`'s order and says, for each, whether it works and why (for
 * `ssad backend`). Leaves the last one that worked active: meant for a process of its own.
 */
export async function probeBackends(options: SelectBackendOptions = {}): Promise<{ auto: ResolvedBackend | undefined; candidates: BackendCandidate[] }> {
  const candidates: BackendCandidate[] = [];
  const record = (name: BackendCandidateName, attempt: Attempt): void => {
    candidates.push({ name, ok: attempt.ok, detail: attempt.ok ? attempt.detail : attempt.reason });
  };
  record('native', await tryNode(options));
  record('wasm', await tryWasm(options));
  record('cpu', await tryCpu());
  const first = candidates.find((c) => c.ok)?.name;
  const auto: ResolvedBackend | undefined = first === 'native' ? 'tensorflow' : first;
  return { auto, candidates };
}

// Importing the wasm backend registers it with a higher priority than cpu, so the first tensor
// op of a process that has not selected a backend yet initialises wasm. Pointing it at the
// binaries now keeps that from failing inside a bundle, where the wasm package's own guess (the
// directory of the running script) is wrong; a failed initialisation cannot be retried.
try {
  if (!initialised('wasm')) configureWasm({});
} catch {
  // Not found: selectBackend reports it when wasm is actually asked for.
}

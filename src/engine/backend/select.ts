/**
 * Chooses the TensorFlow.js backend for a training process and says what was chosen and why.
 *
 *   auto  → @tensorflow/tfjs-node (native TensorFlow; an optional dependency that only installs
 *           where its download of libtensorflow works) → wasm (SIMD, with the training kernels of
 *           ./wasmKernels) → cpu (plain JavaScript, ~100× slower than wasm on conv nets).
 *   node, wasm, cpu force one and throw an Error that says why when it is not available.
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
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './wasmKernels';

export type BackendRequest = 'auto' | 'node' | 'wasm' | 'cpu';
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendSelection {
  /** The tfjs backend now active. */
  name: BackendName;
  /** What was asked for. */
  requested: string;
  /** One line for results files and the UI: what runs, and why the faster options did not. */
  detail: string;
}

export interface SelectBackendOptions {
  /** Directory of the wasm binaries; overrides `SSAD_WASM_DIR` and the automatic lookup. */
  wasmDir?: string;
  /** Environment to read `SSAD_WASM_DIR` from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Loads `@tensorflow/tfjs-node`; replaceable so that tests can simulate either outcome. */
  loadNode?: () => unknown;
}

export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'node', 'wasm', 'cpu'];
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
  const text = error instanceof Error ? error.message : String(error);
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
 * tfjs (it does when this module runs from a bundle that inlined tfjs). Engine, kernel registry and
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
      'which fails without access to storage.googleapis.com)'
    );
  }
  return `tfjs-node is installed but did not load: ${message}`;
}

async function tryNode(options: SelectBackendOptions): Promise<Attempt> {
  let binding: unknown;
  const load = options.loadNode ?? defaultLoadNode;
  try {
    const loaded = await collectingWarnings(load, DUPLICATE_REGISTRATION);
    replay(loaded.warnings);
    binding = loaded.value;
  } catch (error) {
    return { ok: false, reason: explainNodeLoadFailure(error) };
  }
  if (tf.findBackendFactory('tensorflow') === null) {
    return {
      ok: false,
      reason:
        'tfjs-node loaded but its backend is not visible to this copy of @tensorflow/tfjs ' +
        `(${tf.version_core}); install matching versions`,
    };
  }
  const active = await activate('tensorflow');
  if (!active.ok) return { ok: false, reason: `tfjs-node did not initialise: ${active.why}` };
  const version = (binding as { version?: Record<string, string> } | null)?.version?.['tfjs-node'];
  return { ok: true, detail: `native TensorFlow via tfjs-node${version === undefined ? '' : ` ${version}`}` };
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
  return {
    ok: true,
    detail:
      `WebAssembly (XNNPACK${simd ? ', SIMD' : ', no SIMD'}, one thread${from}; ` +
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

function isRequest(name: string): name is BackendRequest {
  return (BACKEND_REQUESTS as readonly string[]).includes(name);
}

/**
 * Activates a backend and reports it. `auto` never throws for an unavailable backend (cpu always
 * works); a forced choice throws with the reason when it cannot be honoured.
 */
export async function selectBackend(
  requested: BackendRequest | string,
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  if (!isRequest(requested)) {
    throw new Error(`unknown backend '${requested}': use ${BACKEND_REQUESTS.join(', ')}`);
  }
  const finish = async (name: BackendName, detail: string): Promise<BackendSelection> => {
    await tf.ready();
    return { name, requested, detail };
  };
  const forced = async (attempt: Attempt, name: BackendName): Promise<BackendSelection> => {
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

// Importing the wasm backend registers it with a higher priority than cpu, so the first tensor
// op of a process that has not selected a backend yet initialises wasm. Pointing it at the
// binaries now keeps that from failing inside a bundle, where the wasm package's own guess (the
// directory of the running script) is wrong; a failed initialisation cannot be retried.
try {
  if (!initialised('wasm')) configureWasm({});
} catch {
  // Not found: selectBackend reports it when wasm is actually asked for.
}

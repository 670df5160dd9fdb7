/**
 * Every call into a custom module's code goes through `runModuleCode`, which
 * - tells the process's call monitor what runs (the training child forwards it to its parent, which
 *   stops a call that never returns after `runtime.augmentationTimeoutSeconds`), and
 * - intercepts `process.exit`, `process.abort` and `process.kill` of the process itself while the
 *   module's code runs: such a call throws where it was made (so the error names that line) and
 *   fails the call even when the module catches what was thrown. A module's mistake never ends the
 *   process, so it never fails a cell that merely shared it.
 */
import { CustomModuleError, type ModuleLocation } from './errors';
import { lineInStack } from './stack';

/** One call into a module, as a monitor and the error messages name it. */
export interface ModuleCall {
  /** The module's path as written in the config (`ssad/augmentations/x.ts`). */
  readonly file: string;
  /** The line of the called function in the module's source, when known. */
  readonly line?: number;
  /** What the call does: `apply (train mode)`, `variants()`, `loading the module (its top-level code)`. */
  readonly what: string;
  /** The module's file on disk (to recognise its frames in a stack); not sent anywhere. */
  readonly absolutePath?: string;
}

export interface CallMonitor {
  enter(call: ModuleCall): void;
  leave(call: ModuleCall): void;
}

let monitor: CallMonitor | undefined;

/** Sets (or, with undefined, removes) the monitor told of every call into a module. */
export function setCallMonitor(next: CallMonitor | undefined): void {
  monitor = next;
}

interface ExitAttempt {
  what: string;
  line?: number;
}

let depth = 0;
let attempt: ExitAttempt | undefined;
let absolutePathOfCall = '';

type Saved = Pick<NodeJS.Process, 'exit' | 'abort' | 'kill'> & { reallyExit?: unknown };

function refuse(what: string): never {
  const error = new Error(`${what} is not allowed in a custom augmentation: return a result (or throw an Error) instead`);
  attempt ??= { what, line: lineInStack(error, absolutePathOfCall) };
  throw error;
}

function install(): Saved {
  const proc = process as NodeJS.Process & { reallyExit?: unknown };
  const saved: Saved = { exit: proc.exit, abort: proc.abort, kill: proc.kill, reallyExit: proc.reallyExit };
  proc.exit = ((code?: number | string | null) => refuse(`process.exit(${code === undefined ? '' : String(code)})`)) as typeof process.exit;
  proc.abort = (() => refuse('process.abort()')) as typeof process.abort;
  proc.kill = ((pid: number, signal?: string | number) => {
    if (pid === process.pid || pid === 0 || pid === -process.pid) return refuse(`process.kill(${pid}${signal === undefined ? '' : `, ${JSON.stringify(signal)}`})`);
    return saved.kill.call(process, pid, signal);
  }) as typeof process.kill;
  if (typeof saved.reallyExit === 'function') proc.reallyExit = ((code?: number) => refuse(`process.reallyExit(${code ?? ''})`)) as unknown;
  return saved;
}

function restore(saved: Saved): void {
  const proc = process as NodeJS.Process & { reallyExit?: unknown };
  proc.exit = saved.exit;
  proc.abort = saved.abort;
  proc.kill = saved.kill;
  if (saved.reallyExit !== undefined) proc.reallyExit = saved.reallyExit;
}

/**
 * Runs `fn` (a call into the module at `where`) under the call monitor and the exit trap. Throws
 * what `fn` throws, or a CustomModuleError naming the line of a `process.exit` it attempted.
 */
export function runModuleCode<T>(call: ModuleCall, where: ModuleLocation, fn: () => T): T {
  monitor?.enter({ ...call, absolutePath: where.absolutePath });
  const outer = depth === 0;
  const saved = outer ? install() : undefined;
  if (outer) {
    attempt = undefined;
    absolutePathOfCall = where.absolutePath;
  }
  depth++;
  try {
    const out = fn();
    if (outer && attempt) throw exitError(call, where, attempt);
    return out;
  } catch (error) {
    if (outer && attempt) throw exitError(call, where, attempt);
    throw error;
  } finally {
    depth--;
    if (saved) {
      restore(saved);
      attempt = undefined;
    }
    monitor?.leave(call);
  }
}

function exitError(call: ModuleCall, where: ModuleLocation, tried: ExitAttempt): CustomModuleError {
  return new CustomModuleError(
    where.displayPath,
    tried.line ?? call.line,
    `${call.what} called ${tried.what}; a custom augmentation must return its result and never end the process`,
  );
}

/**
 * Atomic writes: a temp file next to the target, then a rename, so a reader never sees half a
 * file. A failed write removes its temp file and throws a FileWriteError that names the target
 * and says why in words (`no space left on device (ENOSPC)`).
 *
 * Fault injection, for the fault suite: with `SSAD_FAULT_WRITE=<CODE>:<name>[:<n>[:<times>]]` in
 * the environment, writes of the files that `<name>` matches fail with the error `<CODE>` (ENOSPC,
 * EACCES, EROFS, EIO, …), as a full or read-only disk would: the first `n` such writes of the
 * process succeed (0 when absent), then `times` of them fail (all when absent). `<name>` is a file
 * name or a pattern of the last folder and name, `*` matching any characters but `/`
 * (`results.json`, `scores/*`, `*`). Child processes inherit the variable and count their own
 * writes. Nothing sets it outside tests.
 */
import { mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const ERROR_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOENT: 'no such file or folder',
  EIO: 'input/output error',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

/** An OS error in words: `no space left on device (ENOSPC)`. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERROR_WORDS[code]) return `${ERROR_WORDS[code]} (${code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

export class FileWriteError extends Error {
  override readonly name = 'FileWriteError';
  readonly code: string | undefined;

  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`cannot write ${path}: ${describeFsError(cause)}`);
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/**
 * `mkdir -p`, one level at a time. (Node's own recursive mkdir can loop for ever on a path that no
 * mkdir can make, such as one under /proc.) Throws the first OS error; a part of the path that is
 * a file fails with ENOTDIR.
 */
export function makeDirs(dir: string): void {
  const path = resolve(dir);
  try {
    if (statSync(path).isDirectory()) return;
    const error = new Error(`ENOTDIR: not a folder, mkdir '${path}'`) as NodeJS.ErrnoException;
    error.code = 'ENOTDIR';
    throw error;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const parent = dirname(path);
  if (parent !== path) makeDirs(parent);
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(path).isDirectory()) throw error;
  }
}

let tempCounter = 0;
const faultCounts = new Map<string, number>();

function matchesFaultName(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  const name = basename(path);
  return regex.test(name) || regex.test(`${basename(dirname(path))}/${name}`);
}

/** Throws the injected error for this write when `SSAD_FAULT_WRITE` asks for one. */
function injectedFault(path: string): void {
  const spec = process.env.SSAD_FAULT_WRITE;
  if (!spec) return;
  const [code, name = '*', after = '0', times] = spec.split(':');
  if (!code || !matchesFaultName(name, path)) return;
  const seen = faultCounts.get(name) ?? 0;
  faultCounts.set(name, seen + 1);
  if (seen < Number(after)) return;
  if (times !== undefined && seen >= Number(after) + Number(times)) return;
  const error = new Error(`${code}: injected fault, write ${path}`) as NodeJS.ErrnoException;
  error.code = code;
  throw error;
}

/** Writes through a temp file and a rename, so a reader never sees half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.${++tempCounter}.tmp`;
  let tempMade = false;
  try {
    makeDirs(dirname(path));
    injectedFault(path);
    tempMade = true;
    writeFileSync(temp, data);
    renameSync(temp, path);
    tempMade = false;
  } catch (error) {
    if (tempMade) {
      try {
        unlinkSync(temp);
      } catch {
        // Never made, or the disk refuses even that: nothing more to do.
      }
    }
    throw new FileWriteError(path, error);
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Run folders: made exclusively (two runs never share one), read only within their bounds (a
 * path read from `results.json` never leads outside the folder, symbolic links included), and
 * owned while a run trains: `owner.json` names the process and host that train it and carries a
 * heartbeat, so a reader can tell a run that trains from one whose process died (`interrupted`).
 */
import { linkSync, mkdirSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describeFsError, makeDirs, writeJsonAtomic } from './atomicFile';

/** A run folder that cannot be made, or a path in one that cannot be used. */
export class RunFolderPathError extends Error {
  override readonly name = 'RunFolderPathError';
}

/**
 * Makes a new, empty run folder `runsDir/<baseId>` (or `<baseId>-2`, `-3`, … when taken) with an
 * exclusive `mkdir`: two processes that ask at the same moment never get the same folder.
 */
export function createRunFolder(runsDir: string, baseId: string): { runId: string; runDir: string } {
  try {
    makeDirs(runsDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' ? 'it (or a folder above it) is a file, not a folder' : describeFsError(error);
    throw new RunFolderPathError(`cannot create the runs folder ${runsDir}: ${why}`);
  }
  for (let n = 1; n < 10_000; n++) {
    const runId = n === 1 ? baseId : `${baseId}-${n}`;
    const runDir = join(runsDir, runId);
    try {
      mkdirSync(runDir);
      return { runId, runDir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new RunFolderPathError(`cannot create a run folder in ${runsDir}: ${describeFsError(error)}`);
    }
  }
  throw new RunFolderPathError(`cannot create a run folder in ${runsDir}: every name from ${baseId} to ${baseId}-9999 is taken`);
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path` (symbolic links resolved); for a path that does not exist yet, its deepest existing part's, with the rest appended. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathOf(parent), basename(path));
  }
}

/** Whether `target` really lies below `root` (not `root` itself), symbolic links resolved on both sides. */
export function leadsInside(root: string, target: string): boolean {
  const realRoot = realPathOf(resolve(root));
  const real = realPathOf(resolve(target));
  return real !== realRoot && inside(realRoot, real);
}

/**
 * The absolute path of `relativePath` (as written in `results.json`) inside `runDir`, or an error
 * when it is absolute, climbs out with `..`, or resolves — through a symbolic link — to a file
 * outside the folder. A file that does not exist yet is checked by its nearest existing parent.
 */
export function resolveInsideRun(runDir: string, relativePath: unknown): string {
  if (typeof relativePath !== 'string' || relativePath === '' || relativePath.includes('\0')) {
    throw new RunFolderPathError(`${JSON.stringify(relativePath)} is not a file name inside the run folder`);
  }
  if (isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath)) {
    throw new RunFolderPathError(`"${relativePath}" is an absolute path; a run folder names its files relative to itself`);
  }
  const root = resolve(runDir);
  const target = resolve(root, relativePath);
  if (!inside(root, target) || target === root) {
    throw new RunFolderPathError(`"${relativePath}" points outside the run folder ${root}`);
  }
  try {
    realpathSync(root);
  } catch (error) {
    throw new RunFolderPathError(`cannot read the run folder ${root}: ${describeFsError(error)}`);
  }
  // The deepest part of the path that exists decides where it really leads.
  if (!leadsInside(root, target)) throw new RunFolderPathError(`"${relativePath}" leads outside the run folder ${root} (through a symbolic link)`);
  return target;
}

/** Reads a file named in `results.json`, refusing any path that leads outside the run folder. */
export function readRunFile(runDir: string, relativePath: unknown): Buffer {
  return readFileSync(resolveInsideRun(runDir, relativePath));
}

// ---- ownership and heartbeat ---------------------------------------------------------------

export const OWNER_FILE = 'owner.json';
/** How often a training run refreshes its heartbeat. */
export const HEARTBEAT_MS = 10_000;
/** A heartbeat older than this means the run's process is gone (or the machine that ran it). */
export const STALE_HEARTBEAT_MS = 120_000;

export interface RunOwner {
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

export function readOwner(runDir: string): RunOwner | undefined {
  try {
    const data = JSON.parse(readFileSync(join(runDir, OWNER_FILE), 'utf8')) as Partial<RunOwner>;
    if (typeof data.pid !== 'number' || typeof data.host !== 'string' || typeof data.heartbeatAt !== 'string') return undefined;
    return { pid: data.pid, host: data.host, startedAt: String(data.startedAt ?? data.heartbeatAt), heartbeatAt: data.heartbeatAt };
  } catch {
    return undefined;
  }
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (killed, not yet reaped by its parent) answers signal 0 but runs nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Whether the process that owns a `running` run still trains it: its owner file exists, and
 * its process is alive (same host) or its heartbeat is recent (another host, e.g. a shared disk).
 */
export function ownerAlive(owner: RunOwner | undefined, now = Date.now()): boolean {
  if (!owner) return false;
  const beat = Date.parse(owner.heartbeatAt);
  const fresh = Number.isFinite(beat) && now - beat <= STALE_HEARTBEAT_MS;
  if (owner.host === hostname()) return fresh ? pidAlive(owner.pid) : false;
  return fresh;
}

function ownerRecord(startedAt: string): RunOwner {
  return { pid: process.pid, host: hostname(), startedAt, heartbeatAt: new Date().toISOString() };
}

/**
 * Takes ownership of a run folder for this process: atomically when no owner file exists, and
 * from a dead owner only (a live one, of another process, is never displaced). Throws a
 * RunFolderPathError saying who owns it otherwise.
 */
export function claimRunFolder(runDir: string): void {
  const file = join(runDir, OWNER_FILE);
  const mine = `${file}.${process.pid}.claim`;
  writeFileSync(mine, `${JSON.stringify(ownerRecord(new Date().toISOString()), null, 2)}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, file);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new RunFolderPathError(`cannot take the run folder ${runDir}: ${describeFsError(error)}`);
      }
      const current = readOwner(runDir);
      if (current && ownerAlive(current)) {
        throw new RunFolderPathError(`the run in ${runDir} is still being trained by process ${current.pid} on ${current.host}`);
      }
      // Move the dead owner's file aside; only one claimant can move a given file.
      const aside = `${file}.${process.pid}.stale`;
      try {
        renameSync(file, aside);
      } catch {
        continue;
      }
      try {
        const was = JSON.parse(readFileSync(aside, 'utf8')) as RunOwner;
        if (ownerAlive(was)) {
          // Another claimant won meanwhile: give its file back and stop.
          renameSync(aside, file);
          throw new RunFolderPathError(`the run in ${runDir} is being resumed by process ${was.pid} on ${was.host}`);
        }
      } catch (error) {
        if (error instanceof RunFolderPathError) throw error;
      }
      unlinkSync(aside);
    }
    throw new RunFolderPathError(`cannot take the run folder ${runDir}: another process keeps claiming it`);
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // Already gone.
    }
  }
}

/** Refreshes this process's heartbeat in the owner file; false when the disk refused. */
export function beat(runDir: string, startedAt: string): boolean {
  try {
    writeJsonAtomic(join(runDir, OWNER_FILE), ownerRecord(startedAt));
    return true;
  } catch {
    return false;
  }
}

/** Gives the run folder up (the run ended and `results.json` says how). */
export function releaseRunFolder(runDir: string): void {
  try {
    unlinkSync(join(runDir, OWNER_FILE));
  } catch {
    // Gone already, or a read-only disk: readers see the owner's process is gone.
  }
}

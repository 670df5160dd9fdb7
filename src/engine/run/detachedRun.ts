/**
 * Runs that outlive the window that started them. `startDetachedRun` hands the run to its own
 * process (`dist/runHost.js`, in a session of its own, so closing or reloading the window does not
 * end it) and follows it through the run's event journal; `attachDetachedRun` follows a run that
 * such a process trains already — after a reload, or from another window. Cancel is a request
 * file in the run folder, which the host polls, so it works from any window.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import type { ExperimentConfig } from '../../shared/config';
import type { RunEvent } from '../../shared/progress';
import { RESULTS_SCHEMA_VERSION, type RunResults } from '../../shared/results';
import { errorMessage } from '../../shared/errorMessage';
import { readRunResultsFile } from './readResults';
import { pidAlive, readOwner } from './runFolder';
import { JournalReader, RUN_EVENTS_FILE } from './runJournal';
import { RUN_LOG_FILE } from './runLog';
import type { RunHandle, RunOptions } from './runExperiment';

/** What the host process needs to start the run: RunOptions without the callbacks. */
export type DetachedRunSpec = Omit<RunOptions, 'onEvent' | 'augmentationLabel'>;

export const LAUNCH_FILE = 'launch.json';
export const CANCEL_REQUEST_FILE = 'cancel-requested';

/** How a run's host process is started: the runtime, the bundled host script, extra environment. */
export interface HostLauncher {
  hostScript: string;
  /** Default `process.execPath` (Electron inside VS Code desktop, made Node by ELECTRON_RUN_AS_NODE). */
  execPath?: string;
  execArgv?: string[];
  env?: Readonly<Record<string, string>>;
}

export interface DetachedRunHandle extends RunHandle {
  readonly pid: number | undefined;
  /** Stops following the run; it goes on training. */
  detach(): void;
}

export interface FollowOptions {
  /** Every event of the run, from its start, with when it happened. */
  onEvent?: (event: RunEvent, at: number) => void;
  /** How often the journal is read (default 250 ms). */
  pollMs?: number;
}

/** The folder a spec trains in: the resumed run's, or the one the caller made. */
export function specRunFolder(spec: DetachedRunSpec): { runId: string; runDir: string } {
  if (spec.resume) return { runId: basename(spec.resume), runDir: spec.resume };
  if (spec.runFolder) return spec.runFolder;
  throw new Error('a detached run needs its run folder made first (runFolder) or a run to resume');
}

/**
 * Starts the run in a detached host process and follows it. Throws only when the host cannot be
 * started at all; everything later — including a host that fails to take the folder — ends in `done`.
 */
export function startDetachedRun(spec: DetachedRunSpec, launcher: HostLauncher, follow: FollowOptions = {}): DetachedRunHandle {
  const { runId, runDir } = specRunFolder(spec);
  // A resumed run starts a new journal: the old one ends with the old run's end.
  for (const stale of [RUN_EVENTS_FILE, CANCEL_REQUEST_FILE]) rmSync(join(runDir, stale), { force: true });
  const launchFile = join(runDir, LAUNCH_FILE);
  writeFileSync(`${launchFile}.tmp`, `${JSON.stringify(spec, null, 2)}\n`);
  renameSync(`${launchFile}.tmp`, launchFile);
  // The host's own output (a crash's stack trace) lands in the run's log.
  const logFd = openSync(join(runDir, RUN_LOG_FILE), 'a');
  let child: ChildProcess;
  try {
    child = spawn(launcher.execPath ?? process.execPath, [...(launcher.execArgv ?? []), launcher.hostScript, launchFile], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, ...launcher.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
  } finally {
    closeSync(logFd);
  }
  child.unref();
  return follow_(runId, runDir, spec.config, child.pid, child, follow);
}

/** Follows a run that a host process trains already (see `attachableRun`). */
export function attachDetachedRun(runDir: string, follow: FollowOptions = {}): DetachedRunHandle {
  const owner = readOwner(runDir);
  let config: ExperimentConfig | undefined;
  try {
    config = readRunResultsFile(runDir).config;
  } catch {
    config = undefined;
  }
  return follow_(basename(runDir), runDir, config, owner?.pid, undefined, follow);
}

/**
 * Whether a window can follow the run in `runDir`: it is trained by a live host process on this
 * machine (which keeps an event journal). Runs of the CLI or of another machine are not followed.
 */
export function attachableRun(runDir: string): { pid: number } | undefined {
  const owner = readOwner(runDir);
  // The launch file is there from before the host starts until the run ended: a run of the CLI has none.
  if (!owner || !existsSync(join(runDir, LAUNCH_FILE))) return undefined;
  if (owner.host !== hostname() || !pidAlive(owner.pid)) return undefined;
  return { pid: owner.pid };
}

function follow_(
  runId: string,
  runDir: string,
  config: ExperimentConfig | undefined,
  pid: number | undefined,
  child: ChildProcess | undefined,
  { onEvent, pollMs = 250 }: FollowOptions,
): DetachedRunHandle {
  const reader = JournalReader.forRun(runDir);
  let settle!: (results: RunResults) => void;
  const done = new Promise<RunResults>((resolve) => (settle = resolve));
  let finished = false;
  let exited = false;
  let ticks = 0;
  let cancelAt: number | undefined;

  const finish = (results: RunResults): void => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    settle(results);
  };
  const drain = (): void => {
    for (const entry of reader.poll()) {
      if (finished) return;
      try {
        onEvent?.(entry.event, entry.at);
      } catch {
        // A display problem must never stop following the run.
      }
      if (entry.event.type === 'run-finished') finish(entry.event.results);
    }
  };
  const gone = (): void => {
    drain();
    if (!finished) finish(resultsOfVanishedHost(runId, runDir, config, pid));
  };
  const tick = (): void => {
    drain();
    if (finished) return;
    // Without the child object (a reattached run), ask the system about every second.
    if (exited || (!child && ++ticks % Math.max(1, Math.round(1000 / pollMs)) === 0 && (pid === undefined || !pidAlive(pid)))) gone();
    // A host that does not answer a cancel request (busy or hung) gets a signal, which it handles
    // the same way; one that ignores that too is killed.
    if (cancelAt !== undefined && pid !== undefined && !finished) {
      const waited = Date.now() - cancelAt;
      if (waited > 5_000) signal(pid, waited > 20_000 ? 'SIGKILL' : 'SIGTERM');
    }
  };
  const timer = setInterval(tick, pollMs);
  timer.unref?.();
  child?.once('exit', () => {
    exited = true;
    setTimeout(tick, 50).unref?.();
  });
  child?.once('error', () => {
    exited = true;
  });
  return {
    runId,
    runDir,
    pid,
    done,
    cancel() {
      if (finished) return;
      cancelAt ??= Date.now();
      try {
        writeFileSync(join(runDir, CANCEL_REQUEST_FILE), `${new Date().toISOString()}\n`);
      } catch {
        if (pid !== undefined) signal(pid, 'SIGTERM');
      }
    },
    detach() {
      clearInterval(timer);
    },
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/**
 * The results of a run whose host process ended without saying the run ended: as its file says
 * when that says it ended, else `interrupted` (it can be resumed) — never `completed` — and when
 * the host failed before writing any results, `failed` with the reason its log gives.
 */
export function resultsOfVanishedHost(runId: string, runDir: string, config: ExperimentConfig | undefined, pid: number | undefined): RunResults {
  const why = lastLoggedError(runDir);
  const processText = pid !== undefined ? `the process that trained it (${pid})` : 'the process that trained it';
  try {
    const results = readRunResultsFile(runDir);
    if (results.status !== 'running') return results;
    return { ...results, status: 'interrupted', error: `${processText} ended before the run did${why ? `: ${why}` : ''} (see ${RUN_LOG_FILE}); resume it to train the cells left` };
  } catch (error) {
    const name = config?.name ?? runId;
    return {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      id: runId,
      name,
      config: config as ExperimentConfig,
      status: 'failed',
      error: why ?? `${processText} ended before writing any results (${errorMessage(error)})`,
      createdAt: new Date().toISOString(),
      scale: { trainImages: 0, testImages: 0, epochs: config?.training?.epochs ?? 0, parallelism: 0 },
      augmentations: [],
      anomalyTypes: [],
      normalClasses: [],
      cells: [],
      summary: [],
    };
  }
}

/** The text of the last `error` line of the run's log, if any. */
export function lastLoggedError(runDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(runDir, RUN_LOG_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').filter((l) => /^\S+ error /.test(l));
  const last = lines.at(-1);
  return last?.replace(/^\S+ error\s+/, '');
}

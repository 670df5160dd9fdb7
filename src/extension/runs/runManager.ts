import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  attachableRun,
  attachDetachedRun,
  createRunFolder,
  describeRunEvent,
  NATIVE_BACKEND_ENV,
  NATIVE_BACKEND_FROM_ENV,
  newRunId,
  readRunResults,
  startDetachedRun,
  type DetachedRunHandle,
} from '../../engine/api';
import { NATIVE_BACKEND_SETTING, nativeBackendEnv } from '../native/nativeEnv';
import type { ExperimentConfig } from '../../shared/config';
import type { RunEvent } from '../../shared/progress';
import type { RunOnDisk, RunResults } from '../../shared/results';
import type { RunStatusBar } from '../status/runStatusBar';
import { effectiveBackend, effectiveParallelism } from './configOverrides';
import { applyRunEvent } from './liveResults';
import { INITIAL_PROGRESS, formatProgress, reduceProgress, type RunProgressState } from './runProgress';
import { RunQueue } from './runQueue';
import { describeNews } from './runSummaryText';
import type { WorkspaceRuns } from './workspaceRuns';
import { errorMessage } from '../../shared/errorMessage';

/** A validated experiment, ready to train. */
export interface RunRequest {
  config: ExperimentConfig;
  /** Folder that relative paths in the config resolve against. */
  baseDir: string;
  /** Where the config came from, for messages: a file name or "the quickstart". */
  source: string;
  /** The config file, recorded in the run so that a resume can check it is unchanged. */
  configFile?: string;
  /** A run folder to resume (only its cells that did not complete train). */
  resumeDir?: string;
  /** A run that trains already in a detached process (started before a reload, or by another window): follow it. */
  attachDir?: string;
}

/** The run being trained now. */
export interface ActiveRun {
  readonly request: RunRequest;
  readonly handle: DetachedRunHandle;
  readonly startedAt: number;
}

interface RunManagerDeps {
  extensionPath: string;
  output: vscode.LogOutputChannel;
  runs: WorkspaceRuns;
  statusBar: RunStatusBar;
  /** Parent of run folders when no workspace folder is open. */
  fallbackRunsDir: string;
  /** Where `SSAD: Install Native Backend` installs native TensorFlow. */
  nativeInstallRoot: string;
}

/** The context key that shows `SSAD: Cancel Run` only while something trains. */
export const RUNNING_CONTEXT_KEY = 'ssad.running';
export const RUNS_VIEW_ID = 'ssad.runs';

/**
 * Trains experiments one at a time, each in a detached process of its own (never on the
 * extension-host thread), with progress on the runs view and in the status bar, the `SSAD` log and
 * live events for the runs view and the panel. A run outlives the window: disposing the manager
 * (window closed or reloaded, extension disabled) only stops following it, and `reattach` follows
 * it again when a window opens on the same runs.
 */
export class RunManager implements vscode.Disposable {
  private readonly queue = new RunQueue<RunRequest, RunOnDisk>((r) => this.execute(r));
  private activeRun: ActiveRun | undefined;
  private disposed = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a run starts or ends, or the queue changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: RunManagerDeps) {}

  get active(): ActiveRun | undefined {
    return this.activeRun;
  }

  get queued(): readonly RunRequest[] {
    return this.queue.waiting;
  }

  /** The bundled training child; a build without it cannot train. */
  get workerScript(): string {
    return path.join(this.deps.extensionPath, 'dist', 'worker.js');
  }

  /** The bundled process that owns a run while it trains. */
  get hostScript(): string {
    return path.join(this.deps.extensionPath, 'dist', 'runHost.js');
  }

  /**
   * Follows the runs that train in detached processes on this machine (started before a window
   * reload, or by another window) in the given runs folders: each takes its turn like a run
   * started here, so a new run queues behind it. Returns how many it follows.
   */
  reattach(runsDirs: readonly string[]): number {
    if (this.disposed) return 0;
    let count = 0;
    for (const dir of runsDirs) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const runDir = path.join(dir, name);
        if (!attachableRun(runDir) || this.follows(runDir)) continue;
        const results = readSnapshot(runDir);
        if (!results) continue;
        count++;
        void this.queue.enqueue({ config: results.config, baseDir: results.origin?.baseDir ?? dir, source: 'a run that was training', attachDir: runDir }).result.catch(() => undefined);
      }
    }
    if (count > 0) this.changed.fire();
    return count;
  }

  /** Whether this window trains, follows or has queued the run in `runDir`. */
  follows(runDir: string): boolean {
    return this.activeRun?.handle.runDir === runDir || this.queue.waiting.some((r) => r.attachDir === runDir || r.resumeDir === runDir);
  }

  /**
   * Cancels the run in `runDir` when it trains in a detached process that this window does not
   * follow (another window's): the request reaches its process through the run folder.
   */
  cancelDetached(runDir: string): boolean {
    if (!attachableRun(runDir)) return false;
    const handle = attachDetachedRun(runDir);
    handle.cancel();
    void handle.done.finally(() => handle.detach());
    return true;
  }

  /**
   * Queues a run; settles with its final results (whatever the status), or undefined when it was
   * dropped from the queue before it started.
   */
  enqueue(request: RunRequest): Promise<RunOnDisk | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    for (const script of [this.workerScript, this.hostScript]) {
      if (existsSync(script)) continue;
      void vscode.window.showErrorMessage(vscode.l10n.t('SSAD: the training process {0} is missing: this build of SSAD Lab is incomplete.', script));
      return Promise.resolve(undefined);
    }
    const { position, result } = this.queue.enqueue(request);
    if (position > 0) {
      const message =
        position === 1
          ? vscode.l10n.t('SSAD: "{0}" is queued (1 run ahead); it starts when the current run ends.', request.config.name)
          : vscode.l10n.t('SSAD: "{0}" is queued ({1} runs ahead); it starts when the current run ends.', request.config.name, position);
      this.deps.output.info(message);
      void vscode.window.showInformationMessage(message);
      this.changed.fire();
    }
    return result;
  }

  /** Cancels the run in progress and drops the queued ones. Returns whether anything was canceled. */
  cancelAll(): boolean {
    const dropped = this.queue.clearWaiting();
    for (const r of dropped) this.deps.output.warn(`Dropped the queued run "${r.config.name}"`);
    const active = this.activeRun;
    active?.handle.cancel();
    if (dropped.length > 0) this.changed.fire();
    return Boolean(active) || dropped.length > 0;
  }

  /**
   * The window closes or reloads (or the extension is disabled): the run in progress goes on in
   * its own process and a window that opens on these runs follows it again; runs that had not
   * started are dropped.
   */
  dispose(): void {
    this.disposed = true;
    const dropped = this.queue.clearWaiting();
    for (const r of dropped) this.deps.output.warn(`Dropped the queued run "${r.config.name}"`);
    this.activeRun?.handle.detach();
    this.changed.dispose();
  }

  private execute(request: RunRequest): Promise<RunOnDisk> {
    // Progress shows where the run was started: on the runs view (its bar, and the live run's
    // line with the step and the time left), and in the status bar; not as a notification.
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: RUNS_VIEW_ID } }, () => this.train(request)));
  }

  private async train(request: RunRequest): Promise<RunOnDisk> {
    const { output, runs, statusBar } = this.deps;
    const settings = vscode.workspace.getConfiguration('ssad');
    const config: ExperimentConfig = {
      ...request.config,
      runtime: { ...request.config.runtime, backend: effectiveBackend(request.config.runtime.backend, settings.get<string>('backend')) },
    };
    const runsDir = runs.runsDirectory() ?? this.deps.fallbackRunsDir;
    let state: RunProgressState = INITIAL_PROGRESS;
    let live: RunResults | undefined;
    // Known before the engine starts, so that even an event it sends while starting is forwarded.
    let runId = request.resumeDir ? path.basename(request.resumeDir) : request.attachDir ? path.basename(request.attachDir) : '';
    let runDir = request.resumeDir ?? request.attachDir ?? '';
    const report = (): void => {
      const text = formatProgress(state, Date.now());
      statusBar.show(config.name, text, runDir, this.queue.waiting.length);
      runs.setLiveProgress(runDir, text);
    };
    const onEvent = (event: RunEvent, at: number): void => {
      state = reduceProgress(state, event, at);
      if (event.type === 'run-started') live = readSnapshot(event.runDir) ?? live;
      else if (live) live = applyRunEvent(live, event);
      if (live) runs.setLiveRun({ runDir, results: live });
      logEvent(output, event);
      report();
      runs.fireRunEvent(runId, event);
    };
    let handle: DetachedRunHandle;
    try {
      if (request.attachDir) {
        handle = attachDetachedRun(request.attachDir, { onEvent });
        output.info(`Following "${config.name}", which trains in process ${handle.pid ?? '?'} → ${runDir}`);
      } else {
        // Training processes look for native TensorFlow where the setting or the install says.
        const workerEnv = nativeBackendEnv(settings.get(NATIVE_BACKEND_SETTING), this.deps.nativeInstallRoot);
        if (workerEnv[NATIVE_BACKEND_ENV]) output.info(`Native TensorFlow is looked for in ${workerEnv[NATIVE_BACKEND_ENV]} (${workerEnv[NATIVE_BACKEND_FROM_ENV]})`);
        // Made here, exclusively (the engine's rule, as for the CLI), so its path is known first.
        const folder = request.resumeDir ? undefined : createRunFolder(runsDir, newRunId(config.name));
        if (folder) ({ runId, runDir } = folder);
        output.info(`${request.resumeDir ? 'Resuming' : 'Starting'} "${config.name}" (${request.source}) → ${runDir}; backend ${config.runtime.backend}`);
        handle = startDetachedRun(
          {
            config,
            baseDir: request.baseDir,
            runsDir,
            runFolder: folder,
            resume: request.resumeDir,
            configFile: request.configFile,
            workerScript: this.workerScript,
            parallelism: effectiveParallelism(settings.get('parallelism')),
            mnistDir: path.join(this.deps.extensionPath, 'media', 'mnist'),
            workerEnv,
          },
          { hostScript: this.hostScript },
          { onEvent },
        );
      }
    } catch (error) {
      // The run folder could not be made, or the run's process not started: nothing trains.
      const message = vscode.l10n.t('SSAD: could not start "{0}": {1}', config.name, errorMessage(error));
      output.error(message);
      void vscode.window.showErrorMessage(message);
      throw error;
    }
    const started: ActiveRun = { request, handle, startedAt: Date.now() };
    this.activeRun = started;
    live = readSnapshot(runDir) ?? live;
    if (live) runs.setLiveRun({ runDir, results: live });
    runs.invalidate();
    this.changed.fire();
    report();
    // The time left changes between events too (a long epoch).
    const ticker = setInterval(report, 5_000);
    try {
      await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, true);
      const results = await handle.done;
      this.announce(results, runDir);
      return { runDir, results };
    } finally {
      clearInterval(ticker);
      if (this.activeRun === started) this.activeRun = undefined;
      runs.setLiveRun(undefined);
      runs.setLiveProgress(runDir, undefined);
      runs.invalidate();
      const more = this.queue.waiting.length > 0;
      if (!more && !this.disposed) {
        statusBar.hide();
        await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, false);
      }
      this.changed.fire();
    }
  }

  /** One message at the end; never awaited (a notification waits for the user). */
  private announce(results: RunResults, runDir: string): void {
    const seconds = results.totalSeconds !== undefined ? ` in ${results.totalSeconds.toFixed(1)} s` : '';
    const open = vscode.l10n.t('Open Results');
    const showLog = vscode.l10n.t('Show Log');
    const openResults = (choice: string | undefined): void => {
      if (choice === open) void vscode.commands.executeCommand('ssad.openResults', runDir);
      if (choice === showLog) this.deps.output.show(true);
    };
    this.deps.output.info(`Run "${results.name}" ${results.status}${seconds}: ${runDir}`);
    if (this.disposed) return;
    switch (results.status) {
      case 'completed':
        void vscode.window.showInformationMessage(completedMessage(results), open).then(openResults);
        break;
      case 'canceled':
        void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: "{0}" canceled; no training process is left.', results.name));
        break;
      case 'interrupted':
        void vscode.window
          .showErrorMessage(vscode.l10n.t('SSAD: "{0}" stopped before it ended: {1}', results.name, results.error ?? vscode.l10n.t('its process is gone')), showLog, open)
          .then(openResults);
        break;
      default:
        void vscode.window
          .showErrorMessage(vscode.l10n.t('SSAD: "{0}" failed: {1}', results.name, results.error ?? vscode.l10n.t('unknown error')), showLog, open)
          .then(openResults);
    }
  }
}

/** Whole sentences (with or without the time, with or without the news), so that a translation can word each its own way. */
function completedMessage(results: RunResults): string {
  const news = describeNews(results);
  const time = results.totalSeconds?.toFixed(1);
  if (time !== undefined && news) return vscode.l10n.t('SSAD: "{0}" completed in {1} s — {2}.', results.name, time, news);
  if (time !== undefined) return vscode.l10n.t('SSAD: "{0}" completed in {1} s.', results.name, time);
  if (news) return vscode.l10n.t('SSAD: "{0}" completed — {1}.', results.name, news);
  return vscode.l10n.t('SSAD: "{0}" completed.', results.name);
}

function readSnapshot(runDir: string): RunResults | undefined {
  try {
    return readRunResults(runDir);
  } catch {
    return undefined;
  }
}

function logEvent(output: vscode.LogOutputChannel, event: RunEvent): void {
  // The run's own log (run.log in its folder) has these lines too, with the epochs.
  if (event.type === 'run-finished') return;
  const line = describeRunEvent(event);
  if (line) output[line.level](line.text);
}

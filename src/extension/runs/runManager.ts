import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  createRunFolder,
  NATIVE_BACKEND_ENV,
  NATIVE_BACKEND_FROM_ENV,
  newRunId,
  readRunResults,
  resultsLabel,
  startRun,
  type RunHandle,
} from '../../engine/api';
import { NATIVE_BACKEND_SETTING, nativeBackendEnv } from '../native/nativeEnv';
import type { ExperimentConfig } from '../../shared/config';
import type { RunEvent } from '../../shared/progress';
import type { RunOnDisk, RunResults } from '../../shared/results';
import type { RunStatusBar } from '../status/runStatusBar';
import { effectiveBackend, effectiveParallelism } from './configOverrides';
import { applyRunEvent } from './liveResults';
import { INITIAL_PROGRESS, cellIncrement, formatProgress, reduceProgress, type RunProgressState } from './runProgress';
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
}

/** The run being trained now. */
export interface ActiveRun {
  readonly request: RunRequest;
  readonly handle: RunHandle;
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

/**
 * Trains experiments one at a time in child processes (never on the extension-host thread), with
 * a cancellable progress notification, the status-bar spinner, the `SSAD` log and live events for
 * the runs view and the panel. Disposing it (window closed, extension disabled) kills every child.
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

  /**
   * Queues a run; settles with its final results (whatever the status), or undefined when it was
   * dropped from the queue before it started.
   */
  enqueue(request: RunRequest): Promise<RunOnDisk | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    if (!existsSync(this.workerScript)) {
      void vscode.window.showErrorMessage(`SSAD: the training process ${this.workerScript} is missing: this build of SSAD Lab is incomplete.`);
      return Promise.resolve(undefined);
    }
    const { position, result } = this.queue.enqueue(request);
    if (position > 0) {
      const message = `SSAD: "${request.config.name}" is queued (${position} run${position === 1 ? '' : 's'} ahead); it starts when the current run ends.`;
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

  dispose(): void {
    this.disposed = true;
    this.cancelAll();
    this.changed.dispose();
  }

  private execute(request: RunRequest): Promise<RunOnDisk> {
    const { config } = request;
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `SSAD: ${config.name}`, cancellable: true },
        (progress, token) => this.train(request, progress, token),
      ),
    );
  }

  private async train(
    request: RunRequest,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<RunOnDisk> {
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
    let runId = request.resumeDir ? path.basename(request.resumeDir) : '';
    let runDir = request.resumeDir ?? '';
    const report = (): void => {
      const text = formatProgress(state);
      statusBar.show(config.name, text, runDir, this.queue.waiting.length);
    };
    const onEvent = (event: RunEvent): void => {
      const before = state.finishedCells;
      state = reduceProgress(state, event);
      if (event.type === 'run-started') live = readSnapshot(event.runDir) ?? live;
      else if (live) live = applyRunEvent(live, event);
      if (live) runs.setLiveRun({ runDir, results: live });
      logEvent(output, event);
      progress.report({ message: formatProgress(state), increment: state.finishedCells > before ? cellIncrement(state) : undefined });
      report();
      runs.fireRunEvent(runId, event);
    };
    // Training processes look for native TensorFlow where the setting or the install says.
    const workerEnv = nativeBackendEnv(settings.get(NATIVE_BACKEND_SETTING), this.deps.nativeInstallRoot);
    if (workerEnv[NATIVE_BACKEND_ENV]) output.info(`Native TensorFlow is looked for in ${workerEnv[NATIVE_BACKEND_ENV]} (${workerEnv[NATIVE_BACKEND_FROM_ENV]})`);
    let handle: RunHandle;
    try {
      // Made here, exclusively (the engine's rule, as for the CLI), so its path is known first.
      const folder = request.resumeDir ? undefined : createRunFolder(runsDir, newRunId(config.name));
      if (folder) ({ runId, runDir } = folder);
      output.info(`${request.resumeDir ? 'Resuming' : 'Starting'} "${config.name}" (${request.source}) → ${runDir}; backend ${config.runtime.backend}`);
      handle = startRun({
        config,
        baseDir: request.baseDir,
        runsDir,
        runFolder: folder,
        resume: request.resumeDir,
        configFile: request.configFile,
        augmentationLabel: resultsLabel,
        workerScript: this.workerScript,
        parallelism: effectiveParallelism(settings.get('parallelism')),
        mnistDir: path.join(this.deps.extensionPath, 'media', 'mnist'),
        workerEnv,
        onEvent,
      });
    } catch (error) {
      // The run folder could not be made or taken (permissions, a file in the way, a run that
      // still trains): nothing trains.
      const message = `SSAD: could not start "${config.name}": ${errorMessage(error)}`;
      output.error(message);
      void vscode.window.showErrorMessage(message);
      throw error;
    }
    const cancelListener = token.onCancellationRequested(() => handle.cancel());
    const started: ActiveRun = { request, handle, startedAt: Date.now() };
    this.activeRun = started;
    live = readSnapshot(runDir) ?? live;
    if (live) runs.setLiveRun({ runDir, results: live });
    runs.invalidate();
    this.changed.fire();
    progress.report({ message: formatProgress(state) });
    report();
    try {
      await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, true);
      const results = await handle.done;
      this.announce(results, runDir);
      return { runDir, results };
    } finally {
      cancelListener.dispose();
      if (this.activeRun === started) this.activeRun = undefined;
      runs.setLiveRun(undefined);
      runs.invalidate();
      const more = this.queue.waiting.length > 0;
      if (!more) {
        statusBar.hide();
        await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, false);
      }
      this.changed.fire();
    }
  }

  /** One message at the end; never awaited (a notification waits for the user). */
  private announce(results: RunResults, runDir: string): void {
    const seconds = results.totalSeconds !== undefined ? ` in ${results.totalSeconds.toFixed(1)} s` : '';
    const openResults = (choice: string | undefined): void => {
      if (choice === 'Open Results') void vscode.commands.executeCommand('ssad.openResults', runDir);
      if (choice === 'Show Log') this.deps.output.show(true);
    };
    this.deps.output.info(`Run "${results.name}" ${results.status}${seconds}: ${runDir}`);
    if (this.disposed) return;
    switch (results.status) {
      case 'completed': {
        const news = describeNews(results);
        void vscode.window
          .showInformationMessage(`SSAD: "${results.name}" completed${seconds}${news ? ` — ${news}` : ''}.`, 'Open Results')
          .then(openResults);
        break;
      }
      case 'canceled':
        void vscode.window.showInformationMessage(`SSAD: "${results.name}" canceled; no training process is left.`);
        break;
      default:
        void vscode.window
          .showErrorMessage(`SSAD: "${results.name}" failed: ${results.error ?? 'unknown error'}`, 'Show Log', 'Open Results')
          .then(openResults);
    }
  }
}

function readSnapshot(runDir: string): RunResults | undefined {
  try {
    return readRunResults(runDir);
  } catch {
    return undefined;
  }
}

function logEvent(output: vscode.LogOutputChannel, event: RunEvent): void {
  switch (event.type) {
    case 'run-started':
      output.info(`Training ${event.totalCells} cell(s) on backend ${event.backend} → ${event.runDir}`);
      break;
    case 'cell-started':
      output.info(`cell ${event.index + 1}: ${event.augmentation} · seed ${event.seed} · class ${event.normalClass}`);
      break;
    case 'epoch':
      output.debug(`${event.cellId}: epoch ${event.epoch}/${event.epochs} loss ${event.loss.toFixed(4)}`);
      break;
    case 'cell-finished': {
      const c = event.cell;
      const auroc = c.metrics?.all ? `AUROC(all) ${c.metrics.all.auroc.toFixed(3)}` : (c.error ?? '');
      const log = c.status === 'failed' ? output.error : output.info;
      log.call(output, `${c.status} ${c.augmentation} · seed ${c.seed} · class ${c.normalClass} ${auroc}`);
      break;
    }
    case 'log':
      output[event.level](event.message);
      break;
    default:
      break;
  }
}

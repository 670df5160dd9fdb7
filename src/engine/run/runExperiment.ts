/**
 * Runs an experiment's grid in a pool of training child processes and keeps `results.json` true
 * at every moment: `running` while it runs, then `completed`, `failed` or `canceled` — never
 * `completed` for a run that did not finish every cell, and never `running` for ever:
 * - a call into a custom module that does not return within `runtime.augmentationTimeoutSeconds`,
 *   or a cell that takes longer than `runtime.cellTimeoutSeconds`, is stopped (its process killed)
 *   and fails that cell only; in the sample sheet it only skips the sheet;
 * - a training process that dies fails the cell it trained, named with the module that ran, if
 *   any; processes that die before they are ready are replaced a few times, then the run fails;
 * - a results.json that cannot be written ends the run `failed`, with the path and the reason;
 * - `owner.json` in the run folder carries this process's id and a heartbeat, so readers see a
 *   run whose process died as `interrupted`; `resume` trains only the cells that did not complete;
 * - a `shard` run plans the whole grid and trains only the cells its shard owns (shardPlan), and
 *   its results.json says which, so that `mergeShards` can put the grid back together.
 * This module never loads TensorFlow.js, so the VS Code extension host can drive it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { AugmentationRef, ExperimentConfig } from '../../shared/config';
import type { RunEvent } from '../../shared/progress';
import { RESULTS_SCHEMA_VERSION, type CellResult, type RunOrigin, type RunResults } from '../../shared/results';
import { customModuleRefs } from '../augment';
import { runtimeLimits, type RuntimeLimits } from '../config/runtime';
import type { ParentToWorker, TaskScale, WorkerInit, WorkerToParent } from './workerProtocol';
import { writeJsonAtomic } from './atomicFile';
import { planCells, readableIdPart, type CellPlan } from './cellPlan';
import { configHash } from './configHash';
import { runStamp } from './runStamp';
import { readRunResultsFile } from './readResults';
import { beat, claimRunFolder, createRunFolder, HEARTBEAT_MS, releaseRunFolder, resolveInsideRun } from './runFolder';
import { cellsOfShard, formatShard, shardRunIdSuffix, type ShardSpec } from './shardPlan';
import { summarizeRun } from './runSummaries';
import { RunLog } from './runLog';
import { errorMessage } from '../../shared/errorMessage';

export interface RunOptions {
  config: ExperimentConfig;
  /** Folder that relative paths in the config resolve against (the config file's folder). */
  baseDir: string;
  /** Parent folder of run folders, e.g. `<workspace>/.ssad/runs`. */
  runsDir: string;
  /** The label of each augmentation as shown in results (the registry's resolved id). */
  augmentationLabel: (ref: AugmentationRef) => string;
  /** Path of the bundled training child (`dist/worker.js`). */
  workerScript: string;
  /** Node options for the children (tests run the TypeScript worker through tsx). */
  workerExecArgv?: string[];
  /** Environment variables for the children on top of this process's (e.g. SSAD_NATIVE_BACKEND_PATH). */
  workerEnv?: Readonly<Record<string, string>>;
  parallelism?: number;
  /** The preferred run id; a folder of that name that exists already gets a `-2`, `-3`, … */
  runId?: string;
  /** A run folder the caller made already with `createRunFolder` (to know its path first). */
  runFolder?: { runId: string; runDir: string };
  /** Resume the run in this folder: train only the cells that did not complete. */
  resume?: string;
  /**
   * Train only this shard's cells (see shardPlan). A resumed shard run keeps its own shard: given
   * with `resume`, it must be that shard.
   */
  shard?: ShardSpec;
  /** The config file the run came from, recorded so that a resume can check it is unchanged. */
  configFile?: string;
  mnistDir?: string;
  onEvent?: (event: RunEvent) => void;
}

export interface RunHandle {
  readonly runId: string;
  readonly runDir: string;
  /** Settles with the final results, whatever the status; rejects only on a bug. */
  readonly done: Promise<RunResults>;
  /** Stops every child at once; the run ends `canceled`. */
  cancel(): void;
}

export function newRunId(name: string, now = new Date()): string {
  return `${runStamp(now)}-${readableIdPart(name)}`;
}

/** Training processes that may die before they are ready (after the first) before the run fails. */
export const MAX_START_FAILURES = 3;

/** What one training process is doing, as the parent knows it. */
type SlotTask = 'starting' | 'samples' | 'idle' | 'cell';

interface Slot {
  child: ChildProcess;
  ready: boolean;
  exited: boolean;
  task: SlotTask;
  cell?: CellPlan;
  cellSince?: number;
  epoch?: { epoch: number; epochs: number };
  /** The custom module call in progress, if any. */
  call?: { file: string; line?: number; what: string; since: number };
  /** Why the parent stopped this process (a time limit), if it did. */
  stopReason?: string;
  /** What the child said before it crashed. */
  crash?: string;
}

/**
 * Starts a run (or resumes one) and returns at once. Throws only when the run folder cannot be
 * made or taken (a RunFolderPathError saying why); everything later ends in `done`.
 */
export function startRun(options: RunOptions): RunHandle {
  let previous: RunResults | undefined;
  let folder: { runId: string; runDir: string };
  if (options.resume) {
    const runDir = resolve(options.resume);
    previous = readRunResultsFile(runDir);
    const mismatch = shardMismatch(previous, options.shard);
    if (mismatch) throw new Error(`cannot resume ${runDir}: ${mismatch}`);
    claimRunFolder(runDir);
    folder = { runId: previous.id, runDir };
  } else {
    const runId = options.runId ?? `${newRunId(options.config.name)}${options.shard ? shardRunIdSuffix(options.shard) : ''}`;
    folder = options.runFolder ?? createRunFolder(options.runsDir, runId);
    claimRunFolder(folder.runDir);
  }
  const run = new GridRun(options, folder.runId, folder.runDir, previous);
  return { runId: folder.runId, runDir: folder.runDir, done: run.done, cancel: () => run.cancel() };
}

/**
 * Why a run cannot be resumed as shard `wanted` (undefined when it can): a shard run resumes as
 * its own shard, a whole-grid run as a whole grid. Without `wanted` a run resumes as it was.
 */
export function shardMismatch(previous: RunResults, wanted: ShardSpec | undefined): string | undefined {
  if (!wanted) return undefined;
  const had = previous.shard;
  if (!had) return `it trained the whole grid, not shard ${formatShard(wanted)}; resume it without --shard`;
  if (had.index !== wanted.index || had.count !== wanted.count) return `it is shard ${formatShard(had)}, not ${formatShard(wanted)}`;
  return undefined;
}

/** SHA-256 of every custom module the config names, by path as written ("missing" when absent). */
export function moduleHashes(config: ExperimentConfig, baseDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { ref } of customModuleRefs(config)) {
    const path = typeof ref === 'string' ? ref : ref.name;
    try {
      out[path] = createHash('sha256').update(readFileSync(resolve(baseDir, path))).digest('hex');
    } catch {
      out[path] = 'missing';
    }
  }
  return out;
}

class GridRun {
  readonly done: Promise<RunResults>;
  private resolveDone!: (r: RunResults) => void;
  private readonly results: RunResults;
  private readonly slots: Slot[] = [];
  private pending: CellPlan[] = [];
  private plans = new Map<string, CellPlan>();
  private planned = false;
  private finished = false;
  private samplesWanted: boolean;
  private startFailures = 0;
  private readonly started = performance.now();
  private readonly startedAt = new Date().toISOString();
  private readonly secondsBefore: number;
  private readonly init: WorkerInit;
  private readonly log: RunLog;
  private readonly limits: RuntimeLimits;
  private readonly timers: NodeJS.Timeout[] = [];
  /** The part of the grid this run trains, if not all of it. */
  private readonly shard: ShardSpec | undefined;

  constructor(
    private readonly options: RunOptions,
    readonly runId: string,
    readonly runDir: string,
    private readonly previous: RunResults | undefined,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    const { config } = options;
    this.log = new RunLog(runDir);
    this.log.write('info', `${previous ? 'resuming' : 'starting'} "${config.name}" in process ${process.pid}${options.configFile ? ` from ${resolve(options.configFile)}` : ''}`);
    this.limits = runtimeLimits(config.runtime);
    this.secondsBefore = previous?.totalSeconds ?? 0;
    const origin: RunOrigin = { baseDir: resolve(options.baseDir), modules: moduleHashes(config, options.baseDir) };
    if (options.configFile) origin.configFile = resolve(options.configFile);
    this.results = previous
      ? {
          ...previous,
          // Later schemas only add fields: a resumed older run is written in the current one.
          schemaVersion: RESULTS_SCHEMA_VERSION,
          config,
          status: 'running',
          error: undefined,
          finishedAt: undefined,
          origin: previous.origin ?? origin,
          resumedAt: [...(previous.resumedAt ?? []), this.startedAt],
        }
      : {
          schemaVersion: RESULTS_SCHEMA_VERSION,
          id: runId,
          name: config.name,
          config,
          status: 'running',
          createdAt: this.startedAt,
          scale: { trainImages: 0, testImages: 0, epochs: config.training.epochs, parallelism: 0 },
          augmentations: [],
          anomalyTypes: [],
          normalClasses: [],
          cells: [],
          summary: [],
          origin,
        };
    const shard = previous?.shard ?? options.shard;
    this.shard = shard && { index: shard.index, count: shard.count };
    // The owned cells are known once the data set has named its normal classes (in `plan`).
    if (this.shard && !previous?.shard) this.results.shard = { ...this.shard, configHash: configHash(config), cells: [] };
    this.samplesWanted = !(previous?.samplesFile && this.fileInRun(previous.samplesFile));
    this.init = { config, baseDir: options.baseDir, runDir, mnistDir: options.mnistDir };
    try {
      this.results.augmentations = config.augmentations.map(options.augmentationLabel);
      if (!this.save()) return;
      const heartbeat = setInterval(() => beat(runDir, this.startedAt), HEARTBEAT_MS);
      const tick = Math.max(50, Math.min(1000, Math.min(this.limits.augmentationTimeoutMs, this.limits.cellTimeoutMs) / 10));
      const watchdog = setInterval(() => this.watch(), tick);
      heartbeat.unref();
      watchdog.unref();
      this.timers.push(heartbeat, watchdog);
      this.spawn();
    } catch (error) {
      this.finish('failed', errorText(error));
    }
  }

  cancel(): void {
    if (this.finished) return;
    this.emit({ type: 'log', level: 'warn', message: 'run canceled' });
    this.finish('canceled');
  }

  private emit(event: RunEvent): void {
    this.log.event(event);
    try {
      this.options.onEvent?.(event);
    } catch {
      // A front door's display problem must never break the run.
    }
  }

  private warn(message: string): void {
    (this.results.warnings ??= []).push(message);
    this.emit({ type: 'log', level: 'warn', message });
  }

  private fileInRun(relativePath: string): boolean {
    try {
      return existsSync(resolveInsideRun(this.runDir, relativePath));
    } catch {
      return false;
    }
  }

  /** Writes results.json; a failure ends the run `failed` (naming the file and the reason). */
  private save(): boolean {
    try {
      writeJsonAtomic(join(this.runDir, 'results.json'), this.results);
      return true;
    } catch (error) {
      this.finish('failed', `${errorText(error)}; the run stopped because its results could not be saved`);
      return false;
    }
  }

  private spawn(): Slot {
    const child = fork(this.options.workerScript, [], {
      execArgv: this.options.workerExecArgv ?? [],
      env: this.options.workerEnv ? { ...process.env, ...this.options.workerEnv } : undefined,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child, ready: false, exited: false, task: 'starting' };
    this.slots.push(slot);
    child.on('message', (message: WorkerToParent) => this.guarded(() => this.onMessage(slot, message)));
    child.on('exit', (code, signal) => this.guarded(() => this.onExit(slot, code, signal)));
    child.on('error', (error) => this.emit({ type: 'log', level: 'error', message: `training process error: ${error.message}` }));
    this.post(slot, { type: 'init', init: this.init });
    return slot;
  }

  /** An unexpected error in the parent's own handling ends the run `failed`, never hangs it. */
  private guarded(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.finish('failed', errorText(error));
    }
  }

  private post(slot: Slot, message: ParentToWorker): void {
    if (!slot.exited && slot.child.connected) slot.child.send(message);
  }

  /** Stops a process that overran a time limit; `onExit` then reports `reason`. */
  private stop(slot: Slot, reason: string): void {
    if (slot.exited || slot.stopReason) return;
    slot.stopReason = reason;
    slot.child.kill('SIGKILL');
  }

  private watch(): void {
    if (this.finished) return;
    const now = performance.now();
    for (const slot of this.slots) {
      if (slot.exited || slot.stopReason) continue;
      if (slot.call && now - slot.call.since > this.limits.augmentationTimeoutMs) {
        const c = slot.call;
        this.stop(
          slot,
          `${c.file}${c.line !== undefined ? `:${c.line}` : ''}: ${c.what} did not return within ${seconds(this.limits.augmentationTimeoutMs)} ` +
            `(runtime.augmentationTimeoutSeconds) ${this.doing(slot)}; its training process was stopped`,
        );
      } else if (slot.task === 'cell' && slot.cellSince !== undefined && now - slot.cellSince > this.limits.cellTimeoutMs) {
        const at = slot.epoch ? ` (at epoch ${slot.epoch.epoch}/${slot.epoch.epochs})` : '';
        this.stop(slot, `the cell took longer than ${seconds(this.limits.cellTimeoutMs)} (runtime.cellTimeoutSeconds)${at}; its training process was stopped`);
      }
    }
  }

  /** "while training cell X", "while drawing the sample sheet", "during start-up (…)". */
  private doing(slot: Slot): string {
    switch (slot.task) {
      case 'cell':
        return `while training cell ${slot.cell?.id ?? '?'}`;
      case 'samples':
        return 'while drawing the sample sheet';
      default:
        return 'during start-up (loading the data and building the testbed)';
    }
  }

  private onMessage(slot: Slot, message: WorkerToParent): void {
    if (this.finished) return;
    switch (message.type) {
      case 'module-call':
        slot.call = { file: message.file, line: message.line, what: message.what, since: performance.now() };
        break;
      case 'module-return':
        slot.call = undefined;
        break;
      case 'crash':
        slot.crash = message.error;
        break;
      case 'warning':
        this.warn(message.message);
        break;
      case 'ready':
        slot.ready = true;
        slot.task = 'idle';
        this.startFailures = 0;
        if (!this.planned && !this.plan(message.scale, message.backend)) return;
        if (this.samplesWanted) {
          this.samplesWanted = false;
          slot.task = 'samples';
          this.post(slot, { type: 'samples' });
        } else this.next(slot);
        break;
      case 'fatal':
        if (!this.planned) this.finish('failed', message.error);
        else this.stop(slot, message.error);
        break;
      case 'cell-started': {
        const plan = this.plans.get(message.cellId);
        const cell = this.cell(message.cellId);
        if (plan && cell) {
          cell.status = 'running';
          const index = this.results.cells.indexOf(cell);
          this.emit({ type: 'cell-started', cellId: plan.id, index, augmentation: plan.augmentation, seed: plan.seed, normalClass: plan.normalClass });
        }
        break;
      }
      case 'epoch': {
        const cell = this.cell(message.cellId);
        if (cell) cell.loss.push(message.loss);
        slot.epoch = { epoch: message.epoch, epochs: message.epochs };
        this.emit({ type: 'epoch', cellId: message.cellId, epoch: message.epoch, epochs: message.epochs, loss: message.loss });
        break;
      }
      case 'evaluating':
        this.emit({ type: 'evaluating', cellId: message.cellId });
        break;
      case 'cell-finished':
        if (message.parameters) this.results.scale.parameters = message.parameters;
        slot.cell = undefined;
        slot.task = 'idle';
        slot.call = undefined;
        this.settle(message.cell);
        this.next(slot);
        break;
      case 'samples-written':
        this.results.samplesFile = message.file;
        slot.task = 'idle';
        slot.call = undefined;
        if (!this.save()) return;
        this.afterSamples(slot);
        break;
      case 'samples-failed':
        this.warn(`sample sheet not written: ${message.error}`);
        slot.task = 'idle';
        slot.call = undefined;
        this.afterSamples(slot);
        break;
    }
  }

  /** Plans the grid from the first ready child; false when the run ended instead. */
  private plan(scale: TaskScale, backend: RunResults['backend']): boolean {
    this.planned = true;
    const { config } = this.options;
    let cells: CellPlan[];
    try {
      cells = planCells(config, this.options.augmentationLabel, scale.normalClasses);
    } catch (error) {
      this.finish('failed', errorText(error));
      return false;
    }
    if (this.shard && this.results.shard) {
      const owned = cellsOfShard(cells.map((c) => c.id), this.shard);
      const mine = new Set(owned);
      cells = cells.filter((c) => mine.has(c.id));
      this.results.shard = { ...this.results.shard, cells: owned };
    }
    this.plans = new Map(cells.map((c) => [c.id, c]));
    const kept = new Map<string, CellResult>();
    const previous = this.previous;
    if (previous && previous.cells.length > 0) {
      const before = new Set(previous.cells.map((c) => c.id));
      const same = before.size === cells.length && cells.every((c) => before.has(c.id));
      if (!same) {
        this.finish('failed', 'the cells of this config differ from those of the run being resumed (the config, the data set or SSAD Lab changed); start a new run');
        return false;
      }
      if (previous.backend && backend && previous.backend.name !== backend.name) {
        this.warn(`the run started on backend ${previous.backend.name} and resumes on ${backend.name}`);
      }
      for (const c of previous.cells) {
        if (c.status === 'completed' && c.scoresFile && this.fileInRun(c.scoresFile)) kept.set(c.id, c);
      }
    }
    this.pending = cells.filter((c) => !kept.has(c.id));
    Object.assign(this.results, {
      backend: previous?.backend ?? backend,
      normalClasses: scale.normalClasses,
      anomalyTypes: scale.anomalyTypes,
      cells: cells.map(
        (c): CellResult => kept.get(c.id) ?? { id: c.id, augmentation: c.augmentation, seed: c.seed, normalClass: c.normalClass, status: 'pending', loss: [] },
      ),
      ...summarizeRun([...kept.values()], this.results.augmentations, scale.anomalyTypes, config.testbed.type),
    });
    if (scale.skipped.length > 0) this.results.skipped = [...scale.skipped];
    const parallelism = Math.max(1, Math.min(this.options.parallelism ?? config.runtime.parallelism ?? availableParallelism(), Math.max(1, this.pending.length)));
    this.results.scale = { ...this.results.scale, trainImages: scale.trainImages, testImages: scale.testImages, parallelism };
    for (const s of scale.skipped) this.emit({ type: 'log', level: 'warn', message: `skipped ${s.file}: ${s.reason}` });
    if (!this.save()) return false;
    this.emit({
      type: 'run-started',
      runId: this.runId,
      runDir: this.runDir,
      totalCells: cells.length,
      backend: backend?.name ?? 'unknown',
      ...(kept.size > 0 ? { doneCells: kept.size } : {}),
    });
    // The sample sheet takes the first process (no cell waits on it); the others train at once.
    const wanted = parallelism + (this.samplesWanted && this.pending.length > 0 && parallelism > 1 ? 1 : 0);
    while (this.slots.filter((s) => !s.exited).length < Math.min(wanted, parallelism + 1) && this.pending.length > this.busyTrainers()) this.spawn();
    this.maybeComplete();
    return true;
  }

  /**
   * The sample sheet's process was started beside `parallelism` trainers; once the sheet is done it
   * trains only if a trainer is missing, so that no more than `parallelism` cells train at once.
   */
  private afterSamples(slot: Slot): void {
    const trainers = this.slots.filter((s) => s !== slot && !s.exited && s.task !== 'samples').length;
    if (trainers >= this.results.scale.parallelism) slot.child.kill('SIGKILL');
    else this.next(slot);
    this.maybeComplete();
  }

  private busyTrainers(): number {
    return this.slots.filter((s) => !s.exited && s.task !== 'samples').length;
  }

  private next(slot: Slot): void {
    if (this.finished || !slot.ready || slot.task !== 'idle') return;
    const cell = this.pending.shift();
    if (cell) {
      slot.cell = cell;
      slot.task = 'cell';
      slot.cellSince = performance.now();
      slot.epoch = undefined;
      this.post(slot, { type: 'cell', cell });
    } else {
      slot.child.kill('SIGKILL');
      this.maybeComplete();
    }
  }

  private cell(id: string): CellResult | undefined {
    return this.results.cells.find((c) => c.id === id);
  }

  private settle(result: CellResult): void {
    const index = this.results.cells.findIndex((c) => c.id === result.id);
    if (index < 0) return;
    this.results.cells[index] = result;
    Object.assign(this.results, summarizeRun(this.results.cells, this.results.augmentations, this.results.anomalyTypes, this.results.config.testbed.type));
    if (!this.save()) return;
    this.emit({ type: 'cell-finished', cell: result });
    this.maybeComplete();
  }

  /** Why a process ended, in words, naming the custom module that ran when it did. */
  private exitText(slot: Slot, code: number | null, signal: NodeJS.Signals | null): string {
    if (slot.stopReason) return slot.stopReason;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (slot.crash) return `the training process crashed (${how}): ${slot.crash}`;
    if (slot.call) {
      const c = slot.call;
      return `${c.file}${c.line !== undefined ? `:${c.line}` : ''}: the training process died (${how}) while ${c.what} ran ${this.doing(slot)}`;
    }
    return `the training process exited (${how}); out of memory or killed`;
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const task = slot.task;
    slot.exited = true;
    if (this.finished) return;
    const why = this.exitText(slot, code, signal);
    if (task === 'starting') {
      if (!this.planned) {
        this.finish('failed', why.startsWith('the training process') ? `${why.replace('the training process', 'the training process exited before it was ready:')}` : why);
        return;
      }
      this.startFailures++;
      if (this.startFailures > MAX_START_FAILURES) {
        this.finish('failed', `${this.startFailures} training processes in a row exited before they were ready (last: ${why}); the run gave up`);
        return;
      }
      this.emit({ type: 'log', level: 'warn', message: `a training process exited before it was ready (${why}); starting another` });
    } else if (task === 'samples') {
      this.warn(`sample sheet skipped: ${why}`);
    } else if (task === 'cell' && slot.cell) {
      const lost = slot.cell;
      slot.cell = undefined;
      const loss = this.cell(lost.id)?.loss ?? [];
      this.settle({ id: lost.id, augmentation: lost.augmentation, seed: lost.seed, normalClass: lost.normalClass, status: 'failed', loss, error: why });
      if (this.finished) return;
    }
    const live = this.slots.filter((s) => !s.exited && s.task !== 'samples').length;
    if (this.pending.length > 0 && live < this.results.scale.parallelism) this.spawn();
    this.maybeComplete();
  }

  private maybeComplete(): void {
    if (this.finished || !this.planned) return;
    if (this.pending.length > 0) return;
    if (this.results.cells.some((c) => c.status === 'pending' || c.status === 'running')) return;
    if (this.slots.some((s) => !s.exited && s.task === 'samples')) return;
    const failed = this.results.cells.filter((c) => c.status === 'failed').length;
    if (failed === 0) this.finish('completed');
    else if (failed === this.results.cells.length) this.finish('failed', `all ${failed} cells failed`);
    else this.finish('failed', `${failed} of ${this.results.cells.length} cells failed; the others completed`);
  }

  private finish(status: RunResults['status'], error?: string): void {
    if (this.finished) return;
    this.finished = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const slot of this.slots) if (!slot.exited) slot.child.kill('SIGKILL');
    for (const cell of this.results.cells) {
      if (cell.status === 'pending' || cell.status === 'running') cell.status = 'canceled';
    }
    this.results.status = status;
    if (error) this.results.error = error;
    this.results.finishedAt = new Date().toISOString();
    this.results.totalSeconds = this.secondsBefore + (performance.now() - this.started) / 1000;
    Object.assign(this.results, summarizeRun(this.results.cells, this.results.augmentations, this.results.anomalyTypes, this.results.config.testbed.type));
    try {
      writeJsonAtomic(join(this.runDir, 'results.json'), this.results);
    } catch (e) {
      const text = errorText(e);
      const note = `results.json could not be updated${this.results.error?.includes(text) ? ' either' : `: ${text}`}, so it still says "running" (readers show the run as interrupted)`;
      this.results.error = this.results.error ? `${this.results.error}; ${note}` : note;
      this.emit({ type: 'log', level: 'error', message: note });
    }
    releaseRunFolder(this.runDir);
    this.emit({ type: 'run-finished', results: this.results });
    // Settle only once every child is gone, so "done" really means no training process is left.
    void Promise.all(this.slots.map((s) => (s.exited ? undefined : new Promise((r) => s.child.once('exit', r))))).then(() =>
      this.resolveDone(this.results),
    );
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function errorText(error: unknown): string {
  return errorMessage(error);
}

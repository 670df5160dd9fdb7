/**
 * Runs an experiment's grid in a pool of training child processes and keeps `results.json` true
 * at every moment: `running` while it runs, then `completed`, `failed` or `canceled` — never
 * `completed` for a run that did not finish every cell. This module never loads TensorFlow.js,
 * so the VS Code extension host can drive it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { AugmentationRef, ExperimentConfig } from '../../shared/config';
import type { RunEvent } from '../../shared/progress';
import { RESULTS_SCHEMA_VERSION, type CellResult, type RunResults } from '../../shared/results';
import type { ParentToWorker, TaskScale, WorkerInit, WorkerToParent } from '../worker/protocol';
import { writeJsonAtomic } from './atomicFile';
import { planCells, safeIdPart, type CellPlan } from './cellPlan';
import { summarize } from './summary';

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
  runId?: string;
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
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  return `${stamp}-${safeIdPart(name)}`;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  cell?: CellPlan;
  exited: boolean;
}

export function startRun(options: RunOptions): RunHandle {
  const runId = options.runId ?? newRunId(options.config.name);
  const runDir = join(options.runsDir, runId);
  mkdirSync(runDir, { recursive: true });
  const run = new GridRun(options, runId, runDir);
  return { runId, runDir, done: run.done, cancel: () => run.cancel() };
}

class GridRun {
  readonly done: Promise<RunResults>;
  private resolveDone!: (r: RunResults) => void;
  private readonly results: RunResults;
  private readonly slots: Slot[] = [];
  private pending: CellPlan[] = [];
  private plans = new Map<string, CellPlan>();
  private finished = false;
  private readonly started = performance.now();
  private readonly init: WorkerInit;

  constructor(
    private readonly options: RunOptions,
    readonly runId: string,
    readonly runDir: string,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    const { config } = options;
    this.results = {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      id: runId,
      name: config.name,
      config,
      status: 'running',
      createdAt: new Date().toISOString(),
      scale: { trainImages: 0, testImages: 0, epochs: config.training.epochs, parallelism: 0 },
      augmentations: [],
      anomalyTypes: [],
      normalClasses: [],
      cells: [],
      summary: [],
    };
    this.init = { config, baseDir: options.baseDir, runDir, mnistDir: options.mnistDir };
    try {
      this.results.augmentations = config.augmentations.map(options.augmentationLabel);
      this.save();
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
    try {
      this.options.onEvent?.(event);
    } catch {
      // A front door's display problem must never break the run.
    }
  }

  private save(): void {
    writeJsonAtomic(join(this.runDir, 'results.json'), this.results);
  }

  private spawn(): Slot {
    const child = fork(this.options.workerScript, [], {
      execArgv: this.options.workerExecArgv ?? [],
      env: this.options.workerEnv ? { ...process.env, ...this.options.workerEnv } : undefined,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child, ready: false, exited: false };
    this.slots.push(slot);
    child.on('message', (message: WorkerToParent) => this.onMessage(slot, message));
    child.on('exit', (code, signal) => this.onExit(slot, code, signal));
    child.on('error', (error) => this.emit({ type: 'log', level: 'error', message: `training process error: ${error.message}` }));
    this.post(slot, { type: 'init', init: this.init });
    return slot;
  }

  private post(slot: Slot, message: ParentToWorker): void {
    if (!slot.exited && slot.child.connected) slot.child.send(message);
  }

  private onMessage(slot: Slot, message: WorkerToParent): void {
    if (this.finished) return;
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        if (this.plans.size === 0) this.plan(message.scale, message.backend);
        this.next(slot);
        break;
      case 'fatal':
        this.finish('failed', message.error);
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
        this.emit({ type: 'epoch', cellId: message.cellId, epoch: message.epoch, epochs: message.epochs, loss: message.loss });
        break;
      }
      case 'evaluating':
        this.emit({ type: 'evaluating', cellId: message.cellId });
        break;
      case 'cell-finished':
        if (message.parameters) this.results.scale.parameters = message.parameters;
        this.settle(message.cell);
        slot.cell = undefined;
        this.next(slot);
        break;
      case 'samples-written':
        this.results.samplesFile = message.file;
        this.save();
        break;
      case 'samples-failed':
        this.emit({ type: 'log', level: 'warn', message: `sample sheet not written: ${message.error}` });
        break;
    }
  }

  private plan(scale: TaskScale, backend: RunResults['backend']): void {
    const { config } = this.options;
    const cells = planCells(config, this.options.augmentationLabel, scale.normalClasses);
    this.plans = new Map(cells.map((c) => [c.id, c]));
    this.pending = [...cells];
    Object.assign(this.results, {
      backend,
      normalClasses: scale.normalClasses,
      anomalyTypes: scale.anomalyTypes,
      cells: cells.map((c): CellResult => ({ id: c.id, augmentation: c.augmentation, seed: c.seed, normalClass: c.normalClass, status: 'pending', loss: [] })),
    });
    const parallelism = Math.max(1, Math.min(this.options.parallelism ?? config.runtime.parallelism ?? availableParallelism(), cells.length));
    this.results.scale = { ...this.results.scale, trainImages: scale.trainImages, testImages: scale.testImages, parallelism };
    for (const s of scale.skipped) this.emit({ type: 'log', level: 'warn', message: `skipped ${s.file}: ${s.reason}` });
    this.save();
    this.emit({ type: 'run-started', runId: this.runId, runDir: this.runDir, totalCells: cells.length, backend: backend?.name ?? 'unknown' });
    this.post(this.slots[0], { type: 'samples' });
    while (this.slots.length < parallelism) this.spawn();
  }

  private next(slot: Slot): void {
    if (this.finished || !slot.ready || slot.cell) return;
    const cell = this.pending.shift();
    if (cell) {
      slot.cell = cell;
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
    this.results.summary = summarize(this.results.cells, this.results.augmentations, this.results.anomalyTypes);
    this.save();
    this.emit({ type: 'cell-finished', cell: result });
    this.maybeComplete();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    slot.exited = true;
    if (this.finished) return;
    if (!slot.ready && this.plans.size === 0) {
      this.finish('failed', `the training process exited before it was ready (${describeExit(code, signal)})`);
      return;
    }
    if (slot.cell) {
      const lost = slot.cell;
      slot.cell = undefined;
      const loss = this.cell(lost.id)?.loss ?? [];
      this.settle({
        id: lost.id,
        augmentation: lost.augmentation,
        seed: lost.seed,
        normalClass: lost.normalClass,
        status: 'failed',
        loss,
        error: `the training process exited during this cell (${describeExit(code, signal)}); out of memory or killed`,
      });
    }
    const live = this.slots.filter((s) => !s.exited).length;
    if (this.pending.length > 0 && live < this.results.scale.parallelism) this.spawn();
    this.maybeComplete();
  }

  private maybeComplete(): void {
    if (this.finished || this.plans.size === 0) return;
    const open = this.results.cells.some((c) => c.status === 'pending' || c.status === 'running');
    if (open) return;
    const failed = this.results.cells.filter((c) => c.status === 'failed').length;
    if (failed === 0) this.finish('completed');
    else this.finish('failed', `${failed} of ${this.results.cells.length} cells failed; the others completed`);
  }

  private finish(status: RunResults['status'], error?: string): void {
    if (this.finished) return;
    this.finished = true;
    for (const slot of this.slots) if (!slot.exited) slot.child.kill('SIGKILL');
    for (const cell of this.results.cells) {
      if (cell.status === 'pending' || cell.status === 'running') cell.status = 'canceled';
    }
    this.results.status = status;
    if (error) this.results.error = error;
    this.results.finishedAt = new Date().toISOString();
    this.results.totalSeconds = (performance.now() - this.started) / 1000;
    this.results.summary = summarize(this.results.cells, this.results.augmentations, this.results.anomalyTypes);
    try {
      this.save();
    } catch (e) {
      this.emit({ type: 'log', level: 'error', message: `could not write results.json: ${errorText(e)}` });
    }
    this.emit({ type: 'run-finished', results: this.results });
    // Settle only once every child is gone, so "done" really means no training process is left.
    void Promise.all(this.slots.map((s) => (s.exited ? undefined : new Promise((r) => s.child.once('exit', r))))).then(() =>
      this.resolveDone(this.results),
    );
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The training child process (bundled as `dist/worker.js`, forked by the run's parent). It owns
 * all TensorFlow.js work, so a crash, an out-of-memory or a kill never touches the parent — the
 * CLI or the VS Code extension host.
 */
import { isModulePath, resolveAugmentationRef, type ModuleResolver } from '../augment';
import { selectBackend } from '../backend';
import { loadDataset } from '../data';
import type { LoadedDataset } from '../data/types';
import { createModuleResolver, displayPath } from '../custom';
import { setCallMonitor } from '../custom/monitor';
import { runtimeLimits } from '../config/runtime';
import { detectionMetrics } from '../metrics';
import { writeFileAtomic } from '../run/atomicFile';
import { resolveInsideRun } from '../run/runFolder';
import type { CellPlan } from '../run/cellPlan';
import { buildTasks } from '../testbed';
import type { Task } from '../testbed/types';
import { trainCell } from '../train/trainCell';
import type { AugmentationRef } from '../../shared/config';
import type { CellResult, CellScores } from '../../shared/results';
import type { ParentToWorker, WorkerInit, WorkerToParent } from '../run/workerProtocol';
import { runAnomalyTypes } from './runAnomalyTypes';
import { writeSampleSheet } from './sampleSheet';
import { errorMessage } from '../../shared/errorMessage';

function send(message: WorkerToParent): void {
  if (process.connected) process.send?.(message);
}

function errorText(error: unknown): string {
  return errorMessage(error);
}

/** Custom modules loaded in this process: their file on disk → the path shown in messages. */
const modulesOnDisk = new Map<string, string>();
/**
 * Errors a module's code threw after its call had returned (from a timer or a promise it started),
 * by module: they fail that module's cells, never the cell that happened to be training then.
 */
const lateErrors = new Map<string, string>();

/** The error a module threw late, if `ref` names a module that did. */
function lateError(ref: AugmentationRef): string | undefined {
  if (!isModulePath(ref)) return undefined;
  return lateErrors.get(displayPath(typeof ref === 'string' ? ref : ref.name));
}

class TrainingChild {
  private init: WorkerInit | undefined;
  private dataset: LoadedDataset | undefined;
  private readonly tasksBySeed = new Map<number, Task[]>();
  private queue: Promise<void> = Promise.resolve();
  /** Custom augmentation modules (paths in the config), each loaded once in this process. */
  private resolveModule: ModuleResolver = () => {
    throw new Error('training child used before init');
  };

  handle(message: ParentToWorker): void {
    // Strictly one message at a time: a cell never starts before init finished.
    this.queue = this.queue.then(() => this.dispatch(message));
  }

  private async dispatch(message: ParentToWorker): Promise<void> {
    switch (message.type) {
      case 'init':
        return this.start(message.init);
      case 'cell':
        return this.runCell(message.cell);
      case 'samples':
        return this.samples();
    }
  }

  private async start(init: WorkerInit): Promise<void> {
    try {
      this.init = init;
      this.resolveModule = createModuleResolver(init.baseDir);
      const backend = await selectBackend(init.config.runtime.backend);
      const dataset = await loadDataset(init.config.dataset, {
        seed: init.config.seeds[0],
        baseDir: init.baseDir,
        mnistDir: init.mnistDir,
        maxImagePixels: runtimeLimits(init.config.runtime).maxImagePixels,
      });
      this.dataset = dataset;
      const tasks = this.tasks(init.config.seeds[0]);
      send({
        type: 'ready',
        backend,
        scale: {
          normalClasses: tasks.map((t) => t.normalClass),
          anomalyTypes: runAnomalyTypes(tasks, dataset.classNames),
          trainImages: tasks[0].train.n,
          testImages: tasks[0].test.n,
          skipped: [...dataset.skipped],
        },
      });
    } catch (error) {
      send({ type: 'fatal', error: errorText(error) });
    }
  }

  private tasks(seed: number): Task[] {
    const cached = this.tasksBySeed.get(seed);
    if (cached) return cached;
    if (!this.init || !this.dataset) throw new Error('training child used before init');
    const tasks = buildTasks(this.init.config, this.dataset, seed, { resolveModule: this.resolveModule });
    if (tasks.length === 0) throw new Error('the testbed produced no task');
    this.tasksBySeed.set(seed, tasks);
    return tasks;
  }

  private async runCell(plan: CellPlan): Promise<void> {
    const init = this.init;
    const base: CellResult = { id: plan.id, augmentation: plan.augmentation, seed: plan.seed, normalClass: plan.normalClass, status: 'running', loss: [] };
    let parameters = 0;
    try {
      if (!init) throw new Error('training child used before init');
      send({ type: 'cell-started', cellId: plan.id });
      const task = this.tasks(plan.seed).find((t) => t.normalClass === plan.normalClass);
      if (!task) throw new Error(`no task for normal class "${plan.normalClass}"`);
      const ref = init.config.augmentations[plan.augmentationIndex];
      const uses = [ref, ...(init.config.testbed.type === 'synthetic' ? init.config.testbed.anomalies : [])];
      const late = (): void => {
        for (const r of uses) {
          const error = lateError(r);
          if (error) throw new Error(error);
        }
      };
      late();
      // A broken custom module fails only this cell, with its file and line in the message.
      const augmentation = resolveAugmentationRef(ref, this.resolveModule);
      const out = await trainCell(
        { task, augmentation, detector: init.config.detector, training: init.config.training, seed: plan.seed, selection: true },
        {
          onEpoch: (epoch, epochs, loss) => {
            base.loss.push(loss);
            send({ type: 'epoch', cellId: plan.id, epoch, epochs, loss });
          },
          onEvaluating: () => send({ type: 'evaluating', cellId: plan.id }),
        },
      );
      parameters = out.parameterCount;
      late();
      const scores: CellScores = { sampleType: [...task.sampleType], score: Array.from(out.scores) };
      const scoresFile = `scores/${plan.id}.json`;
      // Compact: thousands of numbers per cell; results.json stays indented for people.
      // Only inside the run folder, even when a crafted one links `scores/` somewhere else.
      writeFileAtomic(resolveInsideRun(init.runDir, scoresFile), JSON.stringify(scores));
      const metrics = detectionMetrics(out.scores, task.sampleType);
      send({
        type: 'cell-finished',
        parameters,
        cell: {
          ...base,
          status: 'completed',
          loss: out.loss,
          metrics,
          trainSeconds: out.trainSeconds,
          evalSeconds: out.evalSeconds,
          scoresFile,
          ...(out.selection ? { selection: out.selection } : {}),
        },
      });
    } catch (error) {
      send({ type: 'cell-finished', parameters, cell: { ...base, status: 'failed', error: errorText(error) } });
    }
  }

  private async samples(): Promise<void> {
    try {
      if (!this.init || !this.dataset) throw new Error('training child used before init');
      const file = writeSampleSheet(this.init, this.tasks(this.init.config.seeds[0])[0], this.resolveModule);
      send({ type: 'samples-written', file });
    } catch (error) {
      send({ type: 'samples-failed', error: errorText(error) });
    }
  }
}

/** The first stack frame in a loaded custom module, as its shown path and line. */
function moduleFrame(error: unknown): { file: string; line: string } | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  for (const match of stack.matchAll(/\(?((?:[A-Za-z]:)?[\\/][^():\n]+):(\d+):\d+\)?/g)) {
    const shown = modulesOnDisk.get(match[1]);
    if (shown) return { file: shown, line: match[2] };
  }
  return undefined;
}

const child = new TrainingChild();
process.on('message', (message: ParentToWorker) => child.handle(message));
// The parent times every call into a custom module, and stops one that never returns.
setCallMonitor({
  enter: (call) => {
    if (call.absolutePath) modulesOnDisk.set(call.absolutePath, call.file);
    send({ type: 'module-call', file: call.file, line: call.line, what: call.what });
  },
  leave: () => send({ type: 'module-return' }),
});
const exit = process.exit.bind(process);
/**
 * An error nothing caught. Thrown by a module's own code after its call returned (a timer, a
 * promise): it is held against that module — its cells fail with it — and training goes on, as
 * none of this process's own work was under way in that callback. Anything else: say what, exit.
 */
function uncaught(error: unknown): void {
  const frame = moduleFrame(error);
  if (frame) {
    const text = `${frame.file}:${frame.line}: ${errorText(error)} (thrown after its call had returned, from a timer or a promise it started)`;
    if (!lateErrors.has(frame.file)) {
      lateErrors.set(frame.file, text);
      send({ type: 'warning', message: text });
    }
    return;
  }
  if (!process.connected || !process.send) exit(70);
  else process.send({ type: 'crash', error: errorText(error) } satisfies WorkerToParent, () => exit(70));
  setTimeout(() => exit(70), 1000).unref();
}
process.on('uncaughtException', uncaught);
process.on('unhandledRejection', uncaught);
// An orphaned child (its parent was killed) must not keep training.
process.on('disconnect', () => exit(0));

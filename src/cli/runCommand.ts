import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { BackendName } from '../shared/config';
import type { RunEvent } from '../shared/progress';
import { startRun } from '../engine/run/runExperiment';
import { augmentationLabel } from '../engine/run/augmentationLabel';
import { readConfigFile } from './configFile';
import { EXIT } from './exitCodes';
import { formatMatrix } from './matrix';
import { formatThroughput, runThroughput } from './throughput';

interface RunFlags {
  out?: string;
  parallel?: string;
  backend?: string;
  quiet?: boolean;
}

const BACKENDS: readonly BackendName[] = ['auto', 'node', 'wasm', 'cpu'];

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const loaded = readConfigFile(file);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.report}\n`);
    return EXIT.usage;
  }
  if (loaded.report) process.stderr.write(`${loaded.report}\n`);
  const config = loaded.config;
  if (flags.backend !== undefined) {
    if (!BACKENDS.includes(flags.backend as BackendName)) {
      process.stderr.write(`ssad: --backend must be one of ${BACKENDS.join(', ')}, got "${flags.backend}"\n`);
      return EXIT.usage;
    }
    config.runtime.backend = flags.backend as BackendName;
  }
  let parallelism: number | undefined;
  if (flags.parallel !== undefined) {
    parallelism = Number(flags.parallel);
    if (!Number.isInteger(parallelism) || parallelism < 1) {
      process.stderr.write(`ssad: --parallel must be a positive integer, got "${flags.parallel}"\n`);
      return EXIT.usage;
    }
  }
  const progress = flags.quiet ? undefined : new RunProgress(Boolean(process.stderr.isTTY));
  const handle = startRun({
    config,
    baseDir: loaded.baseDir,
    runsDir: flags.out ?? join(loaded.baseDir, '.ssad', 'runs'),
    augmentationLabel,
    workerScript: join(__dirname, 'worker.js'),
    parallelism,
    onEvent: (e) => progress?.onEvent(e),
  });
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    handle.cancel();
  };
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  const results = await handle.done;
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigint);
  progress?.stop();
  if (results.cells.some((c) => c.status === 'completed')) process.stdout.write(`\n${formatMatrix(results)}\n`);
  const where = `Run folder: ${handle.runDir}`;
  if (interrupted || results.status === 'canceled') {
    process.stderr.write(`\nssad: run canceled; results.json says "canceled". ${where}\n`);
    return EXIT.interrupted;
  }
  if (results.status !== 'completed') {
    process.stderr.write(`\nssad: run failed: ${results.error ?? 'unknown error'}\n${where}\n`);
    for (const c of results.cells.filter((c) => c.status === 'failed')) process.stderr.write(`  ${c.id}: ${c.error}\n`);
    return EXIT.failed;
  }
  const backend = results.backend ? `${results.backend.name} (${results.backend.detail})` : 'unknown';
  process.stdout.write(
    `\nBackend: ${backend}. Scale: ${results.scale.trainImages} train / ${results.scale.testImages} test images per task, ` +
      `${results.scale.epochs} epochs, ${results.scale.parameters ?? '?'} parameters.\n`,
  );
  const speed = runThroughput(results);
  if (speed) process.stdout.write(`${formatThroughput(speed, results.scale.parallelism)}\n`);
  process.stdout.write(`${where}\n`);
  return EXIT.ok;
}

/** A progress bar on a terminal, plain lines otherwise (CI logs, pipes). */
class RunProgress {
  private bar: SingleBar | undefined;
  private done = 0;
  private total = 0;
  private readonly current = new Map<string, string>();

  constructor(private readonly tty: boolean) {}

  onEvent(e: RunEvent): void {
    switch (e.type) {
      case 'run-started':
        this.total = e.totalCells;
        this.line(`Training ${e.totalCells} cell(s) on backend ${e.backend} → ${e.runDir}`);
        if (this.tty) {
          this.bar = new SingleBar({ format: ' {bar} {value}/{total} cells | {status}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
          this.bar.start(e.totalCells, 0, { status: 'starting' });
        }
        break;
      case 'cell-started':
        this.current.set(e.cellId, `${e.augmentation} (seed ${e.seed}, class ${e.normalClass})`);
        if (!this.tty) this.line(`cell ${e.index + 1}/${this.total} · ${e.augmentation} · seed ${e.seed} · class ${e.normalClass}`);
        break;
      case 'epoch':
        this.bar?.update(this.done, { status: `${this.current.get(e.cellId) ?? e.cellId} · epoch ${e.epoch}/${e.epochs} · loss ${e.loss.toFixed(4)}` });
        break;
      case 'cell-finished': {
        this.done++;
        const c = e.cell;
        const auroc = c.metrics?.all ? `AUROC(all) ${c.metrics.all.auroc.toFixed(3)}` : c.error ?? c.status;
        if (this.tty) this.bar?.update(this.done, { status: `${c.augmentation}: ${auroc}` });
        else this.line(`  ${c.status === 'completed' ? 'done' : c.status} ${c.augmentation} · seed ${c.seed} · class ${c.normalClass}: ${auroc}`);
        break;
      }
      case 'log':
        this.line(`${e.level}: ${e.message}`);
        break;
      default:
        break;
    }
  }

  stop(): void {
    this.bar?.stop();
  }

  private line(text: string): void {
    if (this.bar) this.bar.stop();
    process.stderr.write(`${text}\n`);
    if (this.bar && this.total > 0) this.bar.start(this.total, this.done);
  }
}

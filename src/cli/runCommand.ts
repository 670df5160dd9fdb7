import { dirname, join, resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { REQUESTED_BACKENDS, type ExperimentConfig, type RequestedBackend } from '../shared/config';
import type { RunEvent } from '../shared/progress';
import { startRun, type RunHandle } from '../engine/api';
import { resultsLabel } from '../engine/api';
import { prepareResume, ResumeError } from '../engine/api';
import { RunFolderPathError } from '../engine/api';
import { formatShard, parseShardSpec, type ShardSpec } from '../engine/api';
import { readConfigFile } from './configFile';
import { EXIT } from './exitCodes';
import { formatMatrix } from './matrix';
import { formatBackendAndScale, reportProblems } from './runReport';
import { formatThroughput, runThroughput } from './throughput';

interface RunFlags {
  out?: string;
  parallel?: string;
  backend?: string;
  quiet?: boolean;
  /** A run folder to resume: only its cells that did not complete are trained. */
  resume?: string;
  /** `INDEX/COUNT`: train only that shard of the grid's cells. */
  shard?: string;
}


interface Prepared {
  config: ExperimentConfig;
  baseDir: string;
  configFile?: string;
  resumeDir?: string;
  /** The shard to train: --shard's, or the resumed run's own. */
  shard?: ShardSpec;
}

/** The config to train: from CONFIG, or the run folder's own for `--resume` (checked unchanged). */
function prepare(file: string | undefined, flags: RunFlags, shard: ShardSpec | undefined): Prepared | number {
  if (flags.resume === undefined) {
    if (file === undefined) return usage('run needs a CONFIG (or --resume RUN_DIR)');
    const loaded = readConfigFile(file);
    if (!loaded.ok) {
      process.stderr.write(`${loaded.report}\n`);
      return EXIT.usage;
    }
    if (loaded.report) process.stderr.write(`${loaded.report}\n`);
    return { config: loaded.config, baseDir: loaded.baseDir, configFile: resolve(file), shard };
  }
  if (flags.out !== undefined) return usage('--out does not go with --resume: a resumed run stays in its own folder');
  let current: { config: ExperimentConfig; baseDir: string; configFile: string } | undefined;
  if (file !== undefined) {
    const loaded = readConfigFile(file);
    if (!loaded.ok) {
      process.stderr.write(`${loaded.report}\n`);
      return EXIT.usage;
    }
    current = { config: loaded.config, baseDir: loaded.baseDir, configFile: resolve(file) };
  }
  try {
    const plan = prepareResume(flags.resume, { ...current, shard });
    const done = plan.results.cells.filter((c) => c.status === 'completed').length;
    const own = plan.results.shard;
    if (!flags.quiet) {
      const of = own ? ` shard ${formatShard(own)}` : '';
      process.stderr.write(`Resuming${of} ${plan.runDir} (${plan.results.status}; ${done} of ${plan.results.cells.length} cells completed, the others train again)\n`);
    }
    return {
      config: plan.config,
      baseDir: plan.baseDir,
      configFile: plan.configFile,
      resumeDir: plan.runDir,
      shard: own && { index: own.index, count: own.count },
    };
  } catch (error) {
    if (error instanceof ResumeError) {
      process.stderr.write(`ssad: cannot resume: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function usage(message: string): number {
  process.stderr.write(`ssad: ${message}\n`);
  return EXIT.usage;
}

export async function runCommand(file: string | undefined, flags: RunFlags): Promise<number> {
  let shard: ShardSpec | undefined;
  if (flags.shard !== undefined) {
    const spec = parseShardSpec(flags.shard);
    if (!spec.ok) return usage(`--shard "${flags.shard}": ${spec.error}`);
    shard = spec.shard;
  }
  const prepared = prepare(file, flags, shard);
  if (typeof prepared === 'number') return prepared;
  const { config, baseDir } = prepared;
  if (flags.backend !== undefined) {
    if (!(REQUESTED_BACKENDS as readonly string[]).includes(flags.backend)) {
      process.stderr.write(`ssad: --backend must be one of ${REQUESTED_BACKENDS.join(', ')}, got "${flags.backend}"\n`);
      return EXIT.usage;
    }
    config.runtime.backend = flags.backend as RequestedBackend;
  }
  let parallelism: number | undefined;
  if (flags.parallel !== undefined) {
    parallelism = Number(flags.parallel);
    if (!Number.isInteger(parallelism) || parallelism < 1) {
      process.stderr.write(`ssad: --parallel must be a positive integer, got "${flags.parallel}"\n`);
      return EXIT.usage;
    }
  }
  const progress = flags.quiet ? undefined : new RunProgress(Boolean(process.stderr.isTTY), prepared.shard);
  // Cells trained by this invocation: a resumed run also holds cells trained before it.
  const trainedHere = new Set<string>();
  let handle: RunHandle;
  try {
    handle = startRun({
      config,
      baseDir,
      runsDir: prepared.resumeDir ? dirname(prepared.resumeDir) : (flags.out ?? join(baseDir, '.ssad', 'runs')),
      resume: prepared.resumeDir,
      shard: prepared.shard,
      configFile: prepared.configFile,
      augmentationLabel: resultsLabel,
      workerScript: join(__dirname, 'worker.js'),
      parallelism,
      onEvent: (e) => {
        if (e.type === 'cell-finished') trainedHere.add(e.cell.id);
        progress?.onEvent(e);
      },
    });
  } catch (error) {
    // The run folder cannot be made or taken: a bad --out, a read-only disk, a run still training.
    if (error instanceof RunFolderPathError) return usage(error.message);
    throw error;
  }
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    handle.cancel();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.once(s, onSigint);
  const results = await handle.done;
  for (const s of signals) process.off(s, onSigint);
  progress?.stop();
  // Without --quiet the warnings were printed as they happened.
  reportProblems(results, Boolean(flags.quiet));
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
  process.stdout.write(`\n${formatBackendAndScale(results)}\n`);
  const speed = runThroughput(results, trainedHere);
  if (speed) process.stdout.write(`${formatThroughput(speed, results.scale.parallelism)}\n`);
  if (prepared.shard) process.stdout.write(`Shard ${formatShard(prepared.shard)} of the grid: put the shards together with "ssad merge OUT DIR..."\n`);
  process.stdout.write(`${where}\n`);
  return EXIT.ok;
}

/** A progress bar on a terminal, plain lines otherwise (CI logs, pipes). */
class RunProgress {
  private bar: SingleBar | undefined;
  private done = 0;
  private total = 0;
  private readonly current = new Map<string, string>();

  constructor(
    private readonly tty: boolean,
    private readonly shard: ShardSpec | undefined,
  ) {}

  onEvent(e: RunEvent): void {
    switch (e.type) {
      case 'run-started':
        this.total = e.totalCells;
        this.line(`Training ${e.totalCells} cell(s)${this.shard ? ` (shard ${formatShard(this.shard)} of the grid)` : ''} on backend ${e.backend} → ${e.runDir}`);
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

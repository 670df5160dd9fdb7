/**
 * What bench/run.ts and bench/profile.ts share: the networks compared, the measurement servers
 * (bench/probe.ts for tfjs, bench/reference/torch_bench.py for PyTorch) and the machine record.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { RequestedBackend, DetectorConfig } from '../src/shared/config';

export const ROOT = resolve(__dirname, '..');
export const TSX = ['--require', 'tsx/cjs'];
export const DEFAULT_PYTHON = '/usr/bin/python3';
export const PYTHON_ENV = 'SSAD_BENCH_PYTHON';
const TORCH_SCRIPT = join(__dirname, 'reference', 'torch_bench.py');

/** The networks compared (bench names; `--only` picks among them, plus `grid`). */
export interface BenchConfig {
  name: string;
  label: string;
  detector: DetectorConfig;
  /** Training augmentation: flip (dae: p = 0.5; classifier: every positive), rotate (rotnet: 4 variants). */
  augmentation: string;
  /** Seconds of work per round and side (at least minSteps steps). */
  roundSeconds: number;
  minSteps: number;
  rounds: number;
  inferImages: number;
}

export const CONFIGS: BenchConfig[] = [
  { name: 'quickstart', label: 'DAE, small (width 16, depth 3, code 64)', detector: { type: 'dae', width: 16, depth: 3, codeSize: 64 }, augmentation: 'flip', roundSeconds: 2.5, minSteps: 3, rounds: 5, inferImages: 1024 },
  { name: 'study', label: "DAE, the study's size (width 64, depth 4, code 256)", detector: { type: 'dae', width: 64, depth: 4, codeSize: 256 }, augmentation: 'flip', roundSeconds: 3, minSteps: 1, rounds: 3, inferImages: 512 },
  { name: 'classifier', label: 'classifier, small (normal vs flipped)', detector: { type: 'classifier', width: 16, depth: 3, codeSize: 64 }, augmentation: 'flip', roundSeconds: 2.5, minSteps: 3, rounds: 5, inferImages: 1024 },
  { name: 'rotnet', label: 'rotnet, small (4 rotations)', detector: { type: 'rotnet', width: 16, depth: 3, codeSize: 64 }, augmentation: 'rotate', roundSeconds: 2.5, minSteps: 2, rounds: 5, inferImages: 1024 },
];

export const BATCH = 128;
export const INFER_BATCH = 256;


// ---------------------------------------------------------------------------------------------
// Measurement servers (bench/probe.ts for tfjs, bench/reference/torch_bench.py for PyTorch)

export interface Round {
  op: 'train' | 'infer';
  steps: number;
  images: number;
  seconds: number;
  imagesPerSecond: number;
  /** Process CPU time / wall time: well under 1 means the core was shared during the round. */
  cpuShare: number;
}

export interface ServerError {
  ready?: undefined;
  error: string;
}

export interface ReadyInfo {
  ready: true;
  parameters: number;
  [key: string]: unknown;
}

/** A child process that answers one JSON line per JSON command line. */
export class Server {
  private readonly child: ChildProcess;
  private readonly waiting: Array<(line: string | undefined) => void> = [];
  private readonly lines: string[] = [];
  private stderr = '';
  private exited = false;
  readonly ready: Promise<ReadyInfo | ServerError>;

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(command, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (!line.trim().startsWith('{')) return;
      const next = this.waiting.shift();
      if (next) next(line);
      else this.lines.push(line);
    });
    const onEnd = () => {
      this.exited = true;
      for (const next of this.waiting.splice(0)) next(undefined);
    };
    this.child.on('exit', onEnd);
    this.child.on('error', (error) => {
      this.stderr += `\n${error.message}`;
      onEnd();
    });
    this.ready = this.next().then((message): ReadyInfo | ServerError => (message.ready === true ? (message as ReadyInfo) : { error: String(message.error) }));
  }

  private next(): Promise<Record<string, unknown>> {
    const parse = (line: string | undefined): Record<string, unknown> => {
      if (line === undefined) {
        const last = this.stderr.trim().split('\n').filter(Boolean).pop();
        return { error: `exited before answering${last ? `: ${last}` : ''}` };
      }
      return JSON.parse(line) as Record<string, unknown>;
    };
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(parse(queued));
    if (this.exited) return Promise.resolve(parse(undefined));
    return new Promise((done) => this.waiting.push((line) => done(parse(line))));
  }

  async request(command: object): Promise<Round | { error: string }> {
    if (this.exited) return this.next() as Promise<{ error: string }>;
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
    const answer = await this.next();
    return 'error' in answer ? { error: String(answer.error) } : (answer as unknown as Round);
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((done) => this.child.once('exit', () => done()));
    this.child.stdin?.end(`${JSON.stringify({ op: 'quit' })}\n`);
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await gone;
    clearTimeout(timer);
  }
}

export function tfjsServer(backend: RequestedBackend, config: BenchConfig, batchSize = BATCH): Server {
  const args = { backend, detector: config.detector, augmentation: config.augmentation, batchSize, inferBatch: INFER_BATCH, warmupSteps: backend === 'cpu' ? 1 : 2 };
  return new Server(process.execPath, [...TSX, join(__dirname, 'probe.ts'), JSON.stringify(args)], process.env);
}

export function torchServer(python: string, config: BenchConfig): Server {
  const args = { detector: config.detector, batchSize: BATCH, inferBatch: INFER_BATCH, warmupSteps: 2, seed: 0 };
  // One thread whatever the BLAS: torch.set_num_threads does not reach every library.
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  return new Server(python, [TORCH_SCRIPT, JSON.stringify(args)], env);
}

export function pythonCommand(): string {
  return process.env[PYTHON_ENV] || DEFAULT_PYTHON;
}

/**
 * What kind of BLAS the torch process loaded (as folder/file), judged by the library that provides
 * `libblas.so.3` (LAPACK may come from another one): the reference (netlib) BLAS is several times
 * slower.
 */
export function blasKind(paths: unknown): string {
  const list = (Array.isArray(paths) ? (paths as string[]) : []).map((p) => p.toLowerCase());
  if (list.length === 0) return 'unknown';
  const blas = list.find((p) => /(^|\/)libblas\.so/.test(p)) ?? list.join(' ');
  if (blas.includes('openblas')) return 'OpenBLAS';
  if (blas.includes('mkl')) return 'MKL';
  if (blas.includes('blis')) return 'BLIS';
  if (blas.includes('atlas')) return 'ATLAS';
  if (/(^|\/)blas\/libblas\.so/.test(blas)) return 'reference BLAS';
  if (list.some((p) => p.includes('openblas'))) return 'OpenBLAS';
  return list.map((p) => p.split('/').pop()).join(', ');
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function gitState(): { commit?: string; uncommittedSourceChanges: boolean } {
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const status = git(['status', '--porcelain', '--', 'src']);
  return { commit, uncommittedSourceChanges: Boolean(status) };
}

export function machine(): Record<string, unknown> {
  return {
    cpuModel: cpus()[0]?.model,
    cores: cpus().length,
    availableParallelism: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
  };
}

/** CPU seconds used by the whole machine and by this process with its exited children (Linux only). */
export interface CpuSnapshot {
  machineBusy: number;
  ours: number;
  wall: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function cpuSnapshot(): CpuSnapshot | undefined {
  try {
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const total = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = total[0] + total[1] + total[2] + total[5] + total[6] + total[7];
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3 of proc(5)): utime, stime, cutime, cstime are fields 14–17.
    const ours = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    if (![busy, ours].every(Number.isFinite)) return undefined;
    return { machineBusy: busy / TICKS_PER_SECOND, ours: ours / TICKS_PER_SECOND, wall: performance.now() / 1000 };
  } catch {
    return undefined;
  }
}

/**
 * Cores kept busy by other processes between two snapshots (ours and our children's excluded;
 * children count once they have exited).
 */
export function otherCores(from: CpuSnapshot | undefined, to: CpuSnapshot | undefined): number | undefined {
  if (!from || !to || to.wall <= from.wall) return undefined;
  return Math.max(0, to.machineBusy - from.machineBusy - (to.ours - from.ours)) / (to.wall - from.wall);
}

/** Resolves once this process has no child processes left (Linux), or after `timeoutMs`. */
export async function childrenExited(timeoutMs = 5000): Promise<void> {
  const file = `/proc/self/task/${process.pid}/children`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (readFileSync(file, 'utf8').trim() === '') return;
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Walks command-line flags: `handle(flag, value)` gets each flag and a function that takes the
 * flag's value (the next word, required). Returns 'help' for --help / -h.
 */
export function walkFlags(argv: readonly string[], handle: (flag: string, value: () => string) => void): 'help' | undefined {
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') return 'help';
    handle(flag, () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    });
  }
  return undefined;
}

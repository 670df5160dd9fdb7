/**
 * `npm run bench`: what training in the editor costs on this machine, measured in one run so the
 * ratios compare like with like on a shared, noisy machine.
 *  1. training and inference images/s per backend × detector size (one process per measurement);
 *  2. the wall time of one small grid with 1 training process vs N (throughput ratio).
 * Prints a table and writes `bench/results/<timestamp>.json`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateConfig } from '../src/engine/config';
import { augmentationLabel } from '../src/engine/run/augmentationLabel';
import { startRun } from '../src/engine/run/runExperiment';
import type { BackendName, DetectorConfig } from '../src/shared/config';

const ROOT = resolve(__dirname, '..');
const TSX = ['--require', 'tsx/cjs'];

const SIZES: Record<string, DetectorConfig> = {
  small: { type: 'dae', width: 8, depth: 2, codeSize: 32 },
  quickstart: { type: 'dae', width: 16, depth: 3, codeSize: 64 },
};

interface ProbeResult {
  backend?: string;
  parameters?: number;
  trainImagesPerSecond?: number;
  inferImagesPerSecond?: number;
  error?: string;
}

function probe(backend: BackendName, detector: DetectorConfig, slow: boolean): ProbeResult {
  // The cpu backend is ~100× slower: a few batches give a stable rate without taking minutes.
  const args = { backend, detector, batchSize: slow ? 32 : 128, trainBatches: slow ? 2 : 8, inferImages: slow ? 256 : 2048 };
  try {
    const out = execFileSync(process.execPath, [...TSX, join(__dirname, 'probe.ts'), JSON.stringify(args)], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ProbeResult;
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? '';
    try {
      return JSON.parse(stdout.trim().split('\n').pop() ?? '') as ProbeResult;
    } catch {
      return { error: (error as Error).message.split('\n')[0] };
    }
  }
}

async function gridSeconds(parallelism: number, workDir: string): Promise<number> {
  const result = validateConfig({
    name: `bench-grid-${parallelism}`,
    dataset: { source: 'shapes', normalClasses: [0], imageSize: 32, maxTrain: 500, maxTest: 100 },
    testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
    detector: SIZES.quickstart,
    augmentations: ['none', 'flip', 'invert', 'cutout'],
    training: { epochs: 12, batchSize: 128, learningRate: 0.001, schedule: 'cosine' },
    seeds: [0],
    runtime: { backend: 'wasm', parallelism },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const t0 = performance.now();
  const handle = startRun({
    config: result.config,
    baseDir: workDir,
    runsDir: workDir,
    augmentationLabel,
    workerScript: join(ROOT, 'src/engine/worker/trainWorker.ts'),
    workerExecArgv: TSX,
  });
  const results = await handle.done;
  if (results.status !== 'completed') throw new Error(`bench grid ${results.status}: ${results.error}`);
  return (performance.now() - t0) / 1000;
}

function fmt(x: number | undefined, digits = 0): string {
  return x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

async function main(): Promise<void> {
  const backends: BackendName[] = ['node', 'wasm', 'cpu'];
  const rows: Array<{ size: string; backend: BackendName } & ProbeResult> = [];
  for (const [size, detector] of Object.entries(SIZES)) {
    for (const backend of backends) {
      process.stderr.write(`measuring ${backend} × ${size}…\n`);
      rows.push({ ...probe(backend, detector, backend === 'cpu'), size, backend });
    }
  }
  const cores = availableParallelism();
  const workDir = mkdtempSync(join(tmpdir(), 'ssad-bench-'));
  process.stderr.write(`grid with 1 process…\n`);
  const one = await gridSeconds(1, workDir);
  process.stderr.write(`grid with ${cores} processes…\n`);
  const many = await gridSeconds(cores, workDir);
  rmSync(workDir, { recursive: true, force: true });

  const lines = ['', 'Training and inference throughput (32×32×1 images; batch 128, cpu 32 — images/s hardly depend on it)', ''];
  lines.push(`${'detector'.padEnd(12)}${'backend'.padEnd(10)}${'params'.padStart(9)}${'train img/s'.padStart(13)}${'infer img/s'.padStart(13)}${'train ×cpu'.padStart(12)}`);
  for (const r of rows) {
    const cpu = rows.find((x) => x.size === r.size && x.backend === 'cpu');
    const ratio = r.trainImagesPerSecond && cpu?.trainImagesPerSecond ? r.trainImagesPerSecond / cpu.trainImagesPerSecond : undefined;
    const body = r.error
      ? `  unavailable: ${r.error.slice(0, 70)}`
      : `${fmt(r.parameters).padStart(9)}${fmt(r.trainImagesPerSecond, 1).padStart(13)}${fmt(r.inferImagesPerSecond).padStart(13)}${(ratio ? `${fmt(ratio, 1)}×` : '—').padStart(12)}`;
    lines.push(`${r.size.padEnd(12)}${r.backend.padEnd(10)}${body}`);
  }
  lines.push('', `Grid (4 cells × 12 epochs, 500 shapes images, wasm): 1 process ${fmt(one, 1)} s, ${cores} processes ${fmt(many, 1)} s → ${fmt(one / many, 2)}× the throughput`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    throughput: rows,
    grid: { cells: 4, epochs: 12, oneProcessSeconds: one, processes: cores, manyProcessesSeconds: many, speedup: one / many },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = join(__dirname, 'results', `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`\nWritten: ${file.slice(ROOT.length + 1)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

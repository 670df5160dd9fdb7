/**
 * `npm run bench`: what training in the editor costs on this machine, measured in one run so that
 * the ratios compare like with like on a shared, noisy machine.
 *  1. Side by side with PyTorch: training and inference images/s of the same networks in
 *     TensorFlow.js (wasm; tfjs-node where installed) and in the PyTorch reference
 *     (bench/reference/torch_bench.py), one thread each, measured in alternating rounds.
 *  2. The wall time of one grid with 1 training process vs one per core.
 * Prints tables (one in Markdown for the README) and writes `bench/results/<timestamp>.json`.
 * `--profile` instead profiles one training step (bench/profile.ts). `--help` lists the flags.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../src/engine/config';
import { resultsLabel } from '../src/engine/augment';
import { startRun } from '../src/engine/run/runExperiment';
import type { DetectorConfig } from '../src/shared/config';
import {
  BATCH,
  CONFIGS,
  DEFAULT_PYTHON,
  INFER_BATCH,
  PYTHON_ENV,
  ROOT,
  TSX,
  blasKind,
  childrenExited,
  cpuSnapshot,
  gitState,
  machine,
  median,
  otherCores,
  pythonCommand,
  tfjsServer,
  torchServer,
  walkFlags,
  type BenchConfig,
  type ReadyInfo,
  type Round,
  type Server,
} from './common';
import { errorMessage } from '../src/shared/errorMessage';

const HELP = `npm run bench [-- FLAGS]
  --only LIST     comma-separated subset of: ${CONFIGS.map((c) => c.name).join(', ')}, grid (default: all)
  --no-grid       skip the grid (1 process vs one per core)
  --no-torch      skip the PyTorch reference
  --cpu           also measure the plain cpu backend (quickstart DAE, batch 32, one round: slow)
  --rounds N      alternating rounds per network (default 5; 3 for the study's DAE)
  --grid-epochs N epochs of each grid cell (default 8: about a minute in one process)
  --profile       profile one training step instead (see bench/profile.ts: --steps, --baseline FILE)
Environment: ${PYTHON_ENV} = the Python with torch (default ${DEFAULT_PYTHON}).`;

// ---------------------------------------------------------------------------------------------
// Side by side

interface SideResult {
  side: string;
  backend?: string;
  ready?: ReadyInfo;
  error?: string;
  train: Round[];
  infer: Round[];
  trainMedian?: number;
  inferMedian?: number;
}

interface ComparisonRow {
  config: string;
  label: string;
  detector: DetectorConfig;
  augmentation: string;
  batchSize: number;
  sides: SideResult[];
  parameterCheck?: { tfjs: number; torch: number; match: boolean };
  /** Cores kept busy by other processes meanwhile (Linux). */
  otherCores?: number;
}


/** Median over rounds of the per-round ratio a/b (rounds measured back to back share the load). */
function pairedRatio(a: Round[], b: Round[]): number | undefined {
  const n = Math.min(a.length, b.length);
  return median(Array.from({ length: n }, (_, i) => a[i].imagesPerSecond / b[i].imagesPerSecond));
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

interface SideSpec {
  side: string;
  start: () => Server;
  rounds: number;
  /** For the slow cpu backend: one step per round. */
  roundSeconds?: number;
  minSteps?: number;
}

async function compare(config: BenchConfig, specs: SideSpec[], rounds: number): Promise<ComparisonRow> {
  const cpuFrom = cpuSnapshot();
  const results: SideResult[] = [];
  const live: Array<{ spec: SideSpec; server: Server; result: SideResult }> = [];
  for (const spec of specs) {
    log(`  starting ${spec.side}…`);
    const server = spec.start();
    const ready = await server.ready;
    const result: SideResult = { side: spec.side, train: [], infer: [] };
    results.push(result);
    if (!ready.ready) {
      result.error = ready.error;
      await server.close();
      continue;
    }
    result.ready = ready;
    result.backend = typeof ready.backend === 'string' ? ready.backend : spec.side;
    live.push({ spec, server, result });
  }
  // Alternate the sides round by round (A B, B A, A B, …) so that load drift hits both alike.
  for (const op of ['train', 'infer'] as const) {
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? live : [...live].reverse();
      for (const { spec, server, result } of order) {
        if (result.error || r >= Math.min(spec.rounds, rounds)) continue;
        const command =
          op === 'train'
            ? { op, seconds: spec.roundSeconds ?? config.roundSeconds, minSteps: spec.minSteps ?? config.minSteps }
            : { op, seconds: Math.min(1.5, spec.roundSeconds ?? 1.5), images: spec.side === 'cpu' ? 256 : config.inferImages };
        const answer = await server.request(command);
        if ('error' in answer) {
          result.error = answer.error;
          continue;
        }
        result[op].push(answer);
        log(`  ${op} round ${r + 1}/${rounds} ${spec.side.padEnd(6)} ${answer.imagesPerSecond.toFixed(0).padStart(6)} img/s (cpu share ${answer.cpuShare.toFixed(2)})`);
      }
    }
  }
  for (const { server } of live) await server.close();
  await childrenExited();
  const otherLoad = otherCores(cpuFrom, cpuSnapshot());
  for (const result of results) {
    result.trainMedian = median(result.train.map((x) => x.imagesPerSecond));
    result.inferMedian = median(result.infer.map((x) => x.imagesPerSecond));
  }
  const row: ComparisonRow = { config: config.name, label: config.label, detector: config.detector, augmentation: config.augmentation, batchSize: BATCH, sides: results, otherCores: otherLoad };
  const tfjs = results.find((x) => x.side === 'wasm' && x.ready);
  const torch = results.find((x) => x.side === 'torch' && x.ready);
  if (tfjs?.ready && torch?.ready) {
    row.parameterCheck = { tfjs: tfjs.ready.parameters, torch: torch.ready.parameters, match: tfjs.ready.parameters === torch.ready.parameters };
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Grid: 1 process vs one per core

interface GridResult {
  dataset: string;
  cells: number;
  epochs: number;
  trainImagesPerCell: number;
  oneProcessSeconds: number;
  processes: number;
  manyProcessesSeconds: number;
  speedup: number;
  /** Sum over cells of training + scoring seconds as the children measured them. */
  oneProcessCellSeconds: number;
  manyProcessesCellSeconds: number;
  /** Cores kept busy by other processes during each run (Linux). */
  oneProcessOtherCores?: number;
  manyProcessesOtherCores?: number;
  /** CPU seconds of this process and its training processes: the work, whatever the load. */
  oneProcessCpuSeconds?: number;
  manyProcessesCpuSeconds?: number;
}

async function gridRun(
  parallelism: number,
  epochs: number,
  workDir: string,
): Promise<{ seconds: number; cellSeconds: number; trainImages: number; cells: number; otherCores?: number; cpuSeconds?: number }> {
  const result = validateConfig({
    name: `bench-grid-${parallelism}`,
    dataset: { source: 'mnist', normalClasses: [7], imageSize: 32, maxTrain: 2000, maxTest: 300 },
    testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
    detector: CONFIGS[0].detector,
    augmentations: ['none', 'flip', 'invert', 'cutout'],
    training: { epochs, batchSize: BATCH, learningRate: 0.001, schedule: 'cosine' },
    seeds: [0],
    runtime: { backend: 'wasm', parallelism },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const cpuFrom = cpuSnapshot();
  const t0 = performance.now();
  const handle = startRun({
    config: result.config,
    baseDir: workDir,
    runsDir: workDir,
    augmentationLabel: resultsLabel,
    workerScript: join(ROOT, 'src/engine/worker/trainWorker.ts'),
    workerExecArgv: TSX,
    parallelism,
  });
  const results = await handle.done;
  const seconds = (performance.now() - t0) / 1000;
  await childrenExited();
  const cpuTo = cpuSnapshot();
  const otherLoad = otherCores(cpuFrom, cpuTo);
  if (results.status !== 'completed') throw new Error(`bench grid ${results.status}: ${results.error ?? ''}`);
  // Training, scoring and the label-free criteria: everything a cell does in its process.
  const cellSeconds = results.cells.reduce((sum, c) => sum + (c.trainSeconds ?? 0) + (c.evalSeconds ?? 0) + (c.selection?.seconds ?? 0), 0);
  return { seconds, cellSeconds, trainImages: results.scale?.trainImages ?? 0, cells: results.cells.length, otherCores: otherLoad, cpuSeconds: cpuFrom && cpuTo ? cpuTo.ours - cpuFrom.ours : undefined };
}

// ---------------------------------------------------------------------------------------------
// Report

function fmt(x: number | undefined, digits = 0): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`;
}




function tableRows(rows: ComparisonRow[]): Array<{ row: ComparisonRow; side: SideResult; torch?: SideResult }> {
  const out: Array<{ row: ComparisonRow; side: SideResult; torch?: SideResult }> = [];
  for (const row of rows) {
    const torch = row.sides.find((s) => s.side === 'torch' && s.ready);
    for (const side of row.sides) if (side.side !== 'torch' && side.ready) out.push({ row, side, torch });
  }
  return out;
}

function plainTable(rows: ComparisonRow[]): string[] {
  const lines: string[] = [];
  const head = `${'network'.padEnd(12)}${'tfjs'.padEnd(7)}${'params'.padStart(10)}${'train tfjs'.padStart(12)}${'torch'.padStart(9)}${'ratio'.padStart(8)}${'infer tfjs'.padStart(12)}${'torch'.padStart(9)}${'ratio'.padStart(8)}`;
  lines.push(head, '-'.repeat(head.length));
  for (const { row, side, torch } of tableRows(rows)) {
    lines.push(
      `${row.config.padEnd(12)}${side.side.padEnd(7)}${fmt(side.ready?.parameters).padStart(10)}${fmt(side.trainMedian, side.side === 'cpu' ? 1 : 0).padStart(12)}` +
        `${fmt(torch?.trainMedian).padStart(9)}${ratio(torch ? pairedRatio(side.train, torch.train) : undefined).padStart(8)}` +
        `${fmt(side.inferMedian).padStart(12)}${fmt(torch?.inferMedian).padStart(9)}${ratio(torch ? pairedRatio(side.infer, torch.infer) : undefined).padStart(8)}`,
    );
  }
  return lines;
}

function markdownTable(rows: ComparisonRow[], context: string): string[] {
  const lines = [
    '| network | parameters | tfjs backend | train img/s tfjs | train img/s PyTorch | train tfjs/PyTorch | inference img/s tfjs | inference img/s PyTorch | inference tfjs/PyTorch |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { row, side, torch } of tableRows(rows)) {
    lines.push(
      `| ${row.label} | ${fmt(side.ready?.parameters)} | ${side.side} | ${fmt(side.trainMedian, side.side === 'cpu' ? 1 : 0)} | ${fmt(torch?.trainMedian)} | ` +
        `${ratio(torch ? pairedRatio(side.train, torch.train) : undefined)} | ${fmt(side.inferMedian)} | ${fmt(torch?.inferMedian)} | ${ratio(torch ? pairedRatio(side.infer, torch.infer) : undefined)} |`,
    );
  }
  lines.push('', context);
  return lines;
}

// ---------------------------------------------------------------------------------------------

interface Options {
  only?: string[];
  grid: boolean;
  torch: boolean;
  cpu: boolean;
  rounds?: number;
  gridEpochs: number;
}

function parseArgs(argv: string[]): Options | 'help' {
  const options: Options = { grid: true, torch: true, cpu: false, gridEpochs: 8 };
  const help = walkFlags(argv, (arg, value) => {
    if (arg === '--only') options.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg === '--no-grid') options.grid = false;
    else if (arg === '--no-torch') options.torch = false;
    else if (arg === '--cpu') options.cpu = true;
    else if (arg === '--rounds') options.rounds = Math.max(1, Number.parseInt(value(), 10));
    else if (arg === '--grid-epochs') options.gridEpochs = Math.max(1, Number.parseInt(value(), 10));
    else throw new Error(`unknown flag ${arg}\n${HELP}`);
  });
  if (help) return help;
  const known = new Set([...CONFIGS.map((c) => c.name), 'grid']);
  for (const name of options.only ?? []) if (!known.has(name)) throw new Error(`--only: unknown "${name}"; choose among ${[...known].join(', ')}`);
  if (options.only) options.grid &&= options.only.includes('grid');
  return options;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--profile')) {
    // In a process of its own: it loads tfjs and instruments its engine.
    const args = [...TSX, join(__dirname, 'profile.ts'), ...argv.filter((a) => a !== '--profile')];
    try {
      execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    } catch (error) {
      process.exitCode = (error as { status?: number }).status ?? 1;
    }
    return;
  }
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const options = parsed;
  const started = new Date();
  const loadStart = loadavg();
  const cpuStart = cpuSnapshot();
  const configs = CONFIGS.filter((c) => !options.only || options.only.includes(c.name));
  const python = pythonCommand();
  let torchNote: string | undefined;
  if (!options.torch) torchNote = 'PyTorch reference: skipped (--no-torch)';
  else if (python.includes('/') && !existsSync(python)) torchNote = `PyTorch reference: not run — ${python} does not exist (set ${PYTHON_ENV} to a Python with torch)`;
  let nodeAvailable = true;
  let nodeError: string | undefined;

  const rows: ComparisonRow[] = [];
  for (const config of configs) {
    log(`${config.label}:`);
    const specs: SideSpec[] = [{ side: 'wasm', start: () => tfjsServer('wasm', config), rounds: options.rounds ?? config.rounds }];
    if (nodeAvailable) specs.push({ side: 'node', start: () => tfjsServer('node', config), rounds: options.rounds ?? config.rounds });
    if (options.cpu && config.name === 'quickstart') specs.push({ side: 'cpu', start: () => tfjsServer('cpu', config, 32), rounds: 1, roundSeconds: 0, minSteps: 1 });
    if (!torchNote) specs.push({ side: 'torch', start: () => torchServer(python, config), rounds: options.rounds ?? config.rounds });
    const row = await compare(config, specs, options.rounds ?? config.rounds);
    const node = row.sides.find((s) => s.side === 'node');
    if (node?.error) {
      // Not installed (it is optional): said once, not measured again.
      nodeAvailable = false;
      nodeError = node.error;
      row.sides = row.sides.filter((s) => s !== node);
      log(`  tfjs-node: not available (${node.error.slice(0, 120)})`);
    }
    rows.push(row);
    const torch = row.sides.find((s) => s.side === 'torch');
    if (torch?.error && !torchNote) {
      torchNote = `PyTorch reference: not run — ${python}: ${torch.error.slice(0, 200)}`;
      log(`  ${torchNote}`);
    }
  }

  let grid: GridResult | undefined;
  let gridError: string | undefined;
  if (options.grid) {
    const cores = availableParallelism();
    const workDir = mkdtempSync(join(tmpdir(), 'ssad-bench-'));
    try {
      log(`grid with 1 process…`);
      const one = await gridRun(1, options.gridEpochs, workDir);
      log(`  ${one.seconds.toFixed(1)} s`);
      log(`grid with ${cores} processes…`);
      const many = await gridRun(cores, options.gridEpochs, workDir);
      log(`  ${many.seconds.toFixed(1)} s`);
      grid = {
        dataset: 'MNIST digit 7',
        cells: one.cells,
        epochs: options.gridEpochs,
        trainImagesPerCell: one.trainImages,
        oneProcessSeconds: one.seconds,
        processes: cores,
        manyProcessesSeconds: many.seconds,
        speedup: one.seconds / many.seconds,
        oneProcessCellSeconds: one.cellSeconds,
        manyProcessesCellSeconds: many.cellSeconds,
        oneProcessOtherCores: one.otherCores,
        manyProcessesOtherCores: many.otherCores,
        oneProcessCpuSeconds: one.cpuSeconds,
        manyProcessesCpuSeconds: many.cpuSeconds,
      };
    } catch (error) {
      gridError = errorMessage(error);
      log(`grid failed: ${gridError}`);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  const loadEnd = loadavg();
  await childrenExited();
  const otherLoadAll = otherCores(cpuStart, cpuSnapshot());

  // Versions and machine, from the servers' ready lines.
  const anyTfjs = rows.flatMap((r) => r.sides).find((s) => s.side === 'wasm' && s.ready)?.ready;
  const anyTorch = rows.flatMap((r) => r.sides).find((s) => s.side === 'torch' && s.ready)?.ready;
  const versions = {
    node: process.version,
    tfjs: anyTfjs?.tfjs,
    tfjsBackendWasm: anyTfjs?.tfjsBackend,
    wasmDetail: anyTfjs?.backendDetail,
    torch: anyTorch?.torch,
    python: anyTorch?.python,
    torchThreads: anyTorch ? `${String(anyTorch.threads)} intra-op, ${String(anyTorch.interopThreads)} inter-op` : undefined,
    torchMkldnn: anyTorch?.mkldnn,
    torchBlas: anyTorch?.blas,
    torchBlasKind: anyTorch ? blasKind(anyTorch.blas) : undefined,
    pythonCommand: options.torch ? python : undefined,
  };
  const host = machine();
  const codeState = gitState();

  const out: string[] = [];
  const context =
    `Machine: ${String(host.cpuModel)}, ${String(host.cores)} cores; load average ${loadStart[0].toFixed(1)} at start, ${loadEnd[0].toFixed(1)} at end` +
    (otherLoadAll !== undefined ? `; other processes kept ${fmt(otherLoadAll, 1)} cores busy on average` : '') +
    '. ' +
    `Code: commit ${codeState.commit ?? '?'}${codeState.uncommittedSourceChanges ? ' with uncommitted changes' : ''}. ` +
    `Node ${process.version}, tfjs ${versions.tfjs ?? '?'}` +
    (anyTorch ? `; PyTorch ${String(versions.torch)} (Python ${String(versions.python)}, ${versions.torchBlasKind}, one thread)` : '') +
    `. Images/s of 32×32×1 images, batch ${BATCH} (inference ${INFER_BATCH}${options.cpu ? '; cpu backend: batch 32, one round' : ''}), one thread per side, median of alternating rounds; ` +
    'ratios are medians of per-round ratios. The classifier trains on 2 images per source image (clean + flipped), rotnet on 4 (rotations): images/s count source images.';
  out.push('', `SSAD Lab benchmark — ${started.toISOString()}`, '');
  if (rows.length > 0) {
    out.push('Training and inference images/s, tfjs vs the PyTorch reference (one thread each)', '');
    out.push(...plainTable(rows));
    for (const row of rows) {
      const pc = row.parameterCheck;
      if (pc && !pc.match) out.push(`ERROR: ${row.config}: parameter counts differ — tfjs ${pc.tfjs}, torch ${pc.torch}: the reference is not the same network`);
      for (const side of row.sides) if (side.error && side.side !== 'torch') out.push(`${row.config} · ${side.side}: unavailable — ${side.error.slice(0, 160)}`);
    }
    const checked = rows.filter((r) => r.parameterCheck?.match).map((r) => `${r.config} ${fmt(r.parameterCheck?.torch)}`);
    if (checked.length > 0) out.push(`Parameter counts, tfjs = PyTorch: ${checked.join('; ')}.`);
    if (nodeError) out.push(`tfjs-node: not measured — ${nodeError.replace(/ \(.*$/s, '')}`);
    if (torchNote) out.push(torchNote);
    if (versions.torchBlasKind === 'reference BLAS') {
      out.push(
        'WARNING: torch uses the unoptimised reference BLAS (Debian libblas3), which makes its transposed convolutions and dense layers several times slower; ' +
          'install an optimised one (apt-get install libopenblas0-pthread) for a fair reference.',
      );
    }
    const others = rows.map((r) => r.otherCores).filter((x): x is number => x !== undefined);
    if (others.length > 0) out.push(`Other processes kept ${fmt(Math.min(...others), 2)}–${fmt(Math.max(...others), 2)} of the ${availableParallelism()} cores busy during these measurements.`);
    const contended = rows.flatMap((r) => r.sides.flatMap((s) => [...s.train, ...s.infer].filter((x) => x.cpuShare < 0.85).map(() => `${r.config}/${s.side}`)));
    if (contended.length > 0) out.push(`Note: ${contended.length} round(s) got less than 85% of a core (${[...new Set(contended)].join(', ')}): the machine was busy; the ratios are still paired.`);
  }
  if (grid) {
    out.push(
      '',
      `Grid (${grid.cells} cells × ${grid.epochs} epoch${grid.epochs === 1 ? '' : 's'} × ${fmt(grid.trainImagesPerCell)} images of ${grid.dataset}, quickstart DAE, wasm): ` +
        `1 process ${fmt(grid.oneProcessSeconds, 1)} s, ${grid.processes} processes ${fmt(grid.manyProcessesSeconds, 1)} s → ${grid.speedup.toFixed(2)}× the throughput (ideal ${grid.processes}×)`,
      `  inside the cells (training, scoring, label-free criteria), summed: ${fmt(grid.oneProcessCellSeconds, 1)} s with 1 process, ${fmt(grid.manyProcessesCellSeconds, 1)} s with ${grid.processes} ` +
        '(the rest of the wall time is process start-up, data loading and the sample sheet)',
    );
    if (grid.oneProcessOtherCores !== undefined && grid.manyProcessesOtherCores !== undefined) {
      out.push(
        `  other processes kept ${fmt(grid.oneProcessOtherCores, 2)} and ${fmt(grid.manyProcessesOtherCores, 2)} of the ${grid.processes} cores busy meanwhile` +
          (grid.manyProcessesOtherCores > 0.15 ? ': the grid did not have the machine to itself, so the speedup is lower than on an idle one' : ''),
      );
    }
    if (grid.oneProcessCpuSeconds !== undefined && grid.manyProcessesCpuSeconds !== undefined) {
      out.push(
        `  CPU time of the run (all its processes): ${fmt(grid.oneProcessCpuSeconds, 1)} s with 1 process, ${fmt(grid.manyProcessesCpuSeconds, 1)} s with ${grid.processes} ` +
          `(×${fmt(grid.manyProcessesCpuSeconds / grid.oneProcessCpuSeconds, 2)}: the same work should take the same CPU time; more means the processes slow each other down)`,
      );
    }
  } else if (gridError) out.push('', `Grid: failed — ${gridError}`);
  const markdown = rows.length > 0 ? markdownTable(rows, context) : [];
  if (grid) markdown.push('', `Grid, ${grid.cells} cells on ${grid.processes} processes: ${grid.speedup.toFixed(2)}× the throughput of one process (${fmt(grid.oneProcessSeconds, 1)} s → ${fmt(grid.manyProcessesSeconds, 1)} s).`);
  if (markdown.length > 0) out.push('', 'Markdown (for the README):', '', ...markdown);
  process.stdout.write(`${out.join('\n')}\n`);

  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const result = {
    date: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    argv,
    git: codeState,
    machine: { ...host, loadAverageStart: loadStart, loadAverageEnd: loadEnd, otherProcessesCores: otherLoadAll },
    versions,
    sideBySide: rows.map((row) => {
      const torch = row.sides.find((s) => s.side === 'torch' && s.ready);
      return {
        ...row,
        ratios: Object.fromEntries(
          row.sides
            .filter((s) => s.side !== 'torch' && s.ready && torch)
            .map((s) => [s.side, { train: pairedRatio(s.train, torch!.train), infer: pairedRatio(s.infer, torch!.infer) }]),
        ),
      };
    }),
    torchNote,
    tfjsNodeError: nodeError,
    grid: grid ?? (gridError ? { error: gridError } : undefined),
    markdown: markdown.join('\n'),
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = join(__dirname, 'results', `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nWritten: ${file.slice(ROOT.length + 1)}\n`);
  if (rows.some((r) => r.parameterCheck && !r.parameterCheck.match)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

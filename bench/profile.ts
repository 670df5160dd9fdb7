/**
 * `npm run bench -- --profile` (or `npm run bench:profile`): where one training step's time goes,
 * on the wasm backend (quickstart DAE by default), averaged over `--steps` steps after warm-up.
 *
 *  - Per kernel, grouped by the name the engine dispatches: every kernel registered for the active
 *    backend is re-registered with a timer around its function (so whatever kernels are registered
 *    are measured); time is self time (a kernel dispatched from inside another one is subtracted
 *    from its parent), with calls per step and the phase it ran in.
 *  - Per phase of the step, wall time split into kernels and the rest (dispatch, tensor allocation,
 *    JavaScript): batch selection, augmentation, batch → tensors, forward, backward, optimiser,
 *    loss readback. The phases are found through public entry points only: the augmentation passed
 *    to the detector (a timed copy), the engine's `gradients` (forward + backward; its `forward`
 *    tidy scope marks where the backward pass starts), what runs after it until the step returns
 *    (the optimiser's update), and `dataSync` outside the gradient computation (the readback).
 *  - The unprofiled step (steps alternate: unprofiled, profiled, …) and, where available,
 *    PyTorch's step for the same network (a round before and one after).
 * Writes bench/results/profile-<timestamp>.json; `--baseline FILE` prints the change against an
 * earlier one (before/after a kernel change).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { resolveAugmentation } from '../src/engine/augment';
import type { AugmentationDefinition, ResolvedAugmentation } from '../src/engine/augment/types';
import { selectBackend } from '../src/engine/backend';
import { createDetector } from '../src/engine/detectors';
import { createBatch, selectImages } from '../src/engine/image';
import { Rng } from '../src/engine/random';
import { CONFIGS, PYTHON_ENV, ROOT, blasKind, childrenExited, cpuSnapshot, gitState, machine, median, otherCores, pythonCommand, torchServer, walkFlags } from './common';

const PHASES = ['batch', 'augment', 'tensors', 'forward', 'backward', 'optimiser', 'readback'] as const;
type Phase = (typeof PHASES)[number] | 'idle';

const PHASE_LABELS: Record<(typeof PHASES)[number], string> = {
  batch: 'batch selection (selectImages)',
  augment: 'augmentation',
  tensors: 'batch → tensors, step set-up',
  forward: 'forward',
  backward: 'backward',
  optimiser: 'optimiser update',
  readback: 'loss readback',
};

const HELP = `npm run bench -- --profile [FLAGS]   (or npm run bench:profile -- [FLAGS])
  --only NAME           network: ${CONFIGS.map((c) => c.name).join(', ')} (default quickstart)
  --augmentation NAME   training augmentation (default: the benchmark's, flip / rotate)
  --steps N             profiled steps, as many unprofiled ones (default 10), after --warmup N (default 3)
  --baseline FILE       an earlier profile-*.json: print the change against it
  --no-torch            skip PyTorch's step time`;

/** Wall time per phase, switched by the instrumentation; kernel time is booked on top. */
class PhaseClock {
  active = false;
  current: Phase = 'idle';
  private last = 0;
  readonly wall = new Map<Phase, number>();
  readonly kernel = new Map<Phase, number>();

  to(next: Phase): Phase {
    const now = performance.now();
    if (this.active && this.current !== 'idle') this.wall.set(this.current, (this.wall.get(this.current) ?? 0) + now - this.last);
    this.last = now;
    const previous = this.current;
    this.current = next;
    return previous;
  }

  addKernel(ms: number): void {
    if (this.active) this.kernel.set(this.current, (this.kernel.get(this.current) ?? 0) + ms);
  }
}

interface KernelStat {
  calls: number;
  selfMs: number;
  inclusiveMs: number;
  byPhase: Map<Phase, number>;
}

type KernelFunc = tf.KernelConfig['kernelFunc'];

/** Re-registers every kernel of the backend with a timer; returns the function that undoes it. */
function instrumentKernels(backendName: string, clock: PhaseClock, stats: Map<string, KernelStat>): () => void {
  const originals = tf.getKernelsForBackend(backendName);
  const childTime: number[] = [];
  for (const config of originals) {
    const inner: KernelFunc = config.kernelFunc;
    const name = config.kernelName;
    const timed: KernelFunc = (args) => {
      childTime.push(0);
      const t0 = performance.now();
      try {
        return inner.call(config, args);
      } finally {
        const ms = performance.now() - t0;
        const nested = childTime.pop() ?? 0;
        if (clock.active) {
          let stat = stats.get(name);
          if (!stat) stats.set(name, (stat = { calls: 0, selfMs: 0, inclusiveMs: 0, byPhase: new Map() }));
          stat.calls++;
          stat.selfMs += ms - nested;
          stat.inclusiveMs += ms;
          stat.byPhase.set(clock.current, (stat.byPhase.get(clock.current) ?? 0) + ms - nested);
        }
        if (childTime.length > 0) childTime[childTime.length - 1] += ms;
        else clock.addKernel(ms);
      }
    };
    tf.unregisterKernel(name, backendName);
    tf.registerKernel({ ...config, kernelFunc: timed });
  }
  return () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backendName);
      tf.registerKernel(config);
    }
  };
}

type AnyFn = (...args: unknown[]) => unknown;

/** Marks forward / backward / optimiser / readback through the engine's public entry points. */
function instrumentEngine(clock: PhaseClock): () => void {
  const engine = tf.engine() as unknown as Record<string, AnyFn>;
  const gradients = engine.gradients;
  const tidy = engine.tidy;
  const tensorProto = tf.Tensor.prototype as unknown as Record<string, AnyFn>;
  const dataSync = tensorProto.dataSync;
  engine.gradients = function (this: unknown, ...args: unknown[]) {
    clock.to('forward');
    try {
      return gradients.apply(this, args);
    } finally {
      // What follows the gradient computation inside the step is the optimiser's update.
      clock.to('optimiser');
    }
  };
  engine.tidy = function (this: unknown, ...args: unknown[]) {
    if (args[0] !== 'forward' || clock.current !== 'forward') return tidy.apply(this, args);
    try {
      return tidy.apply(this, args);
    } finally {
      clock.to('backward');
    }
  };
  tensorProto.dataSync = function (this: unknown, ...args: unknown[]) {
    if (clock.current === 'forward' || clock.current === 'backward') return dataSync.apply(this, args);
    const previous = clock.to('readback');
    try {
      return dataSync.apply(this, args);
    } finally {
      clock.to(previous);
    }
  };
  return () => {
    delete engine.gradients;
    delete engine.tidy;
    tensorProto.dataSync = dataSync;
  };
}

/** The augmentation with its `apply` and `variant` timed as the `augment` phase. */
function timedAugmentation(resolved: ResolvedAugmentation, clock: PhaseClock): ResolvedAugmentation {
  const definition = resolved.definition;
  const timed = <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const previous = clock.to('augment');
      try {
        return fn(...args);
      } finally {
        clock.to(previous);
      }
    };
  const copy: AugmentationDefinition = {
    ...definition,
    apply: timed(definition.apply.bind(definition)),
    ...(definition.variant ? { variant: timed(definition.variant.bind(definition)) } : {}),
  };
  return { ...resolved, definition: copy };
}

interface ProfileOptions {
  config: (typeof CONFIGS)[number];
  augmentation?: string;
  steps: number;
  warmup: number;
  baseline?: string;
  torch: boolean;
}

function parseArgs(argv: string[]): ProfileOptions | 'help' {
  const options: ProfileOptions = { config: CONFIGS[0], steps: 10, warmup: 3, torch: true };
  const help = walkFlags(argv, (arg, value) => {
    if (arg === '--only') {
      const name = value();
      const config = CONFIGS.find((c) => c.name === name);
      if (!config) throw new Error(`--only: unknown network "${name}"; choose among ${CONFIGS.map((c) => c.name).join(', ')}`);
      options.config = config;
    } else if (arg === '--augmentation') options.augmentation = value();
    else if (arg === '--steps') options.steps = Math.max(1, Number.parseInt(value(), 10));
    else if (arg === '--warmup') options.warmup = Math.max(1, Number.parseInt(value(), 10));
    else if (arg === '--baseline') options.baseline = value();
    else if (arg === '--no-torch') options.torch = false;
    else throw new Error(`unknown flag ${arg}\n${HELP}`);
  });
  if (help) return help;
  return options;
}

function f(x: number | undefined, digits = 2): string {
  return x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

function delta(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const d = now - before;
  return `${d >= 0 ? '+' : ''}${d.toFixed(2)}`;
}

interface ProfileResult {
  kernels: Array<{ name: string; msPerStep: number; callsPerStep: number; inclusiveMsPerStep: number; byPhase: Record<string, number> }>;
  phases: Array<{ phase: string; wallMs: number; kernelMs: number; outsideMs: number }>;
  unprofiled: { msPerStep: number };
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const options = parsed;
  const baseline = options.baseline ? (JSON.parse(readFileSync(options.baseline, 'utf8')) as ProfileResult) : undefined;
  const started = new Date();
  const loadStart = loadavg();
  const cpuStart = cpuSnapshot();
  const backend = await selectBackend('wasm');
  const { config, steps, warmup } = options;
  const augmentationName = options.augmentation ?? config.augmentation;
  const batchSize = 128;
  const size = 32;

  // A training set of random images; batches are drawn from it as training does.
  const rng = new Rng(0, 'bench-profile');
  const train = createBatch(2000, size, size, 1);
  for (let i = 0; i < train.data.length; i++) train.data[i] = rng.next();
  const clock = new PhaseClock();
  const detector = createDetector({ h: size, w: size, c: 1 }, config.detector, timedAugmentation(resolveAugmentation(augmentationName), clock), { learningRate: 1e-3, weightDecay: 0 }, 0);
  let order = rng.permutation(train.n);
  let cursor = 0;
  const step = () => {
    if (cursor + batchSize > train.n) {
      order = rng.permutation(train.n);
      cursor = 0;
    }
    detector.setLearningRate(1e-3);
    clock.to('batch');
    const batch = selectImages(train, order.subarray(cursor, cursor + batchSize));
    cursor += batchSize;
    clock.to('tensors');
    detector.trainStep(batch, rng);
    clock.to('idle');
  };
  const timeSteps = (n: number): number[] => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      step();
      times.push(performance.now() - t0);
    }
    return times;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  // PyTorch's step for the same network, one thread: a round before and one after tfjs's steps.
  let torch: { msPerStep?: number; imagesPerSecond?: number; rounds?: number[]; version?: unknown; blas?: string; error?: string } | undefined;
  let torchServerLive: ReturnType<typeof torchServer> | undefined;
  const torchRounds: Array<{ ms: number; ips: number }> = [];
  const torchRound = async () => {
    if (!torchServerLive) return;
    const round = await torchServerLive.request({ op: 'train', seconds: 2, minSteps: 5 });
    if ('error' in round) torch = { error: round.error };
    else torchRounds.push({ ms: (1000 * round.seconds) / round.steps, ips: round.imagesPerSecond });
  };
  if (options.torch) {
    const python = pythonCommand();
    if (python.includes('/') && !existsSync(python)) torch = { error: `${python} does not exist (set ${PYTHON_ENV})` };
    else {
      torchServerLive = torchServer(python, config);
      const ready = await torchServerLive.ready;
      if (!ready.ready) {
        torch = { error: ready.error };
        await torchServerLive.close();
        torchServerLive = undefined;
      } else torch = { version: ready.torch, blas: blasKind(ready.blas) };
    }
  }

  process.stderr.write(
    `profiling ${config.name} (${augmentationName}) on ${backend.name}: ${warmup} warm-up steps, then ${steps} unprofiled and ${steps} profiled steps, alternating…\n`,
  );
  await torchRound();
  timeSteps(warmup);
  const stats = new Map<string, KernelStat>();
  const instrument = () => {
    const restoreKernels = instrumentKernels(tf.getBackend(), clock, stats);
    const restoreEngine = instrumentEngine(clock);
    return () => {
      restoreEngine();
      restoreKernels();
    };
  };
  // One instrumented step, not counted, then unprofiled and profiled steps in turn, so that a
  // change of load hits both alike.
  let undo = instrument();
  try {
    timeSteps(1);
  } finally {
    undo();
  }
  const unprofiled: number[] = [];
  const profiled: number[] = [];
  const tensorsBefore = tf.memory().numTensors;
  for (let i = 0; i < steps; i++) {
    unprofiled.push(...timeSteps(1));
    undo = instrument();
    clock.active = true;
    try {
      profiled.push(...timeSteps(1));
    } finally {
      clock.active = false;
      undo();
    }
  }
  const tensorsAfter = tf.memory().numTensors;
  detector.dispose();
  await torchRound();
  if (torchServerLive) await torchServerLive.close();
  await childrenExited();
  const otherLoad = otherCores(cpuStart, cpuSnapshot());
  if (torch && !torch.error && torchRounds.length > 0) {
    torch.rounds = torchRounds.map((r) => r.ms);
    torch.msPerStep = torchRounds.reduce((a, r) => a + r.ms, 0) / torchRounds.length;
    torch.imagesPerSecond = (1000 * batchSize) / torch.msPerStep;
  }

  // Tables.
  const unprofiledMs = mean(unprofiled);
  const medianOf = (xs: number[]) => median(xs) ?? Number.NaN;
  const profiledMs = mean(profiled);
  const per = (ms: number) => ms / steps;
  const kernelTotal = per([...clock.kernel.values()].reduce((a, b) => a + b, 0));
  const kernelCalls = [...stats.values()].reduce((a, s) => a + s.calls, 0) / steps;
  const phases = PHASES.map((phase) => {
    const wallMs = per(clock.wall.get(phase) ?? 0);
    const kernelMs = per(clock.kernel.get(phase) ?? 0);
    return { phase, label: PHASE_LABELS[phase], wallMs, kernelMs, outsideMs: wallMs - kernelMs };
  });
  const byPhase = (phase: string) => phases.find((p) => p.phase === phase)!;
  const kernels = [...stats.entries()]
    .map(([name, s]) => ({
      name,
      msPerStep: per(s.selfMs),
      callsPerStep: s.calls / steps,
      inclusiveMsPerStep: per(s.inclusiveMs),
      byPhase: Object.fromEntries([...s.byPhase.entries()].map(([p, ms]) => [p, per(ms)])),
    }))
    .sort((a, b) => b.msPerStep - a.msPerStep);
  const outside = {
    augmentation: byPhase('augment').outsideMs,
    batchAssembly: byPhase('batch').outsideMs + byPhase('tensors').outsideMs,
    forwardBackwardDispatch: byPhase('forward').outsideMs + byPhase('backward').outsideMs,
    optimiser: byPhase('optimiser').outsideMs,
    lossReadback: byPhase('readback').outsideMs,
  };
  const baseKernels = new Map((baseline?.kernels ?? []).map((k) => [k.name, k]));
  const basePhases = new Map((baseline?.phases ?? []).map((p) => [p.phase, p]));
  const pct = (ms: number) => `${((100 * ms) / profiledMs).toFixed(1)}%`;

  const lines: string[] = [''];
  lines.push(
    `Profile of one training step: ${config.label}, augmentation ${augmentationName}, batch ${batchSize} × 32×32×1, ${backend.name} backend (${steps} steps after ${warmup} warm-up)`,
    '',
  );
  lines.push(
    `unprofiled: ${f(unprofiledMs, 1)} ms/step = ${f((1000 * batchSize) / unprofiledMs, 0)} img/s (mean; median ${f(medianOf(unprofiled), 1)}, fastest ${f(Math.min(...unprofiled), 1)} ms)` +
      (baseline ? `; baseline ${f(baseline.unprofiled.msPerStep, 1)} ms/step: now ${f(baseline.unprofiled.msPerStep / unprofiledMs, 2)}× its throughput` : ''),
  );
  lines.push(`profiled:   ${f(profiledMs, 1)} ms/step (profiled − unprofiled: ${f(profiledMs - unprofiledMs, 1)} ms); kernels ${f(kernelTotal, 1)} ms in ${f(kernelCalls, 0)} calls; outside kernels ${f(profiledMs - kernelTotal, 1)} ms`);
  if (torch?.msPerStep) {
    lines.push(
      `PyTorch ${String(torch.version)} (${torch.blas}, one thread), same network and batch: ${f(torch.msPerStep, 1)} ms/step = ${f(torch.imagesPerSecond, 0)} img/s ` +
        `(rounds before/after: ${(torch.rounds ?? []).map((x) => f(x, 1)).join(', ')} ms) → tfjs/PyTorch ${f(torch.msPerStep / unprofiledMs, 2)}× the throughput`,
    );
  }
  else if (torch?.error) lines.push(`PyTorch: not measured — ${torch.error.slice(0, 160)}`);
  if (otherLoad !== undefined) lines.push(`other processes kept ${f(otherLoad, 2)} of the machine's cores busy meanwhile (load average ${f(loadStart[0], 1)})`);
  if (tensorsAfter !== tensorsBefore) lines.push(`WARNING: ${(tensorsAfter - tensorsBefore) / (2 * steps)} tensors leaked per step`);

  const kernelHead = `${'kernel'.padEnd(30)}${'ms/step'.padStart(9)}${'incl.'.padStart(9)}${'calls'.padStart(8)}${'µs/call'.padStart(9)}${'% step'.padStart(8)}${'fwd'.padStart(8)}${'bwd'.padStart(8)}${'optim'.padStart(8)}${'other'.padStart(8)}${baseline ? 'Δ ms'.padStart(9) : ''}`;
  lines.push('', kernelHead, '-'.repeat(kernelHead.length));
  for (const k of kernels) {
    const fwd = k.byPhase.forward ?? 0;
    const bwd = k.byPhase.backward ?? 0;
    const opt = k.byPhase.optimiser ?? 0;
    lines.push(
      `${k.name.padEnd(30)}${f(k.msPerStep).padStart(9)}${(k.inclusiveMsPerStep - k.msPerStep > 0.005 ? f(k.inclusiveMsPerStep) : '').padStart(9)}${f(k.callsPerStep, 1).padStart(8)}${f((1000 * k.msPerStep) / k.callsPerStep, 1).padStart(9)}${pct(k.msPerStep).padStart(8)}` +
        `${f(fwd).padStart(8)}${f(bwd).padStart(8)}${f(opt).padStart(8)}${f(k.msPerStep - fwd - bwd - opt).padStart(8)}` +
        (baseline ? delta(k.msPerStep, baseKernels.get(k.name)?.msPerStep ?? 0).padStart(9) : ''),
    );
  }
  for (const [name, k] of baseKernels) if (!stats.has(name)) lines.push(`${name.padEnd(30)}${'—'.padStart(9)}   (baseline ${f(k.msPerStep)} ms, ${f(k.callsPerStep, 1)} calls; not called now)`);
  lines.push(`${'all kernels'.padEnd(30)}${f(kernelTotal).padStart(9)}${''.padStart(9)}${f(kernelCalls, 1).padStart(8)}${''.padStart(9)}${pct(kernelTotal).padStart(8)}`);

  const phaseHead = `${'phase'.padEnd(34)}${'wall'.padStart(9)}${'kernels'.padStart(9)}${'outside'.padStart(9)}${'% step'.padStart(8)}${baseline ? 'Δ wall'.padStart(9) : ''}`;
  lines.push('', phaseHead, '-'.repeat(phaseHead.length));
  for (const p of phases) {
    lines.push(
      `${p.label.padEnd(34)}${f(p.wallMs).padStart(9)}${f(p.kernelMs).padStart(9)}${f(p.outsideMs).padStart(9)}${pct(p.wallMs).padStart(8)}` +
        (baseline ? delta(p.wallMs, basePhases.get(p.phase)?.wallMs).padStart(9) : ''),
    );
  }
  lines.push(`${'step (profiled)'.padEnd(34)}${f(profiledMs).padStart(9)}${f(kernelTotal).padStart(9)}${f(profiledMs - kernelTotal).padStart(9)}`);
  lines.push(
    '',
    `Outside kernels (ms/step): augmentation ${f(outside.augmentation)}, batch assembly ${f(outside.batchAssembly)}, ` +
      `forward/backward dispatch & tensor allocation ${f(outside.forwardBackwardDispatch)}, optimiser ${f(outside.optimiser)} (its kernels ${f(byPhase('optimiser').kernelMs)}), loss readback ${f(outside.lossReadback)}`,
  );
  lines.push('ms/step: self time (kernels dispatched from inside a kernel are subtracted; incl. adds them back); fwd/bwd/optim: where it ran.');
  if (byPhase('forward').wallMs === 0) lines.push('Note: the engine\'s gradients() was not called during the step: forward, backward and optimiser could not be told apart.');
  process.stdout.write(`${lines.join('\n')}\n`);

  const result = {
    date: started.toISOString(),
    argv,
    git: gitState(),
    machine: { ...machine(), loadAverageStart: loadStart, loadAverageEnd: loadavg(), otherProcessesCores: otherLoad },
    versions: { node: process.version, tfjs: tf.version.tfjs, backend: backend.name, backendDetail: backend.detail },
    network: { name: config.name, label: config.label, detector: config.detector, augmentation: augmentationName, batchSize },
    steps,
    warmup,
    unprofiled: { msPerStep: unprofiledMs, medianMsPerStep: medianOf(unprofiled), imagesPerSecond: (1000 * batchSize) / unprofiledMs, perStepMs: unprofiled },
    profiled: { msPerStep: profiledMs, perStepMs: profiled, kernelMsPerStep: kernelTotal, kernelCallsPerStep: kernelCalls, outsideKernelsMsPerStep: profiledMs - kernelTotal },
    phases,
    outsideKernels: outside,
    kernels,
    leakedTensorsPerStep: (tensorsAfter - tensorsBefore) / (2 * steps),
    torch,
    baseline: options.baseline,
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = join(__dirname, 'results', `profile-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nWritten: ${file.slice(ROOT.length + 1)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

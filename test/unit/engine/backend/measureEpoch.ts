/**
 * Seconds per training epoch of the default conv autoencoder on each backend (a measurement, not
 * a test; mocha does not pick it up).
 *
 *   npx tsx test/unit/backend/measureEpoch.ts [--epochs 3] [--cpu-batches 2] [--only wasm,stock,cpu]
 *
 * Model: width 16, depth 3, code 64, 32×32×1 input, batch 128, 2,000 images, Adam, MSE (the shape
 * of the quickstart detector). `wasm` uses every kernel of src/engine/backend; `stock` is the stock
 * wasm backend plus only the missing Conv2DBackpropFilter (the least that trains); `cpu` times a few
 * batches and extrapolates, because a full epoch takes minutes.
 *
 * Both wall-clock and process CPU seconds are reported: training is single-threaded, so on a busy
 * machine the CPU seconds are the better estimate of the wall-clock time on an idle one.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels, selectBackend, unregisterWasmTrainingKernels } from '../../../../src/engine/backend';
import { conv2DBackpropFilter } from '../../../../src/engine/backend/wasmConv';

const IMAGES = 2000;
const BATCH = 128;
const SIZE = 32;
const WIDTH = 16;
const DEPTH = 3;
const CODE = 64;

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function block(x: tf.SymbolicTensor, filters: number, transpose: boolean): tf.SymbolicTensor {
  const options = { filters, kernelSize: 3, strides: 2, padding: 'same' as const, useBias: false };
  const conv = transpose ? tf.layers.conv2dTranspose(options) : tf.layers.conv2d(options);
  const y = tf.layers.batchNormalization().apply(conv.apply(x)) as tf.SymbolicTensor;
  return tf.layers.reLU().apply(y) as tf.SymbolicTensor;
}

function autoencoder(): tf.LayersModel {
  const input = tf.input({ shape: [SIZE, SIZE, 1] });
  let x: tf.SymbolicTensor = input;
  for (let i = 0; i < DEPTH; i++) x = block(x, WIDTH * 2 ** i, false);
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: CODE, activation: 'tanh' }).apply(x) as tf.SymbolicTensor;
  const side = SIZE / 2 ** DEPTH;
  const channels = WIDTH * 2 ** (DEPTH - 1);
  x = tf.layers.dense({ units: side * side * channels, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [side, side, channels] }).apply(x) as tf.SymbolicTensor;
  for (let i = DEPTH - 2; i >= 0; i--) x = block(x, WIDTH * 2 ** i, true);
  const out = tf.layers.conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'sigmoid' });
  const model = tf.model({ inputs: input, outputs: out.apply(x) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  return model;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(f: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/** Seconds per full epoch for `epochs` epochs, after one warm-up epoch. */
async function fullEpochs(epochs: number): Promise<Timing[]> {
  const model = autoencoder();
  const x = tf.randomUniform([IMAGES, SIZE, SIZE, 1], 0, 1, 'float32', 1);
  const times: Timing[] = [];
  await model.fit(x, x, { epochs: 1, batchSize: BATCH, verbose: 0 });
  for (let e = 0; e < epochs; e++) {
    times.push(await timed(() => model.fit(x, x, { epochs: 1, batchSize: BATCH, verbose: 0 })));
  }
  model.optimizer.dispose();
  model.dispose();
  x.dispose();
  return times;
}

/** Seconds per epoch extrapolated from `batches` timed batches after one warm-up batch. */
async function extrapolatedEpoch(batches: number): Promise<Timing> {
  const model = autoencoder();
  const x = tf.randomUniform([BATCH, SIZE, SIZE, 1], 0, 1, 'float32', 1);
  await model.trainOnBatch(x, x);
  const t = await timed(async () => {
    for (let b = 0; b < batches; b++) await model.trainOnBatch(x, x);
  });
  model.optimizer.dispose();
  model.dispose();
  x.dispose();
  const scale = IMAGES / BATCH / batches;
  return { wall: t.wall * scale, cpu: t.cpu * scale };
}

async function main(): Promise<void> {
  const epochs = Number(argument('epochs', '3'));
  const cpuBatches = Number(argument('cpu-batches', '2'));
  const only = argument('only', 'wasm,stock,cpu').split(',');
  const report = (name: string, times: Timing[], note: string) => {
    const wall = median(times.map((t) => t.wall));
    const cpu = median(times.map((t) => t.cpu));
    const each = times.length > 1 ? ` (wall ${times.map((t) => t.wall.toFixed(2)).join(', ')})` : '';
    console.log(`${name.padEnd(34)} ${wall.toFixed(2).padStart(8)} s/epoch wall ${cpu.toFixed(2).padStart(8)} s/epoch CPU  ${note}${each}`);
  };

  if (only.includes('wasm')) {
    await selectBackend('wasm');
    const t = await fullEpochs(epochs);
    report('wasm (src/engine/backend)', t, `median of ${epochs}`);
  }
  if (only.includes('stock')) {
    await selectBackend('wasm');
    unregisterWasmTrainingKernels();
    tf.registerKernel({ kernelName: tf.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2DBackpropFilter });
    try {
      const t = await fullEpochs(epochs);
      report('wasm stock + Conv2DBackpropFilter', t, `median of ${epochs}`);
    } finally {
      tf.unregisterKernel(tf.Conv2DBackpropFilter, 'wasm');
      registerWasmTrainingKernels();
    }
  }
  if (only.includes('cpu')) {
    await selectBackend('cpu');
    report('cpu', [await extrapolatedEpoch(cpuBatches)], `extrapolated from ${cpuBatches} batches of ${BATCH}`);
  }
  console.log(`\n${IMAGES} images, batch ${BATCH}, ${SIZE}×${SIZE}×1, width ${WIDTH}, depth ${DEPTH}, code ${CODE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

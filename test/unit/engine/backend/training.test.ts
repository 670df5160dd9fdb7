import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { assertClose, randomValues, useWasm } from './helpers';

const SIZE = 16;
const BATCH = 4;

/** Seeded so that the model built on each backend starts from the same weights. */
function seeded(seed: number) {
  return tf.initializers.glorotUniform({ seed });
}

function block(x: tf.SymbolicTensor, filters: number, transpose: boolean, seed: number): tf.SymbolicTensor {
  const options = { filters, kernelSize: 3, strides: 2, padding: 'same' as const, useBias: false, kernelInitializer: seeded(seed) };
  const conv = transpose ? tf.layers.conv2dTranspose(options) : tf.layers.conv2d(options);
  const y = tf.layers.batchNormalization().apply(conv.apply(x)) as tf.SymbolicTensor;
  return tf.layers.reLU().apply(y) as tf.SymbolicTensor;
}

function encoder(input: tf.SymbolicTensor): tf.SymbolicTensor {
  return block(block(input, 4, false, 1), 8, false, 2);
}

/** Conv (stride 2) + BN + ReLU encoder, tanh code, mirrored conv-transpose decoder, sigmoid. */
function autoencoder(): tf.LayersModel {
  const input = tf.input({ shape: [SIZE, SIZE, 1] });
  const features = tf.layers.flatten().apply(encoder(input)) as tf.SymbolicTensor;
  const code = tf.layers.dense({ units: 8, activation: 'tanh', kernelInitializer: seeded(3) }).apply(features) as tf.SymbolicTensor;
  let x = tf.layers.dense({ units: 4 * 4 * 8, activation: 'relu', kernelInitializer: seeded(4) }).apply(code) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [4, 4, 8] }).apply(x) as tf.SymbolicTensor;
  x = block(x, 4, true, 5);
  const out = tf.layers.conv2dTranspose({
    filters: 1,
    kernelSize: 3,
    strides: 2,
    padding: 'same',
    activation: 'sigmoid',
    kernelInitializer: seeded(6),
  });
  return tf.model({ inputs: input, outputs: out.apply(x) as tf.SymbolicTensor });
}

function classifier(classes: number): tf.LayersModel {
  const input = tf.input({ shape: [SIZE, SIZE, 1] });
  const features = tf.layers.flatten().apply(encoder(input)) as tf.SymbolicTensor;
  const head = tf.layers.dense({
    units: classes,
    activation: classes === 1 ? 'sigmoid' : 'softmax',
    kernelInitializer: seeded(7),
  });
  return tf.model({ inputs: input, outputs: head.apply(features) as tf.SymbolicTensor });
}

/** Smooth blobs in [0, 1]: something an autoencoder can learn in a few steps. */
function images(seed: number): Float32Array {
  const noise = randomValues(BATCH * 2, seed);
  const out = new Float32Array(BATCH * SIZE * SIZE);
  for (let n = 0; n < BATCH; n++) {
    const cy = SIZE / 2 + noise[2 * n] * 4;
    const cx = SIZE / 2 + noise[2 * n + 1] * 4;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) out[(n * SIZE + y) * SIZE + x] = Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / 12);
    }
  }
  return out;
}

type Loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Loss value and the gradient of every trainable weight, in model order, in training mode. */
async function lossAndGradients(backend: string, build: () => tf.LayersModel, x: Float32Array, y: tf.TensorLike, yShape: number[], loss: Loss) {
  await tf.setBackend(backend);
  const model = build();
  const before = tf.memory().numTensors;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const result = tf.tidy(() => {
    const input = tf.tensor4d(x, [BATCH, SIZE, SIZE, 1]);
    const target = tf.tensor(y as Float32Array, yShape);
    const { value, grads } = tf.variableGrads(() => tf.mean(loss(target, model.apply(input, { training: true }) as tf.Tensor)) as tf.Scalar, variables);
    return { value: value.dataSync()[0], grads: variables.map((v) => Float32Array.from(grads[v.name].dataSync())) };
  });
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
  const names = model.trainableWeights.map((w) => w.originalName);
  model.dispose();
  return { ...result, names };
}

async function compareGradients(build: () => tf.LayersModel, x: Float32Array, y: tf.TensorLike, yShape: number[], loss: Loss) {
  const wasm = await lossAndGradients('wasm', build, x, y, yShape, loss);
  const cpu = await lossAndGradients('cpu', build, x, y, yShape, loss);
  assert.ok(Math.abs(wasm.value - cpu.value) <= 1e-5 * Math.max(1, Math.abs(cpu.value)), `loss ${wasm.value} vs ${cpu.value}`);
  assert.equal(wasm.grads.length, cpu.grads.length);
  cpu.grads.forEach((expected, i) => assertClose(wasm.grads[i], expected, 1e-4, `gradient of ${cpu.names[i]}`));
}

describe('training on wasm', () => {
  useWasm();

  it('conv autoencoder: every weight gradient matches the cpu backend', async () => {
    const x = images(1);
    await compareGradients(autoencoder, x, x, [BATCH, SIZE, SIZE, 1], tf.losses.meanSquaredError as Loss);
  });

  it('conv classifier (sigmoid, binary cross-entropy): gradients match the cpu backend', async () => {
    const labels = new Float32Array([0, 1, 1, 0]);
    await compareGradients(() => classifier(1), images(2), labels, [BATCH, 1], tf.metrics.binaryCrossentropy as Loss);
  });

  it('conv classifier (softmax, categorical cross-entropy): gradients match the cpu backend', async () => {
    const labels = new Float32Array([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]);
    await compareGradients(() => classifier(3), images(3), labels, [BATCH, 3], tf.metrics.categoricalCrossentropy as Loss);
  });

  it('separable convolutions (depthwise gradients): gradients match the cpu backend', async () => {
    const build = () => {
      const input = tf.input({ shape: [SIZE, SIZE, 1] });
      let x = tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', kernelInitializer: seeded(8) }).apply(input) as tf.SymbolicTensor;
      x = tf.layers
        .separableConv2d({
          filters: 4,
          kernelSize: 3,
          strides: 2,
          depthMultiplier: 2,
          padding: 'same',
          depthwiseInitializer: seeded(9),
          pointwiseInitializer: seeded(10),
        })
        .apply(x) as tf.SymbolicTensor;
      const head = tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: seeded(11) });
      return tf.model({ inputs: input, outputs: head.apply(tf.layers.flatten().apply(x)) as tf.SymbolicTensor });
    };
    await compareGradients(build, images(5), new Float32Array([1, 0, 0, 1]), [BATCH, 1], tf.metrics.binaryCrossentropy as Loss);
  });

  it('a few Adam steps of the autoencoder reduce the loss', async () => {
    await tf.setBackend('wasm');
    const model = autoencoder();
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const x = tf.tensor4d(images(4), [BATCH, SIZE, SIZE, 1]);
    const history = await model.fit(x, x, { epochs: 12, batchSize: BATCH, verbose: 0, shuffle: false });
    const losses = history.history.loss as number[];
    assert.ok(losses.every(Number.isFinite), `finite losses: ${losses}`);
    assert.ok(losses[losses.length - 1] < 0.7 * losses[0], `loss went from ${losses[0]} to ${losses[losses.length - 1]}`);
    model.optimizer.dispose();
    model.dispose();
    x.dispose();
  });
});

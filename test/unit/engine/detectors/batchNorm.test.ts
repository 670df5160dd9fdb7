import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { batchNormTrainingKernels } from '../../../../src/engine/backend';
import { setOwnKernelsVariant, type OwnKernelsVariant } from '../../../../src/engine/backend/native-wasm/ownKernels';
import { ChannelBatchNorm, TORCH_EPSILON, TORCH_MOMENTUM } from '../../../../src/engine/detectors/batchNorm';
import { assertClose, randomValues, useWasm } from '../backend/helpers';

const SHAPE = [4, 5, 6, 3];

/**
 * Where the layer runs: cpu (composite ops), and wasm on its own kernels as both modules. The
 * shapes cover the scalar channel tail (3), vector blocks with a tail (6), more rows than one
 * summing block (720 rows), and a 2-D activation (BatchNorm1d, 1,024 features).
 */
const SETTINGS: Array<{ backend: string; variant?: OwnKernelsVariant; shape: number[]; relu?: boolean }> = [
  { backend: 'cpu', shape: SHAPE },
  { backend: 'wasm', variant: 'relaxed-simd', shape: SHAPE },
  { backend: 'wasm', variant: 'simd', shape: SHAPE },
  { backend: 'wasm', variant: 'relaxed-simd', shape: [8, 9, 10, 6] },
  { backend: 'wasm', variant: 'simd', shape: [8, 9, 10, 6] },
  { backend: 'wasm', variant: 'relaxed-simd', shape: [7, 1024] },
  // Batch norm + ReLU as one layer, against the stock layer followed by tf.layers.reLU.
  { backend: 'cpu', shape: SHAPE, relu: true },
  { backend: 'wasm', variant: 'relaxed-simd', shape: [8, 9, 10, 6], relu: true },
  { backend: 'wasm', variant: 'simd', shape: SHAPE, relu: true },
];

function models(shape: number[], relu = false) {
  const input = tf.input({ shape: shape.slice(1) });
  const stock = tf.layers.batchNormalization({ name: 'stock', momentum: TORCH_MOMENTUM, epsilon: TORCH_EPSILON }).apply(input) as tf.SymbolicTensor;
  return {
    ours: tf.model({ inputs: input, outputs: new ChannelBatchNorm({ name: 'ours', relu }).apply(input) as tf.SymbolicTensor }),
    stock: tf.model({ inputs: input, outputs: relu ? (tf.layers.reLU().apply(stock) as tf.SymbolicTensor) : stock }),
  };
}

describe('ChannelBatchNorm (closed-form gradient) against tf.layers.batchNormalization', () => {
  useWasm();
  for (const { backend, variant, shape, relu } of SETTINGS) {
    it(`same weights, training output and gradients (${relu ? 'with ReLU, ' : ''}${backend}${variant ? `, own kernels as ${variant}` : ''}, [${shape}])`, async () => {
      await tf.setBackend(backend);
      const previousVariant = setOwnKernelsVariant(variant ?? 'relaxed-simd');
      assert.equal(batchNormTrainingKernels(), backend === 'wasm', 'the own batch-norm kernels are used exactly on wasm');
      const channels = shape[shape.length - 1];
      const gammaValues = Array.from({ length: channels }, (_, c) => [1.5, 0.5, -2][c % 3] + c / 100);
      const betaValues = Array.from({ length: channels }, (_, c) => [0.1, -0.3, 0.2][c % 3] - c / 100);
      const before = tf.memory().numTensors;
      const { ours, stock } = models(shape, relu);
      const names = (m: tf.LayersModel, weights = m.weights) => weights.map((w) => w.originalName.split('/').pop());
      assert.deepEqual(names(ours), names(stock));
      assert.deepEqual(names(ours, ours.trainableWeights), ['gamma', 'beta']);
      // Make γ and β non-trivial so that every term of the gradient matters.
      for (const m of [ours, stock]) {
        tf.tidy(() => {
          m.trainableWeights[0].write(tf.tensor(gammaValues));
          m.trainableWeights[1].write(tf.tensor(betaValues));
        });
      }
      for (let step = 0; step < 3; step++) {
        const x = tf.tensor(randomValues(tf.util.sizeFromShape(shape), 40 + step).map((v) => v * 3 + step), shape);
        const weights = tf.tensor(randomValues(tf.util.sizeFromShape(shape), 50 + step), shape);
        const gradsOf = (m: tf.LayersModel) => {
          const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
          const f = (input: tf.Tensor): tf.Scalar => tf.sum(tf.mul(m.apply(input, { training: true }) as tf.Tensor, weights));
          const dx = tf.grad(f)(x);
          const { grads, value } = tf.variableGrads(() => f(x), vars);
          const out = [dx.dataSync(), ...vars.map((v) => grads[v.name].dataSync())].map((a) => Float32Array.from(a));
          tf.dispose([dx, value, ...Object.values(grads)]);
          return out;
        };
        const a = gradsOf(ours);
        const b = gradsOf(stock);
        ['dx', 'dgamma', 'dbeta'].forEach((name, i) => assertClose(a[i], b[i], 1e-4, `${name} at step ${step}`));
        const ya = ours.apply(x, { training: true }) as tf.Tensor;
        const yb = stock.apply(x, { training: true }) as tf.Tensor;
        assertClose(ya.dataSync(), yb.dataSync(), 1e-6, 'training output');
        tf.dispose([x, weights, ya, yb]);
      }
      const trainable = (m: tf.LayersModel) => m.trainableWeights.map((w) => Float32Array.from(w.read().dataSync()));
      trainable(ours).forEach((v, i) => assertClose(v, trainable(stock)[i], 1e-5, ours.trainableWeights[i].originalName));
      ours.dispose();
      stock.dispose();
      setOwnKernelsVariant(previousVariant);
      assert.equal(tf.memory().numTensors - before, 0, 'tensors left behind');
    });
  }

  for (const backend of ['cpu', 'wasm']) {
    for (const relu of [false, true]) {
      it(`keeps running statistics as PyTorch does (momentum 0.1, unbiased variance) and scores with them (${backend}${relu ? ', with ReLU' : ''})`, async () => {
        await tf.setBackend(backend);
        await runningStatistics(relu);
      });
    }
  }

  it('FusedBatchNorm with given statistics (wasm: own kernel) matches cpu, broadcast and absent parameters included', async () => {
    const cases: Array<{ x: number[]; stats: number[]; scale: boolean; offset: boolean }> = [
      { x: [3, 4, 5, 6], stats: [6], scale: true, offset: true },
      { x: [2, 3, 4, 5], stats: [5], scale: false, offset: true },
      { x: [2, 3, 4, 5], stats: [5], scale: true, offset: false },
      { x: [9, 1024], stats: [1024], scale: true, offset: true },
      // Statistics over another axis than the last: the stock kernel's broadcast.
      { x: [2, 3, 4, 5], stats: [2, 3, 4, 1], scale: true, offset: true },
    ];
    for (const [i, c] of cases.entries()) {
      const n = tf.util.sizeFromShape(c.x);
      const k = tf.util.sizeFromShape(c.stats);
      const run = () =>
        tf.tidy(() =>
          tf
            .batchNorm(
              tf.tensor(randomValues(n, 80 + i), c.x),
              tf.tensor(randomValues(k, 90 + i), c.stats),
              tf.tensor(randomValues(k, 100 + i).map((v) => v + 1.5), c.stats),
              c.offset ? tf.tensor(randomValues(k, 110 + i), c.stats) : undefined,
              c.scale ? tf.tensor(randomValues(k, 120 + i), c.stats) : undefined,
              1e-3,
            )
            .dataSync(),
        );
      await tf.setBackend('cpu');
      const expected = run();
      await tf.setBackend('wasm');
      assertClose(run(), expected, 1e-6, `[${c.x}] with statistics [${c.stats}]`);
    }
  });
});

async function runningStatistics(relu: boolean): Promise<void> {
  {
    const layer = new ChannelBatchNorm({ name: 'bn', relu });
    const input = tf.input({ shape: SHAPE.slice(1) });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    const channels = SHAPE[3];
    const count = SHAPE[0] * SHAPE[1] * SHAPE[2];
    const mean = new Float64Array(channels);
    const variance = new Float64Array(channels).fill(1);
    for (let step = 0; step < 4; step++) {
      const data = randomValues(tf.util.sizeFromShape(SHAPE), 70 + step).map((v) => v * (step + 1) + step);
      tf.dispose(tf.tidy(() => model.apply(tf.tensor(data, SHAPE), { training: true }) as tf.Tensor));
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = c; k < data.length; k += channels) sum += data[k];
        const mu = sum / count;
        let squares = 0;
        for (let k = c; k < data.length; k += channels) squares += (data[k] - mu) ** 2;
        mean[c] = 0.9 * mean[c] + 0.1 * mu;
        variance[c] = 0.9 * variance[c] + 0.1 * (squares / (count - 1));
      }
    }
    const [movingMean, movingVariance] = model.weights.slice(2).map((w) => w.read().dataSync());
    assertClose(movingMean, mean, 1e-5, 'running mean');
    assertClose(movingVariance, variance, 1e-5, 'running variance');
    const probe = randomValues(tf.util.sizeFromShape(SHAPE), 9);
    const out = tf.tidy(() => (model.apply(tf.tensor(probe, SHAPE)) as tf.Tensor).dataSync());
    const expected = probe.map((v, k) => {
      const y = (v - mean[k % channels]) / Math.sqrt(variance[k % channels] + 1e-5);
      return relu ? Math.max(0, y) : y;
    });
    assertClose(out, expected, 1e-5, 'inference output');
    model.dispose();
  }
}

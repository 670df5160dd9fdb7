import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { adamWKernel } from '../../../../src/engine/backend';
import { setOwnKernelsEnabled } from '../../../../src/engine/backend/native-wasm/ownKernels';
import { ADAM, AdamW } from '../../../../src/engine/detectors/optimizer';
import { assertClose, randomValues, useWasm } from '../backend/helpers';

/**
 * A small model with kernels, a bias and BatchNorm parameters: every kind AdamW treats apart. (No
 * conv bias before BatchNorm: its gradient is zero up to rounding, and Adam turns rounding noise
 * into ±lr steps.)
 */
function model(seed: number): tf.LayersModel {
  const input = tf.input({ shape: [6, 6, 2] });
  let x = tf.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed }) }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const x = randomValues(4 * 6 * 6 * 2, 1);
const y = randomValues(4 * 2, 2);

function loss(m: tf.LayersModel): () => tf.Scalar {
  return () => tf.losses.meanSquaredError(tf.tensor(y, [4, 2]), m.apply(tf.tensor(x, [4, 6, 6, 2]), { training: true }) as tf.Tensor) as tf.Scalar;
}

function weights(m: tf.LayersModel): Float32Array[] {
  return m.trainableWeights.map((w) => Float32Array.from(w.read().dataSync()));
}

/** What AdamW must equal: tf.train.adam with the same constants, then w ← w·(1 − lr·wd) on kernels. */
function reference(m: tf.LayersModel, lrs: number[], weightDecay: number): void {
  const adam = tf.train.adam(lrs[0], ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const variables = m.trainableWeights.map((w) => w.read() as tf.Variable);
  for (const lr of lrs) {
    (adam as unknown as { learningRate: number }).learningRate = lr;
    adam.minimize(loss(m), false, variables);
    tf.tidy(() => {
      for (const w of m.trainableWeights) if (/kernel/.test(w.originalName)) w.write(w.read().mul(1 - lr * weightDecay));
    });
  }
  adam.dispose();
}

describe('AdamW (one pass per variable)', () => {
  useWasm();
  // wasm twice: the own SIMD kernel with the moments on the heap, and the JavaScript loop.
  for (const [backend, own] of [['cpu', false], ['wasm', true], ['wasm', false]] as const) {
    for (const weightDecay of [0, 0.05]) {
      const where = backend === 'cpu' ? 'cpu' : `wasm, ${own ? 'own kernel' : 'JavaScript loop'}`;
      it(`equals tf.train.adam${weightDecay > 0 ? ' + decoupled decay on kernels' : ''} over 6 steps with a changing learning rate (${where})`, async () => {
        await tf.setBackend(backend);
        const previous = setOwnKernelsEnabled(own || backend === 'cpu');
        after(() => setOwnKernelsEnabled(previous));
        assert.equal(adamWKernel(), own, 'the update runs where it should');
        const before = tf.memory().numTensors;
        const lrs = [0.01, 0.02, 0.015, 0.01, 0.005, 0.001];
        const ours = model(7);
        const theirs = model(7);
        const optimizer = new AdamW(ours, lrs[0], weightDecay);
        const losses: number[] = [];
        for (const lr of lrs) {
          optimizer.setLearningRate(lr);
          losses.push(optimizer.step(loss(ours)));
        }
        reference(theirs, lrs, weightDecay);
        const a = weights(ours);
        const b = weights(theirs);
        a.forEach((w, i) => assertClose(w, b[i], 1e-5, ours.trainableWeights[i].originalName));
        assert.ok(losses[losses.length - 1] < losses[0], `loss decreases: ${losses.join(', ')}`);
        optimizer.dispose();
        ours.dispose();
        theirs.dispose();
        setOwnKernelsEnabled(previous);
        assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
      });
    }
  }

  it('refuses a loss that is not finite', async () => {
    await tf.setBackend('cpu');
    const m = model(3);
    const optimizer = new AdamW(m, 0.01, 0);
    assert.throws(() => optimizer.step(() => tf.mul(loss(m)(), Number.NaN)), /training diverged: loss is NaN/);
    m.dispose();
  });
});

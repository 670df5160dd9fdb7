import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ChannelBatchNorm } from '../../../src/engine/detectors/batchNorm';
import { assertClose, randomValues, useWasm } from '../backend/helpers';

const SHAPE = [4, 5, 6, 3];

function models() {
  const input = tf.input({ shape: SHAPE.slice(1) });
  return {
    ours: tf.model({ inputs: input, outputs: new ChannelBatchNorm({ name: 'ours' }).apply(input) as tf.SymbolicTensor }),
    stock: tf.model({ inputs: input, outputs: tf.layers.batchNormalization({ name: 'stock' }).apply(input) as tf.SymbolicTensor }),
  };
}

function values(m: tf.LayersModel): Float32Array[] {
  return m.weights.map((w) => Float32Array.from(w.read().dataSync()));
}

describe('ChannelBatchNorm (closed-form gradient) against tf.layers.batchNormalization', () => {
  useWasm();
  for (const backend of ['cpu', 'wasm']) {
    it(`same weights, training output, gradients, moving statistics and inference output (${backend})`, async () => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const { ours, stock } = models();
      const names = (m: tf.LayersModel, weights = m.weights) => weights.map((w) => w.originalName.split('/').pop());
      assert.deepEqual(names(ours), names(stock));
      assert.deepEqual(names(ours, ours.trainableWeights), ['gamma', 'beta']);
      // Make γ and β non-trivial so that every term of the gradient matters.
      for (const m of [ours, stock]) {
        tf.tidy(() => {
          m.trainableWeights[0].write(tf.tensor([1.5, 0.5, -2]));
          m.trainableWeights[1].write(tf.tensor([0.1, -0.3, 0.2]));
        });
      }
      for (let step = 0; step < 3; step++) {
        const x = tf.tensor(randomValues(tf.util.sizeFromShape(SHAPE), 40 + step).map((v) => v * 3 + step), SHAPE);
        const weights = tf.tensor(randomValues(tf.util.sizeFromShape(SHAPE), 50 + step), SHAPE);
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
      const va = values(ours);
      const vb = values(stock);
      ours.weights.forEach((w, i) => assertClose(va[i], vb[i], 1e-5, w.originalName));
      const probe = tf.tensor(randomValues(tf.util.sizeFromShape(SHAPE), 9), SHAPE);
      const ia = ours.apply(probe) as tf.Tensor;
      const ib = stock.apply(probe) as tf.Tensor;
      assertClose(ia.dataSync(), ib.dataSync(), 1e-5, 'inference output');
      tf.dispose([probe, ia, ib]);
      ours.dispose();
      stock.dispose();
      assert.equal(tf.memory().numTensors - before, 0, 'tensors left behind');
    });
  }
});

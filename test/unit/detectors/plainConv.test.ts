import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { PlainConv2D } from '../../../src/engine/detectors/plainConv';
import { assertClose, randomValues, useWasm } from '../backend/helpers';

describe('PlainConv2D (encoder convolution with a lazily computed gradient)', () => {
  useWasm();

  function pair(seed: number) {
    const input = tf.input({ shape: [8, 8, 3] });
    const plain = new PlainConv2D({ filters: 4, kernelSize: 3, strides: 2, kernelInitializer: tf.initializers.glorotUniform({ seed }), name: 'p' });
    const stock = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed }), name: 's' });
    return {
      plain: tf.model({ inputs: input, outputs: plain.apply(input) as tf.SymbolicTensor }),
      stock: tf.model({ inputs: input, outputs: stock.apply(input) as tf.SymbolicTensor }),
    };
  }

  it('has the weights, output shape, forward values and kernel gradient of tf.layers.conv2d without bias', async () => {
    await tf.setBackend('wasm');
    const { plain, stock } = pair(11);
    assert.deepEqual(plain.outputs[0].shape, stock.outputs[0].shape);
    assert.equal(plain.trainableWeights.length, 1);
    assert.match(plain.trainableWeights[0].originalName, /kernel/);
    assert.deepEqual(Array.from(plain.trainableWeights[0].read().dataSync()), Array.from(stock.trainableWeights[0].read().dataSync()));
    const x = tf.tensor(randomValues(2 * 8 * 8 * 3, 5), [2, 8, 8, 3]);
    const y = (m: tf.LayersModel) => m.apply(x, { training: true }) as tf.Tensor;
    assertClose(y(plain).dataSync(), y(stock).dataSync(), 1e-6, 'forward');
    const grad = (m: tf.LayersModel) => {
      const variable = m.trainableWeights[0].read() as tf.Variable;
      const { grads, value } = tf.variableGrads(() => tf.sum(tf.square(y(m))), [variable]);
      value.dispose();
      return grads[variable.name].dataSync();
    };
    assertClose(grad(plain), grad(stock), 1e-5, 'kernel gradient');
    tf.dispose([plain, stock].map((m) => m.trainableWeights.map((w) => w.read())));
  });

  it('does not compute the gradient of its input when nothing needs it', async () => {
    await tf.setBackend('wasm');
    const { plain } = pair(3);
    const x = tf.tensor(randomValues(2 * 8 * 8 * 3, 6), [2, 8, 8, 3]);
    const variable = plain.trainableWeights[0].read() as tf.Variable;
    const profile = await tf.profile(() => {
      const { grads, value } = tf.variableGrads(() => tf.sum(plain.apply(x, { training: true }) as tf.Tensor), [variable]);
      tf.dispose([value, ...Object.values(grads)]);
    });
    const names = profile.kernels.map((k) => k.name);
    assert.ok(names.includes('Conv2DBackpropFilter'), names.join(', '));
    assert.ok(!names.includes('Conv2DBackpropInput'), names.join(', '));
    x.dispose();
  });
});

import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { biasConvKernels } from '../../../../src/engine/backend';
import { setOwnKernelsEnabled } from '../../../../src/engine/backend/native-wasm/ownKernels';
import { TorchConv2D, TorchConvTranspose2D } from '../../../../src/engine/detectors/torchConv';
import { assertClose, randomValues, useWasm } from '../backend/helpers';

const constant = (value: number) => () => tf.initializers.constant({ value });

function layerModel(layer: tf.layers.Layer, shape: number[]): tf.LayersModel {
  const input = tf.input({ shape });
  return tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
}

function run(model: tf.LayersModel, x: Float32Array | number[], shape: number[]): Float32Array {
  return tf.tidy(() => Float32Array.from((model.apply(tf.tensor(x, shape), { training: true }) as tf.Tensor).dataSync()));
}

describe('TorchConv2D and TorchConvTranspose2D (PyTorch padding, bias, lazy gradients)', () => {
  useWasm();

  for (const backend of ['cpu', 'wasm']) {
    it(`place their windows as PyTorch's Conv2d(3, 2, 1) and ConvTranspose2d(3, 2, 1, 1) do (${backend})`, async () => {
      await tf.setBackend(backend);
      // All-ones kernels on all-ones images count the taps each output pixel gets. PyTorch pads
      // the top/left edge: per axis the conv sees [2, 3] taps and the transposed conv [1, 2, 1, 1]
      // (TF's 'same' would give [3, 2] and [1, 1, 2, 1]).
      const conv = layerModel(new TorchConv2D({ filters: 1, kernelInitializer: tf.initializers.ones(), biasInitializer: constant(0.5), name: 'c' }), [4, 4, 1]);
      const axis = [2, 3];
      assert.deepEqual(Array.from(run(conv, new Array(16).fill(1), [1, 4, 4, 1])), axis.flatMap((a) => axis.map((b) => a * b + 0.5)));
      const deconv = layerModel(new TorchConvTranspose2D({ filters: 1, kernelInitializer: tf.initializers.ones(), biasInitializer: constant(0), name: 'd' }), [2, 2, 1]);
      const taps = [1, 2, 1, 1];
      assert.deepEqual(Array.from(run(deconv, [1, 1, 1, 1], [1, 2, 2, 1])), taps.flatMap((a) => taps.map((b) => a * b)));
      tf.dispose([conv, deconv].flatMap((m) => m.weights.map((w) => w.read())));
    });

    it(`compute an explicitly padded convolution plus bias, and its exact adjoint (${backend})`, async () => {
      await tf.setBackend(backend);
      const conv = new TorchConv2D({ filters: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }), biasInitializer: () => tf.initializers.randomUniform({ seed: 4 }), name: 'c' });
      const convModel = layerModel(conv, [8, 8, 3]);
      assert.deepEqual(convModel.outputs[0].shape, [null, 4, 4, 4]);
      assert.deepEqual(conv.weights.map((w) => w.originalName.split('/').pop()), ['kernel', 'bias']);
      const [kernel, bias] = conv.weights.map((w) => w.read());
      const x = randomValues(2 * 8 * 8 * 3, 5);
      const expected = tf.tidy(() => {
        const padded = tf.pad(tf.tensor4d(x, [2, 8, 8, 3]), [[0, 0], [1, 1], [1, 1], [0, 0]]);
        return tf.add(tf.conv2d(padded, kernel as tf.Tensor4D, 2, 'valid'), bias).dataSync();
      });
      assertClose(run(convModel, x, [2, 8, 8, 3]), expected, 1e-5, 'conv forward');

      // ⟨T(y), z⟩ = ⟨y, C(z)⟩ when T is the transpose of the (bias-free) convolution C with the same kernel.
      const deconv = new TorchConvTranspose2D({ filters: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }), biasInitializer: constant(0), name: 'd' });
      const deconvModel = layerModel(deconv, [4, 4, 4]);
      assert.deepEqual(deconvModel.outputs[0].shape, [null, 8, 8, 3]);
      const y = randomValues(2 * 4 * 4 * 4, 6);
      const z = randomValues(2 * 8 * 8 * 3, 7);
      const ty = run(deconvModel, y, [2, 4, 4, 4]);
      const cz = tf.tidy(() => tf.conv2d(tf.tensor4d(z, [2, 8, 8, 3]), deconv.weights[0].read() as tf.Tensor4D, 2, 1).dataSync());
      const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);
      assert.ok(Math.abs(dot(ty, z) - dot(y, cz)) < 1e-4 * Math.abs(dot(y, cz)) + 1e-4, `${dot(ty, z)} vs ${dot(y, cz)}`);
      tf.dispose([convModel, deconvModel].flatMap((m) => m.weights.map((w) => w.read())));
    });
  }

  it('give the same output and gradients (input, kernel, bias) on wasm’s own bias kernels, wasm’s plain ops and cpu', async () => {
    const layers = [
      { make: () => new TorchConv2D({ filters: 12, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }), biasInitializer: () => tf.initializers.randomUniform({ seed: 9 }), name: 'c' }), shape: [3, 10, 10, 5] },
      { make: () => new TorchConvTranspose2D({ filters: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }), biasInitializer: () => tf.initializers.randomUniform({ seed: 9 }), name: 'd' }), shape: [3, 5, 5, 9] },
    ];
    for (const { make, shape } of layers) {
      const results: Float32Array[][] = [];
      for (const [backend, own] of [['cpu', false], ['wasm', true], ['wasm', false]] as const) {
        await tf.setBackend(backend);
        const previous = setOwnKernelsEnabled(own || backend === 'cpu');
        try {
          assert.equal(biasConvKernels(), own, `bias kernels in use on ${backend}`);
          const layer = make();
          const model = layerModel(layer, shape.slice(1));
          const x = tf.tensor(randomValues(tf.util.sizeFromShape(shape), 10), shape);
          const outShape = model.outputs[0].shape.map((d, i) => (i === 0 ? shape[0] : (d as number)));
          const weights = tf.tensor(randomValues(tf.util.sizeFromShape(outShape), 11), outShape);
          const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
          const f = (input: tf.Tensor) => tf.sum(tf.mul(model.apply(input, { training: true }) as tf.Tensor, weights)) as tf.Scalar;
          const dx = tf.grad(f)(x);
          const { grads, value } = tf.variableGrads(() => f(x), variables);
          const y = model.apply(x) as tf.Tensor;
          results.push([y, dx, ...variables.map((v) => grads[v.name])].map((t) => Float32Array.from(t.dataSync())));
          tf.dispose([x, weights, dx, value, y, ...Object.values(grads), ...variables]);
        } finally {
          setOwnKernelsEnabled(previous);
        }
      }
      for (const r of results.slice(1)) {
        ['output', 'dx', 'dkernel', 'dbias'].forEach((name, i) => assertClose(r[i], results[0][i], 1e-5, `${shape}: ${name}`));
      }
    }
  });

  it('does not compute the gradient of its input when nothing needs it', async () => {
    await tf.setBackend('wasm');
    const conv = new TorchConv2D({ filters: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }), biasInitializer: constant(0), name: 'c' });
    const model = layerModel(conv, [8, 8, 3]);
    const x = tf.tensor(randomValues(2 * 8 * 8 * 3, 6), [2, 8, 8, 3]);
    const variables = conv.trainableWeights.map((w) => w.read() as tf.Variable);
    const profile = await tf.profile(() => {
      const { grads, value } = tf.variableGrads(() => tf.sum(model.apply(x, { training: true }) as tf.Tensor), variables);
      tf.dispose([value, ...Object.values(grads)]);
    });
    const names = profile.kernels.map((k) => k.name);
    assert.ok(names.includes('SsadConv2DBias'), `the layer runs as one kernel on wasm: ${names.join(', ')}`);
    assert.ok(names.includes('Conv2DBackpropFilter'), names.join(', '));
    assert.ok(!names.includes('Conv2DBackpropInput'), names.join(', '));
    tf.dispose([x, ...variables]);
  });
});

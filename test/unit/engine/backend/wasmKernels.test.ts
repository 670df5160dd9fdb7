import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  REPLACED_GRADIENTS,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
  wasmTrainingKernelsRegistered,
} from '../../../../src/engine/backend';
import { setInputGradientMethod, setMaxColumnElements } from '../../../../src/engine/backend/wasmConv';
import { setOwnKernelsEnabled, setOwnKernelsVariant, type OwnKernelsVariant } from '../../../../src/engine/backend/native-wasm/ownKernels';
import { assertClose, randomValues, sizeOf, useWasm, valuesOn } from './helpers';

const TOLERANCE = 1e-4;

type Shape4 = [number, number, number, number];
type Pad = tf.Conv2DBackpropFilterAttrs['pad'];

interface ConvCase {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
  format?: 'NHWC' | 'NCHW';
}

const CONV_CASES: ConvCase[] = [
  { name: 'stride 1, same', x: [2, 7, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { name: 'stride 2, same, even size', x: [2, 8, 8, 4], filter: [3, 3, 4, 6], strides: 2, pad: 'same' },
  { name: 'stride 2, same, odd sizes, batch 1', x: [1, 11, 13, 5], filter: [3, 3, 5, 2], strides: 2, pad: 'same' },
  { name: 'stride 2, valid', x: [3, 9, 7, 2], filter: [3, 3, 2, 4], strides: 2, pad: 'valid' },
  { name: 'stride 1, valid', x: [2, 6, 7, 3], filter: [3, 2, 3, 2], strides: 1, pad: 'valid' },
  { name: 'strides [2, 1], 2×4 kernel, valid', x: [1, 5, 6, 2], filter: [2, 4, 2, 3], strides: [2, 1], pad: 'valid' },
  { name: 'first layer: 1 channel, stride 2', x: [4, 16, 16, 1], filter: [3, 3, 1, 8], strides: 2, pad: 'same' },
  { name: 'wide: 16 → 32 channels, stride 2', x: [2, 8, 8, 16], filter: [3, 3, 16, 32], strides: 2, pad: 'same' },
  { name: 'numeric padding 1, stride 2', x: [2, 6, 6, 1], filter: [3, 3, 1, 4], strides: 2, pad: 1 },
  {
    name: 'explicit padding, strides [1, 3], 5×3 kernel',
    x: [2, 9, 7, 3],
    filter: [5, 3, 3, 2],
    strides: [1, 3],
    pad: [[0, 0], [2, 1], [0, 3], [0, 0]],
  },
  {
    name: 'explicit padding wider than the kernel',
    x: [2, 6, 5, 2],
    filter: [3, 3, 2, 3],
    strides: 1,
    pad: [[0, 0], [4, 3], [3, 4], [0, 0]],
  },
  { name: 'full channel blocks over a tile and a part: 8 → 16 channels, 75 positions', x: [3, 10, 10, 8], filter: [3, 3, 8, 16], strides: 2, pad: 'same' },
  { name: 'channel blocks and remainders: 6 → 12 channels', x: [2, 7, 7, 6], filter: [3, 3, 6, 12], strides: 1, pad: 'same' },
  { name: '1×1 kernel, stride 2 (taps skip whole rows)', x: [2, 5, 5, 3], filter: [1, 1, 3, 4], strides: 2, pad: 'valid' },
  { name: 'channels first', x: [2, 3, 8, 8], filter: [3, 3, 3, 4], strides: 2, pad: 'same', format: 'NCHW' },
  // From 128 input channels the own forward kernel sums tap by tap through the output.
  { name: 'wide input: 128 → 12 channels (forward tap by tap)', x: [2, 5, 5, 128], filter: [3, 3, 128, 12], strides: 2, pad: 'same' },
  { name: 'wide output: 8 → 128 channels (input gradient tap by tap)', x: [2, 5, 5, 8], filter: [3, 3, 8, 128], strides: 2, pad: 'same' },
];

function outputShape(c: ConvCase): number[] {
  const format = c.format ?? 'NHWC';
  const inShape: Shape4 = format === 'NCHW' ? [c.x[0], c.x[2], c.x[3], c.x[1]] : c.x;
  const info = tf.backend_util.computeConv2DInfo(inShape, c.filter, c.strides, 1, c.pad, undefined, false, 'channelsLast');
  const nhwc = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  return format === 'NCHW' ? [nhwc[0], nhwc[3], nhwc[1], nhwc[2]] : nhwc;
}

function backpropFilter(c: ConvCase, x: Float32Array, dy: Float32Array): tf.Tensor {
  return tf.engine().runKernel(
    tf.Conv2DBackpropFilter,
    { x: tf.tensor(x, c.x), dy: tf.tensor(dy, outputShape(c)) },
    { strides: c.strides, pad: c.pad, dataFormat: c.format ?? 'NHWC', filterShape: c.filter } as unknown as tf.NamedAttrMap,
  ) as tf.Tensor;
}

function forward(c: ConvCase, x: Float32Array, w: Float32Array): tf.Tensor {
  return tf.engine().runKernel(
    tf.Conv2D,
    { x: tf.tensor(x, c.x), filter: tf.tensor(w, c.filter) },
    { strides: c.strides, pad: c.pad, dataFormat: c.format ?? 'NHWC', dilations: 1 } as unknown as tf.NamedAttrMap,
  ) as tf.Tensor;
}

/** The own kernels as each module (relaxed SIMD, plain SIMD), then off (the general forms). */
const KERNEL_SETTINGS: Array<{ label: string; own: boolean; variant: OwnKernelsVariant }> = [
  { label: 'own kernel, relaxed SIMD', own: true, variant: 'relaxed-simd' },
  { label: 'own kernel, SIMD', own: true, variant: 'simd' },
  { label: 'general form', own: false, variant: 'relaxed-simd' },
];

async function withKernelSetting<T>(setting: (typeof KERNEL_SETTINGS)[number], fn: () => Promise<T>): Promise<T> {
  const own = setOwnKernelsEnabled(setting.own);
  const variant = setOwnKernelsVariant(setting.variant);
  try {
    return await fn();
  } finally {
    setOwnKernelsEnabled(own);
    setOwnKernelsVariant(variant);
  }
}

function backpropInput(c: ConvCase, dy: Float32Array, w: Float32Array): tf.Tensor {
  return tf.engine().runKernel(
    tf.Conv2DBackpropInput,
    { dy: tf.tensor(dy, outputShape(c)), filter: tf.tensor(w, c.filter) },
    { strides: c.strides, pad: c.pad, dataFormat: c.format ?? 'NHWC', inputShape: c.x } as unknown as tf.NamedAttrMap,
  ) as tf.Tensor;
}

describe('wasm training kernels', () => {
  useWasm();

  it('registration is idempotent and reversible', () => {
    assert.ok(wasmTrainingKernelsRegistered());
    assert.deepEqual(registerWasmTrainingKernels(), []);
    unregisterWasmTrainingKernels();
    assert.equal(wasmTrainingKernelsRegistered(), false);
    assert.equal(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm'), undefined, 'the stock backend has no Conv2DBackpropFilter');
    assert.ok(tf.getKernel(tf.Conv2DBackpropInput, 'wasm') !== undefined, 'the stock Conv2DBackpropInput is back');
    const changed = registerWasmTrainingKernels();
    assert.deepEqual(
      [...changed].sort(),
      [...WASM_TRAINING_KERNELS.map((k) => k.kernelName), ...REPLACED_GRADIENTS.map((g) => `${g.kernelName} gradient`)].sort(),
    );
    assert.ok(wasmTrainingKernelsRegistered());
  });

  describe('Conv2D, Conv2DBackpropFilter and Conv2DBackpropInput match the cpu backend', () => {
    CONV_CASES.forEach((c, i) => {
      it(c.name, async () => {
        const x = randomValues(sizeOf(c.x), 100 + i);
        const w = randomValues(sizeOf(c.filter), 200 + i);
        const dy = randomValues(sizeOf(outputShape(c)), 300 + i);
        // The forward convolution is NHWC only on wasm, stock or ours.
        const channelsLast = c.format !== 'NCHW';
        const [yCpu] = channelsLast ? await valuesOn('cpu', () => forward(c, x, w)) : [];
        const [dwCpu] = await valuesOn('cpu', () => backpropFilter(c, x, dy));
        const [dxCpu] = await valuesOn('cpu', () => backpropInput(c, dy, w));
        // SSAD Lab's own wasm kernels as both modules, and the general forms (XNNPACK, columns).
        for (const setting of KERNEL_SETTINGS) {
          await withKernelSetting(setting, async () => {
            if (channelsLast) {
              const [yWasm] = await valuesOn('wasm', () => forward(c, x, w));
              assertClose(yWasm, yCpu, TOLERANCE, `y (${setting.label})`);
            }
            const [dwWasm] = await valuesOn('wasm', () => backpropFilter(c, x, dy));
            assertClose(dwWasm, dwCpu, TOLERANCE, `dW (${setting.label})`);
            // Every input-gradient method, whichever the automatic choice would be.
            for (const method of ['auto', 'phases', 'columns'] as const) {
              const previous = setInputGradientMethod(method);
              try {
                const [dxWasm] = await valuesOn('wasm', () => backpropInput(c, dy, w));
                assertClose(dxWasm, dxCpu, TOLERANCE, `dx (${method}, ${setting.label})`);
              } finally {
                setInputGradientMethod(previous);
              }
            }
          });
        }
      });
    });

    it('split along the batch when the column buffer would be too large', async () => {
      const previous = setMaxColumnElements(200);
      const own = setOwnKernelsEnabled(false);
      try {
        for (const c of [CONV_CASES[1], CONV_CASES[10]]) {
          const x = randomValues(sizeOf(c.x), 1);
          const w = randomValues(sizeOf(c.filter), 2);
          const dy = randomValues(sizeOf(outputShape(c)), 3);
          const [dwWasm] = await valuesOn('wasm', () => backpropFilter(c, x, dy));
          const [dwCpu] = await valuesOn('cpu', () => backpropFilter(c, x, dy));
          assertClose(dwWasm, dwCpu, TOLERANCE, `${c.name}: dW`);
          const [dxWasm] = await valuesOn('wasm', () => backpropInput(c, dy, w));
          const [dxCpu] = await valuesOn('cpu', () => backpropInput(c, dy, w));
          assertClose(dxWasm, dxCpu, TOLERANCE, `${c.name}: dx`);
        }
      } finally {
        setMaxColumnElements(previous);
        setOwnKernelsEnabled(own);
      }
    });

    it('conv2dTranspose forward (Conv2DBackpropInput) with bias and several batch sizes', async () => {
      for (const batch of [1, 3]) {
        const xShape: Shape4 = [batch, 4, 5, 6];
        const w = randomValues(3 * 3 * 2 * 6, 7);
        const x = randomValues(sizeOf(xShape), 8 + batch);
        const f = () => tf.conv2dTranspose(tf.tensor4d(x, xShape), tf.tensor4d(w, [3, 3, 2, 6]), [batch, 8, 10, 2], 2, 'same');
        const [a] = await valuesOn('wasm', f);
        const [b] = await valuesOn('cpu', f);
        assertClose(a, b, TOLERANCE, `batch ${batch}`);
      }
    });
  });

  describe('depthwise gradients match the cpu backend', () => {
    const cases: Array<{ name: string; x: Shape4; filter: Shape4; strides: number | [number, number]; pad: Pad }> = [
      { name: 'multiplier 1, stride 1, same', x: [2, 7, 6, 3], filter: [3, 3, 3, 1], strides: 1, pad: 'same' },
      { name: 'multiplier 2, stride 2, same', x: [2, 8, 9, 4], filter: [3, 3, 4, 2], strides: 2, pad: 'same' },
      { name: 'multiplier 3, strides [1, 2], valid', x: [1, 6, 7, 2], filter: [2, 3, 2, 3], strides: [1, 2], pad: 'valid' },
      { name: 'explicit padding', x: [2, 5, 5, 2], filter: [3, 3, 2, 1], strides: 2, pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
    ];
    cases.forEach((c, i) => {
      it(c.name, async () => {
        const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad, undefined, true);
        const dyShape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
        const x = randomValues(sizeOf(c.x), 400 + i);
        const w = randomValues(sizeOf(c.filter), 500 + i);
        const dy = randomValues(sizeOf(dyShape), 600 + i);
        const attrs = { strides: c.strides, pad: c.pad, dilations: 1 };
        const dw = () =>
          tf.engine().runKernel(
            tf.DepthwiseConv2dNativeBackpropFilter,
            { x: tf.tensor(x, c.x), dy: tf.tensor(dy, dyShape) },
            { ...attrs, filterShape: c.filter } as unknown as tf.NamedAttrMap,
          ) as tf.Tensor;
        const dx = () =>
          tf.engine().runKernel(
            tf.DepthwiseConv2dNativeBackpropInput,
            { dy: tf.tensor(dy, dyShape), filter: tf.tensor(w, c.filter) },
            { ...attrs, inputShape: c.x } as unknown as tf.NamedAttrMap,
          ) as tf.Tensor;
        assertClose((await valuesOn('wasm', dw))[0], (await valuesOn('cpu', dw))[0], TOLERANCE, 'dW');
        assertClose((await valuesOn('wasm', dx))[0], (await valuesOn('cpu', dx))[0], TOLERANCE, 'dx');
      });
    });
  });

  describe('BatchMatMul (own kernel, and transposed operands) matches the cpu backend', () => {
    const cases: Array<{ a: number[]; b: number[]; ta: boolean; tb: boolean }> = [
      // Blocks of 4 rows × 8 columns with remainders of both, in every orientation.
      { a: [13, 37], b: [37, 21], ta: false, tb: false },
      { a: [37, 13], b: [37, 21], ta: true, tb: false },
      { a: [13, 37], b: [21, 37], ta: false, tb: true },
      { a: [37, 13], b: [21, 37], ta: true, tb: true },
      { a: [128, 64], b: [1, 64], ta: false, tb: true },
      { a: [5, 7], b: [7, 3], ta: false, tb: false },
      { a: [7, 5], b: [7, 3], ta: true, tb: false },
      { a: [5, 7], b: [3, 7], ta: false, tb: true },
      { a: [7, 5], b: [3, 7], ta: true, tb: true },
      { a: [1, 64, 33], b: [1, 64, 17], ta: true, tb: false },
      { a: [1, 33, 64], b: [17, 64], ta: false, tb: true },
      { a: [3, 7, 5], b: [3, 7, 4], ta: true, tb: false },
      { a: [2, 5, 7], b: [1, 4, 7], ta: false, tb: true },
    ];
    cases.forEach((c, i) => {
      it(`[${c.a}]${c.ta ? 'ᵀ' : ''} · [${c.b}]${c.tb ? 'ᵀ' : ''}`, async () => {
        const a = randomValues(sizeOf(c.a), 10 + i);
        const b = randomValues(sizeOf(c.b), 20 + i);
        const f = () => tf.matMul(tf.tensor(a, c.a), tf.tensor(b, c.b), c.ta, c.tb);
        const shapes: number[][] = [];
        const [cpu] = await valuesOn('cpu', () => {
          const r = f();
          shapes.push(r.shape);
          return r;
        });
        for (const setting of KERNEL_SETTINGS) {
          const [wasm] = await withKernelSetting(setting, () =>
            valuesOn('wasm', () => {
              const r = f();
              shapes.push(r.shape);
              return r;
            }),
          );
          assert.deepEqual(shapes[shapes.length - 1], shapes[0], `shape (${setting.label})`);
          assertClose(wasm, cpu, TOLERANCE, `product (${setting.label})`);
        }
      });
    });

    it('_FusedMatMul: bias on the own kernel; activations on the stock one, transposed operands copied for it', async () => {
      const cases: Array<{ bias?: number[]; activation?: tf.fused.Activation; ta: boolean; tb: boolean }> = [
        { bias: [21], ta: false, tb: false },
        { bias: [21], ta: true, tb: true },
        { ta: false, tb: true },
        { bias: [21], activation: 'relu', ta: false, tb: false },
        // The stock kernel's own transposed path adds the bias to the wrong elements: ours copies.
        { bias: [21], activation: 'relu', ta: true, tb: false },
      ];
      for (const [i, c] of cases.entries()) {
        const aShape = c.ta ? [37, 13] : [13, 37];
        const bShape = c.tb ? [21, 37] : [37, 21];
        const a = randomValues(sizeOf(aShape), 30 + i);
        const b = randomValues(sizeOf(bShape), 40 + i);
        const bias = c.bias ? randomValues(sizeOf(c.bias), 50 + i) : undefined;
        const f = () =>
          tf.fused.matMul({
            a: tf.tensor(a, aShape),
            b: tf.tensor(b, bShape),
            transposeA: c.ta,
            transposeB: c.tb,
            bias: bias && c.bias ? tf.tensor(bias, c.bias) : undefined,
            activation: c.activation,
          });
        const [cpu] = await valuesOn('cpu', f);
        for (const setting of KERNEL_SETTINGS) {
          const [wasm] = await withKernelSetting(setting, () => valuesOn('wasm', f));
          assertClose(wasm, cpu, TOLERANCE, `case ${i} (${setting.label})`);
        }
      }
    });
  });

  describe('Sum and Mean over leading axes match the cpu backend (and others delegate)', () => {
    const cases: Array<{ shape: number[]; axis: number | number[]; keepDims: boolean }> = [
      { shape: [5, 4, 3, 6], axis: [0, 1, 2], keepDims: false },
      { shape: [5, 4, 3, 6], axis: [2, 0, 1], keepDims: true },
      { shape: [7, 9], axis: 0, keepDims: false },
      { shape: [3, 4, 5], axis: [0, 1], keepDims: true },
      { shape: [3, 4, 5], axis: [1, 2], keepDims: false },
      { shape: [3, 4, 5], axis: [0, 2], keepDims: false },
      { shape: [3, 4, 5], axis: [0, 1, 2], keepDims: false },
      { shape: [3, 4, 5], axis: -3, keepDims: true },
      // Large enough to be halved by the SIMD Add (odd row counts on the way) before the tail.
      { shape: [33, 17, 9, 5], axis: [0, 1, 2], keepDims: false },
      { shape: [64, 16, 16, 8], axis: [0, 1, 2], keepDims: true },
    ];
    for (const [name, op] of [
      ['sum', tf.sum],
      ['mean', tf.mean],
    ] as const) {
      cases.forEach((c, i) => {
        it(`${name} of [${c.shape}] over ${JSON.stringify(c.axis)}${c.keepDims ? ', keepDims' : ''}`, async () => {
          const x = randomValues(sizeOf(c.shape), 60 + i);
          const shapes: number[][] = [];
          const f = () => {
            const r = op(tf.tensor(x, c.shape), c.axis, c.keepDims);
            shapes.push(r.shape);
            return r;
          };
          const [wasm] = await valuesOn('wasm', f);
          const [cpu] = await valuesOn('cpu', f);
          assert.deepEqual(shapes[0], shapes[1], 'shape');
          assertClose(wasm, cpu, 1e-5, name);
        });
      });
    }
  });

  it('Identity shares the buffer and disposes cleanly', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const buffers = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const y = tf.clone(x);
    assert.equal((tf.backend() as unknown as { numDataIds(): number }).numDataIds(), buffers, 'no copy');
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4]);
    y.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  it('Cast to the same type shares the buffer; to another type it converts', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.tensor([1.5, -2.25, 3, 4], [2, 2]);
    const buffers = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const same = tf.cast(x, 'float32');
    assert.equal((tf.backend() as unknown as { numDataIds(): number }).numDataIds(), buffers, 'no copy');
    const ints = tf.cast(x, 'int32');
    assert.equal(ints.dtype, 'int32');
    assert.deepEqual(Array.from(ints.dataSync()), [1, -2, 3, 4]);
    x.dispose();
    assert.deepEqual(Array.from(same.dataSync()), [1.5, -2.25, 3, 4]);
    tf.dispose([same, ints]);
    assert.equal(tf.memory().numTensors, before);
  });

  describe('FusedBatchNorm gradient', () => {
    const shape: Shape4 = [3, 4, 5, 6];
    const data = {
      x: randomValues(sizeOf(shape), 31),
      weights: randomValues(sizeOf(shape), 32),
      mean: randomValues(6, 33),
      variance: randomValues(6, 34).map((v) => v * v + 0.1),
      offset: randomValues(6, 35),
      scale: randomValues(6, 36),
    };
    // (Without a scale tensor tfjs-core itself cannot differentiate batchNorm: it tries to save the
    // missing input for the backward pass.)
    const gradients = () => {
      const inputs = [
        tf.tensor(data.x, shape),
        tf.tensor(data.mean),
        tf.tensor(data.variance),
        tf.tensor(data.offset),
        tf.tensor(data.scale),
      ];
      const weights = tf.tensor(data.weights, shape);
      const loss = (...t: tf.Tensor[]) => tf.sum(tf.mul(tf.batchNorm(t[0], t[1], t[2], t[3], t[4], 0.001), weights));
      return tf.grads(loss)(inputs);
    };

    it('matches the stock gradient on cpu, and on wasm', async () => {
      const ours = await valuesOn('cpu', gradients);
      const oursWasm = await valuesOn('wasm', gradients);
      unregisterWasmTrainingKernels();
      let stock: Float32Array[];
      try {
        stock = await valuesOn('cpu', gradients);
      } finally {
        registerWasmTrainingKernels();
      }
      const names = ['x', 'mean', 'variance', 'offset', 'scale'];
      stock.forEach((expected, i) => {
        assertClose(ours[i], expected, TOLERANCE, `d${names[i]} (cpu)`);
        assertClose(oursWasm[i], expected, TOLERANCE, `d${names[i]} (wasm)`);
      });
    });
  });
});

/**
 * Faster versions of stock wasm kernels that training calls constantly.
 *
 * BatchMatMul: the stock kernel sends a product to XNNPACK only when neither operand is transposed and there is
 * a single batch; any transpose falls back to a naive triple loop (about 1.3 GFLOP/s against about
 * 20 on the XNNPACK path, measured). Gradients of dense layers ask for exactly those transposes
 * (dW = xᵀ·dy, dx = dy·Wᵀ). Single products run on the own kernel (native-wasm/matmul.c: either
 * transpose read in place, fused multiply-add); where it cannot load, a transposed operand is
 * copied into its plain layout for XNNPACK. Batched products go to the stock kernel.
 * _FusedMatMul (dense layers' forward pass): the own kernel with the bias added in its registers
 * when there is no activation to fuse; the stock kernel otherwise.
 *
 * Identity: the stock kernel copies; see `identity` below.
 */
import * as tf from '@tensorflow/tfjs';
import { heapOffset, ownKernels } from './native-wasm/ownKernels';
import { f32, stockKernel, transposedCopy, wasmBackendOf, withScratch, type WasmKernelArgs } from './wasmHeap';

/** The operands of a product, and whether it is a single (unbatched) float32 one. */
function productOf(args: WasmKernelArgs) {
  const a = args.inputs.a as tf.TensorInfo;
  const b = args.inputs.b as tf.TensorInfo;
  const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const single =
    a.dtype === 'float32' && b.dtype === 'float32' && tf.util.sizeFromShape(outerA) === 1 && tf.util.sizeFromShape(outerB) === 1;
  return { a, b, transposeA, transposeB, outerA, outerB, single };
}

/** A single (unbatched) float32 product on the own kernel, or undefined where it does not apply. */
function ownMatMul(args: WasmKernelArgs, bias: tf.TensorInfo | undefined): tf.TensorInfo | undefined {
  const backend = wasmBackendOf(args);
  const kernels = ownKernels(backend);
  const { a, b, transposeA, transposeB, outerA, outerB, single } = productOf(args);
  if (kernels === undefined || !single) return undefined;
  const [aRows, aCols] = a.shape.slice(-2);
  const [bRows, bCols] = b.shape.slice(-2);
  const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
  const n = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== k) {
    throw new Error(`${tf.BatchMatMul}: inner sizes differ (${k} and ${transposeB ? bCols : bRows})`);
  }
  if (bias !== undefined && (bias.dtype !== 'float32' || tf.util.sizeFromShape(bias.shape) !== n)) return undefined;
  const outer = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  const c = backend.makeOutput([...outer, m, n], 'float32');
  withScratch(backend, 8 * k, 'float32', (scratch) =>
    kernels.matmul(
      { a: heapOffset(backend, a), b: heapOffset(backend, b), bias: bias ? heapOffset(backend, bias) : 0, c: heapOffset(backend, c), scratch },
      { m, n, k, transposeA, transposeB },
    ),
  );
  if (m * n > 0 && k === 0) f32(backend, c).fill(0);
  return c;
}

/**
 * The stock _FusedMatMul of tfjs-backend-wasm 4.22 returns wrong values when either operand is
 * transposed (measured: errors of ~0.5 on values in [0, 1]); such operands reach it as plain copies.
 */
export function fusedMatMul(args: WasmKernelArgs): tf.TensorInfo {
  const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const attrs = args.attrs as unknown as { activation?: string; transposeA: boolean; transposeB: boolean };
  const linear = (attrs.activation === undefined || attrs.activation === 'linear') && preluActivationWeights === undefined;
  const own = linear ? ownMatMul(args, bias) : undefined;
  if (own !== undefined) return own;
  const stock = stockKernel(tf._FusedMatMul);
  const single = (t: tf.TensorInfo | undefined): t is tf.TensorInfo => t !== undefined && tf.util.sizeFromShape(t.shape.slice(0, -2)) === 1;
  if (!single(a) || !single(b) || (!attrs.transposeA && !attrs.transposeB)) return stock(args) as tf.TensorInfo;
  const backend = wasmBackendOf(args);
  const plain = (t: tf.TensorInfo, transposed: boolean): tf.TensorInfo => {
    if (!transposed) return t;
    const [rows, cols] = t.shape.slice(-2);
    const copy = transposedCopy(backend, t, rows, cols);
    return { dataId: copy.dataId, shape: [...t.shape.slice(0, -2), cols, rows], dtype: 'float32' };
  };
  const plainA = plain(a, attrs.transposeA);
  const plainB = plain(b, attrs.transposeB);
  try {
    return stock({ ...args, inputs: { ...args.inputs, a: plainA, b: plainB }, attrs: { ...args.attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
  } finally {
    if (plainA !== a) backend.disposeData(plainA.dataId);
    if (plainB !== b) backend.disposeData(plainB.dataId);
  }
}

export function batchMatMul(args: WasmKernelArgs): tf.TensorInfo {
  const own = ownMatMul(args, undefined);
  if (own !== undefined) return own;
  const { a, b, transposeA, transposeB, outerA, outerB, single } = productOf(args);
  if ((!transposeA && !transposeB) || !single) return stockKernel(tf.BatchMatMul)(args) as tf.TensorInfo;
  const backend = wasmBackendOf(args);
  const [aRows, aCols] = a.shape.slice(-2);
  const [bRows, bCols] = b.shape.slice(-2);
  const temporaries: tf.TensorInfo[] = [];
  try {
    // Plain 2-D views; a transposed operand becomes a fresh copy in the layout XNNPACK wants. The
    // right-hand side is always a private tensor here or the caller's own b (see wasmConv.ts for
    // why that matters).
    let a2: tf.TensorInfo = { dataId: a.dataId, shape: [aRows, aCols], dtype: 'float32' };
    let b2: tf.TensorInfo = { dataId: b.dataId, shape: [bRows, bCols], dtype: 'float32' };
    if (transposeA) {
      a2 = transposedCopy(backend, a, aRows, aCols);
      temporaries.push(a2);
    }
    if (transposeB) {
      b2 = transposedCopy(backend, b, bRows, bCols);
      temporaries.push(b2);
    }
    const out = stockKernel(tf.BatchMatMul)({
      inputs: { a: a2, b: b2 },
      backend,
      attrs: { transposeA: false, transposeB: false },
    }) as tf.TensorInfo;
    const outer = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
    return { dataId: out.dataId, shape: [...outer, a2.shape[0], b2.shape[1]], dtype: 'float32' };
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/**
 * Identity that shares the input's buffer by reference count, as the cpu backend's does. Tensors
 * are immutable and no wasm kernel writes into its inputs (but the AdamW update, into moments that
 * only the optimiser holds), so the stock kernel's copy is not needed.
 */
export function identity(args: WasmKernelArgs): tf.TensorInfo {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return stockKernel(tf.Identity)(args) as tf.TensorInfo;
  wasmBackendOf(args).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/**
 * Cast that shares the buffer when the type does not change. The ReLU gradient casts its float32
 * step mask to float32 on every layer and step; the stock kernel copies the whole activation.
 */
export function cast(args: WasmKernelArgs): tf.TensorInfo {
  const x = args.inputs.x as tf.TensorInfo;
  const { dtype } = args.attrs as unknown as tf.CastAttrs;
  if (x.dtype !== dtype || dtype === 'string') return stockKernel(tf.Cast)(args) as tf.TensorInfo;
  return identity(args);
}

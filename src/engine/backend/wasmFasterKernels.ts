/**
 * Faster versions of two stock wasm kernels that training calls constantly.
 *
 * BatchMatMul: the stock kernel sends a product to XNNPACK only when neither operand is transposed and there is
 * a single batch; any transpose falls back to a naive triple loop (about 1.3 GFLOP/s against about
 * 20 on the XNNPACK path, measured). Gradients of dense layers ask for exactly those transposes
 * (dW = xᵀ·dy, dx = dy·Wᵀ), so a transposed operand is copied into its plain layout first: a pass
 * over the operand instead of a slower product. Batched products go to the stock kernel.
 *
 * Identity: the stock kernel copies; see `identity` below.
 */
import * as tf from '@tensorflow/tfjs';
import { stockKernel, transposedCopy, wasmBackendOf, type WasmKernelArgs } from './wasmHeap';

export function batchMatMul(args: WasmKernelArgs): tf.TensorInfo {
  const a = args.inputs.a as tf.TensorInfo;
  const b = args.inputs.b as tf.TensorInfo;
  const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  if (
    (!transposeA && !transposeB) ||
    a.dtype !== 'float32' ||
    b.dtype !== 'float32' ||
    tf.util.sizeFromShape(outerA) !== 1 ||
    tf.util.sizeFromShape(outerB) !== 1
  ) {
    return stockKernel(tf.BatchMatMul)(args) as tf.TensorInfo;
  }
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
 * are immutable and no wasm kernel writes into its inputs, so the stock kernel's copy is not needed.
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

/**
 * Small helpers for kernels that work directly on the wasm backend's heap.
 *
 * A heap view is only valid until the next allocation: growing wasm memory replaces the buffer.
 * Callers therefore allocate every output first and take views afterwards.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapOffset, ownKernels } from './native-wasm/ownKernels';

export type WasmKernelArgs = Parameters<tf.KernelFunc>[0];

export function wasmBackendOf(args: WasmKernelArgs): BackendWasm {
  return args.backend as BackendWasm;
}

export function f32(backend: BackendWasm, t: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** Filled by the registration module with the stock configs it replaced. */
export const stockConfigs = new Map<string, tf.KernelConfig>();

/**
 * The kernel function that was registered for wasm before ours, or the current one when ours is
 * not installed. Looked up per call: cheap, and always the one whose setup has run.
 */
export function stockKernel(name: string): tf.KernelFunc {
  const config = stockConfigs.get(name) ?? tf.getKernel(name, 'wasm');
  if (config === undefined) throw new Error(`wasm kernel '${name}' is not registered`);
  return config.kernelFunc;
}

/** `a[rows, inner] · b[inner, cols]` through the stock kernel's XNNPACK path (no transposes). */
export function matMulPlain(backend: BackendWasm, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  return stockKernel(tf.BatchMatMul)({
    inputs: { a, b },
    backend,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
}

export function transposeStock(backend: BackendWasm, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return stockKernel(tf.Transpose)({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
}

/** out[c·rows + r] = src[r·cols + c], in cache-sized tiles. */
export function transpose2d(src: Float32Array, out: Float32Array, rows: number, cols: number): void {
  const tile = 32;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = Math.min(rows, r0 + tile);
    for (let c0 = 0; c0 < cols; c0 += tile) {
      const c1 = Math.min(cols, c0 + tile);
      for (let r = r0; r < r1; r++) {
        let s = r * cols + c0;
        for (let c = c0; c < c1; c++) out[c * rows + r] = src[s++];
      }
    }
  }
}

/** A fresh [cols, rows] tensor holding the transpose of a row-major [rows, cols] tensor. */
export function transposedCopy(
  backend: BackendWasm,
  src: tf.TensorInfo,
  rows: number,
  cols: number,
): tf.TensorInfo {
  const out = backend.makeOutput([cols, rows], 'float32');
  transpose2d(f32(backend, src), f32(backend, out), rows, cols);
  return out;
}

export function assertFloat32(kernel: string, ...ts: tf.TensorInfo[]): void {
  for (const t of ts) {
    if (t.dtype !== 'float32') throw new Error(`${kernel} on wasm needs float32 tensors, got ${t.dtype}`);
  }
}

interface WasmInternals {
  dataIdMap: { get(id: tf.DataId): { id: number; memoryOffset: number }; delete(id: tf.DataId): boolean };
  wasm: { tfjs: { disposeData(id: number): void } };
}

/**
 * Runs `fn` with a second tensor id over `t`'s heap memory from element `offset`, viewed as
 * `shape`: a view of part of a tensor, or of all of it under another shape, without a copy.
 * XNNPACK operators are cached per tensor id, whatever the shape, so a private id per use also
 * keeps one view's operator from being picked up by a product under another view. The id (not the
 * memory) is released when `fn` returns.
 */
export function withView<T>(
  backend: BackendWasm,
  t: tf.TensorInfo,
  offset: number,
  shape: number[],
  fn: (view: tf.TensorInfo) => T,
): T {
  const internals = backend as unknown as WasmInternals;
  const bytes = t.dtype === 'float32' || t.dtype === 'int32' ? 4 : 1;
  const base = internals.dataIdMap.get(t.dataId).memoryOffset;
  const view = backend.makeOutput(shape, t.dtype, base + offset * bytes);
  try {
    return fn(view);
  } finally {
    internals.wasm.tfjs.disposeData(internals.dataIdMap.get(view.dataId).id);
    internals.dataIdMap.delete(view.dataId);
  }
}

/**
 * Whether the active backend runs `kernelName`, one of SSAD Lab's own kernels that layers call by
 * name: the backend is wasm, the kernel is registered, and the own wasm module loaded.
 */
export function ownKernelUsable(kernelName: string): boolean {
  if (tf.getBackend() !== 'wasm' || tf.getKernel(kernelName, 'wasm') === undefined) return false;
  return ownKernels(tf.backend() as BackendWasm) !== undefined;
}

/** Runs `fn` with the heap byte offset of `count` zeroed scratch values, freed after. */
export function withScratch<T>(backend: BackendWasm, count: number, dtype: 'int32' | 'float32', fn: (scratch: number) => T): T {
  const scratch = backend.makeOutput([Math.max(1, count)], dtype);
  try {
    backend.typedArrayFromHeap(scratch).fill(0);
    return fn(heapOffset(backend, scratch));
  } finally {
    backend.disposeData(scratch.dataId);
  }
}

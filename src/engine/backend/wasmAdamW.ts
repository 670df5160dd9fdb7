/**
 * The AdamW update of one variable as a kernel of SSAD Lab's own on wasm (native-wasm/adamw.c):
 * one SIMD pass over the weights, the gradient and the two moments, which live on the backend's
 * heap as tensors owned by the optimiser and are updated in place. The optimiser calls it by name
 * where `adamWKernel()` says it is usable, else runs its JavaScript loop.
 */
import * as tf from '@tensorflow/tfjs';
import { heapOffset, ownKernels } from './native-wasm/ownKernels';
import { ownKernelUsable, wasmBackendOf, type WasmKernelArgs } from './wasmHeap';

/**
 * Inputs w, g, m, v (float32, same size); attrs learningRate, beta1, beta2, correction1,
 * correction2, epsilon, shrink. Output: the new weights. Writes m and v in place: they must be
 * tensors no one else holds.
 */
export const ADAMW_UPDATE = 'SsadAdamWUpdate';

/** Whether the active backend runs `ADAMW_UPDATE` (wasm with the own kernels loaded). */
export function adamWKernel(): boolean {
  return ownKernelUsable(ADAMW_UPDATE);
}

export interface AdamWAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  correction1: number;
  correction2: number;
  epsilon: number;
  shrink: number;
}

export function adamWUpdate(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const kernels = ownKernels(backend);
  if (kernels === undefined) throw new Error(`${ADAMW_UPDATE} needs SSAD Lab's own wasm kernels, which did not load in this runtime`);
  const { w, g, m, v } = args.inputs as Record<string, tf.TensorInfo>;
  const size = w.shape.reduce((a, b) => a * b, 1);
  for (const [name, t] of Object.entries({ g, m, v })) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== size || t.dtype !== 'float32') throw new Error(`${ADAMW_UPDATE}: ${name} must be float32 with ${size} elements`);
  }
  const out = backend.makeOutput([...w.shape], 'float32');
  kernels.adamwUpdate(
    { w: heapOffset(backend, w), g: heapOffset(backend, g), m: heapOffset(backend, m), v: heapOffset(backend, v), out: heapOffset(backend, out) },
    size,
    args.attrs as unknown as AdamWAttrs,
  );
  return out;
}

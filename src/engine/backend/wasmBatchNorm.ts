/**
 * Batch normalisation on the own wasm kernels (native-wasm/batchNorm.c).
 *
 * - `FusedBatchNorm` (inference, and any caller with given statistics): one pass, y = x·s + t with
 *   per-channel s and t; the stock kernel measured ~1.2 ms per activation of the quickstart DAE.
 * - Two kernels of SSAD Lab's own for training with batch statistics, which `ChannelBatchNorm`
 *   calls where they are usable (`batchNormTrainingKernels()`): the forward pass (moments, then
 *   the affine pass) and its closed-form gradient (one pass for the sums, one for dx). The
 *   composite form they replace made about ten passes per layer, each a kernel dispatch.
 *
 * All of them work on the last axis as the channel axis, on x viewed as [rows, channels].
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapOffset, ownKernels, type OwnKernels } from './native-wasm/ownKernels';
import { f32, stockKernel, wasmBackendOf, type WasmKernelArgs } from './wasmHeap';

/** Inputs x, gamma, beta; attrs epsilon. Outputs y, mean, biased variance, 1/√(variance + ε). */
export const BATCH_NORM_TRAIN = 'SsadBatchNormTrain';
/** Inputs dy, x, mean, rstd, gamma. Outputs dx, dgamma, dbeta. */
export const BATCH_NORM_TRAIN_GRAD = 'SsadBatchNormTrainGrad';

/** Whether the active backend runs `BATCH_NORM_TRAIN` and its gradient (wasm with the own kernels loaded). */
export function batchNormTrainingKernels(): boolean {
  if (tf.getBackend() !== 'wasm' || tf.getKernel(BATCH_NORM_TRAIN, 'wasm') === undefined) return false;
  return ownKernels(tf.backend() as BackendWasm) !== undefined;
}

function kernelsOrThrow(backend: BackendWasm, name: string): OwnKernels {
  const kernels = ownKernels(backend);
  if (kernels === undefined) throw new Error(`${name} needs SSAD Lab's own wasm kernels, which did not load in this runtime`);
  return kernels;
}

function channelsOf(x: tf.TensorInfo): { rows: number; channels: number } {
  const channels = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((a, b) => a * b, 1);
  return { rows: channels === 0 ? 0 : size / channels, channels };
}

/** Runs `fn` with the heap offset of `floats` zeroed scratch floats, freed after. */
function withFloatScratch<T>(backend: BackendWasm, floats: number, fn: (scratch: number) => T): T {
  const scratch = backend.makeOutput([floats], 'float32');
  try {
    f32(backend, scratch).fill(0);
    return fn(heapOffset(backend, scratch));
  } finally {
    backend.disposeData(scratch.dataId);
  }
}

/** y = x·scale + shift per channel, scale and shift given as plain arrays. */
function affine(backend: BackendWasm, kernels: OwnKernels, x: tf.TensorInfo, scale: Float32Array, shift: Float32Array): tf.TensorInfo {
  const { rows, channels } = channelsOf(x);
  const y = backend.makeOutput([...x.shape], 'float32');
  withFloatScratch(backend, 2 * channels, (coefficients) => {
    const heap = new Float32Array(f32(backend, y).buffer, coefficients, 2 * channels);
    heap.set(scale, 0);
    heap.set(shift, channels);
    kernels.channelAffine(heapOffset(backend, x), coefficients, coefficients + 4 * channels, heapOffset(backend, y), rows, channels);
  });
  return y;
}

/** A per-channel parameter's values, or `fill` when absent; undefined when it is not one value per channel. */
function perChannel(backend: BackendWasm, t: tf.TensorInfo | undefined, channels: number, fill: number): Float32Array | undefined {
  if (t === undefined) return new Float32Array(channels).fill(fill);
  const size = t.shape.reduce((a, b) => a * b, 1);
  if (t.dtype !== 'float32' || size !== channels || t.shape.slice(0, -1).some((d) => d !== 1)) return undefined;
  return f32(backend, t).slice();
}

/** `FusedBatchNorm` with given statistics, on the own affine kernel; the stock kernel for broadcasts it does not cover. */
export function fusedBatchNorm(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const { x, mean, variance, offset, scale } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const epsilon = (args.attrs as unknown as tf.FusedBatchNormAttrs).varianceEpsilon;
  const kernels = ownKernels(backend);
  if (kernels !== undefined && x !== undefined && x.dtype === 'float32' && x.shape.length >= 1) {
    const { channels } = channelsOf(x);
    const m = perChannel(backend, mean, channels, 0);
    const v = perChannel(backend, variance, channels, 1);
    const beta = perChannel(backend, offset, channels, 0);
    const gamma = perChannel(backend, scale, channels, 1);
    if (m && v && beta && gamma) {
      const s = new Float32Array(channels);
      const t = new Float32Array(channels);
      for (let c = 0; c < channels; c++) {
        s[c] = gamma[c] / Math.sqrt(v[c] + epsilon);
        t[c] = beta[c] - m[c] * s[c];
      }
      return affine(backend, kernels, x, s, t);
    }
  }
  return stockKernel(tf.FusedBatchNorm)(args) as tf.TensorInfo;
}

/** Training forward pass: batch moments, then the affine pass. */
export function batchNormTrain(args: WasmKernelArgs): tf.TensorInfo[] {
  const backend = wasmBackendOf(args);
  const kernels = kernelsOrThrow(backend, BATCH_NORM_TRAIN);
  const { x, gamma, beta } = args.inputs as Record<string, tf.TensorInfo>;
  const epsilon = (args.attrs as { epsilon: number }).epsilon;
  const { rows, channels } = channelsOf(x);
  const mean = backend.makeOutput([channels], 'float32');
  const variance = backend.makeOutput([channels], 'float32');
  const rstd = backend.makeOutput([channels], 'float32');
  withFloatScratch(backend, kernels.batchNormScratch(channels), (scratch) =>
    kernels.channelMoments(heapOffset(backend, x), rows, channels, heapOffset(backend, mean), heapOffset(backend, variance), scratch),
  );
  const m = f32(backend, mean);
  const v = f32(backend, variance);
  const r = f32(backend, rstd);
  const g = f32(backend, gamma);
  const b = f32(backend, beta);
  const s = new Float32Array(channels);
  const t = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    r[c] = 1 / Math.sqrt(v[c] + epsilon);
    s[c] = g[c] * r[c];
    t[c] = b[c] - m[c] * s[c];
  }
  const y = affine(backend, kernels, x, s, t);
  return [y, mean, variance, rstd];
}

/** Training backward pass: dx, dγ, dβ in two passes over dy and x. */
export function batchNormTrainGrad(args: WasmKernelArgs): tf.TensorInfo[] {
  const backend = wasmBackendOf(args);
  const kernels = kernelsOrThrow(backend, BATCH_NORM_TRAIN_GRAD);
  const { dy, x, mean, rstd, gamma } = args.inputs as Record<string, tf.TensorInfo>;
  const { rows, channels } = channelsOf(x);
  const dx = backend.makeOutput([...x.shape], 'float32');
  const dgamma = backend.makeOutput([channels], 'float32');
  const dbeta = backend.makeOutput([channels], 'float32');
  withFloatScratch(backend, kernels.batchNormScratch(channels), (scratch) =>
    kernels.batchNormGrad(
      {
        dy: heapOffset(backend, dy),
        x: heapOffset(backend, x),
        mean: heapOffset(backend, mean),
        rstd: heapOffset(backend, rstd),
        gamma: heapOffset(backend, gamma),
        dx: heapOffset(backend, dx),
        dgamma: heapOffset(backend, dgamma),
        dbeta: heapOffset(backend, dbeta),
      },
      rows,
      channels,
      scratch,
    ),
  );
  return [dx, dgamma, dbeta];
}

/**
 * Batch normalisation on the own wasm kernels (native-wasm/batchNorm.c).
 *
 * - `FusedBatchNorm` (inference, and any caller with given statistics): one pass, y = x·s + t with
 *   per-channel s and t; the stock kernel measured ~1.2 ms per activation of the quickstart DAE.
 * - Kernels of SSAD Lab's own, which `ChannelBatchNorm` calls where they are usable
 *   (`batchNormTrainingKernels()`): for training with batch statistics the forward pass (moments,
 *   then the affine pass) and its closed-form gradient (one pass for the sums, one for dx), and
 *   inference with running statistics; each with the ReLU that follows every batch norm of the
 *   network fused in (forward: max(0, ·) in the affine pass; backward: dy masked by y > 0). The
 *   composite form they replace made about ten passes per layer, each a kernel dispatch.
 *
 * All of them work on the last axis as the channel axis, on x viewed as [rows, channels].
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapOffset, ownKernels, type OwnKernels } from './native-wasm/ownKernels';
import { f32, ownKernelUsable, stockKernel, wasmBackendOf, withScratch, type WasmKernelArgs } from './wasmHeap';

/**
 * Inputs x, gamma, beta; attrs epsilon, relu (a ReLU after the normalisation, fused). Outputs y,
 * mean, biased variance, 1/√(variance + ε).
 */
export const BATCH_NORM_TRAIN = 'SsadBatchNormTrain';
/** Inputs dy, x, mean, rstd, gamma, and y where the forward pass had relu. Outputs dx, dgamma, dbeta. */
export const BATCH_NORM_TRAIN_GRAD = 'SsadBatchNormTrainGrad';
/** Inputs x, mean, variance, gamma, beta; attrs epsilon, relu. Output y: inference with running statistics. */
export const BATCH_NORM_INFER = 'SsadBatchNormInfer';

/** Whether the active backend runs `BATCH_NORM_TRAIN` and its gradient (wasm with the own kernels loaded). */
export function batchNormTrainingKernels(): boolean {
  return ownKernelUsable(BATCH_NORM_TRAIN);
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

/** y = x·scale + shift per channel (then the ReLU), scale and shift given as plain arrays. */
function affine(backend: BackendWasm, kernels: OwnKernels, x: tf.TensorInfo, scale: Float32Array, shift: Float32Array, relu = false): tf.TensorInfo {
  const { rows, channels } = channelsOf(x);
  const y = backend.makeOutput([...x.shape], 'float32');
  withScratch(backend, 2 * channels, 'float32', (coefficients) => {
    const heap = new Float32Array(f32(backend, y).buffer, coefficients, 2 * channels);
    heap.set(scale, 0);
    heap.set(shift, channels);
    kernels.channelAffine(heapOffset(backend, x), coefficients, coefficients + 4 * channels, heapOffset(backend, y), rows, channels, relu);
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

/** y = (x − mean)·γ/√(variance + ε) + β (then the ReLU) on the affine kernel; undefined for broadcasts it does not cover. */
function normaliseGiven(
  backend: BackendWasm,
  kernels: OwnKernels,
  t: { x: tf.TensorInfo; mean?: tf.TensorInfo; variance?: tf.TensorInfo; beta?: tf.TensorInfo; gamma?: tf.TensorInfo },
  epsilon: number,
  relu: boolean,
): tf.TensorInfo | undefined {
  if (t.x.dtype !== 'float32' || t.x.shape.length < 1) return undefined;
  const { channels } = channelsOf(t.x);
  const m = perChannel(backend, t.mean, channels, 0);
  const v = perChannel(backend, t.variance, channels, 1);
  const beta = perChannel(backend, t.beta, channels, 0);
  const gamma = perChannel(backend, t.gamma, channels, 1);
  if (!m || !v || !beta || !gamma) return undefined;
  const s = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    s[c] = gamma[c] / Math.sqrt(v[c] + epsilon);
    shift[c] = beta[c] - m[c] * s[c];
  }
  return affine(backend, kernels, t.x, s, shift, relu);
}

/** `FusedBatchNorm` with given statistics, on the own affine kernel; the stock kernel for broadcasts it does not cover. */
export function fusedBatchNorm(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const { x, mean, variance, offset, scale } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const epsilon = (args.attrs as unknown as tf.FusedBatchNormAttrs).varianceEpsilon;
  const kernels = ownKernels(backend);
  const own = kernels && x ? normaliseGiven(backend, kernels, { x, mean, variance, beta: offset, gamma: scale }, epsilon, false) : undefined;
  return own ?? (stockKernel(tf.FusedBatchNorm)(args) as tf.TensorInfo);
}

/** Inference with running statistics, the ReLU fused where asked. */
export function batchNormInfer(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const kernels = kernelsOrThrow(backend, BATCH_NORM_INFER);
  const { x, mean, variance, gamma, beta } = args.inputs as Record<string, tf.TensorInfo>;
  const { epsilon, relu } = args.attrs as unknown as { epsilon: number; relu?: boolean };
  const y = normaliseGiven(backend, kernels, { x, mean, variance, beta, gamma }, epsilon, relu === true);
  if (y === undefined) throw new Error(`${BATCH_NORM_INFER}: statistics and parameters must be float32 with one value per channel`);
  return y;
}

/** Training forward pass: batch moments, then the affine pass. */
export function batchNormTrain(args: WasmKernelArgs): tf.TensorInfo[] {
  const backend = wasmBackendOf(args);
  const kernels = kernelsOrThrow(backend, BATCH_NORM_TRAIN);
  const { x, gamma, beta } = args.inputs as Record<string, tf.TensorInfo>;
  const { epsilon, relu } = args.attrs as { epsilon: number; relu?: boolean };
  const { rows, channels } = channelsOf(x);
  const mean = backend.makeOutput([channels], 'float32');
  const variance = backend.makeOutput([channels], 'float32');
  const rstd = backend.makeOutput([channels], 'float32');
  withScratch(backend, kernels.batchNormScratch(channels), 'float32', (scratch) =>
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
  const y = affine(backend, kernels, x, s, t, relu === true);
  return [y, mean, variance, rstd];
}

/** Training backward pass: dx, dγ, dβ in two passes over dy and x. */
export function batchNormTrainGrad(args: WasmKernelArgs): tf.TensorInfo[] {
  const backend = wasmBackendOf(args);
  const kernels = kernelsOrThrow(backend, BATCH_NORM_TRAIN_GRAD);
  const { dy, x, mean, rstd, gamma } = args.inputs as Record<string, tf.TensorInfo>;
  const y = args.inputs.y as tf.TensorInfo | undefined;
  const { rows, channels } = channelsOf(x);
  const dx = backend.makeOutput([...x.shape], 'float32');
  const dgamma = backend.makeOutput([channels], 'float32');
  const dbeta = backend.makeOutput([channels], 'float32');
  withScratch(backend, kernels.batchNormScratch(channels), 'float32', (scratch) =>
    kernels.batchNormGrad(
      {
        dy: heapOffset(backend, dy),
        x: heapOffset(backend, x),
        mean: heapOffset(backend, mean),
        rstd: heapOffset(backend, rstd),
        gamma: heapOffset(backend, gamma),
        y: y ? heapOffset(backend, y) : 0,
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

/**
 * Registers what the stock wasm backend needs in order to train convolutional models, fast.
 *
 * Found by profiling `fit` of a conv autoencoder (Conv2D / Conv2DTranspose + BatchNorm + ReLU, a
 * dense tanh code, sigmoid output, MSE, Adam) and of conv classifiers (sigmoid + binary
 * cross-entropy, softmax + categorical cross-entropy) on the cpu backend, then looking each kernel
 * up for wasm and timing the wasm ones:
 *   - Conv2DBackpropFilter: missing, so no convolution can train at all.
 *   - Conv2DBackpropInput: a scalar loop about 4–5× slower than ours; it is both the input gradient
 *     of every conv but the first and the forward pass of every conv2dTranspose.
 *   - BatchMatMul with a transposed operand (dense-layer gradients): a naive loop, ~15× slower.
 *   - Identity (tf.clone, used throughout layers and optimizers): a full copy, where tensors are
 *     immutable and sharing the buffer by reference count (as the cpu backend does) is enough.
 *   - the FusedBatchNorm gradient: a `tile` to the full activation shape, the single largest cost.
 * Everything else those models use (FusedConv2D, FusedBatchNorm, Relu/Step, Sigmoid, Tanh,
 * elementwise ops, the Adam update) is present and adequate on wasm. Beyond those models, the same
 * probe over other tfjs layers found only the depthwise gradients missing (depthwiseConv2d,
 * separableConv2d); pooling, dropout, upsampling, LeakyReLU and ELU train on stock wasm.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { fusedBatchNormGradConfig } from './batchNormGrad';
import { ADAMW_UPDATE, adamWUpdate } from './wasmAdamW';
import { BATCH_NORM_INFER, BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD, batchNormInfer, batchNormTrain, batchNormTrainGrad, fusedBatchNorm } from './wasmBatchNorm';
import { conv2D, conv2DBackpropFilter, conv2DBackpropInput } from './wasmConv';
import { CONV2D_BIAS, CONV2D_TRANSPOSE_BIAS, conv2DBias, conv2DBiasGradConfig, conv2DTransposeBias, conv2DTransposeBiasGradConfig } from './wasmBiasConv';
import { stockConfigs } from './wasmHeap';
import { depthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropInput } from './wasmDepthwise';
import { batchMatMul, cast, fusedMatMul, identity } from './wasmFasterKernels';
import { mean, sum } from './wasmReductions';

const BACKEND = 'wasm';

export interface WasmTrainingKernel {
  kernelName: string;
  /**
   * `missing`: wasm has no such kernel; `faster`: replaces (and may delegate to) the stock one;
   * `own`: a kernel of SSAD Lab's own that the engine's layers call by name.
   */
  kind: 'missing' | 'faster' | 'own';
  kernelFunc: tf.KernelFunc;
}

export const WASM_TRAINING_KERNELS: readonly WasmTrainingKernel[] = [
  { kernelName: tf.Conv2DBackpropFilter, kind: 'missing', kernelFunc: conv2DBackpropFilter },
  { kernelName: tf.Conv2DBackpropInput, kind: 'faster', kernelFunc: conv2DBackpropInput },
  { kernelName: tf.Conv2D, kind: 'faster', kernelFunc: conv2D },
  { kernelName: tf.FusedBatchNorm, kind: 'faster', kernelFunc: fusedBatchNorm },
  { kernelName: BATCH_NORM_TRAIN, kind: 'own', kernelFunc: batchNormTrain as unknown as tf.KernelFunc },
  { kernelName: BATCH_NORM_TRAIN_GRAD, kind: 'own', kernelFunc: batchNormTrainGrad as unknown as tf.KernelFunc },
  { kernelName: BATCH_NORM_INFER, kind: 'own', kernelFunc: batchNormInfer },
  { kernelName: ADAMW_UPDATE, kind: 'own', kernelFunc: adamWUpdate },
  { kernelName: CONV2D_BIAS, kind: 'own', kernelFunc: conv2DBias },
  { kernelName: CONV2D_TRANSPOSE_BIAS, kind: 'own', kernelFunc: conv2DTransposeBias },
  {
    kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
    kind: 'missing',
    kernelFunc: depthwiseConv2dNativeBackpropFilter,
  },
  { kernelName: tf.DepthwiseConv2dNativeBackpropInput, kind: 'missing', kernelFunc: depthwiseConv2dNativeBackpropInput },
  { kernelName: tf.BatchMatMul, kind: 'faster', kernelFunc: batchMatMul },
  { kernelName: tf._FusedMatMul, kind: 'faster', kernelFunc: fusedMatMul },
  { kernelName: tf.Identity, kind: 'faster', kernelFunc: identity },
  { kernelName: tf.Cast, kind: 'faster', kernelFunc: cast },
  { kernelName: tf.Sum, kind: 'faster', kernelFunc: sum },
  { kernelName: tf.Mean, kind: 'faster', kernelFunc: mean },
];

/**
 * Gradients installed with the kernels (gradients are global, not per backend): the FusedBatchNorm
 * one replaces the stock gradient; the bias convolutions' are those of our own kernels.
 */
export const REPLACED_GRADIENTS: readonly tf.GradConfig[] = [fusedBatchNormGradConfig, conv2DBiasGradConfig, conv2DTransposeBiasGradConfig];

const stockGradients = new Map<string, tf.GradConfig>();

/**
 * Installs the training kernels on the wasm backend and the tile-free batch-norm gradient.
 * Idempotent, and valid before or after the wasm backend is initialised. Returns the names of the
 * kernels and gradients that this call changed.
 */
export function registerWasmTrainingKernels(): string[] {
  const changed: string[] = [];
  for (const { kernelName, kernelFunc } of WASM_TRAINING_KERNELS) {
    const current = tf.getKernel(kernelName, BACKEND);
    if (current?.kernelFunc === kernelFunc) continue;
    if (current !== undefined) {
      // Unregistering first avoids registerKernel's overwrite warning and keeps the stock config
      // for delegation. Its setupFunc stays on our config: the engine runs setup functions when
      // the backend is selected, and the stock kernel needs its wasm function bound by then.
      stockConfigs.set(kernelName, current);
      tf.unregisterKernel(kernelName, BACKEND);
    }
    const stock = stockConfigs.get(kernelName);
    tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc, setupFunc: stock?.setupFunc });
    changed.push(kernelName);
  }
  for (const config of REPLACED_GRADIENTS) {
    const current = tf.getGradient(config.kernelName);
    if (current === config) continue;
    if (current !== undefined) stockGradients.set(config.kernelName, current);
    tf.registerGradient(config);
    changed.push(`${config.kernelName} gradient`);
  }
  return changed;
}

/** Restores the stock wasm kernels and gradients (to compare against them). */
export function unregisterWasmTrainingKernels(): void {
  for (const { kernelName, kernelFunc } of WASM_TRAINING_KERNELS) {
    if (tf.getKernel(kernelName, BACKEND)?.kernelFunc !== kernelFunc) continue;
    tf.unregisterKernel(kernelName, BACKEND);
    const stock = stockConfigs.get(kernelName);
    if (stock !== undefined) {
      tf.registerKernel(stock);
      stockConfigs.delete(kernelName);
    }
  }
  for (const config of REPLACED_GRADIENTS) {
    if (tf.getGradient(config.kernelName) !== config) continue;
    tf.unregisterGradient(config.kernelName);
    const stock = stockGradients.get(config.kernelName);
    if (stock !== undefined) tf.registerGradient(stock);
  }
}

/** Whether every training kernel and gradient is currently installed. */
export function wasmTrainingKernelsRegistered(): boolean {
  return (
    WASM_TRAINING_KERNELS.every((k) => tf.getKernel(k.kernelName, BACKEND)?.kernelFunc === k.kernelFunc) &&
    REPLACED_GRADIENTS.every((g) => tf.getGradient(g.kernelName) === g)
  );
}

/**
 * Convolution layers with their bias as one kernel of SSAD Lab's own on wasm: the bias starts
 * each sum in the kernel's registers instead of costing an `Add` pass over the layer's output
 * (about a tenth of scoring time). `TorchConv2D` / `TorchConvTranspose2D` call them by name where
 * `biasConvKernels()` says they are usable, else the plain ops.
 *
 * Their gradients are per input, like the plain ops' (and unlike tf.fused.conv2d's, which
 * computes them all): the tape asks only for those it needs, so the first layer of an encoder
 * computes no gradient towards the image.
 */
import * as tf from '@tensorflow/tfjs';
import { convolveOwn, transposedConvolveOwn, type ConvAttrs, type Shape4 } from './wasmConv';
import { ownKernelUsable, wasmBackendOf, type WasmKernelArgs } from './wasmHeap';

/** Inputs x, filter [kH, kW, inC, outC], bias [outC]; attrs strides, pad. NHWC. */
export const CONV2D_BIAS = 'SsadConv2DBias';
/** Inputs x, filter [kH, kW, outC, inC] (as conv2dTranspose's), bias [outC]; attrs strides, pad, outputShape. NHWC. */
export const CONV2D_TRANSPOSE_BIAS = 'SsadConv2DTransposeBias';

type TransposeAttrs = ConvAttrs & { outputShape: Shape4 };

/** Whether the active backend runs the two kernels (wasm with the own kernels loaded). */
export function biasConvKernels(): boolean {
  return ownKernelUsable(CONV2D_BIAS);
}

function inputsOf(args: WasmKernelArgs): { x: tf.TensorInfo; filter: tf.TensorInfo; bias: tf.TensorInfo } {
  const { x, filter, bias } = args.inputs as Record<string, tf.TensorInfo>;
  for (const t of [x, filter, bias]) {
    if (t.dtype !== 'float32') throw new Error(`the bias convolutions need float32 tensors, got ${t.dtype}`);
  }
  return { x, filter, bias };
}

function unavailable(name: string): Error {
  return new Error(`${name} needs SSAD Lab's own wasm kernels, which did not load in this runtime`);
}

export function conv2DBias(args: WasmKernelArgs): tf.TensorInfo {
  const { x, filter, bias } = inputsOf(args);
  const out = convolveOwn(wasmBackendOf(args), x, filter, bias, args.attrs as unknown as ConvAttrs);
  if (out === undefined) throw unavailable(CONV2D_BIAS);
  return out;
}

export function conv2DTransposeBias(args: WasmKernelArgs): tf.TensorInfo {
  const { x, filter, bias } = inputsOf(args);
  const attrs = args.attrs as unknown as TransposeAttrs;
  const out = transposedConvolveOwn(wasmBackendOf(args), x, filter, bias, attrs.outputShape, attrs);
  if (out === undefined) throw new Error(`${CONV2D_TRANSPOSE_BIAS}: the own kernels did not load, or the padding is wider than the kernel`);
  return out;
}

function runKernel(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Σ over every axis but the channels: the bias gradient. */
function channelSums(dy: tf.Tensor): tf.Tensor {
  return tf.sum(dy, dy.shape.slice(0, -1).map((_, i) => i));
}

type Towards = (grad: tf.Tensor, x: tf.Tensor, filter: tf.Tensor, conv: ConvAttrs & { dataFormat: 'NHWC' }) => tf.Tensor;

/**
 * A bias convolution's gradient config: the gradients towards x and the filter as given (from the
 * output gradient, the saved x and filter, and the convolution's attributes), the bias's the
 * channel sums.
 */
function biasConvGrad(kernelName: string, towardsX: Towards, towardsFilter: Towards): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const grad = Array.isArray(dy) ? dy[0] : dy;
      const [x, filter] = saved;
      const { strides, pad, dimRoundingMode } = attrs as unknown as ConvAttrs;
      const conv = { strides, pad, dimRoundingMode, dataFormat: 'NHWC' as const };
      return {
        x: () => towardsX(grad, x, filter, conv),
        filter: () => towardsFilter(grad, x, filter, conv),
        bias: () => channelSums(grad),
      };
    },
  };
}

export const conv2DBiasGradConfig = biasConvGrad(
  CONV2D_BIAS,
  (grad, x, filter, conv) => runKernel(tf.Conv2DBackpropInput, { dy: grad, filter }, { ...conv, inputShape: x.shape }),
  (grad, x, filter, conv) => runKernel(tf.Conv2DBackpropFilter, { x, dy: grad }, { ...conv, filterShape: filter.shape }),
);

// The transposed convolution is Conv2DBackpropInput with x as its dy: its gradients are the
// forward convolution of the output gradient, and the filter gradient with the roles swapped.
export const conv2DTransposeBiasGradConfig = biasConvGrad(
  CONV2D_TRANSPOSE_BIAS,
  (grad, _x, filter, conv) => runKernel(tf.Conv2D, { x: grad, filter }, { ...conv, dilations: [1, 1] }),
  (grad, x, filter, conv) => runKernel(tf.Conv2DBackpropFilter, { x: grad, dy: x }, { ...conv, filterShape: filter.shape }),
);

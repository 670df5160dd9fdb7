/**
 * Depthwise convolution gradients for the wasm backend, which has neither (so `depthwiseConv2d`
 * and `separableConv2d` cannot train on stock wasm).
 *
 * A depthwise convolution does little arithmetic per byte (each input channel meets only its own
 * kH·kW·multiplier weights), so there is no matrix product to hand to XNNPACK; both gradients are
 * direct loops over heap views, one pass over the output positions each. NHWC, any stride, padding
 * and dilation.
 */
import * as tf from '@tensorflow/tfjs';
import { assertFloat32, f32, wasmBackendOf, type WasmKernelArgs } from './wasmHeap';

type Shape4 = [number, number, number, number];

interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: tf.DepthwiseConv2dNativeBackpropFilterAttrs['pad'];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function depthwiseInfo(inShape: Shape4, filterShape: Shape4, attrs: DepthwiseAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    inShape,
    filterShape,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
    'channelsLast',
  );
}

function assertDy(kernel: string, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): void {
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${kernel}: dy has shape [${dy.shape.join(', ')}] but the convolution produces [${expected.join(', ')}]`);
  }
}

/**
 * Calls `visit(dyBase, xBase, tap)` for every (output position, in-image filter tap): dyBase and
 * xBase are the offsets of the channel vectors, tap = kh·kW + kw.
 */
function forEachTap(info: tf.backend_util.Conv2DInfo, visit: (dyBase: number, xBase: number, tap: number) => void): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  let dyBase = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++, dyBase += outChannels) {
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - top + kh * dilationHeight;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth - left + kw * dilationWidth;
            if (iw < 0 || iw >= inWidth) continue;
            visit(dyBase, ((n * inHeight + ih) * inWidth + iw) * inChannels, kh * filterWidth + kw);
          }
        }
      }
    }
  }
}

/** dW[kh, kw, c, q] = Σ x[n, ih, iw, c] · dy[n, oh, ow, c·mult + q]. */
export function depthwiseConv2dNativeBackpropFilter(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const attrs = args.attrs as unknown as DepthwiseAttrs & { filterShape: Shape4 };
  const x = args.inputs.x as tf.TensorInfo;
  const dy = args.inputs.dy as tf.TensorInfo;
  const kernel = tf.DepthwiseConv2dNativeBackpropFilter;
  assertFloat32(kernel, x, dy);
  const info = depthwiseInfo(x.shape as Shape4, attrs.filterShape, attrs);
  assertDy(kernel, dy, info);
  const channels = info.inChannels;
  const mult = info.outChannels / channels;
  // Double precision: every weight sums over all batch·outH·outW positions.
  const acc = new Float64Array(info.filterHeight * info.filterWidth * channels * mult);
  const out = backend.makeOutput([...attrs.filterShape], 'float32');
  const xs = f32(backend, x);
  const dys = f32(backend, dy);
  forEachTap(info, (dyBase, xBase, tap) => {
    let w = tap * channels * mult;
    let d = dyBase;
    for (let c = 0; c < channels; c++) {
      const xv = xs[xBase + c];
      for (let q = 0; q < mult; q++) acc[w++] += xv * dys[d++];
    }
  });
  f32(backend, out).set(acc);
  return out;
}

/** dx[n, ih, iw, c] = Σ dy[n, oh, ow, c·mult + q] · W[kh, kw, c, q]. */
export function depthwiseConv2dNativeBackpropInput(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const attrs = args.attrs as unknown as DepthwiseAttrs & { inputShape: Shape4 };
  const dy = args.inputs.dy as tf.TensorInfo;
  const filter = args.inputs.filter as tf.TensorInfo;
  const kernel = tf.DepthwiseConv2dNativeBackpropInput;
  assertFloat32(kernel, dy, filter);
  const info = depthwiseInfo(attrs.inputShape, filter.shape as Shape4, attrs);
  assertDy(kernel, dy, info);
  const channels = info.inChannels;
  const mult = info.outChannels / channels;
  const out = backend.makeOutput([...attrs.inputShape], 'float32');
  const dx = f32(backend, out);
  dx.fill(0);
  const dys = f32(backend, dy);
  const w = f32(backend, filter);
  forEachTap(info, (dyBase, xBase, tap) => {
    let k = tap * channels * mult;
    let d = dyBase;
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let q = 0; q < mult; q++) sum += dys[d++] * w[k++];
      dx[xBase + c] += sum;
    }
  });
  return out;
}

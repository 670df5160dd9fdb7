/**
 * Convolution gradient kernels for the wasm backend, built on its XNNPACK matmul and convolution.
 *
 * The stock wasm backend has no `Conv2DBackpropFilter` (so no convolution can train) and its
 * `Conv2DBackpropInput` is a scalar loop 3–5× slower than the forward convolution.
 *
 * Filter gradient: computed directly by SSAD Lab's own wasm kernel (native-wasm/convFilterGrad.c)
 * where it loads; otherwise dW[K, CO] = colsᵀ[K, M] · dy[M, CO], with M = batch·outH·outW and
 * K = kH·kW·inC; the transposed im2col buffer is filled by one JavaScript pass over heap views and
 * the product runs on XNNPACK. The orientation matters: the wasm `BatchMatMul` only reaches XNNPACK
 * when neither operand is transposed (a naive loop otherwise, measured 10–15× slower), and XNNPACK
 * repacks its right-hand operand on every call, so that operand should be the small one (dy).
 *
 * Input gradient: split by output residue modulo the stride ("sub-pixel" form), each residue class
 * of dx is a stride-1 convolution of dy with a reversed sub-filter, run by the stock XNNPACK
 * Conv2D, then interleaved into dx. Same arithmetic as the direct form, none on inserted zeros.
 * Paddings it cannot express (wider than the kernel), and dx with one or two channels, use
 * cols[M, K] = dy · Wᵀ on XNNPACK followed by a col2im scatter-add.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { denseOutput, heapOffset, ownKernels, type KernelGeometry, type OutputLayout, type OwnKernels } from './native-wasm/ownKernels';
import {
  assertFloat32,
  f32,
  matMulPlain,
  stockKernel,
  transposedCopy,
  transposeStock,
  wasmBackendOf,
  withScratch,
  withView,
  type WasmKernelArgs,
} from './wasmHeap';

export type Shape4 = [number, number, number, number];
type PadAttr = tf.Conv2DBackpropFilterAttrs['pad'];

/**
 * Upper bound on the elements of one im2col / col2im buffer. Larger problems are split along the
 * batch so that a big batch at high resolution cannot exhaust the 32-bit wasm heap.
 */
let maxColumnElements = 1 << 24;

/** Sets the chunking bound (tests use a tiny one to exercise the batch split); returns the old one. */
export function setMaxColumnElements(elements: number): number {
  const previous = maxColumnElements;
  maxColumnElements = Math.max(1, Math.floor(elements));
  return previous;
}

/**
 * XNNPACK convolutions with one or two output channels waste most of each SIMD vector: for dx
 * with that few channels (the image output of a decoder) the column form measured ~3× faster,
 * from four channels up the sub-pixel form wins (1.3–2.2×). On the own kernel the sub-pixel form
 * wins for any channel count (it has a path for few output channels).
 */
const COLUMNS_MAX_INPUT_CHANNELS = 2;

export type InputGradientMethod = 'auto' | 'phases' | 'columns';
let inputGradientMethod: InputGradientMethod = 'auto';

/** Forces one method for Conv2DBackpropInput (tests and measurements); returns the old setting. */
export function setInputGradientMethod(method: InputGradientMethod): InputGradientMethod {
  const previous = inputGradientMethod;
  inputGradientMethod = method;
  return previous;
}

/** Geometry shared by the convolution and its gradients, always in NHWC. */
type ConvGeometry = KernelGeometry;

function geometry(
  inShape: Shape4,
  filterShape: Shape4,
  strides: [number, number] | number,
  pad: PadAttr,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
): ConvGeometry {
  const info = tf.backend_util.computeConv2DInfo(
    inShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    throw new Error('wasm convolution gradients support dilation 1 only');
  }
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    kH: info.filterHeight,
    kW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

function toNHWC(s: Shape4): Shape4 {
  return [s[0], s[2], s[3], s[1]];
}

/** Images per chunk so that a [chunk·outH·outW, K] buffer stays under the element bound. */
function chunkImages(g: ConvGeometry, k: number): number {
  const perImage = g.outH * g.outW * k;
  return Math.max(1, Math.min(g.batch, Math.floor(maxColumnElements / perImage)));
}

/**
 * im2col, transposed: cols[k, m] = x[n, oh·sH − top + kh, ow·sW − left + kw, ci] (0 outside),
 * with k = (kh·kW + kw)·inC + ci and m = ((n − n0)·outH + oh)·outW + ow, for images [n0, n0 + nc).
 * Walks one output row at a time so that the few input rows it reads stay in cache while all K
 * column rows are written (measured 1.5× faster than filling one column row at a time).
 */
function fillColumnsTransposed(
  x: Float32Array,
  cols: Float32Array,
  g: ConvGeometry,
  n0: number,
  nc: number,
): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = g;
  const m = nc * outH * outW;
  const rowStride = inW * inC;
  const imageStride = inH * rowStride;
  const colStep = strideW * inC;
  // Output columns whose input column lies inside the image, per kw: [owLo, owHi).
  const owLo = new Int32Array(kW);
  const owHi = new Int32Array(kW);
  for (let kw = 0; kw < kW; kw++) {
    owLo[kw] = Math.min(outW, Math.max(0, Math.ceil((padLeft - kw) / strideW)));
    owHi[kw] = Math.max(owLo[kw], Math.min(outW, Math.floor((inW - 1 + padLeft - kw) / strideW) + 1));
  }
  let m0 = 0;
  for (let n = n0; n < n0 + nc; n++) {
    const imageBase = n * imageStride;
    for (let oh = 0; oh < outH; oh++, m0 += outW) {
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh;
        const inside = ih >= 0 && ih < inH;
        const rowBase = imageBase + ih * rowStride;
        for (let kw = 0; kw < kW; kw++) {
          const lo = owLo[kw];
          const hi = owHi[kw];
          const srcBase = rowBase + (lo * strideW - padLeft + kw) * inC;
          let row = (kh * kW + kw) * inC * m + m0;
          for (let ci = 0; ci < inC; ci++, row += m) {
            if (!inside) {
              cols.fill(0, row, row + outW);
              continue;
            }
            for (let p = 0; p < lo; p++) cols[row + p] = 0;
            let src = srcBase + ci;
            for (let p = lo; p < hi; p++, src += colStep) cols[row + p] = x[src];
            for (let p = hi; p < outW; p++) cols[row + p] = 0;
          }
        }
      }
    }
  }
}

/**
 * col2im: dx[n, oh·sH − top + kh, ow·sW − left + kw, ci] += cols[m, k] for every in-image tap, over
 * images [n0, n0 + nc); the dx region of those images must be zeroed first.
 */
function scatterColumns(
  cols: Float32Array,
  dx: Float32Array,
  g: ConvGeometry,
  n0: number,
  nc: number,
): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = g;
  const k = kH * kW * inC;
  const rowStride = inW * inC;
  const imageStride = inH * rowStride;
  let src = 0;
  for (let n = n0; n < n0 + nc; n++) {
    const imageBase = n * imageStride;
    for (let oh = 0; oh < outH; oh++) {
      const ihBase = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++, src += k) {
        const iwBase = ow * strideW - padLeft;
        for (let kh = 0; kh < kH; kh++) {
          const ih = ihBase + kh;
          if (ih < 0 || ih >= inH) continue;
          const rowBase = imageBase + ih * rowStride;
          for (let kw = 0; kw < kW; kw++) {
            const iw = iwBase + kw;
            if (iw < 0 || iw >= inW) continue;
            let d = rowBase + iw * inC;
            let s = src + (kh * kW + kw) * inC;
            for (let ci = 0; ci < inC; ci++) dx[d++] += cols[s++];
          }
        }
      }
    }
  }
}

function assertDyShape(dy: tf.TensorInfo, g: ConvGeometry, kernel: string): void {
  const [n, h, w, c] = dy.shape;
  if (n !== g.batch || h !== g.outH || w !== g.outW || c !== g.outC) {
    throw new Error(
      `${kernel}: dy has shape [${dy.shape.join(', ')}] but the convolution produces ` +
        `[${g.batch}, ${g.outH}, ${g.outW}, ${g.outC}]`,
    );
  }
}

/** Gradient of conv2d with respect to its filter. */
export function conv2DBackpropFilter(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  let x = args.inputs.x as tf.TensorInfo;
  let dy = args.inputs.dy as tf.TensorInfo;
  assertFloat32(tf.Conv2DBackpropFilter, x, dy);
  const temporaries: tf.TensorInfo[] = [];
  try {
    if (attrs.dataFormat === 'NCHW') {
      x = transposeStock(backend, x, [0, 2, 3, 1]);
      dy = transposeStock(backend, dy, [0, 2, 3, 1]);
      temporaries.push(x, dy);
    }
    const filterShape = attrs.filterShape;
    const g = geometry(x.shape as Shape4, filterShape, attrs.strides, attrs.pad, attrs.dimRoundingMode);
    assertDyShape(dy, g, tf.Conv2DBackpropFilter);
    const kernels = ownKernels(backend);
    if (kernels) {
      // Directly on the heap, no im2col: 1.8–3.4× faster on the quickstart DAE's layers.
      const dw = backend.makeOutput([...filterShape], 'float32');
      f32(backend, dw).fill(0);
      withScratch(backend, kernels.filterGradScratch(g), 'int32', (scratch) =>
        kernels.convFilterGrad(heapOffset(backend, x), heapOffset(backend, dy), heapOffset(backend, dw), g, scratch),
      );
      return dw;
    }
    const k = g.kH * g.kW * g.inC;
    const co = g.outC;
    const perImage = g.outH * g.outW;
    const step = chunkImages(g, k);

    // dW[K, CO] = colsᵀ[K, M] · dy[M, CO], which is already the row-major layout of
    // [kH, kW, inC, outC]. This orientation makes dy the operand that XNNPACK packs on every call;
    // packing the (larger) columns instead, as dyᵀ · cols would, measured 2–3× slower.
    let dw: tf.TensorInfo | undefined;
    for (let n0 = 0; n0 < g.batch; n0 += step) {
      const nc = Math.min(step, g.batch - n0);
      const m = nc * perImage;
      const cols = backend.makeOutput([k, m], 'float32');
      fillColumnsTransposed(f32(backend, x), f32(backend, cols), g, n0, nc);
      // A private id over dy's rows, no copy: see withView for why the id must be private.
      const part = withView(backend, dy, n0 * perImage * co, [m, co], (dyRows) => matMulPlain(backend, cols, dyRows));
      backend.disposeData(cols.dataId);
      if (dw === undefined) {
        dw = part;
      } else {
        const sum = f32(backend, dw);
        const add = f32(backend, part);
        for (let i = 0; i < sum.length; i++) sum[i] += add[i];
        backend.disposeData(part.dataId);
      }
    }
    if (dw === undefined) throw new Error(`${tf.Conv2DBackpropFilter}: empty batch`);
    return { dataId: dw.dataId, shape: [...filterShape], dtype: 'float32' };
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/**
 * One residue class of input positions along one axis, for the sub-pixel form of the input
 * gradient. Input position i receives dy[q − j] · w[r + s·j] (j = 0 … taps − 1) where
 * i + padBefore = s·q + r; for a fixed residue r that is a stride-1 correlation of dy with the
 * reversed sub-filter w[r], w[r + s], …, producing positions q = first … first + count − 1.
 */
interface AxisPhase {
  residue: number;
  taps: number;
  first: number;
  count: number;
  /** Padding of dy for the stride-1 correlation; its output may run past `count` (ignored). */
  padBefore: number;
  padAfter: number;
}

/** The phases of one axis, or null when the geometry needs dy cropped (padding ≥ kernel size). */
function axisPhases(inSize: number, outSize: number, kSize: number, stride: number, pad: number): AxisPhase[] | null {
  const phases: AxisPhase[] = [];
  for (let residue = 0; residue < stride; residue++) {
    const taps = residue < kSize ? Math.ceil((kSize - residue) / stride) : 0;
    const first = Math.ceil((pad - residue) / stride);
    const count = Math.floor((inSize - 1 + pad - residue) / stride) - first + 1;
    if (taps === 0 || count <= 0) {
      phases.push({ residue, taps: 0, first, count: Math.max(0, count), padBefore: 0, padAfter: 0 });
      continue;
    }
    const padBefore = taps - 1 - first;
    if (padBefore < 0) return null;
    const padAfter = Math.max(0, first + count - outSize);
    phases.push({ residue, taps, first, count, padBefore, padAfter });
  }
  return phases;
}

/**
 * Sub-filter of one residue class, [tapsH, tapsW, outC, inC]: the taps that reach it, reversed in
 * both spatial axes, channels swapped. A fresh tensor each call: the XNNPACK operator cache is
 * keyed by filter tensor id.
 */
function subFilter(backend: BackendWasm, filter: tf.TensorInfo, g: ConvGeometry, ph: AxisPhase, pw: AxisPhase): tf.TensorInfo {
  const { inC, outC, kW, strideH, strideW } = g;
  const sub = backend.makeOutput([ph.taps, pw.taps, outC, inC], 'float32');
  const w = f32(backend, filter);
  const f = f32(backend, sub);
  let o = 0;
  for (let a = 0; a < ph.taps; a++) {
    const kh = ph.residue + strideH * (ph.taps - 1 - a);
    for (let b = 0; b < pw.taps; b++) {
      const kw = pw.residue + strideW * (pw.taps - 1 - b);
      const base = (kh * kW + kw) * inC * outC;
      for (let c = 0; c < outC; c++) {
        for (let ci = 0; ci < inC; ci++) f[o++] = w[base + ci * outC + c];
      }
    }
  }
  return sub;
}

/** Element offset in dx of the first position of a residue class (row ph, column pw). */
function phaseOrigin(g: ConvGeometry, ph: AxisPhase, pw: AxisPhase): number {
  return ((g.strideH * ph.first + ph.residue - g.padTop) * g.inW + g.strideW * pw.first + pw.residue - g.padLeft) * g.inC;
}

/** One residue class on the own kernel: a stride-1 convolution of dy written straight into dx's sub-grid. */
function phaseByOwnKernel(
  backend: BackendWasm,
  kernels: OwnKernels,
  dy: tf.TensorInfo,
  sub: tf.TensorInfo,
  bias: tf.TensorInfo | undefined,
  dx: tf.TensorInfo,
  g: ConvGeometry,
  ph: AxisPhase,
  pw: AxisPhase,
): void {
  const phase: KernelGeometry = {
    batch: g.batch,
    inH: g.outH,
    inW: g.outW,
    inC: g.outC,
    outH: ph.count,
    outW: pw.count,
    outC: g.inC,
    kH: ph.taps,
    kW: pw.taps,
    strideH: 1,
    strideW: 1,
    padTop: ph.padBefore,
    padLeft: pw.padBefore,
  };
  const layout: OutputLayout = { image: g.inH * g.inW * g.inC, row: g.strideH * g.inW * g.inC, column: g.strideW * g.inC };
  const out = heapOffset(backend, dx) + 4 * phaseOrigin(g, ph, pw);
  withScratch(backend, kernels.conv2dScratch(phase), 'int32', (scratch) =>
    kernels.conv2d(heapOffset(backend, dy), heapOffset(backend, sub), bias ? heapOffset(backend, bias) : 0, out, phase, layout, scratch),
  );
}

/** One residue class on the stock XNNPACK convolution, then copied into dx's sub-grid. */
function phaseByStockConv(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  sub: tf.TensorInfo,
  dx: tf.TensorInfo,
  g: ConvGeometry,
  ph: AxisPhase,
  pw: AxisPhase,
): void {
  const { batch, inH, inW, inC, strideH, strideW } = g;
  const part = stockKernel(tf.Conv2D)({
    inputs: { x: dy, filter: sub },
    backend,
    attrs: {
      strides: [1, 1],
      pad: [
        [0, 0],
        [ph.padBefore, ph.padAfter],
        [pw.padBefore, pw.padAfter],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [1, 1],
    },
  }) as tf.TensorInfo;
  const src = f32(backend, part);
  const dst = f32(backend, dx);
  const partH = part.shape[1];
  const partW = part.shape[2];
  const origin = phaseOrigin(g, ph, pw);
  const dStep = (strideW - 1) * inC;
  for (let n = 0; n < batch; n++) {
    for (let u = 0; u < ph.count; u++) {
      let s = (n * partH + u) * partW * inC;
      let d = origin + (n * inH + strideH * u) * inW * inC;
      for (let v = 0; v < pw.count; v++, d += dStep) {
        for (let ci = 0; ci < inC; ci++) dst[d++] = src[s++];
      }
    }
  }
  backend.disposeData(part.dataId);
}

/**
 * dx as sH·sW stride-1 convolutions of dy with sub-filters, one per residue class, each written
 * into its sub-grid of dx (by the own kernel directly, else by XNNPACK and a copy). The same
 * arithmetic as the direct form, none of it on zeros, and no column buffer. With `bias` (own
 * kernel only) every position of dx also gets bias[channel]: the transposed convolution's bias.
 */
function inputGradByPhases(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  rows: AxisPhase[],
  cols: AxisPhase[],
  bias?: { tensor: tf.TensorInfo; kernels: OwnKernels },
): tf.TensorInfo {
  const { batch, inH, inW, inC, strideH, strideW, padTop, padLeft } = g;
  const kernels = bias?.kernels ?? ownKernels(backend);
  const dx = backend.makeOutput([batch, inH, inW, inC], 'float32');
  try {
    let covered = 0;
    for (const ph of rows) {
      for (const pw of cols) {
        if (ph.taps === 0 || pw.taps === 0) continue;
        const sub = subFilter(backend, filter, g, ph, pw);
        try {
          if (kernels) phaseByOwnKernel(backend, kernels, dy, sub, bias?.tensor, dx, g, ph, pw);
          else phaseByStockConv(backend, dy, sub, dx, g, ph, pw);
        } finally {
          backend.disposeData(sub.dataId);
        }
        covered += ph.count * pw.count;
      }
    }
    // Residues that no filter tap reaches (kernel smaller than stride) receive no gradient.
    if (covered < inH * inW) {
      const dst = f32(backend, dx);
      const b = bias ? f32(backend, bias.tensor) : undefined;
      for (const ph of rows) {
        for (const pw of cols) {
          if (ph.taps !== 0 && pw.taps !== 0) continue;
          for (let n = 0; n < batch; n++) {
            for (let u = 0; u < ph.count; u++) {
              const ih = strideH * (ph.first + u) + ph.residue - padTop;
              for (let v = 0; v < pw.count; v++) {
                const d = ((n * inH + ih) * inW + strideW * (pw.first + v) + pw.residue - padLeft) * inC;
                if (b) dst.set(b, d);
                else dst.fill(0, d, d + inC);
              }
            }
          }
        }
      }
    }
    return dx;
  } catch (e) {
    backend.disposeData(dx.dataId);
    throw e;
  }
}

/** dx as cols[M, K] = dy[M, CO] · Wᵀ[CO, K] followed by col2im; valid for any padding. */
function inputGradByColumns(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
): tf.TensorInfo {
  const k = g.kH * g.kW * g.inC;
  const perImage = g.outH * g.outW;
  // Wᵀ[CO, K], the right-hand operand. It must be a fresh tensor: XNNPACK operators are cached
  // per right-hand tensor id without its shape, so reusing the filter tensor itself under another
  // shape could pick up an operator built for a different product.
  const filterT = transposedCopy(backend, filter, k, g.outC);
  try {
    const dx = backend.makeOutput([g.batch, g.inH, g.inW, g.inC], 'float32');
    f32(backend, dx).fill(0);
    const step = chunkImages(g, k);
    for (let n0 = 0; n0 < g.batch; n0 += step) {
      const nc = Math.min(step, g.batch - n0);
      const m = nc * perImage;
      const cols = withView(backend, dy, n0 * perImage * g.outC, [m, g.outC], (dyRows) => matMulPlain(backend, dyRows, filterT));
      scatterColumns(f32(backend, cols), f32(backend, dx), g, n0, nc);
      backend.disposeData(cols.dataId);
    }
    return dx;
  } finally {
    backend.disposeData(filterT.dataId);
  }
}

/** Gradient of conv2d with respect to its input; also the forward pass of conv2dTranspose. */
export function conv2DBackpropInput(args: WasmKernelArgs): tf.TensorInfo {
  const backend = wasmBackendOf(args);
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  let dy = args.inputs.dy as tf.TensorInfo;
  const filter = args.inputs.filter as tf.TensorInfo;
  assertFloat32(tf.Conv2DBackpropInput, dy, filter);
  const channelsFirst = attrs.dataFormat === 'NCHW';
  if (channelsFirst) dy = transposeStock(backend, dy, [0, 2, 3, 1]);
  try {
    const inShape = channelsFirst ? toNHWC(attrs.inputShape) : attrs.inputShape;
    const g = geometry(inShape, filter.shape as Shape4, attrs.strides, attrs.pad, attrs.dimRoundingMode);
    assertDyShape(dy, g, tf.Conv2DBackpropInput);
    const rows = axisPhases(g.inH, g.outH, g.kH, g.strideH, g.padTop);
    const cols = axisPhases(g.inW, g.outW, g.kW, g.strideW, g.padLeft);
    const phases =
      rows !== null &&
      cols !== null &&
      (inputGradientMethod === 'phases' ||
        (inputGradientMethod === 'auto' && (g.inC > COLUMNS_MAX_INPUT_CHANNELS || ownKernels(backend) !== undefined)));
    const dx = phases
      ? inputGradByPhases(backend, dy, filter, g, rows, cols)
      : inputGradByColumns(backend, dy, filter, g);
    if (!channelsFirst) return dx;
    const dxNCHW = transposeStock(backend, dx, [0, 3, 1, 2]);
    backend.disposeData(dx.dataId);
    return dxNCHW;
  } finally {
    if (channelsFirst) backend.disposeData(dy.dataId);
  }
}

/**
 * The forward convolution on the own kernel (fused multiply-add where the runtime has relaxed
 * SIMD, which XNNPACK in the stock binary does not use); the stock XNNPACK kernel for what the own
 * kernel does not cover (NCHW, dilation, other types) or where it cannot load.
 */
export function conv2D(args: WasmKernelArgs): tf.TensorInfo {
  const attrs = args.attrs as unknown as tf.Conv2DAttrs;
  const x = args.inputs.x as tf.TensorInfo;
  const filter = args.inputs.filter as tf.TensorInfo;
  const dilations = typeof attrs.dilations === 'number' ? [attrs.dilations, attrs.dilations] : attrs.dilations ?? [1, 1];
  const plain = attrs.dataFormat !== 'NCHW' && dilations[0] === 1 && dilations[1] === 1 && x.dtype === 'float32' && filter.dtype === 'float32';
  return (plain ? convolveOwn(wasmBackendOf(args), x, filter, undefined, attrs) : undefined) ?? (stockKernel(tf.Conv2D)(args) as tf.TensorInfo);
}

/** Stride, padding and rounding of an NHWC convolution with dilation 1. */
export interface ConvAttrs {
  strides: [number, number] | number;
  pad: PadAttr;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** x ⊛ filter (+ bias) on the own kernel, NHWC float32; undefined where the own kernels did not load. */
export function convolveOwn(
  backend: BackendWasm,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  bias: tf.TensorInfo | undefined,
  attrs: ConvAttrs,
): tf.TensorInfo | undefined {
  const kernels = ownKernels(backend);
  if (kernels === undefined) return undefined;
  const g = geometry(x.shape as Shape4, filter.shape as Shape4, attrs.strides, attrs.pad, attrs.dimRoundingMode);
  const out = backend.makeOutput([g.batch, g.outH, g.outW, g.outC], 'float32');
  withScratch(backend, kernels.conv2dScratch(g), 'int32', (scratch) =>
    kernels.conv2d(heapOffset(backend, x), heapOffset(backend, filter), bias ? heapOffset(backend, bias) : 0, heapOffset(backend, out), g, denseOutput(g), scratch),
  );
  return out;
}

/**
 * The transposed convolution of x (the forward pass of conv2dTranspose, i.e. Conv2DBackpropInput
 * with x as dy) to `outShape` (+ bias) on the own kernel, NHWC float32; undefined where the own
 * kernels did not load or the padding needs the general form.
 */
export function transposedConvolveOwn(
  backend: BackendWasm,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  bias: tf.TensorInfo | undefined,
  outShape: Shape4,
  attrs: ConvAttrs,
): tf.TensorInfo | undefined {
  const kernels = ownKernels(backend);
  if (kernels === undefined) return undefined;
  const g = geometry(outShape, filter.shape as Shape4, attrs.strides, attrs.pad, attrs.dimRoundingMode);
  assertDyShape(x, g, tf.Conv2DBackpropInput);
  const rows = axisPhases(g.inH, g.outH, g.kH, g.strideH, g.padTop);
  const cols = axisPhases(g.inW, g.outW, g.kW, g.strideW, g.padLeft);
  if (rows === null || cols === null) return undefined;
  return inputGradByPhases(backend, x, filter, g, rows, cols, bias ? { tensor: bias, kernels } : undefined);
}

/**
 * SSAD Lab's own wasm kernels (`convFilterGrad.c`, `convForward.c`, built by
 * scripts/build-wasm-kernels.sh into `kernelsWasm.ts`), instantiated on the wasm backend's own
 * memory so that they read and write tensors where they lie, with no copy. Undefined where that
 * cannot be done (a backend that does not expose its memory, a runtime without wasm SIMD): the
 * callers then use their general form.
 *
 * The module built with relaxed SIMD (fused multiply-add) is preferred. Node 20's V8 validates it
 * only behind `--experimental-wasm-relaxed-simd`, which is switched on here, in the process that
 * loads the kernels, when the module does not validate as it is (newer V8, Electron: on by
 * default). Where it still does not, the plain SIMD module is used.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setFlagsFromString } from 'v8';
import { KERNELS_RELAXED_SIMD_BASE64, KERNELS_SIMD_BASE64 } from './kernelsWasm';

/** Output positions per tile in convForward.c and convFilterGrad.c (their TILE). */
export const KERNEL_TILE = 64;
export const FILTER_GRAD_TILE = 64;

/** Convolution geometry, NHWC, as the kernels take it. */
export interface KernelGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

/** Where output element (b, oh, ow, co) goes: out + b·image + oh·row + ow·column + co (elements). */
export interface OutputLayout {
  image: number;
  row: number;
  column: number;
}

/** The dense NHWC layout of a convolution's output. */
export function denseOutput(g: KernelGeometry): OutputLayout {
  return { image: g.outH * g.outW * g.outC, row: g.outW * g.outC, column: g.outC };
}

export type OwnKernelsVariant = 'relaxed-simd' | 'simd';

export interface OwnKernels {
  readonly variant: OwnKernelsVariant;
  /** Ints of scratch `convFilterGrad` needs (zeroed by the caller: part of it is the zero padding row). */
  filterGradScratch(g: KernelGeometry): number;
  /** dw (zeroed) += the filter gradient; every pointer a byte offset in the backend's heap. */
  convFilterGrad(x: number, dy: number, dw: number, g: KernelGeometry, scratch: number): void;
  /** Ints of scratch `conv2d` needs (zeroed by the caller: its tail is the zero padding row). */
  conv2dScratch(g: KernelGeometry): number;
  /** The convolution of x with the filter [kH, kW, inC, outC] (+ bias[outC]; 0: none) written to `out` as `layout` says. */
  conv2d(x: number, filter: number, bias: number, out: number, g: KernelGeometry, layout: OutputLayout, scratch: number): void;
  /** Floats of scratch the batch-norm kernels need for C channels. */
  batchNormScratch(channels: number): number;
  /** Per-channel mean and biased variance of x[rows, channels]. */
  channelMoments(x: number, rows: number, channels: number, mean: number, variance: number, scratch: number): void;
  /** y[m, c] = x[m, c]·scale[c] + shift[c], then max(0, ·) with `relu`. */
  channelAffine(x: number, scale: number, shift: number, y: number, rows: number, channels: number, relu: boolean): void;
  /**
   * The batch-norm gradient with batch statistics (dx, dγ, dβ) from dy, x, mean, 1/√(var + ε) and γ;
   * with y (the fused ReLU's output; 0: none) dy counts only where y > 0.
   */
  batchNormGrad(
    t: { dy: number; x: number; mean: number; rstd: number; gamma: number; y: number; dx: number; dgamma: number; dbeta: number },
    rows: number,
    channels: number,
    scratch: number,
  ): void;
  /**
   * c[M, N] = A·B (+ bias[N]), A [M, K] or (transposeA) [K, M], B [K, N] or (transposeB) [N, K];
   * `scratch` holds 8·K floats (bias 0: none).
   */
  matmul(t: { a: number; b: number; bias: number; c: number; scratch: number }, p: { m: number; n: number; k: number; transposeA: boolean; transposeB: boolean }): void;
  /** One AdamW step: m and v updated in place, the new weights written to `out`. */
  adamwUpdate(
    t: { w: number; g: number; m: number; v: number; out: number },
    size: number,
    p: { learningRate: number; beta1: number; beta2: number; correction1: number; correction2: number; epsilon: number; shrink: number },
  ): void;
}

type KernelExport = (...args: number[]) => void;

/** The part of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmApi {
  Memory: abstract new (...args: never[]) => object;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const instances = new WeakMap<object, Map<OwnKernelsVariant, OwnKernels | null>>();
let disabled = false;
let preferred: OwnKernelsVariant = 'relaxed-simd';

/** Turns the kernels off (tests of the general forms, measurements); returns the old setting. */
export function setOwnKernelsEnabled(enabled: boolean): boolean {
  const previous = !disabled;
  disabled = !enabled;
  return previous;
}

/** Chooses the module: relaxed SIMD where the runtime takes it (the default), or plain SIMD; returns the old choice. */
export function setOwnKernelsVariant(variant: OwnKernelsVariant): OwnKernelsVariant {
  const previous = preferred;
  preferred = variant;
  return previous;
}

export function ownKernels(backend: BackendWasm): OwnKernels | undefined {
  if (disabled) return undefined;
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  if (!(memory instanceof wasm.Memory)) return undefined;
  let byVariant = instances.get(memory);
  if (byVariant === undefined) {
    byVariant = new Map();
    instances.set(memory, byVariant);
  }
  let kernels = byVariant.get(preferred);
  if (kernels === undefined) {
    kernels = instantiate(memory, preferred);
    byVariant.set(preferred, kernels);
  }
  return kernels ?? undefined;
}

/** The relaxed SIMD module where the runtime takes it (switching V8's flag on if need be), else the plain one. */
function compile(want: OwnKernelsVariant): { module: object; variant: OwnKernelsVariant } {
  const relaxed = Buffer.from(KERNELS_RELAXED_SIMD_BASE64, 'base64');
  const attempts = want === 'relaxed-simd' ? [() => undefined, () => setFlagsFromString('--experimental-wasm-relaxed-simd')] : [];
  for (const attempt of attempts) {
    try {
      attempt();
      return { module: new wasm.Module(relaxed), variant: 'relaxed-simd' };
    } catch {
      // Not validated (yet): try with the flag, then the plain module.
    }
  }
  return { module: new wasm.Module(Buffer.from(KERNELS_SIMD_BASE64, 'base64')), variant: 'simd' };
}

function instantiate(memory: object, want: OwnKernelsVariant): OwnKernels | null {
  try {
    const { module, variant } = compile(want);
    const instance = new wasm.Instance(module, { env: { memory } });
    const grad = instance.exports.conv_filter_grad as KernelExport;
    const conv = instance.exports.conv2d as KernelExport;
    const moments = instance.exports.channel_moments as KernelExport;
    const affine = instance.exports.channel_affine as KernelExport;
    const bnGrad = instance.exports.batch_norm_grad as KernelExport;
    const adamw = instance.exports.adamw_update as KernelExport;
    const mm = instance.exports.matmul as KernelExport;
    const shape = (g: KernelGeometry) =>
      [g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g.kH, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft] as const;
    return {
      variant,
      filterGradScratch: (g) => g.kH * g.kW * FILTER_GRAD_TILE + Math.max(g.inC, 4) + 8,
      convFilterGrad(x, dy, dw, g, scratch) {
        grad(x, dy, dw, ...shape(g), scratch);
      },
      conv2dScratch: (g) => (g.kH * g.kW + 1) * KERNEL_TILE + g.inC,
      conv2d(x, filter, bias, out, g, layout, scratch) {
        const zeros = scratch + 4 * (g.kH * g.kW + 1) * KERNEL_TILE;
        conv(x, filter, bias, out, ...shape(g), layout.image, layout.row, layout.column, scratch, zeros);
      },
      batchNormScratch: (channels) => 5 * channels,
      channelMoments(x, rows, channels, mean, variance, scratch) {
        moments(x, rows, channels, mean, variance, scratch);
      },
      channelAffine(x, scale, shift, y, rows, channels, relu) {
        affine(x, scale, shift, y, rows, channels, relu ? 1 : 0);
      },
      batchNormGrad(t, rows, channels, scratch) {
        bnGrad(t.dy, t.x, t.mean, t.rstd, t.gamma, t.y, t.dx, t.dgamma, t.dbeta, rows, channels, scratch, scratch + 8 * channels);
      },
      matmul(t, p) {
        const [rowStride, innerStride] = p.transposeA ? [1, p.m] : [p.k, 1];
        mm(t.a, rowStride, innerStride, t.b, p.transposeB ? 1 : 0, t.bias, t.c, p.m, p.n, p.k, t.scratch);
      },
      adamwUpdate(t, size, p) {
        // The complements and reciprocals in double: see adamw.c.
        adamw(t.w, t.g, t.m, t.v, t.out, size, p.learningRate, p.beta1, p.beta2, 1 - p.beta1, 1 - p.beta2, 1 / p.correction1, 1 / p.correction2, p.epsilon, p.shrink);
      },
    };
  } catch {
    // No wasm SIMD in this runtime, or a memory the module cannot import.
    return null;
  }
}

/** Byte offset of a tensor's data in the backend's heap. */
export function heapOffset(backend: BackendWasm, t: tf.TensorInfo): number {
  return backend.typedArrayFromHeap(t).byteOffset;
}

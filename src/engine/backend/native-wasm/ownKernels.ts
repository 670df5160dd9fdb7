/**
 * SSAD Lab's own wasm kernels (`convFilterGrad.c`, built by scripts/build-wasm-kernels.sh into
 * `kernelsWasm.ts`), instantiated on the wasm backend's own memory so that they read and write
 * tensors where they lie, with no copy. Undefined where that cannot be done (a backend that does
 * not expose its memory, a runtime without wasm SIMD): the callers then use their general form.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { KERNELS_WASM_BASE64 } from './kernelsWasm';

/** Output positions per tile in `convFilterGrad.c` (its TILE): the scratch holds kH·kW·TILE ints. */
export const FILTER_GRAD_TILE = 64;

export interface OwnKernels {
  /** dw (zeroed) += the filter gradient; every pointer a byte offset in the backend's heap. */
  convFilterGrad(
    x: number,
    dy: number,
    dw: number,
    g: { batch: number; inH: number; inW: number; inC: number; outH: number; outW: number; outC: number; kH: number; kW: number; strideH: number; strideW: number; padTop: number; padLeft: number },
    scratch: number,
  ): void;
}

type ConvFilterGradExport = (...args: number[]) => void;

/** The part of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmApi {
  Memory: abstract new (...args: never[]) => object;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const instances = new WeakMap<object, OwnKernels | null>();
let disabled = false;

/** Turns the kernels off (tests of the general forms, measurements); returns the old setting. */
export function setOwnKernelsEnabled(enabled: boolean): boolean {
  const previous = !disabled;
  disabled = !enabled;
  return previous;
}

export function ownKernels(backend: BackendWasm): OwnKernels | undefined {
  if (disabled) return undefined;
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  if (!(memory instanceof wasm.Memory)) return undefined;
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    kernels = instantiate(memory);
    instances.set(memory, kernels);
  }
  return kernels ?? undefined;
}

function instantiate(memory: object): OwnKernels | null {
  try {
    const module = new wasm.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    const instance = new wasm.Instance(module, { env: { memory } });
    const grad = instance.exports.conv_filter_grad as ConvFilterGradExport;
    return {
      convFilterGrad(x, dy, dw, g, scratch) {
        grad(x, dy, dw, g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g.kH, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft, scratch);
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

/**
 * SSAD Lab's own wasm kernels: they load on the wasm backend's memory in this Node (so the kernel
 * tests exercise them, not a fallback), import nothing but that memory, and the embedded module is
 * the one its C source builds to (checked where clang can build it).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { KERNELS_RELAXED_SIMD_BASE64, KERNELS_SIMD_BASE64 } from '../../../../src/engine/backend/native-wasm/kernelsWasm';
import { ownKernels, setOwnKernelsVariant } from '../../../../src/engine/backend/native-wasm/ownKernels';
import { useWasm } from './helpers';

const ROOT = resolve(__dirname, '../../../..');

/** The part of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmModuleApi {
  new (bytes: Uint8Array): object;
  imports(module: object): Array<{ module: string; name: string; kind: string }>;
  exports(module: object): Array<{ name: string; kind: string }>;
}
const WasmModule = (globalThis as unknown as { WebAssembly: { Module: WasmModuleApi } }).WebAssembly.Module;

describe('own wasm kernels', () => {
  useWasm();

  it('load on the wasm backend’s memory, with relaxed SIMD (this Node takes it once its flag is on)', () => {
    const kernels = ownKernels(tf.backend() as BackendWasm);
    assert.ok(kernels, 'the own kernels are in use (wasm SIMD and the backend memory available)');
    assert.equal(kernels.variant, 'relaxed-simd');
  });

  it('load as plain SIMD when asked', () => {
    const previous = setOwnKernelsVariant('simd');
    try {
      assert.equal(ownKernels(tf.backend() as BackendWasm)?.variant, 'simd');
    } finally {
      setOwnKernelsVariant(previous);
    }
  });

  it('both modules import only the backend’s memory and export only the kernels', () => {
    for (const bytes of [KERNELS_RELAXED_SIMD_BASE64, KERNELS_SIMD_BASE64]) {
      const module = new WasmModule(Buffer.from(bytes, 'base64'));
      assert.deepEqual(WasmModule.imports(module), [{ module: 'env', name: 'memory', kind: 'memory' }]);
      assert.deepEqual(WasmModule.exports(module).map((e) => e.name).sort(), ['adamw_update', 'batch_norm_grad', 'channel_affine', 'channel_moments', 'conv2d', 'conv_filter_grad', 'matmul']);
    }
  });

  it('the embedded module is what scripts/build-wasm-kernels.sh builds from the C source', function () {
    this.timeout(60_000);
    // The script needs clang 16 or later (relaxed SIMD) and lld.
    const clang = ['clang-16', 'clang'].find((c) => /version (1[6-9]|[2-9]\d)\./.test(spawnSync(c, ['--version']).stdout?.toString() ?? ''));
    const lld = ['wasm-ld-16', 'wasm-ld'].some((l) => spawnSync(l, ['--version']).status === 0);
    if (clang === undefined || !lld) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'ssad-kernels-'));
    try {
      execFileSync(resolve(ROOT, 'scripts/build-wasm-kernels.sh'), [join(dir, 'kernelsWasm.ts')], { stdio: 'pipe', env: { ...process.env, CLANG: clang } });
      const committed = readFileSync(resolve(ROOT, 'src/engine/backend/native-wasm/kernelsWasm.ts'), 'utf8');
      assert.equal(readFileSync(join(dir, 'kernelsWasm.ts'), 'utf8'), committed, 'kernelsWasm.ts is stale: run scripts/build-wasm-kernels.sh and commit it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

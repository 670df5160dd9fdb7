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
import { KERNELS_WASM_BASE64 } from '../../../../src/engine/backend/native-wasm/kernelsWasm';
import { ownKernels } from '../../../../src/engine/backend/native-wasm/ownKernels';
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

  it('load on the wasm backend’s memory', () => {
    assert.ok(ownKernels(tf.backend() as BackendWasm), 'the own kernels are in use (wasm SIMD and the backend memory available)');
  });

  it('import only the backend’s memory and export only the kernels', () => {
    const module = new WasmModule(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    assert.deepEqual(WasmModule.imports(module), [{ module: 'env', name: 'memory', kind: 'memory' }]);
    assert.deepEqual(WasmModule.exports(module).map((e) => e.name), ['conv_filter_grad']);
  });

  it('the embedded module is what scripts/build-wasm-kernels.sh builds from the C source', function () {
    this.timeout(60_000);
    if (spawnSync('clang', ['--version']).status !== 0 || spawnSync('wasm-ld', ['--version']).status !== 0) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'ssad-kernels-'));
    try {
      execFileSync(resolve(ROOT, 'scripts/build-wasm-kernels.sh'), [join(dir, 'kernelsWasm.ts')], { stdio: 'pipe' });
      const committed = readFileSync(resolve(ROOT, 'src/engine/backend/native-wasm/kernelsWasm.ts'), 'utf8');
      assert.equal(readFileSync(join(dir, 'kernelsWasm.ts'), 'utf8'), committed, 'kernelsWasm.ts is stale: run scripts/build-wasm-kernels.sh and commit it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

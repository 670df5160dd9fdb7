import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { resolveWasmDir, selectBackend, WASM_DIR_ENV } from '../../../../src/engine/backend';
import { useWasm } from './helpers';

function missingModule(): never {
  const error = new Error("Cannot find module '@tensorflow/tfjs-node'") as Error & { code: string };
  error.code = 'MODULE_NOT_FOUND';
  throw error;
}

function tfjsNodeInstalled(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

/** What importing tfjs-node does, with the cpu kernels standing in for the native ones. */
function fakeTfjsNode(): unknown {
  tf.registerBackend('tensorflow', () => new tf.MathBackendCPU(), 3);
  tf.copyRegisteredKernels('cpu', 'tensorflow');
  return { version: { ...tf.version, 'tfjs-node': '0.0.0-test' } };
}

function removeFakeTfjsNode(): void {
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
  for (const k of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(k.kernelName, 'tensorflow');
}

describe('selectBackend', () => {
  useWasm();

  it('auto uses tfjs-node when it loads', async () => {
    try {
      const chosen = await selectBackend('auto', { loadNode: fakeTfjsNode });
      assert.equal(chosen.name, 'tensorflow');
      assert.equal(chosen.requested, 'auto');
      assert.match(chosen.detail, /tfjs-node 0\.0\.0-test/);
      assert.equal(tf.getBackend(), 'tensorflow');
      assert.equal(tf.tidy(() => tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0]), 5);
    } finally {
      await tf.setBackend('wasm');
      removeFakeTfjsNode();
    }
  });

  it('auto falls back to wasm without tfjs-node, and says why', async () => {
    const chosen = await selectBackend('auto', { loadNode: missingModule });
    assert.equal(chosen.name, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.match(chosen.detail, /WebAssembly/);
    assert.match(chosen.detail, /added kernels: Conv2DBackpropFilter/);
    assert.match(chosen.detail, /SSAD Lab's own kernels \(relaxed SIMD, fused multiply-add\)/);
    assert.match(chosen.detail, /tfjs-node is not installed/);
  });

  it('node fails with the reason when tfjs-node is not installed', async () => {
    await assert.rejects(selectBackend('node', { loadNode: missingModule }), /tfjs-node is not installed \(it is optional/);
    assert.equal(tf.getBackend(), 'wasm', 'the active backend is left alone');
  });

  it('node fails with the reason when tfjs-node is installed but broken', async () => {
    const broken = () => {
      throw new Error('libtensorflow.so.2: cannot open shared object file');
    };
    await assert.rejects(selectBackend('node', { loadNode: broken }), /installed but did not load: libtensorflow\.so\.2/);
    const noBinding = () => {
      const error = new Error("Cannot find module '/x/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'");
      throw Object.assign(error, { code: 'MODULE_NOT_FOUND' });
    };
    await assert.rejects(selectBackend('node', { loadNode: noBinding }), /installed but did not load: Cannot find module .*tfjs_binding/);
  });

  it('node without an injected loader reports the real installation state', async function () {
    if (tfjsNodeInstalled()) this.skip();
    await assert.rejects(selectBackend('node'), /tfjs-node is not installed/);
  });

  it('cpu and wasm can be forced', async () => {
    const cpu = await selectBackend('cpu');
    assert.deepEqual([cpu.name, cpu.requested, tf.getBackend()], ['cpu', 'cpu', 'cpu']);
    const wasm = await selectBackend('wasm');
    assert.deepEqual([wasm.name, wasm.requested, tf.getBackend()], ['wasm', 'wasm', 'wasm']);
  });

  it('rejects an unknown name', async () => {
    await assert.rejects(selectBackend('gpu'), /unknown backend 'gpu': use auto, node, wasm, cpu/);
  });

  it('falls back to cpu, with the reason, when the wasm binaries are broken (own process)', function () {
    // A failed wasm initialisation cannot be undone, so this runs in a child process.
    this.timeout(30000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssad-wasm-'));
    try {
      for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) fs.writeFileSync(path.join(dir, f), 'not wasm');
      const entry = path.resolve(__dirname, '../../../../src/engine/backend');
      const script = `
        const { selectBackend } = require(${JSON.stringify(entry)});
        (async () => {
          const missing = () => { const e = new Error("Cannot find module '@tensorflow/tfjs-node'"); e.code = 'MODULE_NOT_FOUND'; throw e; };
          const auto = await selectBackend('auto', { loadNode: missing });
          let forced = '';
          try { await selectBackend('wasm'); } catch (e) { forced = e.message; }
          process.stdout.write(JSON.stringify({ auto, forced }));
        })();`;
      const out = execFileSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', script], {
        env: { ...process.env, [WASM_DIR_ENV]: dir },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const { auto, forced } = JSON.parse(out) as { auto: { name: string; detail: string }; forced: string };
      assert.equal(auto.name, 'cpu');
      assert.match(auto.detail, /the wasm backend did not initialise: .*CompileError/);
      assert.match(forced, /did not initialise.*cannot be retried without a restart/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('resolveWasmDir', () => {
    it('finds the binaries of the installed package', () => {
      const found = resolveWasmDir({ env: {} });
      assert.equal(found.source, 'node_modules');
      assert.ok(fs.existsSync(path.join(found.dir, 'tfjs-backend-wasm-simd.wasm')));
    });

    it(`takes ${WASM_DIR_ENV}, and an explicit option over it`, () => {
      const real = resolveWasmDir({ env: {} }).dir;
      assert.deepEqual(resolveWasmDir({ env: { [WASM_DIR_ENV]: real } }), { dir: real, source: WASM_DIR_ENV });
      const fromOption = resolveWasmDir({ wasmDir: real, env: { [WASM_DIR_ENV]: '/does/not/exist' } });
      assert.deepEqual(fromOption, { dir: real, source: 'option' });
    });

    it('refuses an explicit directory without the binaries instead of guessing', () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ssad-wasm-'));
      try {
        assert.throws(() => resolveWasmDir({ env: { [WASM_DIR_ENV]: empty } }), new RegExp(`not in .* \\(from ${WASM_DIR_ENV}\\)`));
        assert.throws(() => resolveWasmDir({ wasmDir: empty }), /\(from option\)/);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });
  });
});

/**
 * Backend selection with native TensorFlow outside node_modules: SSAD_NATIVE_BACKEND_PATH (what
 * the ssad.nativeBackendPath setting and SSAD: Install Native Backend set for training processes)
 * and the per-user install of `ssad backend install`.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { installNativeBackend, NATIVE_BACKEND_ENV, NATIVE_BACKEND_FROM_ENV, selectBackend, TFJS_VERSION } from '../../../../src/engine/backend';
import { useWasm } from './helpers';
import { fakeNpmEnv, writeFakeNpm } from './fakeNpm';

const SETTING = 'the ssad.nativeBackendPath setting';
const OUR_TFJS = path.dirname(require.resolve('@tensorflow/tfjs/package.json'));

/** A tfjs-node package folder under `prefix` with the given index.js (and our tfjs next to it unless told not to). */
function fakeTfjsNode(prefix: string, indexJs: string, options: { version?: string; tfjs?: boolean } = {}): string {
  const dir = path.join(prefix, 'node_modules', '@tensorflow', 'tfjs-node');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', version: options.version ?? TFJS_VERSION, main: 'index.js' }));
  writeFileSync(path.join(dir, 'index.js'), indexJs);
  if (options.tfjs !== false) symlinkSync(OUR_TFJS, path.join(prefix, 'node_modules', '@tensorflow', 'tfjs'), 'dir');
  return dir;
}

function tfjsNodeInNodeModules(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

describe('selectBackend with a native backend location', function () {
  this.timeout(60_000);
  useWasm();
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ssad-native-select-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const env = (location: string, from?: string) => ({ [NATIVE_BACKEND_ENV]: location, ...(from ? { [NATIVE_BACKEND_FROM_ENV]: from } : {}) });

  it('a configured folder without tfjs-node: auto trains with wasm and says why in one clear sentence', async () => {
    const chosen = await selectBackend('auto', { env: env(dir, SETTING) });
    assert.equal(chosen.name, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.match(chosen.detail, /^WebAssembly \(/);
    assert.ok(
      chosen.detail.includes(
        `native TensorFlow from ${SETTING} cannot be used: ${dir} holds no @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu (it is neither an install made by "ssad backend install" or "SSAD: Install Native Backend", nor an npm prefix`,
      ),
      chosen.detail,
    );
    assert.doesNotMatch(chosen.detail, /tfjs-node is not installed/, 'an explicit location is the only one tried');
  });

  it('a configured folder without tfjs-node: backend node fails with that message', async () => {
    await assert.rejects(
      selectBackend('node', { env: env(path.join(dir, 'missing')) }),
      new RegExp(`^Error: backend 'node' is not available: native TensorFlow from ${NATIVE_BACKEND_ENV} cannot be used: .*missing does not exist or is not a folder$`),
    );
    assert.equal(tf.getBackend(), 'wasm', 'the active backend is left alone');
  });

  it('a tfjs-node of another version, or without a tfjs next to it, is refused before it loads', async () => {
    const other = path.join(dir, 'other');
    fakeTfjsNode(other, "throw new Error('must not be loaded');", { version: '4.21.0' });
    await assert.rejects(selectBackend('node', { env: env(other, SETTING) }), /is version 4\.21\.0, but SSAD Lab uses @tensorflow\/tfjs 4\.22\.0; install @tensorflow\/tfjs-node@4\.22\.0/);
    const alone = path.join(dir, 'alone');
    fakeTfjsNode(alone, "throw new Error('must not be loaded');", { tfjs: false });
    await assert.rejects(selectBackend('node', { env: env(alone) }), /cannot find @tensorflow\/tfjs from its folder; install @tensorflow\/tfjs@4\.22\.0 next to it/);
  });

  it('a tfjs-node whose native binding does not load: the reason names where it came from', async () => {
    const pkgDir = fakeTfjsNode(dir, "throw new Error('libtensorflow.so.2: cannot open shared object file');");
    const chosen = await selectBackend('auto', { env: env(dir, SETTING) });
    assert.equal(chosen.name, 'wasm');
    assert.ok(chosen.detail.includes(`@tensorflow/tfjs-node from ${pkgDir} (${SETTING}) did not load: libtensorflow.so.2: cannot open shared object file`), chosen.detail);
  });

  describe('a working install (own processes: the stand-in registers a backend)', () => {
    function selectInChild(extraEnv: Record<string, string>): { auto: { name: string; detail: string }; probe: { auto: string; candidates: Array<{ name: string; ok: boolean; detail: string }> } } {
      const entry = path.resolve(__dirname, '../../../../src/engine/backend');
      const script = `
        const { selectBackend, probeBackends } = require(${JSON.stringify(entry)});
        (async () => {
          const auto = await selectBackend('auto');
          const probe = await probeBackends();
          process.stdout.write(JSON.stringify({ auto, probe }));
        })();`;
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env[NATIVE_BACKEND_ENV];
      delete env[NATIVE_BACKEND_FROM_ENV];
      Object.assign(env, extraEnv);
      const out = execFileSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return JSON.parse(out) as ReturnType<typeof selectInChild>;
    }

    let root: string;
    let fake: ReturnType<typeof writeFakeNpm>;
    before(async function () {
      if (process.platform === 'win32') this.skip();
      fake = writeFakeNpm();
    });
    after(() => fake && rmSync(fake.binDir, { recursive: true, force: true }));
    beforeEach(async () => {
      root = path.join(dir, 'data', 'ssad-lab', 'native-backend');
      const installed = await installNativeBackend({ root, env: fakeNpmEnv(fake, 'ok') });
      assert.ok(installed.ok, JSON.stringify(installed));
    });

    it('auto uses it from SSAD_NATIVE_BACKEND_PATH, and the detail says where it was loaded from', () => {
      const { auto, probe } = selectInChild({ [NATIVE_BACKEND_ENV]: root, XDG_DATA_HOME: path.join(dir, 'elsewhere') });
      assert.equal(auto.name, 'tensorflow');
      assert.match(auto.detail, new RegExp(`^native TensorFlow via tfjs-node 4\\.22\\.0 from ${root}/install-[^/]+/node_modules/@tensorflow/tfjs-node \\(${NATIVE_BACKEND_ENV}\\)$`));
      assert.equal(probe.auto, 'tensorflow');
      assert.deepEqual(
        probe.candidates.map((c) => [c.name, c.ok]),
        [
          ['native', true],
          ['wasm', true],
          ['cpu', true],
        ],
      );
    });

    it('auto finds the per-user install of "ssad backend install" without any variable', function () {
      if (tfjsNodeInNodeModules()) this.skip(); // that one comes first
      const { auto } = selectInChild({ XDG_DATA_HOME: path.join(dir, 'data') });
      assert.equal(auto.name, 'tensorflow');
      assert.match(auto.detail, /from .*native-backend\/install-.* \(the per-user install of "ssad backend install"\)$/);
    });
  });
});

/**
 * `ssad backend` and `ssad backend install` on the built bundle (dist/cli.js), with a fake npm
 * (test/unit/backend/fakeNpm.ts). Run `npm run build` first when running this alone.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fakeNpmEnv, writeFakeNpm, type FakeNpm } from '../engine/backend/fakeNpm';

const CLI = resolve(__dirname, '../../../dist/cli.js');

describe('ssad backend (built bundle)', function () {
  this.timeout(120_000);
  let dir: string;
  let fake: FakeNpm;

  before(function () {
    if (process.platform === 'win32') this.skip();
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
    fake = writeFakeNpm();
  });
  after(() => fake && rmSync(fake.binDir, { recursive: true, force: true }));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-cli-backend-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function ssad(args: string[], mode = 'download-fails', extra: Record<string, string> = {}) {
    const env = fakeNpmEnv(fake, mode, { XDG_DATA_HOME: join(dir, 'data'), ...extra });
    if (!('SSAD_NATIVE_BACKEND_PATH' in extra)) delete env.SSAD_NATIVE_BACKEND_PATH;
    return spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  }

  it('prints what auto picks and one line per candidate with the reason', function () {
    if (existsSync(resolve(__dirname, '../../../node_modules/@tensorflow/tfjs-node'))) this.skip();
    const r = ssad(['backend']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'auto picks: wasm');
    assert.match(lines[1], /^ {2}native {2}no {3}tfjs-node is not installed \(.*"ssad backend install" or "SSAD: Install Native Backend" installs it\)$/);
    assert.match(lines[2], /^ {2}wasm {4}yes {2}WebAssembly \(XNNPACK/);
    assert.match(lines[3], /^ {2}cpu {5}yes {2}plain JavaScript cpu backend/);
    assert.match(lines[4], /^Per-user native install \(ssad backend install\): no install in .*data\/ssad-lab\/native-backend$/);
  });

  it('names a SSAD_NATIVE_BACKEND_PATH without tfjs-node, in a clear sentence', () => {
    const r = ssad(['backend'], 'ok', { SSAD_NATIVE_BACKEND_PATH: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`native {2}no {3}native TensorFlow from SSAD_NATIVE_BACKEND_PATH cannot be used: ${dir} holds no @tensorflow/tfjs-node`));
  });

  it('install: a failed libtensorflow download exits 1 with the reason and leaves nothing', () => {
    const prefix = join(dir, 'native');
    const r = ssad(['backend', 'install', '--prefix', prefix], 'download-fails');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\* Downloading libtensorflow/, 'npm output is streamed');
    assert.match(
      r.stderr,
      /ssad: native TensorFlow was not installed: the download of libtensorflow \(https:\/\/storage\.googleapis\.com\/\S+\) failed: getaddrinfo ENOTFOUND storage\.googleapis\.com\. Training goes on with WebAssembly\.\n$/,
    );
    assert.equal(existsSync(prefix), false);
  });

  it('install into the per-user folder, then auto picks it (a second copy of tfjs shares the engine)', () => {
    const r = ssad(['backend', 'install'], 'ok');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Installed @tensorflow\/tfjs-node 4\.22\.0 in .*data\/ssad-lab\/native-backend\/install-.*; `ssad run` with backend auto uses it from now on\.\n$/);
    const after = ssad(['backend'], 'ok');
    assert.equal(after.status, 0, after.stderr);
    assert.match(after.stdout, /^auto picks: native\n {2}native {2}yes {2}native TensorFlow via tfjs-node 4\.22\.0 from .*\(the per-user install of "ssad backend install"\)\n/);
    assert.match(after.stdout, /Per-user native install \(ssad backend install\): @tensorflow\/tfjs-node 4\.22\.0 in /);
  });

  it('bad usage exits 2', () => {
    assert.equal(ssad(['backend', 'frobnicate']).status, 2);
    assert.equal(ssad(['backend', '--gpu']).status, 2);
    assert.equal(ssad(['backend', 'install', 'extra']).status, 2);
    assert.equal(ssad(['backend', 'install', '--prefix']).status, 2);
  });
});

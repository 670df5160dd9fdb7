/**
 * The CLI as a user without the repository gets it: `npm pack` here, `npm install -g` of the
 * tarball into a temporary prefix, then the installed `ssad` run from a folder outside the
 * repository, with an environment and a PATH that lead nowhere into it. It must say its version,
 * train a tiny grid with the wasm binaries it ships, and find the embedded MNIST.
 *
 * `npm test` builds before the unit tests; run `npm run build` first when running this alone. The
 * pack skips `prepack` (the production build): that build empties dist/, which the suites after
 * this one (and other people's runs of them) still use, and the build just made is what is tested.
 * The optional native backend is left out of the install: its install script downloads
 * libtensorflow, which would make this test slow, and depend on the network, wherever it works.
 */
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RunResults } from '../../../src/shared/results';
import { tinyShapesConfig } from '../../helpers/tinyConfig';

const REPO = resolve(__dirname, '../../..');
const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };

function inside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The environment of a user's shell: no npm-script variables (they name this repository), no
 * module search path, no SSAD_* overrides, a PATH without folders of the repository (but with this
 * Node, which the CLI's `#!/usr/bin/env node` needs), and a per-user data folder of its own, so
 * that no native TensorFlow installed for this user is picked up.
 */
function userEnv(dataHome: string, keepNpmConfig: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const npmConfig = /^npm_config_/i.test(key) && !/^npm_config_(local_prefix|prefix|global_prefix)$/i.test(key);
    if (/^npm_/i.test(key) && !(keepNpmConfig && npmConfig)) continue;
    if (key === 'INIT_CWD' || key === 'NODE_PATH' || key === 'NODE_OPTIONS' || key.startsWith('SSAD_')) continue;
    env[key] = value;
  }
  const path = (process.env.PATH ?? '').split(delimiter).filter((p) => p !== '' && !inside(REPO, resolve(p)));
  env.PATH = [dirname(process.execPath), ...path].join(delimiter);
  env.XDG_DATA_HOME = dataHome;
  return env;
}

function check(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  assert.equal(r.status, 0, `${what} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('installable CLI (npm pack, npm install -g of the tarball)', function () {
  this.timeout(300_000);
  let root: string;
  let prefix: string;
  let work: string;
  let ssad: string;
  /** Everything the installed CLI printed or wrote, to look for paths into the repository. */
  const seen: string[] = [];

  before(function () {
    // `npm install -g` lays out bin/ and lib/node_modules/ this way on Linux and macOS only.
    if (process.platform === 'win32') this.skip();
    for (const file of ['cli.js', 'worker.js']) {
      if (!existsSync(join(REPO, 'dist', file))) throw new Error(`dist/${file} is missing: run "npm run build" first`);
    }
    root = realpathSync(mkdtempSync(join(tmpdir(), 'ssad-install-')));
    assert.ok(!inside(REPO, root), `the temporary folder ${root} must be outside the repository`);
    prefix = join(root, 'prefix');
    work = join(root, 'work');
    mkdirSync(work);
    ssad = join(prefix, 'bin', 'ssad');
  });
  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  function runSsad(args: string[]): SpawnSyncReturns<string> {
    const r = spawnSync(ssad, args, { cwd: work, env: userEnv(join(root, 'data'), false), encoding: 'utf8', timeout: 180_000 });
    seen.push(r.stdout ?? '', r.stderr ?? '');
    return r;
  }

  it(`npm pack gives ${name}-${version}.tgz with the bundles, the wasm binaries and MNIST, and nothing of the sources`, () => {
    const r = check(
      spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: REPO, env: userEnv(join(root, 'data'), true), encoding: 'utf8', timeout: 120_000 }),
      'npm pack',
    );
    const [packed] = JSON.parse(r.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    assert.equal(packed.filename, `${name}-${version}.tgz`);
    assert.ok(existsSync(join(root, packed.filename)));
    const files = packed.files.map((f) => f.path);
    for (const needed of [
      'package.json',
      'dist/cli.js',
      'dist/worker.js',
      'dist/tfjs-backend-wasm.wasm',
      'dist/tfjs-backend-wasm-simd.wasm',
      'media/mnist/train-images-idx3-ubyte.gz',
      'media/mnist/train-labels-idx1-ubyte.gz',
      'media/mnist/t10k-images-idx3-ubyte.gz',
      'media/mnist/t10k-labels-idx1-ubyte.gz',
      'src/engine/config/ssad.schema.json',
    ]) {
      assert.ok(files.includes(needed), `the tarball holds ${needed}`);
    }
    const unwanted = files.filter((f) => /\.map$|^dist\/test\/|^node_modules\/|^test\/|^scripts\/|^webview\//.test(f) || (f.startsWith('src/') && !f.endsWith('.schema.json')));
    assert.deepEqual(unwanted, [], 'the tarball holds no sources, tests or source maps');
  });

  it('npm install -g of the tarball gives a bin/ssad of its own, not a link into the repository', () => {
    const tarball = join(root, `${name}-${version}.tgz`);
    check(
      spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', '--omit=optional', tarball], {
        cwd: work,
        env: userEnv(join(root, 'data'), true),
        encoding: 'utf8',
        timeout: 180_000,
      }),
      'npm install -g',
    );
    const installed = join(prefix, 'lib', 'node_modules', name);
    assert.ok(lstatSync(installed).isDirectory() && !lstatSync(installed).isSymbolicLink(), `${installed} is a folder`);
    assert.equal(realpathSync(ssad), join(installed, 'dist', 'cli.js'));
  });

  it('ssad --version prints the version and exits 0', () => {
    const r = check(runSsad(['--version']), 'ssad --version');
    assert.equal(r.stdout.trim(), version);
  });

  it('ssad run trains a tiny grid to completion with the wasm binaries the package ships', () => {
    const config = tinyShapesConfig('installed CLI', {
      dataset: { source: 'shapes', normalClasses: [1], imageSize: 16, maxTrain: 64, maxTest: 16 },
      runtime: { backend: 'auto', parallelism: 2 },
    });
    writeFileSync(join(work, 'tiny.ssad.json'), JSON.stringify(config));
    const runs = join(root, 'runs');
    const r = check(runSsad(['run', 'tiny.ssad.json', '--out', runs]), 'ssad run');
    assert.match(r.stdout, /^none\s+\d\.\d{3}/m);
    const [runId] = readdirSync(runs);
    const text = readFileSync(join(runs, runId, 'results.json'), 'utf8');
    seen.push(text);
    const results = JSON.parse(text) as RunResults;
    assert.equal(results.status, 'completed');
    assert.equal(results.backend?.name, 'wasm');
    assert.match(results.backend?.detail ?? '', /binaries from bundle/);
  });

  it('ssad samples finds the embedded MNIST', () => {
    const out = join(root, 's.png');
    check(runSsad(['samples', '--out', out]), 'ssad samples');
    assert.deepEqual([...readFileSync(out).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  });

  it('nothing the installed CLI printed or wrote names a path in the repository', () => {
    assert.ok(seen.length > 0);
    for (const text of seen) assert.ok(!text.includes(REPO), `a path into the repository:\n${text}`);
  });
});

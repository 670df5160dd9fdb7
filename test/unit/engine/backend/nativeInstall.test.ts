/**
 * Installing native TensorFlow with the user's npm (here a fake one, ./fakeNpm): a failed
 * download or a package that fails its check leaves nothing that `auto` would use, and says why
 * in one sentence; a good install becomes the active one only after its check.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ACTIVE_INSTALL_FILE,
  defaultNativeBackendRoot,
  explainNpmFailure,
  findNativeBackend,
  hasActiveNativeInstall,
  installNativeBackend,
  npmInstallArgs,
  TFJS_VERSION,
} from '../../../../src/engine/backend';
import { childrenOf } from '../../../helpers/processes';
import { fakeNpmEnv, writeFakeNpm, type FakeNpm } from './fakeNpm';

describe('native backend install (fake npm)', function () {
  this.timeout(60_000);
  let fake: FakeNpm;
  let dir: string;
  let root: string;

  before(function () {
    if (process.platform === 'win32') this.skip();
    fake = writeFakeNpm();
  });
  after(() => fake && rmSync(fake.binDir, { recursive: true, force: true }));
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssad-native-'));
    root = path.join(dir, 'native-backend');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pins the version of our @tensorflow/tfjs', () => {
    // tfjs is bundled into dist/, so it is a build input (devDependencies); tfjs-node loads at run time.
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as Record<'devDependencies' | 'optionalDependencies', Record<string, string>>;
    assert.equal(TFJS_VERSION, pkg.devDependencies['@tensorflow/tfjs']);
    assert.equal(TFJS_VERSION, pkg.optionalDependencies['@tensorflow/tfjs-node']);
    assert.deepEqual(npmInstallArgs('/p'), ['install', '--no-audit', '--no-fund', '--prefix', '/p', `@tensorflow/tfjs-node@${TFJS_VERSION}`, `@tensorflow/tfjs@${TFJS_VERSION}`]);
    assert.equal(npmInstallArgs('/p', true)[5], `@tensorflow/tfjs-node-gpu@${TFJS_VERSION}`);
  });

  it('a failed libtensorflow download: one clear sentence, npm output streamed, nothing left behind', async () => {
    const log = path.join(dir, 'npm-args.log');
    let output = '';
    const steps: string[] = [];
    const result = await installNativeBackend({
      root,
      env: fakeNpmEnv(fake, 'download-fails', { FAKE_NPM_LOG: log }),
      onOutput: (t) => (output += t),
      onStep: (s) => steps.push(s),
    });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.canceled, false);
    assert.equal(result.step, 'npm');
    assert.match(
      result.reason,
      /^the download of libtensorflow \(https:\/\/storage\.googleapis\.com\/tensorflow\/libtensorflow\/libtensorflow-cpu-linux-x86_64-2\.9\.1\.tar\.gz\) failed: getaddrinfo ENOTFOUND storage\.googleapis\.com$/,
    );
    assert.match(output, /\* Downloading libtensorflow/, 'npm output reaches the caller');
    assert.deepEqual(steps, ['npm']);
    // npm ran from PATH with the documented command line, into a staging folder under the root.
    const [args] = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
    assert.deepEqual(args.slice(0, 4), ['install', '--no-audit', '--no-fund', '--prefix']);
    assert.ok(args[4].startsWith(path.join(root, 'install-')), args[4]);
    assert.deepEqual(args.slice(5), [`@tensorflow/tfjs-node@${TFJS_VERSION}`, `@tensorflow/tfjs@${TFJS_VERSION}`]);
    assert.equal(existsSync(root), false, 'the install root it created is gone again');
    assert.equal(findNativeBackend(dir).found, false);
  });

  it('npm not found, and npm without its registry, say so', async () => {
    const missing = await installNativeBackend({ root, env: { ...process.env, PATH: path.join(dir, 'empty') } });
    assert.ok(!missing.ok);
    assert.match(missing.reason, /^npm was not found on the PATH \(install Node\.js with npm/);
    const explicit = await installNativeBackend({ root, npmCommand: path.join(dir, 'no-npm-here') });
    assert.ok(!explicit.ok);
    assert.match(explicit.reason, /^npm was not found at .*no-npm-here$/);
    const offline = await installNativeBackend({ root, env: fakeNpmEnv(fake, 'registry-down') });
    assert.ok(!offline.ok);
    assert.equal(offline.reason, 'npm could not reach its package registry (getaddrinfo ENOTFOUND registry.npmjs.org)');
    assert.equal(existsSync(root), false);
  });

  it('a package that installs but does not load fails its check; an earlier good install stays active', async () => {
    const good = await installNativeBackend({ root, env: fakeNpmEnv(fake, 'ok') });
    assert.ok(good.ok, JSON.stringify(good));
    const before = readFileSync(path.join(root, ACTIVE_INSTALL_FILE), 'utf8');

    const broken = await installNativeBackend({ root, env: fakeNpmEnv(fake, 'broken-package') });
    assert.ok(!broken.ok);
    assert.equal(broken.step, 'verify');
    assert.equal(
      broken.reason,
      'the installed @tensorflow/tfjs-node failed its check: libtensorflow.so.2: cannot open shared object file: No such file or directory',
    );
    const noBackend = await installNativeBackend({ root, env: fakeNpmEnv(fake, 'no-backend') });
    assert.ok(!noBackend.ok);
    assert.match(noBackend.reason, /failed its check: it loaded but registered no "tensorflow" backend$/);

    assert.equal(readFileSync(path.join(root, ACTIVE_INSTALL_FILE), 'utf8'), before, 'active.json is untouched');
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith('install-')),
      [JSON.parse(before).dir],
      'only the good install is left',
    );
  });

  it('a package that fails its check into an empty root leaves nothing that auto would use', async () => {
    const result = await installNativeBackend({ root, env: fakeNpmEnv(fake, 'broken-package') });
    assert.ok(!result.ok);
    assert.equal(existsSync(root), false);
    assert.equal(hasActiveNativeInstall(root), false);
  });

  it('a good install is verified, then activated; the GPU package when asked for', async () => {
    const steps: string[] = [];
    const result = await installNativeBackend({ root, gpu: true, env: fakeNpmEnv(fake, 'ok'), onStep: (s) => steps.push(s) });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(steps, ['npm', 'verify', 'activate']);
    assert.equal(result.pkg.name, '@tensorflow/tfjs-node-gpu');
    assert.equal(result.pkg.version, TFJS_VERSION);
    assert.match(result.verified, /backend "tensorflow" ran an op/);
    const active = JSON.parse(readFileSync(path.join(root, ACTIVE_INSTALL_FILE), 'utf8')) as { dir: string; package: string };
    assert.equal(active.package, '@tensorflow/tfjs-node-gpu');
    assert.ok(hasActiveNativeInstall(root));
    const found = findNativeBackend(root);
    assert.ok(found.found);
    assert.equal(found.pkg.dir, path.join(root, active.dir, 'node_modules', '@tensorflow', 'tfjs-node-gpu'));

    // A second install replaces the first and removes it.
    const again = await installNativeBackend({ root, env: fakeNpmEnv(fake, 'ok') });
    assert.ok(again.ok);
    assert.equal(again.pkg.name, '@tensorflow/tfjs-node');
    assert.equal(readdirSync(root).filter((n) => n.startsWith('install-')).length, 1);
  });

  it('cancel stops npm and removes the staging folder', async () => {
    const controller = new AbortController();
    const pending = installNativeBackend({ root, env: fakeNpmEnv(fake, 'slow'), signal: controller.signal });
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(childrenOf(process.pid).length > 0, 'npm is running');
    const start = Date.now();
    controller.abort();
    const result = await pending;
    assert.ok(Date.now() - start < 2_000);
    assert.ok(!result.ok);
    assert.equal(result.canceled, true);
    assert.equal(result.reason, 'the install was canceled');
    assert.equal(existsSync(root), false);
  });
});

describe('explainNpmFailure', () => {
  it('reads the real log of a failed libtensorflow download', () => {
    const log = [
      'npm error code 1',
      'npm error path /x/node_modules/@tensorflow/tfjs-node',
      'npm error command failed',
      'npm error command sh -c node scripts/install.js',
      'npm error https://storage.googleapis.com/tensorflow/libtensorflow/libtensorflow-cpu-linux-x86_64-2.9.1.tar.gz',
      'npm error * Downloading libtensorflow',
      "npm error       throw er; // Unhandled 'error' event",
      'npm error Error: connect ETIMEDOUT 142.250.1.1:443',
    ].join('\n');
    assert.match(explainNpmFailure(log, 1), /^the download of libtensorflow \(https:.*\.tar\.gz\) failed: connect ETIMEDOUT 142\.250\.1\.1:443$/);
  });

  it('an unsupported platform, a failed binding build, a registry 404, and anything else', () => {
    assert.match(explainNpmFailure('Error: Unsupported system: cpu-linux-arm64', 1), /no libtensorflow build for this platform \(cpu-linux-arm64\)/);
    const build = '* Downloading libtensorflow\n* Building TensorFlow Node.js bindings\nnode-pre-gyp install failed with error: Error: Command failed\ngyp ERR! stack Error: not found: make';
    assert.match(explainNpmFailure(build, 1), /^no prebuilt tfjs-node binding could be downloaded .* building it from source failed/);
    assert.match(explainNpmFailure('npm error code E404\nnpm error 404 Not Found', 1), /did not find @tensorflow\/tfjs-node@4\.22\.0/);
    assert.equal(explainNpmFailure('npm error code EWHATEVER\nnpm error something odd happened', 1), 'npm install exited with code 1: something odd happened');
  });
});

describe('defaultNativeBackendRoot', () => {
  it('follows XDG_DATA_HOME, else ~/.local/share; LOCALAPPDATA on Windows', () => {
    assert.equal(defaultNativeBackendRoot({ XDG_DATA_HOME: '/data' }, 'linux', '/home/u'), path.join('/data', 'ssad-lab', 'native-backend'));
    assert.equal(defaultNativeBackendRoot({}, 'linux', '/home/u'), path.join('/home/u', '.local', 'share', 'ssad-lab', 'native-backend'));
    assert.equal(defaultNativeBackendRoot({ XDG_DATA_HOME: 'relative' }, 'darwin', '/Users/u'), path.join('/Users/u', '.local', 'share', 'ssad-lab', 'native-backend'));
    assert.equal(defaultNativeBackendRoot({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\ssad-lab\\native-backend');
  });
});

describe('findNativeBackend', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ssad-native-find-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function fakePackage(at: string, name = '@tensorflow/tfjs-node'): void {
    mkdirSync(at, { recursive: true });
    writeFileSync(path.join(at, 'package.json'), JSON.stringify({ name, version: TFJS_VERSION }));
  }

  it('accepts an npm prefix, a node_modules folder and the package folder; prefers -gpu', () => {
    const pkgDir = path.join(dir, 'node_modules', '@tensorflow', 'tfjs-node');
    fakePackage(pkgDir);
    for (const location of [dir, path.join(dir, 'node_modules'), pkgDir]) {
      const found = findNativeBackend(location);
      assert.ok(found.found, location);
      assert.equal(found.pkg.dir, pkgDir);
    }
    fakePackage(path.join(dir, 'node_modules', '@tensorflow', 'tfjs-node-gpu'), '@tensorflow/tfjs-node-gpu');
    const both = findNativeBackend(dir);
    assert.ok(both.found);
    assert.equal(both.pkg.name, '@tensorflow/tfjs-node-gpu');
  });

  it('says clearly what is wrong with a folder without tfjs-node', () => {
    const empty = findNativeBackend(dir);
    assert.ok(!empty.found);
    assert.match(empty.reason, /holds no @tensorflow\/tfjs-node or @tensorflow\/tfjs-node-gpu \(it is neither an install made by "ssad backend install"/);
    const missing = findNativeBackend(path.join(dir, 'nope'));
    assert.ok(!missing.found);
    assert.match(missing.reason, /nope does not exist or is not a folder$/);
    writeFileSync(path.join(dir, ACTIVE_INSTALL_FILE), JSON.stringify({ dir: 'install-gone', package: '@tensorflow/tfjs-node' }));
    const stale = findNativeBackend(dir);
    assert.ok(!stale.found);
    assert.match(stale.reason, /the install that active\.json names \(.*install-gone\) no longer holds @tensorflow\/tfjs-node/);
  });
});

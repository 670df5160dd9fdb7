/**
 * A stand-in for npm, for tests of the native-backend install: an executable `npm` in a folder of
 * its own (put it first on PATH, or pass its path). What it does is chosen by FAKE_NPM_MODE:
 *   download-fails  prints what tfjs-node's install script prints when storage.googleapis.com
 *                   cannot be reached, exits 1 and installs nothing (as npm does);
 *   registry-down   fails like npm without its registry;
 *   broken-package  "installs" a tfjs-node whose native binding does not load;
 *   no-backend      "installs" a tfjs-node that loads but registers no backend;
 *   ok              "installs" a working stand-in: it registers a `tensorflow` backend with the
 *                   cpu kernels, through the @tensorflow/tfjs installed next to it (a link to ours);
 *   slow            waits a minute (for cancel tests).
 * It appends its arguments to FAKE_NPM_LOG when that is set. POSIX only.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const SCRIPT = String.raw`
const fs = require('fs');
const path = require('path');
const args = process.argv.slice(2);
if (process.env.FAKE_NPM_LOG) fs.appendFileSync(process.env.FAKE_NPM_LOG, JSON.stringify(args) + '\n');
const prefix = args[args.indexOf('--prefix') + 1];
const pkgArg = args.find((a) => a.startsWith('@tensorflow/tfjs-node'));
const name = pkgArg.slice(0, pkgArg.lastIndexOf('@'));
const version = pkgArg.slice(pkgArg.lastIndexOf('@') + 1);
const mode = process.env.FAKE_NPM_MODE || 'download-fails';

function install(indexJs) {
  const dir = path.join(prefix, 'node_modules', ...name.split('/'));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version, main: 'index.js' }));
  fs.writeFileSync(path.join(dir, 'index.js'), indexJs);
  fs.symlinkSync(process.env.FAKE_NPM_TFJS, path.join(prefix, 'node_modules', '@tensorflow', 'tfjs'), 'dir');
  console.log('added 2 packages in 1s');
}

switch (mode) {
  case 'download-fails':
    console.log('> ' + name + '@' + version + ' install');
    console.error([
      'npm error code 1',
      'npm error path ' + prefix + '/node_modules/' + name,
      'npm error command failed',
      'npm error command sh -c node scripts/install.js',
      'npm error CPU-linux-' + version + '.tar.gz',
      'npm error https://storage.googleapis.com/tensorflow/libtensorflow/libtensorflow-cpu-linux-x86_64-2.9.1.tar.gz',
      'npm error * Downloading libtensorflow',
      'npm error Error: getaddrinfo ENOTFOUND storage.googleapis.com',
      "npm error   code: 'ENOTFOUND',",
      "npm error   hostname: 'storage.googleapis.com'",
    ].join('\n'));
    process.exit(1);
  case 'registry-down':
    console.error([
      'npm error code ENOTFOUND',
      'npm error syscall getaddrinfo',
      'npm error network request to https://registry.npmjs.org/@tensorflow%2ftfjs-node failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org',
    ].join('\n'));
    process.exit(1);
  case 'broken-package':
    install("throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');\n");
    break;
  case 'no-backend':
    install("module.exports = { version: { 'tfjs-node': '" + version + "' } };\n");
    break;
  case 'ok':
    install([
      "const tf = require('@tensorflow/tfjs');",
      "if (tf.findBackendFactory('tensorflow') === null) {",
      "  tf.registerBackend('tensorflow', () => new tf.MathBackendCPU(), 3);",
      "  tf.copyRegisteredKernels('cpu', 'tensorflow');",
      '}',
      "module.exports = { version: { 'tfjs-node': '" + version + "' } };",
    ].join('\n') + '\n');
    break;
  case 'slow':
    setTimeout(() => process.exit(0), 60000);
    break;
  default:
    console.error('fake npm: unknown mode ' + mode);
    process.exit(2);
}
`;

export interface FakeNpm {
  /** The folder to put first on PATH. */
  binDir: string;
  /** The executable itself. */
  npm: string;
}

export function writeFakeNpm(): FakeNpm {
  const binDir = mkdtempSync(path.join(tmpdir(), 'ssad-fake-npm-'));
  mkdirSync(binDir, { recursive: true });
  const npm = path.join(binDir, 'npm');
  writeFileSync(npm, `#!${process.execPath}\n${SCRIPT}`);
  chmodSync(npm, 0o755);
  return { binDir, npm };
}

/** Environment for the fake npm: its mode, the tfjs it links, and PATH with it first. */
export function fakeNpmEnv(fake: FakeNpm, mode: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${fake.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    FAKE_NPM_MODE: mode,
    FAKE_NPM_TFJS: path.dirname(require.resolve('@tensorflow/tfjs/package.json')),
    ...extra,
  };
}

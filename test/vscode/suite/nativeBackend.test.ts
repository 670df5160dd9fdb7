import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunCommandOutcome } from '../../../src/extension/runs/runCommands';
import type { InstallNativeOutcome } from '../../../src/extension/native/registerNativeBackend';
import type { RunResults } from '../../../src/shared/results';
import { TINY_QUICKSTART, activateExtension, workspaceCleanup } from './runsHelpers';

/**
 * A stand-in for npm that fails the way `npm install @tensorflow/tfjs-node` fails on a machine
 * that cannot reach storage.googleapis.com (the real npm does the same here, only slower), and
 * writes its arguments next to itself.
 */
function writeFailingNpm(dir: string): string {
  const npm = path.join(dir, 'npm');
  const lines = [
    'npm error code 1',
    'npm error path $PREFIX/node_modules/@tensorflow/tfjs-node',
    'npm error command failed',
    'npm error command sh -c node scripts/install.js',
    'npm error https://storage.googleapis.com/tensorflow/libtensorflow/libtensorflow-cpu-linux-x86_64-2.9.1.tar.gz',
    'npm error * Downloading libtensorflow',
    'npm error Error: getaddrinfo ENOTFOUND storage.googleapis.com',
  ];
  writeFileSync(
    npm,
    ['#!/bin/sh', `echo "$@" >> "${path.join(dir, 'args.log')}"`, ...lines.map((l) => `echo "${l}" >&2`), 'exit 1', ''].join('\n'),
  );
  chmodSync(npm, 0o755);
  return npm;
}

function readResults(runDir: string): RunResults {
  return JSON.parse(readFileSync(path.join(runDir, 'results.json'), 'utf8')) as RunResults;
}

const ONE_CELL = { ...TINY_QUICKSTART, augmentations: ['none'] };

describe('SSAD native backend: a failed install and a nativeBackendPath without tfjs-node (real extension host)', function () {
  this.timeout(180_000);
  let cleanUp: () => void = () => {};
  let scratch = '';

  before(async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // the runs train: Restricted Mode refuses them (trust.test.ts)
    await activateExtension();
    cleanUp = workspaceCleanup();
    scratch = mkdtempSync(path.join(tmpdir(), 'ssad-native-suite-'));
    await vscode.workspace.getConfiguration('ssad.results').update('openOnFinish', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    delete process.env.SSAD_NPM;
    await vscode.workspace.getConfiguration('ssad').update('nativeBackendPath', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ssad.results').update('openOnFinish', undefined, vscode.ConfigurationTarget.Global);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    cleanUp();
  });

  it('Install Native Backend: a failed libtensorflow download says why in one sentence, leaves nothing for auto, and the next run trains with wasm', async () => {
    // The extension host shares this process's environment: SSAD_NPM points the command at the stand-in.
    process.env.SSAD_NPM = writeFailingNpm(scratch);
    let outcome: InstallNativeOutcome | undefined;
    try {
      outcome = (await vscode.commands.executeCommand('ssad.installNativeBackend', { gpu: false })) as InstallNativeOutcome | undefined;
    } finally {
      delete process.env.SSAD_NPM;
    }
    assert.ok(outcome && outcome.outcome === 'failed', JSON.stringify(outcome));
    assert.equal(
      outcome.message,
      'SSAD: native TensorFlow was not installed: the download of libtensorflow ' +
        '(https://storage.googleapis.com/tensorflow/libtensorflow/libtensorflow-cpu-linux-x86_64-2.9.1.tar.gz) failed: ' +
        'getaddrinfo ENOTFOUND storage.googleapis.com. Training goes on with WebAssembly.',
    );
    // npm was asked for tfjs-node at our tfjs version, into a staging folder of the global storage install root.
    const args = readFileSync(path.join(scratch, 'args.log'), 'utf8').trim();
    assert.match(args, /^install --no-audit --no-fund --prefix \S+ @tensorflow\/tfjs-node@4\.22\.0 @tensorflow\/tfjs@4\.22\.0$/);
    assert.ok(args.includes(`--prefix ${path.join(outcome.root, 'install-')}`), args);
    assert.match(outcome.root, /native-backend$/);
    // Nothing is left there: no active.json, no half-installed package.
    const left = existsSync(outcome.root) ? readdirSync(outcome.root) : [];
    assert.deepEqual(left, [], `left in ${outcome.root}: ${left.join(', ')}`);

    const run = (await vscode.commands.executeCommand('ssad.runQuickstart', { ...ONE_CELL, name: 'after-failed-native-install' })) as RunCommandOutcome;
    assert.ok(run.outcome === 'finished' && run.status === 'completed', JSON.stringify(run));
    const backend = readResults(run.runDir).backend;
    assert.equal(backend?.name, 'wasm');
    assert.equal(backend?.requested, 'auto');
    assert.match(backend?.detail ?? '', /tfjs-node is not installed/);
  });

  it('ssad.nativeBackendPath without tfjs-node: auto trains with wasm and the run’s backend detail says why; backend node fails with that reason', async () => {
    const empty = mkdtempSync(path.join(scratch, 'no-tfjs-node-'));
    await vscode.workspace.getConfiguration('ssad').update('nativeBackendPath', empty, vscode.ConfigurationTarget.Global);
    const why = `native TensorFlow from the ssad.nativeBackendPath setting cannot be used: ${empty} holds no @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu`;

    const auto = (await vscode.commands.executeCommand('ssad.runQuickstart', { ...ONE_CELL, name: 'native-path-auto' })) as RunCommandOutcome;
    assert.ok(auto.outcome === 'finished' && auto.status === 'completed', JSON.stringify(auto));
    const backend = readResults(auto.runDir).backend;
    assert.equal(backend?.name, 'wasm');
    assert.ok(backend?.detail.includes(why), backend?.detail);

    const forced = (await vscode.commands.executeCommand('ssad.runQuickstart', {
      ...ONE_CELL,
      name: 'native-path-node',
      runtime: { backend: 'node', parallelism: 1 },
    })) as RunCommandOutcome;
    assert.ok(forced.outcome === 'finished' && forced.status === 'failed', JSON.stringify(forced));
    const error = readResults(forced.runDir).error ?? '';
    assert.ok(error.includes(`backend 'node' is not available: ${why}`), error);
  });
});

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiagnoseCommandOutcome } from '../../../src/extension/diagnose/registerDiagnose';
import type { Diagnosis } from '../../../src/shared/diagnosis';
import { resultsTabs } from './resultsTabs';
import { EXTENSION_ID, activateExtension, waitFor, workspaceCleanup, workspaceDir } from './runsHelpers';

const CONFIG = {
  name: 'tiny-diagnose',
  dataset: { source: 'shapes', normalClasses: [0, 1], imageSize: 16, maxTrain: 64, maxTest: 24 },
  testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
  detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
  augmentations: ['none', 'flip', 'invert'],
  training: { epochs: 1, batchSize: 32, learningRate: 0.003, schedule: 'constant' },
  seeds: [0],
  runtime: { backend: 'wasm' },
};

function writeConfig(file: string, config: object): vscode.Uri {
  const dir = path.join(workspaceDir(), 'diagnose');
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, JSON.stringify(config, null, 2));
  return vscode.Uri.file(target);
}

/** `ssad diagnose --json` with the extension's own CLI bundle, outside VS Code. */
function cliDiagnosis(file: string): Diagnosis {
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  assert.ok(extensionPath);
  const out = spawnSync(process.execPath, [path.join(extensionPath, 'dist', 'cli.js'), 'diagnose', file, '--json'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout) as Diagnosis;
}

describe('SSAD: Diagnose Alignment (real extension host)', function () {
  this.timeout(120_000);
  let cleanup: () => void;
  before(async () => {
    await activateExtension();
    cleanup = workspaceCleanup();
  });
  after(() => cleanup());

  it('is offered as a CodeLens on config files', async () => {
    const uri = writeConfig('lens.ssad.json', CONFIG);
    await vscode.workspace.openTextDocument(uri);
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) as vscode.CodeLens[];
    const lens = lenses.find((l) => l.command?.command === 'ssad.diagnoseAlignment');
    assert.ok(lens, JSON.stringify(lenses.map((l) => l.command?.command)));
    assert.match(lens.command?.title ?? '', /Diagnose alignment/);
    assert.equal((lens.command?.arguments?.[0] as vscode.Uri).fsPath, uri.fsPath);
  });

  it('diagnoses a config in a child process and shows it in the results panel, as the CLI computes it', async () => {
    const uri = writeConfig('tiny.ssad.json', CONFIG);
    const outcome = (await vscode.commands.executeCommand('ssad.diagnoseAlignment', uri)) as DiagnoseCommandOutcome;
    assert.equal(outcome.outcome, 'shown', JSON.stringify(outcome));
    if (outcome.outcome !== 'shown') return;
    const d = outcome.diagnosis;
    assert.deepEqual(d.augmentations, ['none', 'flip', 'invert']);
    assert.deepEqual(d.anomalyTypes, ['flip', 'invert']);
    assert.equal(d.rows.find((r) => r.augmentation === 'none')?.ratio.mean, 1);
    assert.ok(d.pick && d.pick.augmentation !== 'none');
    const cli = cliDiagnosis(uri.fsPath);
    assert.deepEqual({ ...d, seconds: 0 }, { ...cli, seconds: 0 });
    await waitFor(() => resultsTabs().length > 0, 'the results panel');
  });

  it('names the field of an invalid config and diagnoses nothing', async () => {
    const uri = writeConfig('bad.ssad.json', { ...CONFIG, training: { ...CONFIG.training, epochs: 0 } });
    const outcome = (await vscode.commands.executeCommand('ssad.diagnoseAlignment', uri)) as DiagnoseCommandOutcome;
    assert.ok(outcome.outcome === 'invalid', JSON.stringify(outcome));
    assert.match(outcome.message, /training\.epochs/);
  });
});

import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunCommandOutcome } from '../../../src/extension/runs/runCommands';
import type { DiagnoseCommandOutcome } from '../../../src/extension/diagnose/registerDiagnose';
import { EXTENSION_ID, TINY_QUICKSTART, activateExtension, runsDir, workspaceCleanup, workspaceDir } from './runsHelpers';

// Diagnose Alignment loads the config's custom augmentation modules: it runs workspace code too.
const RUN_COMMANDS = ['ssad.runQuickstart', 'ssad.runExperiment', 'ssad.rerun', 'ssad.resumeRun', 'ssad.diagnoseAlignment'];

interface ContributedCommand {
  command: string;
  enablement?: string;
}

// The whole suite also runs in Restricted Mode: `node scripts/test-vscode.mjs --workspace-trust`
// with SSAD_TEST_GREP="Restricted Mode".
describe('SSAD Restricted Mode: run commands are disabled and refuse (real extension host)', () => {
  let cleanUp: () => void = () => {};

  before(async () => {
    await activateExtension();
    cleanUp = workspaceCleanup();
  });

  after(() => cleanUp());

  it('declares limited support for untrusted workspaces and disables every run command there', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    const commands = pkg.contributes.commands as ContributedCommand[];
    for (const id of RUN_COMMANDS) {
      const c = commands.find((x) => x.command === id);
      assert.ok(c, `${id} is not contributed`);
      assert.match(c.enablement ?? '', /\bisWorkspaceTrusted\b/, `${id} is not disabled in Restricted Mode`);
    }
  });

  it('in Restricted Mode, Run Experiment, Run Quickstart and Diagnose Alignment refuse, saying why, and train nothing', async function () {
    if (vscode.workspace.isTrusted) {
      console.log('[trust] workspace trusted: the refusal is checked by the --workspace-trust run');
      this.skip();
    }
    const runFolders = (): string[] => (existsSync(runsDir()) ? readdirSync(runsDir()).sort() : []);
    const before = runFolders();
    const dir = path.join(workspaceDir(), 'trust-suite');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'tiny.ssad.json');
    writeFileSync(file, JSON.stringify({ ...TINY_QUICKSTART, dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 64, maxTest: 16 }, testbed: { type: 'synthetic', anomalies: ['flip'] } }));
    const fromFile = (await vscode.commands.executeCommand('ssad.runExperiment', vscode.Uri.file(file))) as RunCommandOutcome;
    assert.equal(fromFile.outcome, 'refused');
    assert.ok(fromFile.outcome === 'refused');
    assert.match(fromFile.message, /Restricted Mode/);
    const quick = (await vscode.commands.executeCommand('ssad.runQuickstart', TINY_QUICKSTART)) as RunCommandOutcome;
    assert.equal(quick.outcome, 'refused');
    const diagnosed = (await vscode.commands.executeCommand('ssad.diagnoseAlignment', vscode.Uri.file(file))) as DiagnoseCommandOutcome;
    assert.equal(diagnosed.outcome, 'refused');
    assert.ok(diagnosed.outcome === 'refused' && /Restricted Mode/.test(diagnosed.message));
    assert.deepEqual(runFolders(), before, 'no run folder was made');
  });
});

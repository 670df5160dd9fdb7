import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, waitFor, workspaceCleanup, workspaceDir } from './runsHelpers';

const CONFIG_WITH_PROBLEMS = `{
  "name": "problems",
  "dataset": { "source": "folder", "path": "data/missing", "layout": "mvtec", "imageSize": 16 },
  "testbed": { "type": "labeled" },
  "detector": { "type": "dae", "width": 4, "depth": 2, "codeSize": 8 },
  "augmentations": ["none", "flpi", "./ssad/augmentations/nowhere.ts"],
  "training": { "epochs": 1 }
}
`;

function ssadDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'SSAD');
}

describe('SSAD config editing: schema, diagnostics, CodeLens, Validate Config (real extension host)', () => {
  let cleanUp: () => void = () => {};
  let uri: vscode.Uri;

  before(async () => {
    await activateExtension();
    cleanUp = workspaceCleanup();
    const dir = path.join(workspaceDir(), 'config-suite');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'problems.ssad.json');
    writeFileSync(file, CONFIG_WITH_PROBLEMS);
    uri = vscode.Uri.file(file);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanUp();
  });

  it('binds *.ssad.json to the shipped schema', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const bindings = extension?.packageJSON.contributes.jsonValidation as Array<{ fileMatch: string; url: string }>;
    const binding = bindings.find((b) => b.fileMatch === '*.ssad.json');
    assert.ok(binding, 'no jsonValidation for *.ssad.json');
    assert.ok(existsSync(path.join(extension?.extensionPath ?? '', binding.url)), `${binding.url} is not in the extension`);
  });

  it('reports what the schema cannot see: unknown augmentation (did you mean), missing dataset folder, missing custom module', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitFor(() => {
      const d = ssadDiagnostics(uri);
      return d.length >= 3 ? d : undefined;
    }, 'SSAD diagnostics', 10_000);
    const messages = diagnostics.map((d) => d.message);
    const find = (re: RegExp): vscode.Diagnostic => {
      const found = diagnostics.find((d) => re.test(d.message));
      assert.ok(found, `no diagnostic matching ${re}; got ${JSON.stringify(messages)}`);
      return found;
    };
    const unknown = find(/Unknown augmentation "flpi" \(did you mean "flip"\?\)/);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(unknown.range), '"flpi"', 'the diagnostic sits on the unknown name');
    const folder = find(/dataset\.path: the folder "data\/missing" was not found/);
    assert.equal(folder.range.start.line, 2);
    find(/custom augmentation module "\.\/ssad\/augmentations\/nowhere\.ts" was not found/);
  });

  it('updates the diagnostics as the config is edited (debounced)', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const text = editor.document.getText();
    const at = text.indexOf('"flpi"');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 6)), '"flip"'));
    await waitFor(() => !ssadDiagnostics(uri).some((d) => d.message.includes('flpi')), 'the flpi diagnostic to go', 5_000);
    assert.ok(ssadDiagnostics(uri).some((d) => d.message.includes('data/missing')), 'the other problems stay');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('offers the "did you mean" as a quick fix that, applied, clears the diagnostic', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const unknown = await waitFor(() => ssadDiagnostics(uri).find((d) => d.message.includes('"flpi"')), 'the flpi diagnostic', 10_000);
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, unknown.range, vscode.CodeActionKind.QuickFix.value)) as vscode.CodeAction[];
    const fix = actions.find((a) => a.title === 'Change to "flip"');
    assert.ok(fix?.edit, `a quick fix; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    // No fix where the message suggests nothing.
    const folder = ssadDiagnostics(uri).find((d) => d.message.includes('data/missing'))!;
    const none = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, folder.range, vscode.CodeActionKind.QuickFix.value)) as vscode.CodeAction[];
    assert.ok(!none.some((a) => a.title.startsWith('Change to')), 'nothing to change the missing folder to');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /"none", "flip", "\.\/ssad/);
    await waitFor(() => !ssadDiagnostics(uri).some((d) => d.message.includes('flpi')), 'the flpi diagnostic to go', 5_000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('reports a schema error once: the JSON language service has the schema, SSAD adds nothing', async function () {
    this.timeout(30_000);
    const file = path.join(workspaceDir(), 'config-suite', 'schema-error.ssad.json');
    writeFileSync(file, CONFIG_WITH_PROBLEMS.replace('"training": { "epochs": 1 }', '"training": { "epochs": 0 }'));
    const schemaUri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(schemaUri));
    const epochsLine = CONFIG_WITH_PROBLEMS.split('\n').findIndex((l) => l.includes('"epochs"'));
    const fromJson = await waitFor(
      () => vscode.languages.getDiagnostics(schemaUri).find((d) => d.source !== 'SSAD' && d.range.start.line === epochsLine),
      'the JSON language service to flag epochs 0',
      20_000,
    );
    assert.ok(fromJson);
    // Give ours the time to run, then: nothing about the same field.
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(ssadDiagnostics(schemaUri).filter((d) => d.range.start.line === epochsLine).map((d) => d.message), []);
  });

  it('shows "Run experiment" and "Validate" CodeLenses on config files', async () => {
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) as vscode.CodeLens[];
    const commands = lenses.map((l) => l.command?.command);
    assert.ok(commands.includes('ssad.runExperiment'), JSON.stringify(commands));
    assert.ok(commands.includes('ssad.validateConfig'), JSON.stringify(commands));
    const run = lenses.find((l) => l.command?.command === 'ssad.runExperiment');
    assert.match(run?.command?.title ?? '', /Run experiment/);
    assert.equal((run?.command?.arguments?.[0] as vscode.Uri).fsPath, uri.fsPath);
  });

  it('Validate Config returns the engine’s errors, naming the fields', async () => {
    const result = (await vscode.commands.executeCommand('ssad.validateConfig', uri)) as { ok: boolean; errors: string[] };
    assert.equal(result.ok, false);
    assert.ok(result.errors.some((e) => e.startsWith('dataset.path:')), JSON.stringify(result.errors));
    const good = path.join(path.dirname(uri.fsPath), 'good.ssad.json');
    writeFileSync(good, JSON.stringify({ ...JSON.parse(CONFIG_WITH_PROBLEMS), dataset: { source: 'shapes', normalClasses: [0], imageSize: 16 }, testbed: { type: 'semantic', mode: 'one-vs-rest' }, augmentations: ['none', 'flip'] }));
    const ok = (await vscode.commands.executeCommand('ssad.validateConfig', vscode.Uri.file(good))) as { ok: boolean; errors: string[] };
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.ok, true);
  });
});

// Snippets are offered where they belong, in the real extension host: the config snippets in a
// *.ssad.json and not in a plain .json, the module snippet in a .ts of the augmentations folder
// (following ssad.augmentationsDirectory) and not in any other .ts.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceDir } from './runsHelpers';

const SUFFIX = `x${Date.now().toString(36)}`;

function write(file: string, text: string): vscode.Uri {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** The snippet completions at a position: every provider answers, ours among them. */
async function snippetLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('snippets where they belong (real extension host)', () => {
  const made: string[] = [];
  const dir = (): string => path.join(workspaceDir(), `snippets-suite-${SUFFIX}`);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('ssad').update('augmentationsDirectory', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const p of made) rmSync(p, { recursive: true, force: true });
  });

  it('offers the config snippets in a *.ssad.json and not in a plain .json', async () => {
    made.push(dir());
    const text = '{\n  ssad-c\n}\n';
    const at = new vscode.Position(1, '  ssad-c'.length);
    const config = await snippetLabels(write(path.join(dir(), 'mine.ssad.json'), text), at);
    for (const prefix of ['ssad-config', 'ssad-aug-params', 'ssad-dataset-folder']) assert.ok(config.includes(prefix), `${prefix} in ${config.join(', ')}`);
    assert.ok(!config.includes('ssad-augmentation'), 'the module snippet is not offered in a config');
    const plain = await snippetLabels(write(path.join(dir(), 'package-like.json'), text), at);
    assert.deepEqual(plain.filter((l) => l.startsWith('ssad-')), [], `plain .json: ${plain.join(', ')}`);
  });

  it('offers the module snippet in the augmentations folder only, following the setting', async () => {
    const augs = path.join(dir(), 'augs');
    made.push(dir());
    await vscode.workspace.getConfiguration('ssad').update('augmentationsDirectory', path.relative(workspaceDir(), augs), vscode.ConfigurationTarget.Global);
    const at = new vscode.Position(0, 0);
    const inFolder = await snippetLabels(write(path.join(augs, 'soft-scar.ts'), '\n'), at);
    assert.ok(inFolder.includes('ssad-augmentation'), `in the augmentations folder: ${inFolder.join(', ')}`);
    assert.ok(!inFolder.includes('ssad-config'), 'no config snippet in a module');
    const elsewhere = await snippetLabels(write(path.join(dir(), 'tool.ts'), '\n'), at);
    assert.ok(!elsewhere.includes('ssad-augmentation'), `outside it: ${elsewhere.join(', ')}`);
    const declaration = await snippetLabels(write(path.join(augs, 'ssad-augmentation.d.ts'), '\n'), at);
    assert.ok(!declaration.includes('ssad-augmentation'), 'not in the declaration file');
  });
});

import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ssad-lab.ssad-lab';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

describe('SSAD Lab commands (real extension host)', () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed in this extension host`);
    extension = found;
    await extension.activate();
  });

  it('runs inside a real VS Code extension host and activates there', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command, all in the SSAD category', async () => {
    const contributed = (extension.packageJSON.contributes.commands as ContributedCommand[]) ?? [];
    assert.ok(contributed.length > 0, 'the manifest contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.equal(c.category, 'SSAD', `${c.command} is not in the SSAD category`);
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
    }
  });
});

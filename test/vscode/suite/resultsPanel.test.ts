import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { resultsTabs, waitFor } from './resultsTabs';



describe('SSAD: Open Results (real extension host)', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens one results webview tab titled "SSAD Results"', async () => {
    await vscode.commands.executeCommand('ssad.openResults');
    const tab = await waitFor(() => resultsTabs()[0], 'the results tab');
    assert.equal(tab.label, 'SSAD Results');
  });

  it('reveals the same panel instead of opening a second one', async () => {
    await vscode.commands.executeCommand('ssad.openResults');
    await waitFor(() => resultsTabs()[0], 'the results tab');
    await vscode.commands.executeCommand('ssad.openResults');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(resultsTabs().length, 1);
  });
});

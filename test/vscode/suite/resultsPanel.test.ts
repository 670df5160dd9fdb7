import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

function resultsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('ssad.results'));
}

/** Right after createWebviewPanel the tab model can lag behind: poll. */
async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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

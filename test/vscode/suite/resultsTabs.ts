import * as vscode from 'vscode';

// One polling helper for every suite: right after createWebviewPanel the tab model can lag behind.
export { waitFor } from './runsHelpers';

/** The open results-panel tabs. */
export function resultsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('ssad.results'));
}

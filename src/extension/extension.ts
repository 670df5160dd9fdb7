import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE, type PanelState } from '../shared/protocol';
import { ResultsPanel } from './results/resultsPanel';

export function activate(context: vscode.ExtensionContext): void {
  const stateSource = (): PanelState => ({ kind: 'empty', canRun: false });

  context.subscriptions.push(
    vscode.commands.registerCommand('ssad.openResults', () => {
      ResultsPanel.show(context.extensionUri, stateSource);
    }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        ResultsPanel.revive(panel, context.extensionUri, stateSource);
      },
    }),
    { dispose: () => ResultsPanel.instance?.dispose() },
  );
}

export function deactivate(): void {
  ResultsPanel.instance?.dispose();
}

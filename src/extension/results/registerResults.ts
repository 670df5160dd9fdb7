import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE, type PanelState } from '../../shared/protocol';
import type { ExtensionServices } from '../services';
import { ResultsPanel } from './resultsPanel';

export function registerResultsFeature({ context }: ExtensionServices): void {
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

import * as vscode from 'vscode';
import { EXPERIMENTS_VIEW_TYPE, type ExperimentsSnapshot } from '../../shared/experimentsProtocol';
import type { ExtensionServices } from '../services';
import { ExperimentsPanel } from './experimentsPanel';

/**
 * `SSAD: Open Experiments Table` (palette and the runs view's title bar): every run of the
 * workspace with its scale, metrics, notes and tags. Resolves with the rows it shows, for scripts.
 */
export function registerExperimentsFeature({ context, runs }: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ssad.openExperiments', (): ExperimentsSnapshot => {
      runs.refresh();
      return ExperimentsPanel.show(context.extensionUri, runs).snapshot();
    }),
    vscode.window.registerWebviewPanelSerializer(EXPERIMENTS_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        ExperimentsPanel.revive(panel, context.extensionUri, runs);
      },
    }),
    { dispose: () => ExperimentsPanel.instance?.dispose() },
  );
}

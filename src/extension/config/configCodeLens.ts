import * as vscode from 'vscode';

/** "▶ Run experiment", "Diagnose" and "Validate" at the top of every `*.ssad.json`. */
export class ConfigCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: vscode.l10n.t('Validate'), command: 'ssad.validateConfig', arguments: [document.uri] })];
    // In Restricted Mode the run lens would only lead to a refusal.
    if (vscode.workspace.isTrusted) {
      lenses.unshift(
        new vscode.CodeLens(top, { title: `$(play) ${vscode.l10n.t('Run experiment')}`, command: 'ssad.runExperiment', arguments: [document.uri] }),
        new vscode.CodeLens(top, { title: `$(pulse) ${vscode.l10n.t('Diagnose alignment')}`, tooltip: vscode.l10n.t('Which augmentation moves the training images towards the test set, in seconds, before training'), command: 'ssad.diagnoseAlignment', arguments: [document.uri] }),
      );
    }
    return lenses;
  }
}

export const CONFIG_SELECTOR: vscode.DocumentSelector = { scheme: 'file', pattern: '**/*.ssad.json' };

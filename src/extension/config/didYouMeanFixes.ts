/**
 * Quick fixes for the "did you mean" of config diagnostics: `augmentations[1]: unknown
 * augmentation "cutot" (did you mean "cutout"?)` offers "Change to "cutout"", which replaces the
 * string the diagnostic underlines. One fix per diagnostic, preferred, so Ctrl+. applies it.
 */
import * as vscode from 'vscode';
import { CONFIG_DIAGNOSTIC_SOURCE } from './configDiagnostics';

const SUGGESTION = /\(did you mean "([^"\\]+)"\?\)/;

/** The suggested value of a diagnostic message, if it has one. */
export function suggestionOf(message: string): string | undefined {
  return SUGGESTION.exec(message)?.[1];
}

export class DidYouMeanFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      if (diagnostic.source !== CONFIG_DIAGNOSTIC_SOURCE) return [];
      const suggestion = suggestionOf(diagnostic.message);
      // Only a quoted value is replaced: anything else is not what the suggestion stands for.
      if (!suggestion || !document.getText(diagnostic.range).startsWith('"')) return [];
      const action = new vscode.CodeAction(vscode.l10n.t('Change to "{0}"', suggestion), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, JSON.stringify(suggestion));
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }
}

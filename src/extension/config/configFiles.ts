import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateConfigText, type ConfigError, type LoadConfigResult } from '../../engine/api';

/** The file name pattern of experiment configs. */
export const CONFIG_GLOB = '**/*.ssad.json';

export function isConfigFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.path.endsWith('.ssad.json');
}

/** Validates a config as the engine will run it: relative paths against the file's folder. */
export function validateConfigDocument(document: vscode.TextDocument): LoadConfigResult {
  const file = document.uri.fsPath;
  return validateConfigText(document.getText(), path.basename(file), { baseDir: path.dirname(file) });
}

/** "training.epochs must be an integer ≥ 1, got 0" (+ "and 2 more problems"). */
export function summarizeErrors(errors: readonly ConfigError[]): string {
  if (errors.length === 0) return vscode.l10n.t('no errors');
  if (errors.length === 1) return errors[0].message;
  return vscode.l10n.t('{0} (and {1} more: see the Problems panel)', errors[0].message, errors.length - 1);
}

/** Config files of the workspace, by path. */
export async function findConfigFiles(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**');
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

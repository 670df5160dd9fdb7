import * as path from 'node:path';
import * as vscode from 'vscode';

export const DEFAULT_RUNS_DIRECTORY = '.ssad/runs';

/** `ssad.runsDirectory`, resolved against the first workspace folder (absolute paths as given). */
export function resolveRunsDirectory(): string | undefined {
  const setting = vscode.workspace.getConfiguration('ssad').get<string>('runsDirectory') || DEFAULT_RUNS_DIRECTORY;
  if (path.isAbsolute(setting)) return setting;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, setting) : undefined;
}

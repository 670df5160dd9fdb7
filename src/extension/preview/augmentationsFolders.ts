/**
 * The `ssad.augmentationsDirectories` context key: the augmentations folder of each workspace
 * folder (`ssad.augmentationsDirectory`), as absolute paths, so the Preview button's when-clause
 * (`resourceDirname in ssad.augmentationsDirectories`) follows the setting and works whatever
 * the URI scheme the workbench sees (`file` locally, `vscode-remote` under Remote-SSH, WSL,
 * containers and code-server).
 */
import * as vscode from 'vscode';
import { augmentationsDirectory } from '../scaffold/workspacePaths';

export const AUGMENTATIONS_DIRECTORIES_KEY = 'ssad.augmentationsDirectories';

export function trackAugmentationsFolders(): vscode.Disposable {
  const update = (): void => {
    // resourceDirname is a Uri's fsPath, whose drive letter is lower case on Windows: offer both.
    const dirs = (vscode.workspace.workspaceFolders ?? []).map(augmentationsDirectory).flatMap((d) => [d, d.replace(/^[A-Z]:/, (drive) => drive.toLowerCase())]);
    void vscode.commands.executeCommand('setContext', AUGMENTATIONS_DIRECTORIES_KEY, dirs);
  };
  update();
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeWorkspaceFolders(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ssad.augmentationsDirectory')) update();
    }),
  );
}

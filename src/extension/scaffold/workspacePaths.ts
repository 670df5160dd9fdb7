/**
 * Where scaffolded files go in a workspace folder: custom modules under `ssad.augmentationsDirectory`
 * (default `ssad/augmentations`), and how a config refers to a file (`./` + a path relative to
 * the config's folder, forward slashes, as the engine's module paths are written).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export const DEFAULT_AUGMENTATIONS_DIRECTORY = 'ssad/augmentations';

export function augmentationsDirectory(folder: vscode.WorkspaceFolder): string {
  const setting = vscode.workspace.getConfiguration('ssad', folder.uri).get<string>('augmentationsDirectory') || DEFAULT_AUGMENTATIONS_DIRECTORY;
  return path.resolve(folder.uri.fsPath, setting);
}

/** `./ssad/augmentations/x.ts` for `file` seen from `fromDir`. */
export function configRelativePath(fromDir: string, file: string): string {
  const rel = path.relative(fromDir, file).split(path.sep).join('/');
  return rel.startsWith('../') ? rel : `./${rel}`;
}

/** The first workspace folder, or an error the user can act on. */
export function requireWorkspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error(vscode.l10n.t('Open a folder first: SSAD Lab writes augmentations and configs into the workspace.'));
  return folder;
}

/** Custom augmentation modules (`*.ts`, not `.d.ts`) in the augmentations folder, as config paths. */
export async function customModulePaths(folder: vscode.WorkspaceFolder, fromDir = folder.uri.fsPath): Promise<string[]> {
  const dir = augmentationsDirectory(folder);
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(dir));
    return entries
      .filter(([name, type]) => type === vscode.FileType.File && /\.[cm]?ts$/.test(name) && !name.endsWith('.d.ts'))
      .map(([name]) => configRelativePath(fromDir, path.join(dir, name)))
      .sort();
  } catch {
    return [];
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * What `SSAD: Preview Augmentation` previews: from its argument (a module file's Uri, a
 * reference, or `{ augmentation, baseDir?, params?, config? }`), else the module open in the
 * editor, else a pick from the catalogue and the workspace's custom modules.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isModulePath, listAugmentations } from '../../engine/api';
import type { AugmentationParamValue, AugmentationRef } from '../../shared/config';
import { configRelativePath, customModulePaths } from '../scaffold/workspacePaths';
import type { PreviewTarget } from './previewPanel';

export interface PreviewOptions {
  augmentation: AugmentationRef;
  /** Folder a module path resolves against (default: the first workspace folder). */
  baseDir?: string;
  /** Parameters to start with, as the panel's controls would set them. */
  params?: Record<string, AugmentationParamValue>;
  /** A `*.ssad.json` whose data set to preview on. */
  config?: string;
}

export type PreviewArgument = vscode.Uri | string | PreviewOptions | undefined;

/** A target without its data source (the command chooses that). */
export type AugmentationTarget = Omit<PreviewTarget, 'configFile'>;

function label(ref: AugmentationRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

function baseFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function fromFile(file: string): AugmentationTarget {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
  const ref = configRelativePath(folder, file);
  return { label: ref, ref, baseDir: folder, file, params: {} };
}

function fromRef(ref: AugmentationRef, baseDir = baseFolder() ?? process.cwd(), params: Record<string, AugmentationParamValue> = {}): AugmentationTarget {
  const file = isModulePath(ref) ? path.resolve(baseDir, label(ref)) : undefined;
  return { label: label(ref), ref, baseDir, ...(file ? { file } : {}), params };
}

function isAugmentationModule(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.uri.scheme === 'file' && /\.[cm]?ts$/.test(doc.fileName) && !doc.fileName.endsWith('.d.ts');
}

export async function previewTarget(arg: PreviewArgument): Promise<AugmentationTarget | undefined> {
  if (arg instanceof vscode.Uri) return fromFile(arg.fsPath);
  if (typeof arg === 'string') return fromRef(arg);
  if (arg && typeof arg === 'object' && 'augmentation' in arg) return fromRef(arg.augmentation, arg.baseDir, arg.params);
  const editor = vscode.window.activeTextEditor?.document;
  if (isAugmentationModule(editor)) return fromFile(editor.fileName);
  const folder = vscode.workspace.workspaceFolders?.[0];
  const custom = folder ? await customModulePaths(folder) : [];
  const items = [
    ...custom.map((p) => ({ label: p, description: vscode.l10n.t('custom module') })),
    ...listAugmentations().map((a) => ({ label: a.name, description: a.category, detail: a.description })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Preview which augmentation?') });
  return picked ? fromRef(picked.label) : undefined;
}

/**
 * `SSAD: New Augmentation`: asks for a name, a starting template and a purpose, writes a typed
 * module under the augmentations folder (and, once, the interface's `.d.ts` next to it) and opens
 * it. An argument object `{ name, template, purpose, folder? }` skips the prompts.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { augmentationNameProblem } from '../../engine/api';
import { INTERFACE_DTS, INTERFACE_DTS_FILE } from './templates/interfaceDts';
import { PURPOSES, TEMPLATES, renderAugmentationModule, type AugmentationPurpose, type AugmentationTemplate } from './templates/moduleTemplates';
import { augmentationsDirectory, configRelativePath, exists, requireWorkspaceFolder, writeText } from './workspacePaths';

export interface NewAugmentationArgs {
  name?: string;
  template?: AugmentationTemplate;
  purpose?: AugmentationPurpose;
  /** Folder for the module, absolute or relative to the workspace folder (default: `ssad.augmentationsDirectory`). */
  folder?: string;
}

export interface NewAugmentationResult {
  /** The module file. */
  uri: vscode.Uri;
  /** How a config in the workspace folder refers to it: `./ssad/augmentations/x.ts`. */
  configPath: string;
}

function nameProblem(name: string, dir: string): string | undefined {
  return augmentationNameProblem(name) ?? (existsSync(path.join(dir, `${name}.ts`)) ? vscode.l10n.t('{0} already exists', path.join(dir, `${name}.ts`)) : undefined);
}

async function pick<T extends string>(items: ReadonlyArray<{ id: T; label: string; detail: string }>, title: string): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(
    items.map((i) => ({ label: i.label, detail: i.detail, id: i.id })),
    { title, ignoreFocusOut: true },
  );
  return chosen?.id;
}

/** Runs the command; resolves to undefined when the user cancels a prompt. */
export async function newAugmentation(args: NewAugmentationArgs = {}): Promise<NewAugmentationResult | undefined> {
  const folder = requireWorkspaceFolder();
  const dir = args.folder ? path.resolve(folder.uri.fsPath, args.folder) : augmentationsDirectory(folder);
  let name = args.name;
  if (name === undefined) {
    name = await vscode.window.showInputBox({
      title: vscode.l10n.t('New augmentation (1/3): name'),
      prompt: vscode.l10n.t('Lower-case words joined by hyphens, e.g. "soft-scar"; not a built-in name'),
      ignoreFocusOut: true,
      validateInput: (value) => nameProblem(value, dir),
    });
    if (name === undefined) return undefined;
  }
  const problem = nameProblem(name, dir);
  if (problem) throw new Error(vscode.l10n.t('Cannot create augmentation "{0}": {1}', name, problem));
  const template = args.template ?? (await pick(TEMPLATES, vscode.l10n.t('New augmentation (2/3): starting template')));
  if (!template) return undefined;
  if (!TEMPLATES.some((t) => t.id === template)) throw new Error(vscode.l10n.t('Unknown template "{0}"; use {1}', template, TEMPLATES.map((t) => t.id).join(', ')));
  const purpose = args.purpose ?? (await pick(PURPOSES, vscode.l10n.t('New augmentation (3/3): purpose')));
  if (!purpose) return undefined;
  if (!PURPOSES.some((p) => p.id === purpose)) throw new Error(vscode.l10n.t('Unknown purpose "{0}"; use {1}', purpose, PURPOSES.map((p) => p.id).join(', ')));

  const file = vscode.Uri.file(path.join(dir, `${name}.ts`));
  const configPath = configRelativePath(folder.uri.fsPath, file.fsPath);
  await vscode.workspace.fs.createDirectory(vscode.Uri.file(dir));
  const dts = vscode.Uri.file(path.join(dir, INTERFACE_DTS_FILE));
  if (!(await exists(dts))) await writeText(dts, INTERFACE_DTS);
  await writeText(file, renderAugmentationModule({ name, template, purpose, configPath }));
  await vscode.window.showTextDocument(file, { preview: false });
  return { uri: file, configPath };
}

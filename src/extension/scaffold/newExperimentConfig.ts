/**
 * `SSAD: New Experiment Config`: a short wizard (data set, testbed, augmentations — the catalogue
 * plus the workspace's custom modules —, anomaly types, detector, scale) that writes a valid
 * `<name>.ssad.json` and opens it. The config is validated by the engine before it is written.
 * An argument object (`ExperimentAnswers` plus an optional target `folder`) skips the prompts.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatConfigErrors, listAugmentations, ssadSchema, validateConfig } from '../../engine/api';
import {
  SCALES,
  buildExperimentConfig,
  configFileName,
  type DatasetChoice,
  type DetectorChoice,
  type ExperimentAnswers,
  type ScalePreset,
  type TestbedChoice,
} from './experimentConfig';
import { configRelativePath, customModulePaths, exists, requireWorkspaceFolder, writeText } from './workspacePaths';

export type NewExperimentConfigArgs = Partial<ExperimentAnswers> & { folder?: string };

export interface NewExperimentConfigResult {
  uri: vscode.Uri;
  config: Record<string, unknown>;
}

/** The schema the extension ships, copied next to the configs (kept up to date) so `$schema` works anywhere. */
export const SCHEMA_FILE = 'ssad/ssad.schema.json';

type Item<T> = vscode.QuickPickItem & { id: T };

async function pickOne<T>(title: string, items: Array<Item<T>>): Promise<T | undefined> {
  return (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }))?.id;
}

async function pickMany(title: string, items: Array<Item<string>>): Promise<string[] | undefined> {
  return (await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true }))?.map((i) => i.id);
}

async function augmentationItems(folder: vscode.WorkspaceFolder, fromDir: string, preselect: readonly string[], skipNone: boolean): Promise<Array<Item<string>>> {
  const builtins = listAugmentations()
    .filter((a) => !(skipNone && a.name === 'none'))
    .map((a) => ({ id: a.name, label: a.name, description: a.category, detail: a.description, picked: preselect.includes(a.name) }));
  const custom = (await customModulePaths(folder, fromDir)).map((p) => ({ id: p, label: p, description: vscode.l10n.t('custom module'), picked: false }));
  return [...builtins, ...custom];
}

async function ask(folder: vscode.WorkspaceFolder, dir: string, given: NewExperimentConfigArgs): Promise<ExperimentAnswers | undefined> {
  const name = given.name ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('New experiment config: name'), value: 'my-experiment', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('a name is required')) }));
  if (!name) return undefined;
  const dataset = given.dataset ?? (await pickOne<DatasetChoice>(vscode.l10n.t('Data set'), [
    { id: 'mnist', label: 'mnist', detail: vscode.l10n.t('Embedded MNIST digits (offline, no set-up)') },
    { id: 'shapes', label: 'shapes', detail: vscode.l10n.t('Procedural shapes (fast; for tries and demos)') },
    { id: 'folder', label: 'folder', detail: vscode.l10n.t('Your own PNG/JPEG folder (MVTec layout or one sub-folder per class)') },
  ]));
  if (!dataset) return undefined;
  let folderPath = given.folderPath;
  let layout = given.layout;
  if (dataset === 'folder') {
    if (folderPath === undefined) {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: folder.uri, title: vscode.l10n.t('Image folder') });
      if (!picked?.[0]) return undefined;
      folderPath = configRelativePath(dir, picked[0].fsPath);
    }
    layout ??= await pickOne<'mvtec' | 'classes'>(vscode.l10n.t('Folder layout'), [
      { id: 'mvtec', label: 'mvtec', detail: vscode.l10n.t('train/good, test/good, test/<defect>') },
      { id: 'classes', label: 'classes', detail: vscode.l10n.t('one sub-folder per class') },
    ]);
    if (!layout) return undefined;
  }
  const mvtec = dataset === 'folder' && layout === 'mvtec';
  const testbed = given.testbed ?? (await pickOne<TestbedChoice>(vscode.l10n.t('Testbed'), [
    { id: 'synthetic', label: 'synthetic', detail: vscode.l10n.t('Each chosen function turns held-out normal images into one anomaly type') },
    ...(mvtec
      ? [{ id: 'labeled' as const, label: 'labeled', detail: vscode.l10n.t('Your test/<defect> folders are the anomaly types') }]
      : [{ id: 'semantic' as const, label: 'semantic', detail: vscode.l10n.t('The other classes are the anomalies') }]),
  ]));
  if (!testbed) return undefined;
  const augmentations = given.augmentations ?? (await pickMany(vscode.l10n.t('Training augmentations (none, the baseline, is always included)'), await augmentationItems(folder, dir, ['rotate', 'flip', 'cutout'], true)));
  if (!augmentations) return undefined;
  let anomalies = given.anomalies;
  if (testbed === 'synthetic' && anomalies === undefined) {
    anomalies = await pickMany(vscode.l10n.t('Anomaly types (synthetic)'), await augmentationItems(folder, dir, ['flip', 'cutout', 'invert'], true));
    if (!anomalies) return undefined;
  }
  const detector = given.detector ?? (await pickOne<DetectorChoice>(vscode.l10n.t('Detector'), [
    { id: 'dae', label: 'dae', detail: vscode.l10n.t('The study\'s denoising autoencoder') },
    { id: 'classifier', label: 'classifier', detail: vscode.l10n.t('Normal vs augmented (CutPaste-style)') },
    { id: 'rotnet', label: 'rotnet', detail: vscode.l10n.t('Predict which transform was applied') },
  ]));
  if (!detector) return undefined;
  const scale = given.scale ?? (await pickOne<ScalePreset>(vscode.l10n.t('Scale'), (Object.keys(SCALES) as ScalePreset[]).map((id) => ({ id, label: id, detail: SCALES[id].detail }))));
  if (!scale) return undefined;
  return { name, dataset, folderPath, layout, testbed, augmentations, anomalies, detector, scale };
}

/** Writes (or refreshes) the workspace copy of the schema; returns its URI. */
export async function writeSchemaCopy(folder: vscode.WorkspaceFolder): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder.uri, ...SCHEMA_FILE.split('/'));
  const text = `${JSON.stringify(ssadSchema, null, 2)}\n`;
  const current = (await exists(uri)) ? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) : undefined;
  if (current !== text) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await writeText(uri, text);
  }
  return uri;
}

export async function newExperimentConfig(args: NewExperimentConfigArgs = {}): Promise<NewExperimentConfigResult | undefined> {
  const folder = requireWorkspaceFolder();
  const dir = args.folder ? path.resolve(folder.uri.fsPath, args.folder) : folder.uri.fsPath;
  const answers = await ask(folder, dir, args);
  if (!answers) return undefined;
  const uri = vscode.Uri.file(path.join(dir, configFileName(answers.name)));
  if (await exists(uri)) throw new Error(vscode.l10n.t('{0} already exists; choose another name', uri.fsPath));
  const schema = await writeSchemaCopy(folder);
  const config = buildExperimentConfig(answers, configRelativePath(dir, schema.fsPath));
  const checked = validateConfig(config, { baseDir: dir });
  if (!checked.ok) throw new Error(`${vscode.l10n.t('The new config would not be valid:')}\n${formatConfigErrors(checked.errors, path.basename(uri.fsPath))}`);
  await vscode.workspace.fs.createDirectory(vscode.Uri.file(dir));
  await writeText(uri, `${JSON.stringify(config, null, 2)}\n`);
  await vscode.window.showTextDocument(uri, { preview: false });
  return { uri, config };
}

/**
 * Validation of a `*.ssad.json` config: the JSON Schema first (with defaults filled in), then
 * the checks a schema cannot express (augmentation names and parameters, class ranges, files on
 * disk, testbed × dataset combinations). The augmentation registry is passed in, so this file
 * depends on nothing but its interface (and `variantCount`, which needs no catalogue).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AugmentationRef, ExperimentConfig } from '../../shared/config';
import { RESERVED_SAMPLE_TYPES } from '../../shared/results';
import { variantCount } from '../augment/apply';
import type { AugmentationResolver } from '../augment/resolver';
import type { ResolvedAugmentation } from '../augment/types';
import { didYouMean } from '../util/suggest';
import { joinPath, sortByDocumentOrder, translateSchemaErrors, type ConfigError } from './errors';
import schemaJson from './ssad.schema.json';
import { SHAPE_CLASS_NAMES } from '../data/shapes';
import { errorMessage } from '../../shared/errorMessage';

/** The JSON Schema of `*.ssad.json` version 1 (also contributed to the editor). */
export const ssadSchema: Readonly<Record<string, unknown>> = schemaJson as Record<string, unknown>;

/** Classes of the embedded MNIST digits. */
export const MNIST_CLASS_COUNT = 10;
/** Classes of the procedural `shapes` data set. */
export const SHAPES_CLASS_COUNT = SHAPE_CLASS_NAMES.length;

export interface ValidateConfigOptions {
  /** The config file's folder: relative paths (dataset folder, custom modules) are checked against it. Without it, files are not checked. */
  baseDir?: string;
}

export type ValidateConfigResult =
  | { ok: true; config: ExperimentConfig; warnings: ConfigError[] }
  /** `schema`: the JSON Schema rejected it (an editor with the schema says so too); the semantic checks did not run. */
  | { ok: false; errors: ConfigError[]; warnings: ConfigError[]; failedOn?: 'schema' };

/** Keywords the editor understands that ajv need not check. */
const EDITOR_KEYWORDS = ['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets'];

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({
      allErrors: true,
      useDefaults: true,
      verbose: true,
      allowUnionTypes: true,
      strict: true,
    });
    ajv.addVocabulary(EDITOR_KEYWORDS);
    compiled = ajv.compile(ssadSchema);
  }
  return compiled;
}

function cloneJson(json: unknown): unknown {
  return json === undefined ? undefined : (JSON.parse(JSON.stringify(json)) as unknown);
}

/**
 * Validates parsed config JSON against the schema and the semantic rules, with `resolver` for
 * the augmentation names. The input is not modified; the returned config has every default.
 */
export function validateConfigWith(
  resolver: AugmentationResolver,
  json: unknown,
  options: ValidateConfigOptions = {},
): ValidateConfigResult {
  const data = cloneJson(json);
  const validate = schemaValidator();
  if (!validate(data)) {
    return { ok: false, errors: translateSchemaErrors(validate.errors ?? [], data, ssadSchema), warnings: [], failedOn: 'schema' };
  }
  const config = data as ExperimentConfig;
  const errors: ConfigError[] = [];
  const warnings: ConfigError[] = [];
  checkAugmentations(config, resolver, options, errors, warnings);
  checkDataset(config, options, errors, warnings);
  checkCombinations(config, errors, warnings);
  const sortedWarnings = sortByDocumentOrder(warnings, data);
  if (errors.length > 0) return { ok: false, errors: sortByDocumentOrder(errors, data), warnings: sortedWarnings };
  return { ok: true, config, warnings: sortedWarnings };
}

// ---------------------------------------------------------------------------------------------

function refLabel(ref: AugmentationRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

function errorText(err: unknown): string {
  return errorMessage(err);
}

/** Resolves each entry of a list; reports unknown names, bad parameters, missing module files and duplicates. */
function checkRefList(
  list: readonly AugmentationRef[],
  listPath: string,
  resolver: AugmentationResolver,
  options: ValidateConfigOptions,
  errors: ConfigError[],
  role: 'training' | 'anomaly',
): Array<ResolvedAugmentation | undefined> {
  const seen = new Map<string, string>();
  const out: Array<ResolvedAugmentation | undefined> = [];
  list.forEach((ref, i) => {
    const itemPath = joinPath(listPath, i);
    let id: string;
    if (resolver.isModulePath(ref)) {
      const file = refLabel(ref);
      id = file;
      if (options.baseDir !== undefined) {
        const full = path.resolve(options.baseDir, file);
        if (!isFile(full)) {
          errors.push({ path: itemPath, message: `${itemPath}: the custom augmentation module "${file}" was not found (looked for ${full})` });
          return;
        }
      }
    } else {
      let resolved: ResolvedAugmentation;
      try {
        resolved = resolver.resolve(ref);
        out[i] = resolved;
      } catch (err) {
        errors.push({ path: itemPath, message: `${itemPath}: ${errorText(err)}` });
        return;
      }
      id = resolved.id;
      if (role === 'anomaly' && resolved.definition.name === 'none') {
        errors.push({
          path: itemPath,
          message: `${itemPath}: "none" cannot make anomalies (it leaves images unchanged); list functions that change the image, e.g. flip, cutout, invert`,
        });
        return;
      }
    }
    const first = seen.get(id);
    if (first !== undefined) {
      errors.push({ path: itemPath, message: `${itemPath} repeats ${first}: both are "${id}"; each entry must appear once` });
      return;
    }
    seen.set(id, itemPath);
  });
  return out;
}

function checkAugmentations(
  config: ExperimentConfig,
  resolver: AugmentationResolver,
  options: ValidateConfigOptions,
  errors: ConfigError[],
  warnings: ConfigError[],
): void {
  const resolved = checkRefList(config.augmentations, 'augmentations', resolver, options, errors, 'training');
  if (config.testbed.type === 'synthetic') {
    checkRefList(config.testbed.anomalies, 'testbed.anomalies', resolver, options, errors, 'anomaly');
  }
  if (config.detector.type === 'rotnet') {
    // Transformation prediction needs at least two discrete variants to tell apart; the detector
    // refuses anything else when the cell starts, so say it here, before anything trains.
    resolved.forEach((r, i) => {
      if (r === undefined) return;
      if (variantCount(r) >= 2) return;
      errors.push({
        path: joinPath('augmentations', i),
        message:
          `${joinPath('augmentations', i)}: detector rotnet predicts which discrete variant of the augmentation was applied, and "${r.id}" has ` +
          `none; use rotate, flip or invert${r.definition.name === 'none' ? ' (the no-self-supervision baseline is a separate run with detector "dae" and "none")' : ''}`,
      });
    });
    return;
  }
  const hasNone = resolved.some((r) => r?.definition.name === 'none');
  if (!hasNone) {
    warnings.push({
      path: 'augmentations',
      message:
        'augmentations has no "none": without the no-self-supervision baseline the results cannot show where an augmentation helps or hurts; add "none"',
    });
  }
}

function checkDataset(config: ExperimentConfig, options: ValidateConfigOptions, errors: ConfigError[], warnings: ConfigError[]): void {
  const ds = config.dataset;
  if (ds.source === 'shapes') {
    ds.normalClasses.forEach((c, i) => {
      if (c >= SHAPES_CLASS_COUNT) {
        const p = joinPath('dataset.normalClasses', i);
        errors.push({ path: p, message: `${p} must be a shape class from 0 to ${SHAPES_CLASS_COUNT - 1}, got ${c}` });
      }
    });
  }
  if (ds.source === 'mnist') {
    // The schema bounds the digits already; kept for configs built in code.
    ds.normalClasses.forEach((c, i) => {
      if (c >= MNIST_CLASS_COUNT) {
        const p = joinPath('dataset.normalClasses', i);
        errors.push({ path: p, message: `${p} must be a digit from 0 to ${MNIST_CLASS_COUNT - 1}, got ${c}` });
      }
    });
  }
  if (ds.source !== 'folder') return;
  if (ds.layout === 'mvtec' && ds.normalClasses !== undefined) {
    warnings.push({
      path: 'dataset.normalClasses',
      message: 'dataset.normalClasses is ignored for layout "mvtec": its normal class is always "good"',
    });
  }
  if (options.baseDir === undefined) return;
  const root = path.resolve(options.baseDir, ds.path);
  if (!isDirectory(root)) {
    errors.push({
      path: 'dataset.path',
      message: `dataset.path: the folder "${ds.path}" was not found (looked for ${root})`,
    });
    return;
  }
  if (ds.layout === 'mvtec') {
    for (const sub of ['train/good', 'test/good']) {
      if (!isDirectory(path.join(root, sub))) {
        errors.push({
          path: 'dataset.layout',
          message: `dataset.layout "mvtec" needs a ${sub} folder in ${ds.path}, and there is none`,
        });
      }
    }
    if (config.testbed.type === 'labeled') reservedNames(subfolders(path.join(root, 'test')), 'defect folder', `${ds.path}/test`, errors);
    return;
  }
  // layout "classes": the class folders sit in the folder itself or in its train/ and test/ splits.
  const classNames = new Set<string>();
  for (const dir of [root, path.join(root, 'train'), path.join(root, 'test')]) {
    for (const name of subfolders(dir)) classNames.add(name);
  }
  classNames.delete('train');
  classNames.delete('test');
  if (classNames.size === 0) {
    errors.push({ path: 'dataset.path', message: `dataset.path: the folder "${ds.path}" has no class sub-folders (layout "classes")` });
    return;
  }
  if (config.testbed.type === 'semantic') reservedNames([...classNames], 'class folder', ds.path, errors);
  (ds.normalClasses ?? []).forEach((name, i) => {
    if (!classNames.has(name)) {
      const p = joinPath('dataset.normalClasses', i);
      const known = [...classNames].sort();
      errors.push({
        path: p,
        message: `${p}: there is no class folder "${name}" in ${ds.path}${didYouMean(name, known)}; classes: ${known.join(', ')}`,
      });
    }
  });
}


function reservedNames(names: readonly string[], what: string, where: string, errors: ConfigError[]): void {
  for (const name of names) {
    if (RESERVED_SAMPLE_TYPES.includes(name)) {
      errors.push({
        path: 'dataset.path',
        message: `dataset.path: the ${what} "${name}" in ${where} would be an anomaly type, and "${name}" is reserved in the results; rename the folder`,
      });
    }
  }
}

function checkCombinations(config: ExperimentConfig, errors: ConfigError[], warnings: ConfigError[]): void {
  const ds = config.dataset;
  const isMvtec = ds.source === 'folder' && ds.layout === 'mvtec';
  if (config.testbed.type === 'labeled' && !isMvtec) {
    errors.push({
      path: 'testbed.type',
      message: `testbed labeled needs a folder dataset with layout mvtec (its test/<defect> folders are the anomalies), but dataset.source is "${ds.source}"${ds.source === 'folder' ? ` with layout "${ds.layout}"` : ''}; use synthetic or semantic`,
    });
  }
  if (config.testbed.type === 'semantic' && isMvtec) {
    errors.push({
      path: 'testbed.type',
      message:
        'testbed semantic needs a dataset of several classes (mnist, shapes, or folder with layout classes); an mvtec folder has one normal class: use labeled or synthetic',
    });
  }
  const { depth } = config.detector;
  if (2 ** depth > ds.imageSize) {
    errors.push({
      path: 'detector.depth',
      message: `detector.depth ${depth} halves the image ${depth} times, more than dataset.imageSize ${ds.imageSize} allows; use a depth of at most ${Math.floor(Math.log2(ds.imageSize))}`,
    });
  }
  if (ds.maxTrain !== undefined && config.training.batchSize > ds.maxTrain) {
    warnings.push({
      path: 'training.batchSize',
      message: `training.batchSize ${config.training.batchSize} is larger than dataset.maxTrain ${ds.maxTrain}: every epoch is a single step`,
    });
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function subfolders(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/**
 * Testbeds: from a loaded data set, the one-class anomaly-detection tasks of an experiment, one
 * per normal class. Train sets hold normal images only; test sets hold normal images and one or
 * more anomaly types, each labelled in `sampleType` so metrics can be broken down per type.
 *
 * Sample limits (`dataset.maxTrain`, `dataset.maxTest`) apply per class: `maxTrain` caps the normal
 * class's training images, `maxTest` caps the test images of every sample type (the normal class
 * and each anomaly class or defect folder). Synthetic anomalies are copies of the sampled normal
 * test images, so each synthetic type has exactly as many images as the normal class.
 *
 * Everything is a function of (config, data set, seed): the same inputs give byte-identical tasks.
 */
import type { AugmentationRef, ExperimentConfig } from '../../shared/config';
import { RESERVED_SAMPLE_TYPES } from '../../shared/results';
import { ModuleResolverMissingError, resolveAugmentationRef, type AugmentationResolver, type ModuleResolver } from '../augment/resolver';
import type { ResolvedAugmentation } from '../augment/types';
import type { LabeledImages, LoadedDataset } from '../data/types';
import { concatBatches, selectImages, type ImageBatch } from '../image';
import { Rng } from '../random';
import { didYouMean } from '../util/suggest';
import { makeAnomalies } from './anomalies';
import { TestbedError } from './errors';
import { indicesOfClass, sampleIndices, sampleWithHeldOut } from './sample';
import type { Task } from './types';

export { TestbedError };

export interface BuildTasksOptions {
  /**
   * Resolves a custom augmentation module (a path such as `./ssad/augmentations/x.ts`) used as a
   * synthetic anomaly. Loading modules is asynchronous; the caller loads them first and hands
   * over a synchronous look-up. Without it, a module path is an error.
   */
  resolveModule?: ModuleResolver;
}


interface ClassRef {
  readonly index: number;
  readonly name: string;
}

/** The tasks of an experiment for one seed, one per normal class, in config order. */
export function buildTasksWith(
  resolver: AugmentationResolver,
  config: ExperimentConfig,
  dataset: LoadedDataset,
  seed: number,
  options: BuildTasksOptions = {},
): Task[] {
  checkDataset(config, dataset);
  const normals = normalClasses(config, dataset);
  switch (config.testbed.type) {
    case 'synthetic': {
      const anomalies = resolveAnomalies(resolver, config.testbed.anomalies, options);
      return normals.map((c) => syntheticTask(config, dataset, seed, c, anomalies));
    }
    case 'semantic': {
      if (isMvtec(config)) {
        throw new TestbedError(
          'testbed semantic needs a dataset of several classes (mnist, shapes, or folder with layout classes); an mvtec folder has one normal class: use labeled or synthetic',
        );
      }
      if (dataset.classNames.length < 2) {
        throw new TestbedError(`testbed semantic needs at least two classes, but dataset "${dataset.name}" has ${dataset.classNames.length}`);
      }
      // One-vs-rest and one-vs-one share these tasks: every other class is its own anomaly type,
      // so the per-type metrics are the one-vs-one AUROCs (9 per normal MNIST digit) and the
      // `all` metrics are one-vs-rest. `mode` only picks which the results show first.
      return normals.map((c) => otherClassesTask(config, dataset, seed, c));
    }
    case 'labeled': {
      if (!isMvtec(config)) {
        const ds = config.dataset;
        throw new TestbedError(
          `testbed labeled needs a folder dataset with layout mvtec, but dataset.source is "${ds.source}"${ds.source === 'folder' ? ` with layout "${ds.layout}"` : ''}`,
        );
      }
      // Each test/<defect> folder is an anomaly type: the "other classes" of the normal `good`.
      return normals.map((c) => otherClassesTask(config, dataset, seed, c));
    }
    default: {
      const never: never = config.testbed;
      throw new TestbedError(`unknown testbed ${JSON.stringify(never)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------

function isMvtec(config: ExperimentConfig): boolean {
  return config.dataset.source === 'folder' && config.dataset.layout === 'mvtec';
}

function checkSplit(split: LabeledImages, which: string, dataset: LoadedDataset, config: ExperimentConfig): void {
  const { images, labels } = split;
  if (labels.length !== images.n) {
    throw new TestbedError(`dataset "${dataset.name}": the ${which} split has ${images.n} images but ${labels.length} labels`);
  }
  const size = config.dataset.imageSize;
  if (images.n > 0 && (images.h !== size || images.w !== size)) {
    throw new TestbedError(
      `dataset "${dataset.name}": ${which} images are ${images.h}×${images.w}, but dataset.imageSize is ${size}`,
    );
  }
  const channels = 'channels' in config.dataset ? config.dataset.channels : undefined;
  if (images.n > 0 && channels !== undefined && images.c !== channels) {
    throw new TestbedError(`dataset "${dataset.name}": ${which} images have ${images.c} channels, but dataset.channels is ${channels}`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0 || labels[i] >= dataset.classNames.length) {
      throw new TestbedError(`dataset "${dataset.name}": ${which} image ${i} has label ${labels[i]}, outside its ${dataset.classNames.length} classes`);
    }
  }
}

function checkDataset(config: ExperimentConfig, dataset: LoadedDataset): void {
  checkSplit(dataset.train, 'train', dataset, config);
  checkSplit(dataset.test, 'test', dataset, config);
  const { train, test } = dataset;
  if (train.images.n > 0 && test.images.n > 0 && train.images.c !== test.images.c) {
    throw new TestbedError(`dataset "${dataset.name}": train images have ${train.images.c} channels and test images ${test.images.c}`);
  }
}

function normalClasses(config: ExperimentConfig, dataset: LoadedDataset): ClassRef[] {
  const names = dataset.classNames;
  const ds = config.dataset;
  if (ds.source === 'mnist' || ds.source === 'shapes') {
    return ds.normalClasses.map((index) => {
      if (!Number.isInteger(index) || index < 0 || index >= names.length) {
        throw new TestbedError(
          `normal class ${index} is not a class of dataset "${dataset.name}", which has ${names.length} (0 to ${names.length - 1})`,
        );
      }
      return { index, name: names[index] };
    });
  }
  if (ds.layout === 'mvtec') {
    const index = names.indexOf('good');
    if (index < 0) {
      throw new TestbedError(`dataset "${dataset.name}" (layout mvtec) has no "good" class; classes: ${names.join(', ')}`);
    }
    return [{ index, name: 'good' }];
  }
  const wanted = ds.normalClasses ?? names;
  return wanted.map((name) => {
    const index = names.indexOf(name);
    if (index < 0) {
      throw new TestbedError(
        `normal class "${name}" is not a class of dataset "${dataset.name}"${didYouMean(name, names)}; classes: ${names.join(', ')}`,
      );
    }
    return { index, name };
  });
}

function samplingRng(seed: number, split: 'train' | 'test', className: string): Rng {
  return new Rng(seed, 'testbed', split, className);
}

/**
 * Training images of the normal class that no detector trains on, kept for the label-free
 * selection's held-out baseline: taken from the images `dataset.maxTrain` left out, never from the
 * training sample.
 */
export const HELD_OUT_NORMALS = 500;

/**
 * The normal class's training images (at most maxTrain, seeded), and up to HELD_OUT_NORMALS of
 * the class's other training images, which no detector trains on (label-free selection scores
 * them).
 */
function trainImages(config: ExperimentConfig, dataset: LoadedDataset, seed: number, c: ClassRef): { train: ImageBatch; heldOut: ImageBatch } {
  const all = indicesOfClass(dataset.train.labels, c.index);
  if (all.length === 0) {
    throw new TestbedError(`normal class "${c.name}" has no train images in dataset "${dataset.name}"`);
  }
  const { picked, heldOut } = sampleWithHeldOut(all, config.dataset.maxTrain, HELD_OUT_NORMALS, samplingRng(seed, 'train', c.name));
  return { train: selectImages(dataset.train.images, picked), heldOut: selectImages(dataset.train.images, heldOut) };
}

/** One class's test images (at most maxTest, seeded; the same sample whichever task uses them). */
function testImages(config: ExperimentConfig, dataset: LoadedDataset, seed: number, c: ClassRef, role: 'normal' | 'anomaly'): ImageBatch {
  const all = indicesOfClass(dataset.test.labels, c.index);
  if (all.length === 0) {
    throw new TestbedError(
      role === 'normal'
        ? `normal class "${c.name}" has no test images in dataset "${dataset.name}"`
        : `anomaly type "${c.name}" has no test images in dataset "${dataset.name}"`,
    );
  }
  const picked = sampleIndices(all, config.dataset.maxTest, samplingRng(seed, 'test', c.name));
  return selectImages(dataset.test.images, picked);
}

function checkTypeName(name: string, what: string): void {
  if (RESERVED_SAMPLE_TYPES.includes(name)) {
    throw new TestbedError(`${what} "${name}" cannot be an anomaly type: "${name}" is reserved in the results; rename it`);
  }
}

function assemble(
  normalClass: string,
  { train, heldOut }: { train: ImageBatch; heldOut: ImageBatch },
  blocks: ReadonlyArray<{ type: string; images: ImageBatch }>,
): Task {
  const sampleType: string[] = [];
  for (const b of blocks) for (let i = 0; i < b.images.n; i++) sampleType.push(b.type);
  return {
    normalClass,
    train,
    heldOut,
    test: concatBatches(blocks.map((b) => b.images)),
    sampleType,
    anomalyTypes: blocks.filter((b) => b.type !== 'normal').map((b) => b.type),
  };
}

// ---------------------------------------------------------------------------------------------
// synthetic

function resolveAnomalies(
  resolver: AugmentationResolver,
  refs: readonly AugmentationRef[],
  options: BuildTasksOptions,
): ResolvedAugmentation[] {
  const out: ResolvedAugmentation[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    let resolved: ResolvedAugmentation;
    try {
      resolved = resolveAugmentationRef(ref, options.resolveModule, resolver);
    } catch (error) {
      if (!(error instanceof ModuleResolverMissingError)) throw error;
      throw new TestbedError(`custom augmentation modules are not supported here yet: cannot use "${error.path}" as a synthetic anomaly`);
    }
    if (resolved.definition.name === 'none') {
      throw new TestbedError('"none" cannot make anomalies: it leaves the images unchanged');
    }
    checkTypeName(resolved.id, 'the anomaly function');
    if (seen.has(resolved.id)) throw new TestbedError(`the anomaly type "${resolved.id}" is listed twice in testbed.anomalies`);
    seen.add(resolved.id);
    out.push(resolved);
  }
  if (out.length === 0) throw new TestbedError('testbed synthetic needs at least one anomaly function in testbed.anomalies');
  return out;
}

function syntheticTask(
  config: ExperimentConfig,
  dataset: LoadedDataset,
  seed: number,
  c: ClassRef,
  anomalies: readonly ResolvedAugmentation[],
): Task {
  const train = trainImages(config, dataset, seed, c);
  const normal = testImages(config, dataset, seed, c, 'normal');
  const blocks = [{ type: 'normal', images: normal }];
  const redraw = config.testbed.type === 'synthetic' && config.testbed.redrawUnchanged === true;
  for (const a of anomalies) {
    // On a stream of its own: deterministic per (seed, type).
    const made = makeAnomalies(a, normal, new Rng(seed, 'anomaly', a.id), redraw);
    blocks.push({ type: a.id, images: made.images });
  }
  return assemble(c.name, train, blocks);
}

// ---------------------------------------------------------------------------------------------
// semantic and labeled: the other classes (or defect folders) are the anomaly types

function otherClassesTask(config: ExperimentConfig, dataset: LoadedDataset, seed: number, c: ClassRef): Task {
  const train = trainImages(config, dataset, seed, c);
  const blocks = [{ type: 'normal', images: testImages(config, dataset, seed, c, 'normal') }];
  const what = config.testbed.type === 'labeled' ? 'the defect folder' : 'the class';
  dataset.classNames.forEach((name, index) => {
    if (index === c.index) return;
    checkTypeName(name, what);
    blocks.push({ type: name, images: testImages(config, dataset, seed, { index, name }, 'anomaly') });
  });
  if (blocks.length < 2) {
    throw new TestbedError(`normal class "${c.name}" of dataset "${dataset.name}" has no anomaly types to test against`);
  }
  return assemble(c.name, train, blocks);
}

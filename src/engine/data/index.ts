/**
 * Data sets: `mnist` (embedded), `shapes` (procedural) and `folder` (the user's images), all
 * returned as a LoadedDataset at the experiment's square `imageSize` and channel count.
 *
 * The loader returns every image of the data set; choosing the normal class(es) and applying
 * `maxTrain` / `maxTest` is the testbed's job (it knows which images it needs). The loader does
 * check that every entry of `normalClasses` names a class of the data set.
 */
import type { DatasetConfig } from '../../shared/config';
import { closestName } from '../util/suggest';
import { DatasetError } from './errors';
import { loadFolderDataset } from './folder';
import { defaultMnistDir, loadMnist } from './mnist';
import { generateShapes } from './shapes';
import type { LoadedDataset } from './types';

export type { LoadedDataset, LabeledImages } from './types';
export { DatasetError } from './errors';
export { defaultMnistDir, digitsToBatch, loadMnist, parseIdx, readIdxGz, MNIST_CLASS_NAMES, MNIST_FILES, type IdxArray } from './mnist';
export {
  generateShapes,
  SHAPE_CLASS_NAMES,
  SHAPES_DEFAULT_TRAIN_PER_CLASS,
  SHAPES_DEFAULT_TEST_PER_CLASS,
  type ShapesOptions,
} from './shapes';
export {
  listFolderDataset,
  loadFolderDataset,
  readFolderImage,
  rgbToGrey,
  splitMask,
  CLASSES_TEST_FRACTION,
  IMAGE_EXTENSIONS,
  type FolderEntry,
  type FolderListing,
  type FolderOptions,
} from './folder';

export interface LoadDatasetOptions {
  /** Seeds the procedural `shapes` data and the train/test split of the `classes` layout. */
  seed: number;
  /** Folder that a relative `dataset.path` is resolved against (usually the config file's folder). */
  baseDir?: string;
  /** Folder holding the gzipped MNIST IDX files; default `defaultMnistDir()`. */
  mnistDir?: string;
  /** Largest width × height of one image file of a folder data set (`runtime.maxImagePixels`). */
  maxImagePixels?: number;
}

export async function loadDataset(config: DatasetConfig, options: LoadDatasetOptions): Promise<LoadedDataset> {
  let dataset: LoadedDataset;
  switch (config.source) {
    case 'mnist':
      dataset = await loadMnist(options.mnistDir ?? defaultMnistDir(), { imageSize: config.imageSize });
      checkClassIndices(dataset, config.normalClasses);
      return dataset;
    case 'shapes':
      dataset = generateShapes({
        seed: options.seed,
        imageSize: config.imageSize,
        channels: config.channels,
        trainPerClass: config.trainPerClass,
        testPerClass: config.testPerClass,
      });
      checkClassIndices(dataset, config.normalClasses);
      return dataset;
    case 'folder':
      dataset = await loadFolderDataset({
        path: config.path,
        layout: config.layout,
        imageSize: config.imageSize,
        channels: config.channels,
        onBadImage: config.onBadImage,
        seed: options.seed,
        baseDir: options.baseDir,
        maxImagePixels: options.maxImagePixels,
      });
      if (config.layout === 'classes' && config.normalClasses) checkClassNames(dataset, config.normalClasses);
      return dataset;
    default: {
      const source: unknown = (config as { source?: unknown }).source;
      throw new DatasetError(`unknown dataset source ${JSON.stringify(source)}; expected "mnist", "shapes" or "folder"`);
    }
  }
}

function checkClassIndices(dataset: LoadedDataset, normalClasses: readonly number[]): void {
  const k = dataset.classNames.length;
  for (const c of normalClasses) {
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new DatasetError(
        `normal class ${c} does not exist in ${dataset.name}: classes are 0..${k - 1} (${dataset.classNames.join(', ')})`,
      );
    }
  }
}

function checkClassNames(dataset: LoadedDataset, normalClasses: readonly string[]): void {
  for (const name of normalClasses) {
    if (dataset.classNames.includes(name)) continue;
    const guess = closestName(name, dataset.classNames);
    throw new DatasetError(
      `normal class '${name}' is not a class folder of ${dataset.name}${guess ? `; did you mean '${guess}'?` : ''} ` +
        `Classes: ${dataset.classNames.join(', ')}`,
    );
  }
}

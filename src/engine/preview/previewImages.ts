/**
 * The images a preview shows: a few normal training images of the config's data set, read and
 * preprocessed (size, channels) as its training reads them, or — without a config, or when its data
 * cannot be read — MNIST test digits, with the reason. Only the shown images are decoded: a
 * preview must be quick even on a data set of thousands of large files.
 */
import { join } from 'node:path';
import { mnistPreviewDigits } from '../custom/mnistSamples';
import {
  DatasetError,
  defaultMnistDir,
  digitsToBatch,
  generateShapes,
  listFolderDataset,
  MNIST_FILES,
  readFolderImage,
  readIdxGz,
  rgbToGrey,
  SHAPE_CLASS_NAMES,
} from '../data';
import { didYouMean } from '../util/suggest';
import { createBatch, selectImages, type ImageBatch } from '../image';
import { previewOrder } from './pickImages';
import type { PreviewDataRequest, PreviewSource } from '../../shared/previewProtocol';
import { errorMessage } from '../../shared/errorMessage';

export interface PreviewImages {
  images: ImageBatch;
  source: PreviewSource;
}

/** The size the MNIST fallback is shown at (the quickstart's). */
export const FALLBACK_IMAGE_SIZE = 32;

export interface PreviewImagesOptions {
  data?: PreviewDataRequest;
  /** Why there is no config data set, when `data` is absent. */
  fallbackReason?: string;
  count: number;
  mnistDir?: string;
}

export async function previewImages(options: PreviewImagesOptions): Promise<PreviewImages> {
  const { data, count } = options;
  const mnistDir = options.mnistDir ?? defaultMnistDir();
  const fallback = (reason: string): PreviewImages => ({
    images: mnistPreviewDigits(mnistDir, count, FALLBACK_IMAGE_SIZE),
    source: { kind: 'mnist', imageSize: FALLBACK_IMAGE_SIZE, channels: 1, reason },
  });
  if (!data) return fallback(options.fallbackReason ?? 'no SSAD config is open');
  try {
    return await configImages(data, count, mnistDir);
  } catch (error) {
    const where = error instanceof DatasetError && error.file ? ` (file ${error.file})` : '';
    return fallback(`the data set of ${data.configLabel} (field "dataset") could not be read${where}: ${errorMessage(error)}`);
  }
}

/** The config's own images; throws a DatasetError naming the file or field on anything unreadable. */
export async function configImages(data: PreviewDataRequest, count: number, mnistDir: string): Promise<PreviewImages> {
  const ds = data.dataset;
  const base = { kind: 'config' as const, config: data.configLabel, imageSize: ds.imageSize };
  switch (ds.source) {
    case 'mnist': {
      const [images, labels] = await Promise.all([readIdxGz(mnistDir, MNIST_FILES.trainImages, 3), readIdxGz(mnistDir, MNIST_FILES.trainLabels, 1)]);
      const picked = previewOrder(labels.data, ds.normalClasses, data.seed).slice(0, count);
      return {
        images: digitsToBatch(images, ds.imageSize, picked),
        source: { ...base, dataset: 'mnist', classes: ds.normalClasses.map(String), channels: 1 },
      };
    }
    case 'shapes': {
      const all = generateShapes({ seed: data.seed, imageSize: ds.imageSize, channels: ds.channels, trainPerClass: ds.trainPerClass, testPerClass: ds.testPerClass });
      const picked = previewOrder(all.train.labels, ds.normalClasses, data.seed).slice(0, count);
      return {
        images: selectImages(all.train.images, picked),
        source: { ...base, dataset: 'shapes', classes: ds.normalClasses.map((c) => SHAPE_CLASS_NAMES[c] ?? String(c)), channels: all.train.images.c as 1 | 3 },
      };
    }
    case 'folder':
      return folderImages(data, ds, count);
  }
}

type FolderDataset = Extract<PreviewDataRequest['dataset'], { source: 'folder' }>;

async function folderImages(data: PreviewDataRequest, ds: FolderDataset, count: number): Promise<PreviewImages> {
  const listing = await listFolderDataset({ path: ds.path, layout: ds.layout, seed: data.seed, baseDir: data.baseDir });
  const classes = normalClassIndices(ds, listing.classNames);
  const train = listing.entries.filter((e) => e.split === 'train');
  const order = previewOrder(Int32Array.from(train, (e) => e.label), classes, data.seed);
  const size = ds.imageSize;
  // As the loader: without a channel count every file is read in RGB, and the images become grey
  // when every file is grey — here, every file shown (the run looks at all of them).
  const work: 1 | 3 = ds.channels ?? 3;
  const per = size * size * work;
  const pixels = new Float32Array(count * per);
  const files: string[] = [];
  const skipped: string[] = [];
  let allGrey = true;
  for (const index of order) {
    if (files.length === count) break;
    const entry = train[index];
    const read = await readFolderImage(join(listing.root, entry.rel), entry, size, work, pixels, files.length * per, data.maxImagePixels);
    if (typeof read === 'string') {
      if (ds.onBadImage !== 'skip') {
        throw new DatasetError(`cannot load image ${entry.rel} in the data set folder '${ds.path}': ${read}`, entry.rel);
      }
      skipped.push(entry.rel);
      continue;
    }
    if (read.channels === 3) allGrey = false;
    files.push(entry.rel);
  }
  if (files.length === 0) throw new DatasetError(`the normal training images of '${ds.path}' are all unreadable`);
  const channels: 1 | 3 = ds.channels ?? (allGrey ? 1 : 3);
  const n = size * size;
  const images = createBatch(files.length, size, size, channels);
  for (let k = 0; k < files.length; k++) {
    const src = pixels.subarray(k * per, (k + 1) * per);
    if (channels === work) images.data.set(src, k * per);
    else rgbToGrey(src, images.data, k * n, n);
  }
  const notes: string[] = [];
  if (ds.channels === undefined) notes.push(`${channels === 1 ? 'grey' : 'colour'} because the files shown are${channels === 1 ? '' : ' not all'} grey; a run decides from every file (set dataset.channels to fix it)`);
  if (skipped.length > 0) notes.push(`skipped as unreadable: ${skipped.join(', ')}`);
  return {
    images,
    source: {
      kind: 'config',
      config: data.configLabel,
      dataset: `folder '${ds.path}' (${ds.layout})`,
      classes: classes.map((c) => listing.classNames[c]),
      imageSize: size,
      channels,
      files,
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    },
  };
}

/** The normal classes a run of this folder data set trains on, as indices of its class names. */
function normalClassIndices(ds: FolderDataset, names: readonly string[]): number[] {
  if (ds.layout === 'mvtec') return [0];
  return (ds.normalClasses ?? names).map((name) => {
    const index = names.indexOf(name);
    if (index < 0) {
      throw new DatasetError(`dataset.normalClasses: "${name}" is not a class folder of '${ds.path}'${didYouMean(name, names)}; classes: ${names.join(', ')}`);
    }
    return index;
  });
}

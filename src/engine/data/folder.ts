/**
 * `folder`: the user's own PNG and JPEG images, in one of two layouts.
 *
 * - `mvtec`: `train/good/` (normal training images), `test/good/` (normal test images) and
 *   `test/<defect>/` (one folder per anomaly type). `classNames[0]` is `good`, then the defect
 *   folders in sorted order.
 * - `classes`: one sub-folder per class. Each class is split into train and test with a seeded,
 *   stratified 80/20 split: per class, the sorted files are shuffled with
 *   `new Rng(seed, 'folder-split', className)` and round(20 %) of them (at least one when the
 *   class has two or more images) go to test. The split is made on file names before decoding,
 *   so skipping a bad file never moves other files between train and test.
 *
 * Files: `.png`, `.jpg`, `.jpeg` (any case) directly inside each folder, sorted by name (code
 * point order, the same on every machine); hidden files and other files are ignored; `.bmp`,
 * `.gif`, `.tif(f)` and `.webp` are reported as unsupported. Formats are recognised from file
 * content, so a text file named `.png` is reported as such. A bad file fails the load with its
 * path (relative to the data set root) and the reason, or, with `onBadImage: "skip"`, is left out
 * and listed in `skipped`.
 *
 * Every image is converted to the channel count (grey replicated, RGB → BT.601 luma, alpha
 * composited on black) and resized to `imageSize` × `imageSize` (bilinear when enlarging, area
 * averaging when shrinking; non-square images are stretched, not cropped). Without `channels`
 * the data set is grey (1) when every image file is grey, else colour (3).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createBatch } from '../image';
import { decodeImage, ImageDecodeError } from '../imageio/decode';
import { rasterToFloat } from '../imageio/channels';
import { colourChannels } from '../imageio/raster';
import { resizePlan } from '../imageio/resize';
import { Rng } from '../random';
import { DatasetError } from './errors';
import type { LabeledImages, LoadedDataset } from './types';
import { errorMessage } from '../../shared/errorMessage';

export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg'];
const UNSUPPORTED_EXTENSIONS: readonly string[] = ['.bmp', '.gif', '.tif', '.tiff', '.webp'];

/** Fraction of each class that the `classes` layout puts in the test split. */
export const CLASSES_TEST_FRACTION = 0.2;

/** How many files are read at once. */
const READ_CONCURRENCY = 8;

export interface FolderOptions {
  /** The data set root (absolute, or relative to `baseDir`). */
  path: string;
  layout: 'mvtec' | 'classes';
  imageSize: number;
  channels?: 1 | 3;
  onBadImage?: 'error' | 'skip';
  seed: number;
  baseDir?: string;
  /** Largest width × height of one file (`runtime.maxImagePixels`); a larger file is a bad image. */
  maxImagePixels?: number;
}

/** One image file to load, with its label; `rel` is relative to the root, `/`-separated. */
export interface FolderEntry {
  rel: string;
  label: number;
  split: 'train' | 'test';
  /** Set for files whose extension is a known but unsupported image format. */
  unsupported?: string;
}

/** A folder data set's classes and image files, listed and split but not decoded. */
export interface FolderListing {
  /** The data set root, absolute. */
  root: string;
  classNames: string[];
  /** Every file, in the order the loader reads them (sorted per folder). */
  entries: FolderEntry[];
}

/**
 * Lists and splits a folder data set without decoding a file, with the loader's errors (a
 * missing folder, a wrong layout, an empty class): for readers that need only a few images.
 */
export async function listFolderDataset(options: Pick<FolderOptions, 'path' | 'layout' | 'seed' | 'baseDir'>): Promise<FolderListing> {
  const root = resolve(options.baseDir ?? process.cwd(), options.path);
  await requireDirectory(root, options.path, `the data set folder '${options.path}' does not exist${options.baseDir ? ` (resolved to ${root})` : ''}`);
  const { classNames, entries } =
    options.layout === 'mvtec'
      ? await listMvtec(root, options.path)
      : options.layout === 'classes'
        ? await listClasses(root, options.path, options.seed)
        : (() => {
            throw new DatasetError(`unknown folder layout '${String(options.layout)}'; expected "mvtec" or "classes"`);
          })();
  return { root, classNames, entries };
}

export async function loadFolderDataset(options: FolderOptions): Promise<LoadedDataset> {
  const size = options.imageSize;
  if (!Number.isInteger(size) || size < 1) throw new DatasetError(`imageSize must be a positive integer, got ${size}`);
  const { root, classNames, entries } = await listFolderDataset(options);

  const skipMode = options.onBadImage === 'skip';
  // Without a channel count every image is first made in RGB; the data set becomes grey at the
  // end when every file was grey (resizing commutes with replicating grey into RGB).
  const work: 1 | 3 = options.channels ?? 3;
  const per = size * size * work;
  const pixels = new Float32Array(entries.length * per);
  const ok = new Uint8Array(entries.length);
  const problems: Array<{ index: number; reason: string }> = [];
  let allGrey = true;
  let stop = false;

  await forEachLimit(entries.length, READ_CONCURRENCY, async (i) => {
    if (stop) return;
    const entry = entries[i];
    const reason = await readFolderImage(join(root, entry.rel), entry, size, work, pixels, i * per, options.maxImagePixels);
    if (typeof reason === 'string') {
      problems.push({ index: i, reason });
      if (!skipMode) stop = true;
      return;
    }
    ok[i] = 1;
    if (reason.channels === 3) allGrey = false;
  });

  problems.sort((a, b) => a.index - b.index);
  if (!skipMode && problems.length > 0) {
    const { index, reason } = problems[0];
    const rel = entries[index].rel;
    throw new DatasetError(
      `cannot load image ${rel} in the data set folder '${options.path}': ${reason}. ` +
        `Fix or remove the file, or set "onBadImage": "skip" to leave bad files out.`,
      rel,
    );
  }
  const skipped = problems.map((p) => ({ file: entries[p.index].rel, reason: p.reason }));

  const channels: 1 | 3 = options.channels ?? (allGrey ? 1 : 3);
  const train = collect(entries, ok, pixels, work, 'train', size, channels);
  const test = collect(entries, ok, pixels, work, 'test', size, channels);
  // A class (or the normal folder) left without images after skipping is an error either way.
  requireNonEmpty(entries, ok, classNames, options, skipped.length);
  return { name: basename(root), classNames, train, test, skipped };
}

/**
 * Decodes one file into `pixels` at `offset` (size × size × channels), as every reader of a folder
 * data set does; returns the reason on failure, else the file's own colour channel count.
 */
export async function readFolderImage(
  path: string,
  entry: FolderEntry,
  size: number,
  channels: 1 | 3,
  pixels: Float32Array,
  offset: number,
  maxPixels: number | undefined,
): Promise<string | { channels: 1 | 3 }> {
  if (entry.unsupported) return `unsupported image format (${entry.unsupported}); only PNG and JPEG are read`;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
  try {
    const raster = decodeImage(bytes, { maxPixels });
    const converted = rasterToFloat(raster, channels);
    resizePlan(raster.height, raster.width, size, size).run(converted, 0, channels, pixels, offset);
    return { channels: colourChannels(raster) };
  } catch (err) {
    if (err instanceof ImageDecodeError) return err.reason;
    return `cannot decode the image (${errorMessage(err)})`;
  }
}

function collect(
  entries: readonly FolderEntry[],
  ok: Uint8Array,
  pixels: Float32Array,
  work: 1 | 3,
  split: 'train' | 'test',
  size: number,
  channels: 1 | 3,
): LabeledImages {
  const chosen: number[] = [];
  entries.forEach((e, i) => {
    if (e.split === split && ok[i]) chosen.push(i);
  });
  const images = createBatch(chosen.length, size, size, channels);
  const labels = new Int32Array(chosen.length);
  const n = size * size;
  const perWork = n * work;
  chosen.forEach((i, k) => {
    labels[k] = entries[i].label;
    const src = pixels.subarray(i * perWork, (i + 1) * perWork);
    if (channels === work) images.data.set(src, k * perWork);
    else rgbToGrey(src, images.data, k * n, n);
  });
  return { images, labels };
}

/**
 * The grey image of `n` RGB pixels, written at `offset`: the data set became grey after every file
 * was read in RGB. Luma of the RGB values: for grey files R = G = B and this is the grey value.
 */
export function rgbToGrey(src: Float32Array, dst: Float32Array, offset: number, n: number): void {
  for (let p = 0; p < n; p++) dst[offset + p] = 0.299 * src[3 * p] + 0.587 * src[3 * p + 1] + 0.114 * src[3 * p + 2];
}

function requireNonEmpty(
  entries: readonly FolderEntry[],
  ok: Uint8Array,
  classNames: readonly string[],
  options: FolderOptions,
  skippedCount: number,
): void {
  const counts = new Map<string, number>();
  entries.forEach((e, i) => {
    if (ok[i]) counts.set(`${e.split}:${e.label}`, (counts.get(`${e.split}:${e.label}`) ?? 0) + 1);
  });
  const why = skippedCount > 0 ? ` (${skippedCount} unreadable file${skippedCount === 1 ? ' was' : 's were'} skipped)` : '';
  if (options.layout === 'mvtec') {
    if (!counts.get('train:0')) throw new DatasetError(`train/good in '${options.path}' has no readable images${why}`, 'train/good');
    if (!counts.get('test:0')) throw new DatasetError(`test/good in '${options.path}' has no readable images${why}`, 'test/good');
  } else {
    classNames.forEach((name, label) => {
      if (!counts.get(`train:${label}`) && !counts.get(`test:${label}`)) {
        throw new DatasetError(`class folder ${name} in '${options.path}' has no readable images${why}`, name);
      }
    });
  }
}

// ---- listing --------------------------------------------------------------------------------

async function requireDirectory(path: string, rel: string, message: string): Promise<void> {
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new DatasetError(message, rel);
  }
  if (!isDir) throw new DatasetError(message.replace('does not exist', 'is not a folder'), rel);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function subfolders(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    if (d.isDirectory() || (d.isSymbolicLink() && (await stat(join(dir, d.name)).catch(() => undefined))?.isDirectory())) {
      out.push(d.name);
    }
  }
  return out.sort(byCodePoint);
}

/** Image files directly in `dir`, sorted: `[name, unsupportedExtension?]`. */
async function imageFiles(dir: string): Promise<Array<{ name: string; unsupported?: string }>> {
  const out: Array<{ name: string; unsupported?: string }> = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    if (!(d.isFile() || d.isSymbolicLink())) continue;
    const dot = d.name.lastIndexOf('.');
    const ext = dot >= 0 ? d.name.slice(dot).toLowerCase() : '';
    if (IMAGE_EXTENSIONS.includes(ext)) out.push({ name: d.name });
    else if (UNSUPPORTED_EXTENSIONS.includes(ext)) out.push({ name: d.name, unsupported: ext });
  }
  return out.sort((a, b) => byCodePoint(a.name, b.name));
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

const MVTEC_EXPECTED =
  'the "mvtec" layout expects train/good/ (normal training images), test/good/ (normal test images) and test/<defect>/ (one folder per anomaly type)';

async function listMvtec(root: string, path: string): Promise<{ classNames: string[]; entries: FolderEntry[] }> {
  for (const need of ['train/good', 'test/good']) {
    if (!(await isDirectory(join(root, ...need.split('/'))))) {
      const present = await subfolders(root);
      let hint = present.length > 0 ? ` The folder holds: ${present.slice(0, 8).join(', ')}${present.length > 8 ? ', …' : ''}.` : ' The folder is empty.';
      if (present.length > 0 && !present.includes('train') && !present.includes('test')) {
        const nested = await isDirectory(join(root, present[0], 'train', 'good'));
        hint += nested
          ? ` It looks like a collection of categories: point "path" at one of them (e.g. ${path.replace(/[\\/]+$/, '')}/${present[0]}).`
          : ' If it has one sub-folder per class, use "layout": "classes".';
      }
      throw new DatasetError(`missing folder ${need} in the data set folder '${path}'; ${MVTEC_EXPECTED}.${hint}`, need);
    }
  }
  const defects = (await subfolders(join(root, 'test'))).filter((d) => d !== 'good');
  const classNames = ['good', ...defects];
  const entries: FolderEntry[] = [];
  const add = async (folder: string, label: number, split: 'train' | 'test'): Promise<void> => {
    const files = await imageFiles(join(root, ...folder.split('/')));
    if (files.length === 0 && folder.endsWith('/good')) {
      throw new DatasetError(`folder ${folder} in '${path}' has no PNG or JPEG images; ${MVTEC_EXPECTED}`, folder);
    }
    for (const f of files) entries.push({ rel: `${folder}/${f.name}`, label, split, unsupported: f.unsupported });
  };
  await add('train/good', 0, 'train');
  await add('test/good', 0, 'test');
  for (let k = 0; k < defects.length; k++) await add(`test/${defects[k]}`, k + 1, 'test');
  return { classNames, entries };
}

async function listClasses(root: string, path: string, seed: number): Promise<{ classNames: string[]; entries: FolderEntry[] }> {
  const classNames = await subfolders(root);
  if (classNames.length === 0) {
    throw new DatasetError(`the data set folder '${path}' has no class folders; the "classes" layout expects one sub-folder of images per class`);
  }
  if (classNames.includes('train') && classNames.includes('test') && (await isDirectory(join(root, 'train', 'good')))) {
    throw new DatasetError(
      `the data set folder '${path}' has train/good and test/ folders, which is the "mvtec" layout; set "layout": "mvtec" (the "classes" layout expects one sub-folder per class)`,
    );
  }
  const entries: FolderEntry[] = [];
  for (let label = 0; label < classNames.length; label++) {
    const name = classNames[label];
    const files = await imageFiles(join(root, name));
    if (files.length === 0) {
      throw new DatasetError(
        `class folder ${name} in '${path}' has no PNG or JPEG images; the "classes" layout expects one sub-folder of images per class`,
        name,
      );
    }
    const isTest = splitMask(files.length, new Rng(seed, 'folder-split', name));
    files.forEach((f, i) => entries.push({ rel: `${name}/${f.name}`, label, split: isTest[i] ? 'test' : 'train', unsupported: f.unsupported }));
  }
  return { classNames, entries };
}

/** Which of n sorted files go to test: round(20 %) of them, at least one when n ≥ 2. */
export function splitMask(n: number, rng: Rng): Uint8Array {
  const nTest = n < 2 ? 0 : Math.max(1, Math.round(n * CLASSES_TEST_FRACTION));
  const order = rng.permutation(n);
  const mask = new Uint8Array(n);
  for (let k = 0; k < nTest; k++) mask[order[k]] = 1;
  return mask;
}

/** Runs `fn(0..count-1)` with at most `limit` calls in flight. */
async function forEachLimit(count: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/**
 * The embedded MNIST data set (70,000 digits; see `media/mnist/SOURCE.md` for origin and
 * licence), read from the four gzipped IDX files in a data folder, resized 28 → `imageSize`
 * (bilinear when enlarging, area averaging when shrinking) as one grey channel in [0, 1].
 * Labels 0–9; class names `'0'`..`'9'`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createBatch, type ImageBatch } from '../image';
import { resizePlan } from '../imageio/resize';
import { DatasetError } from './errors';
import type { LabeledImages, LoadedDataset } from './types';

const gunzipAsync = promisify(gunzip);

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

export const MNIST_CLASS_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const IDX_UBYTE_3D = 0x00000803;
const IDX_UBYTE_1D = 0x00000801;

/**
 * `media/mnist` of this package: walks up from this module's folder (in the source tree or in a
 * bundle under `dist/`) to the folder whose `package.json` is named `ssad-lab`.
 */
export function defaultMnistDir(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (pkg.name === 'ssad-lab') return join(dir, 'media', 'mnist');
      } catch {
        // Not a readable manifest; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new DatasetError(`cannot find the embedded MNIST data: no folder above ${from} has the ssad-lab package.json`);
    }
    dir = parent;
  }
}

/** A parsed IDX file of unsigned bytes. */
export interface IdxArray {
  readonly dims: readonly number[];
  /** The items, without the header (a view into the decompressed file). */
  readonly data: Uint8Array;
}

/** Parses an IDX file of unsigned bytes with the expected number of dimensions; `name` is used in errors. */
export function parseIdx(bytes: Uint8Array, name: string, expectedDims: 1 | 3): IdxArray {
  const magic = expectedDims === 3 ? IDX_UBYTE_3D : IDX_UBYTE_1D;
  const headerBytes = 4 + 4 * expectedDims;
  if (bytes.length < headerBytes) {
    throw new DatasetError(`${name}: corrupt IDX file (${bytes.length} bytes, shorter than its ${headerBytes}-byte header)`, name);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const got = view.getUint32(0);
  if (got !== magic) {
    throw new DatasetError(
      `${name}: corrupt IDX file (magic number 0x${got.toString(16).padStart(8, '0')}, expected 0x${magic.toString(16).padStart(8, '0')})`,
      name,
    );
  }
  const dims: number[] = [];
  let items = 1;
  for (let d = 0; d < expectedDims; d++) {
    dims.push(view.getUint32(4 + 4 * d));
    items *= dims[d];
  }
  if (bytes.length !== headerBytes + items) {
    throw new DatasetError(
      `${name}: corrupt IDX file (${bytes.length - headerBytes} data bytes, the header ${dims.join('×')} needs ${items})`,
      name,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/** Reads and parses one gzipped IDX file of `dir`, naming the file in every error. */
export async function readIdxGz(dir: string, file: string, dims: 1 | 3): Promise<IdxArray> {
  const path = join(dir, file);
  let gz: Buffer;
  try {
    gz = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatasetError(
      code === 'ENOENT'
        ? `MNIST file ${file} is missing from ${dir} (expected the four gzipped IDX files made by scripts/build-mnist.mjs)`
        : `cannot read MNIST file ${file} in ${dir} (${code ?? String(err)})`,
      file,
    );
  }
  let raw: Buffer;
  try {
    raw = await gunzipAsync(gz);
  } catch (err) {
    throw new DatasetError(`${file}: corrupt gzip data (${(err as Error).message})`, file);
  }
  return parseIdx(raw, file, dims);
}

/**
 * The digits at `indices` (all of them without) as one grey batch in [0, 1] at
 * `size` × `size`: the one conversion every MNIST reader uses, so a preview shows exactly what a
 * run trains on.
 */
export function digitsToBatch(images: IdxArray, size: number, indices?: ArrayLike<number>): ImageBatch {
  const [n, rows, cols] = images.dims;
  const count = indices ? indices.length : n;
  const out = createBatch(count, size, size, 1);
  const per = rows * cols;
  const outPer = size * size;
  const plan = resizePlan(rows, cols, size, size);
  const gain = 1 / 255;
  for (let k = 0; k < count; k++) plan.runBytesSparse(images.data, (indices ? indices[k] : k) * per, out.data, k * outPer, gain);
  return out;
}

function toSplit(images: IdxArray, labels: IdxArray, imageFile: string, labelFile: string, size: number): LabeledImages {
  const [n] = images.dims;
  if (labels.dims[0] !== n) {
    throw new DatasetError(`${labelFile}: ${labels.dims[0]} labels for the ${n} images of ${imageFile}`, labelFile);
  }
  const out = digitsToBatch(images, size);
  const lab = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels.data[i];
    if (v > 9) throw new DatasetError(`${labelFile}: label ${v} of item ${i} is not a digit 0–9`, labelFile);
    lab[i] = v;
  }
  return { images: out, labels: lab };
}

/** Loads all 70,000 MNIST digits from `dir` at `imageSize` × `imageSize`, one channel. */
export async function loadMnist(dir: string, options: { imageSize: number }): Promise<LoadedDataset> {
  const size = options.imageSize;
  if (!Number.isInteger(size) || size < 1) throw new DatasetError(`imageSize must be a positive integer, got ${size}`);
  // All four files are read and decompressed at once (off the main thread); each split is
  // resized as soon as its two files are in.
  const split = async (imageFile: string, labelFile: string): Promise<LabeledImages> => {
    const [images, labels] = await Promise.all([readIdxGz(dir, imageFile, 3), readIdxGz(dir, labelFile, 1)]);
    return toSplit(images, labels, imageFile, labelFile, size);
  };
  const [train, test] = await Promise.all([
    split(MNIST_FILES.trainImages, MNIST_FILES.trainLabels),
    split(MNIST_FILES.testImages, MNIST_FILES.testLabels),
  ]);
  return {
    name: 'mnist',
    classNames: MNIST_CLASS_NAMES,
    train,
    test,
    skipped: [],
  };
}

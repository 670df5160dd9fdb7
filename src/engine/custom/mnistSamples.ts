/**
 * A handful of real MNIST test digits for previews, read straight from the embedded test files
 * (10,000 digits) rather than loading all 70,000 as a training run does: a preview must be quick.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MNIST_FILES, parseIdx } from '../data';
import { createBatch, type ImageBatch } from '../image';
import { resizeBatch } from '../imageio';

/** `count` test digits cycling through the classes 0, 1, 2, …, resized to `size` × `size`. */
export function mnistPreviewDigits(mnistDir: string, count: number, size = 32): ImageBatch {
  const images = parseIdx(gunzipSync(readFileSync(join(mnistDir, MNIST_FILES.testImages))), MNIST_FILES.testImages, 3);
  const labels = parseIdx(gunzipSync(readFileSync(join(mnistDir, MNIST_FILES.testLabels))), MNIST_FILES.testLabels, 1);
  const [, rows, cols] = images.dims;
  const picked: number[] = [];
  for (let digit = 0; picked.length < count; digit = (digit + 1) % 10) {
    const index = labels.data.findIndex((label, i) => label === digit && !picked.includes(i));
    if (index < 0) break;
    picked.push(index);
  }
  const batch = createBatch(picked.length, rows, cols, 1);
  const pixels = rows * cols;
  picked.forEach((index, k) => {
    for (let p = 0; p < pixels; p++) batch.data[k * pixels + p] = images.data[index * pixels + p] / 255;
  });
  return size === rows && size === cols ? batch : resizeBatch(batch, size);
}

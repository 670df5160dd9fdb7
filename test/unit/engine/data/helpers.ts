/** Helpers for the data tests: temporary folders and small PNG / JPEG files written in code. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as jpeg from 'jpeg-js';
import { encodeRasterPng } from '../../../../src/engine/imageio/png';

export function makeTempDir(prefix = 'ssad-data-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function ensureParent(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
}

/** A PNG of constant grey level `value` (0–255), or `channels` samples per pixel of that value. */
export function writePng(path: string, width: number, height: number, value: number, channels: 1 | 2 | 3 | 4 = 1): void {
  ensureParent(path);
  const data = new Uint8Array(width * height * channels).fill(value);
  if (channels === 2 || channels === 4) for (let i = channels - 1; i < data.length; i += channels) data[i] = 255;
  writeFileSync(path, encodeRasterPng({ width, height, channels, data }));
}

/** A PNG from explicit samples. */
export function writePngData(path: string, width: number, height: number, channels: 1 | 2 | 3 | 4, data: Uint8Array): void {
  ensureParent(path);
  writeFileSync(path, encodeRasterPng({ width, height, channels, data }));
}

/** A JPEG (always colour, as jpeg-js writes it) of constant colour. */
export function writeJpeg(path: string, width: number, height: number, rgb: [number, number, number], quality = 95): void {
  ensureParent(path);
  writeFileSync(path, jpegBytes(width, height, rgb, quality));
}

export function jpegBytes(width: number, height: number, rgb: [number, number, number], quality = 95): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[4 * i] = rgb[0];
    data[4 * i + 1] = rgb[1];
    data[4 * i + 2] = rgb[2];
    data[4 * i + 3] = 255;
  }
  return jpeg.encode({ width, height, data }, quality).data;
}

export function writeText(path: string, text: string): void {
  ensureParent(path);
  writeFileSync(path, text);
}

export function writeBytes(path: string, bytes: Uint8Array): void {
  ensureParent(path);
  writeFileSync(path, bytes);
}

export function histogram(labels: Int32Array, k: number): number[] {
  const h = new Array<number>(k).fill(0);
  for (const l of labels) h[l]++;
  return h;
}

export function range(data: Float32Array): { min: number; max: number; mean: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / data.length };
}

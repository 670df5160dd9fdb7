/** PNG encoding of engine images (float [0, 1]) and of plain 8-bit rasters. */
import { PNG } from 'pngjs';
import { imageView, type ImageBatch } from '../image';
import type { RasterImage } from './raster';

/** Float value in [0, 1] → byte, clamped (augmented images may leave the range). */
export function toByte(v: number): number {
  if (!(v > 0)) return 0; // also NaN
  if (v >= 1) return 255;
  return Math.round(v * 255);
}

/** Encodes an 8-bit raster (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA) as PNG. */
export function encodeRasterPng(raster: RasterImage): Buffer {
  const { width, height, channels, data } = raster;
  if (data.length !== width * height * channels) {
    throw new Error(`raster of ${width}×${height}×${channels} has ${data.length} samples, expected ${width * height * channels}`);
  }
  const colorType = channels === 1 ? 0 : channels === 2 ? 4 : channels === 3 ? 2 : 6;
  const png = new PNG({ width, height, fill: false });
  // Handing pngjs the samples in the output layout lets it write them as they are.
  png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: channels === 2 || channels === 4, deflateLevel: 9 });
}

export interface EncodePngOptions {
  /** Which image of the batch (default 0). */
  index?: number;
  /** Nearest-neighbour upscaling factor, an integer ≥ 1 (default 1). */
  scale?: number;
}

/** One image of a batch as a PNG (grey for one channel, RGB for three); values are clamped to [0, 1]. */
export function encodePng(batch: ImageBatch, options: EncodePngOptions = {}): Buffer {
  const index = options.index ?? 0;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(index) || index < 0 || index >= batch.n) {
    throw new RangeError(`image index ${index} out of range 0..${batch.n - 1}`);
  }
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be an integer ≥ 1, got ${scale}`);
  if (batch.c !== 1 && batch.c !== 3) throw new Error(`cannot encode an image of ${batch.c} channels as PNG`);
  return encodeRasterPng(batchImageToRaster(batch, index, scale));
}

/** One image of a batch as an 8-bit raster, upscaled by `scale` (nearest neighbour). */
export function batchImageToRaster(batch: ImageBatch, index: number, scale = 1): RasterImage {
  const { h, w, c } = batch;
  const src = imageView(batch, index);
  const width = w * scale;
  const height = h * scale;
  const data = new Uint8Array(width * height * c);
  for (let y = 0; y < height; y++) {
    const sy = Math.floor(y / scale);
    for (let x = 0; x < width; x++) {
      const s = (sy * w + Math.floor(x / scale)) * c;
      const d = (y * width + x) * c;
      for (let ch = 0; ch < c; ch++) data[d + ch] = toByte(src[s + ch]);
    }
  }
  return { width, height, channels: c as 1 | 3, data };
}

/** From decoded files to engine images: channel conversion, then resize to the square size. */
import { createBatch, type ImageBatch } from '../image';
import { rasterToFloat } from './channels';
import { colourChannels, type RasterImage } from './raster';
import { resizePlan } from './resize';

/**
 * Writes the raster as `size` × `size` × `channels` float pixels into `dst` at `dstOffset`:
 * alpha composited on black, channels converted (grey replicated / BT.601 luma), then resized
 * (bilinear when enlarging, area averaging when shrinking; non-square images are stretched).
 */
export function rasterInto(raster: RasterImage, size: number, channels: 1 | 3, dst: Float32Array, dstOffset: number): void {
  const pixels = rasterToFloat(raster, channels);
  resizePlan(raster.height, raster.width, size, size).run(pixels, 0, channels, dst, dstOffset);
}

/** One raster as a batch of one image; by default at its own size and channel count. */
export function rasterToBatch(raster: RasterImage, options: { size?: number; channels?: 1 | 3 } = {}): ImageBatch {
  const channels = options.channels ?? colourChannels(raster);
  if (options.size === undefined) {
    return createBatch(1, raster.height, raster.width, channels, rasterToFloat(raster, channels));
  }
  const out = createBatch(1, options.size, options.size, channels);
  rasterInto(raster, options.size, channels, out.data, 0);
  return out;
}

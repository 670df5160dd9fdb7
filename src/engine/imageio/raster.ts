/**
 * A decoded image file before it becomes part of an experiment: 8-bit samples, interleaved,
 * row-major, at the file's own size.
 *
 * `channels` is what the file holds: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
 */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  readonly data: Uint8Array;
  /** The file format the raster came from (`png` or `jpeg`); absent for rasters built in memory. */
  readonly format?: 'png' | 'jpeg';
}

/** Number of colour channels (alpha not counted): 1 for grey, 3 for RGB. */
export function colourChannels(raster: RasterImage): 1 | 3 {
  return raster.channels <= 2 ? 1 : 3;
}

/** Image files in and out: decoding (PNG, JPEG), resizing, channel conversion, PNG sample sheets. */
export type { RasterImage } from './raster';
export { colourChannels } from './raster';
export { ImageDecodeError, decodeImage, decodeImageFile, sniffImageFormat, type ImageFormat } from './decode';
export { LUMA_601, rasterToFloat, convertChannels, convertBatchChannels } from './channels';
export { axisTable, ResizePlan, resizePlan, resizePixels, resizeBatch, type AxisTable } from './resize';
export { rasterInto, rasterToBatch } from './convert';
export { encodePng, encodeRasterPng, batchImageToRaster, toByte, type EncodePngOptions } from './png';
export {
  renderSampleSheet,
  sampleSheetLayout,
  type SampleSheetRow,
  type SampleSheetOptions,
  type SampleSheetLayout,
  type SheetRect,
} from './sheet';
export { drawText, textWidth, glyph, FONT_CHARACTERS, GLYPH_WIDTH, GLYPH_HEIGHT, GLYPH_ADVANCE } from './font';

/**
 * PNG and JPEG decoding in plain JavaScript (pngjs, jpeg-js): no native image library.
 * The format is recognised from the file's first bytes, not its extension, so a text file named
 * `.png` is reported as what it is.
 */
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';
import type { RasterImage } from './raster';
import { errorMessage } from '../../shared/errorMessage';

/** An image file that could not be decoded; `reason` says why in a few words. */
export class ImageDecodeError extends Error {
  constructor(
    readonly reason: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${reason}` : reason);
    this.name = 'ImageDecodeError';
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export type ImageFormat = 'png' | 'jpeg';

/** The format of an encoded image from its first bytes, or undefined when it is neither. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

/**
 * The default pixel budget (width × height) that keeps one hostile or huge file from exhausting
 * memory: decoding costs 4 bytes a pixel, converting 12 more, whatever size the data set uses.
 * The config's `runtime.maxImagePixels` sets it per run.
 */
export const DEFAULT_MAX_PIXELS = 50_000_000;

export interface DecodeOptions {
  /** Largest width × height accepted; checked from the header, before anything is allocated. */
  maxPixels?: number;
}

/** Decodes a PNG or JPEG held in memory. Throws ImageDecodeError (without a file name). */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): RasterImage {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const format = sniffImageFormat(bytes);
  if (format === 'png') return decodePng(bytes, maxPixels);
  if (format === 'jpeg') return decodeJpeg(bytes, maxPixels);
  throw new ImageDecodeError(describeNonImage(bytes));
}

function checkBudget(kind: string, width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new ImageDecodeError(
      `${kind} of ${width}×${height} pixels is larger than the pixel budget of ${maxPixels.toLocaleString('en-US')} (runtime.maxImagePixels); shrink the file or raise the budget`,
    );
  }
}

/** Reads and decodes an image file. Errors name the path as given. */
export async function decodeImageFile(path: string): Promise<RasterImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new ImageDecodeError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, path);
  }
  try {
    return decodeImage(bytes);
  } catch (err) {
    if (err instanceof ImageDecodeError) throw new ImageDecodeError(err.reason, path);
    throw err;
  }
}

function describeNonImage(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty file, not an image';
  const head = bytes.subarray(0, Math.min(bytes.length, 64));
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)) printable++;
  if (printable === head.length) return 'not a PNG or JPEG file (it looks like text)';
  if (bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'a BMP file; only PNG and JPEG are supported';
  if (bytes.length >= 4 && ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d)) && (bytes[2] === 42 || bytes[3] === 42)) {
    return 'a TIFF file; only PNG and JPEG are supported';
  }
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') {
    return 'a WebP file; only PNG and JPEG are supported';
  }
  if (bytes.length >= 3 && String.fromCharCode(...bytes.subarray(0, 3)) === 'GIF') {
    return 'a GIF file; only PNG and JPEG are supported';
  }
  const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `not a PNG or JPEG file (starts with bytes ${hex})`;
}

/** Width and height from the IHDR chunk, checked before pngjs allocates anything. */
function pngHeaderSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function decodePng(bytes: Uint8Array, maxPixels: number): RasterImage {
  const size = pngHeaderSize(bytes);
  if (!size) throw new ImageDecodeError('truncated PNG (the file ends inside its header)');
  if (size.width === 0 || size.height === 0) throw new ImageDecodeError(`PNG of unsupported size ${size.width}×${size.height}`);
  checkBudget('PNG', size.width, size.height, maxPixels);
  let png: ReturnType<typeof PNG.sync.read>;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    const message = errorMessage(err);
    if (/finished stream|unexpected end|end of (input|file)|incomplete/i.test(message)) {
      throw new ImageDecodeError('truncated PNG (the file ends before the image data does)');
    }
    throw new ImageDecodeError(`corrupt PNG (${message})`);
  }
  const { width, height } = png;
  const rgba = png.data;
  const n = width * height;
  if (rgba.length < n * 4) throw new ImageDecodeError('truncated PNG (too little image data)');
  // pngjs always hands back 8-bit RGBA; keep only what the file really holds.
  let alpha = false;
  for (let i = 3; i < n * 4; i += 4) {
    if (rgba[i] !== 255) {
      alpha = true;
      break;
    }
  }
  const colour = png.color && !png.palette ? true : png.color && !isGreyRgba(rgba, n);
  const channels = ((colour ? 3 : 1) + (alpha ? 1 : 0)) as 1 | 2 | 3 | 4;
  return { width, height, channels, data: packRgba(rgba, n, channels), format: 'png' };
}

function isGreyRgba(rgba: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const s = 4 * i;
    if (rgba[s] !== rgba[s + 1] || rgba[s] !== rgba[s + 2]) return false;
  }
  return true;
}

function packRgba(rgba: Uint8Array, n: number, channels: 1 | 2 | 3 | 4): Uint8Array {
  if (channels === 4) return new Uint8Array(rgba.buffer.slice(rgba.byteOffset, rgba.byteOffset + n * 4));
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const s = 4 * i;
    const d = channels * i;
    if (channels === 1) out[d] = rgba[s];
    else if (channels === 2) {
      out[d] = rgba[s];
      out[d + 1] = rgba[s + 3];
    } else {
      out[d] = rgba[s];
      out[d + 1] = rgba[s + 1];
      out[d + 2] = rgba[s + 2];
    }
  }
  return out;
}

/** The JPEG's frame header: size and number of components (1 grey, 3 colour, 4 CMYK), if found. */
function jpegFrame(bytes: Uint8Array): { width: number; height: number; components: number } | undefined {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8], components: bytes[i + 9] };
    }
    if (marker === 0xda) return undefined;
    i += 2 + length;
  }
  return undefined;
}

function hasJpegEnd(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 4096);
  for (let i = bytes.length - 2; i >= from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

function decodeJpeg(bytes: Uint8Array, maxPixels: number): RasterImage {
  const frame = jpegFrame(bytes);
  if (frame) checkBudget('JPEG', frame.width, frame.height, maxPixels);
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: 2048,
    });
  } catch (err) {
    const message = errorMessage(err);
    if (!hasJpegEnd(bytes)) throw new ImageDecodeError('truncated JPEG (no end-of-image marker)');
    throw new ImageDecodeError(`corrupt JPEG (${message})`);
  }
  const { width, height, data } = decoded;
  const n = width * height;
  if (width === 0 || height === 0 || data.length < n * 3) throw new ImageDecodeError('corrupt JPEG (no image data)');
  if (frame?.components === 1) {
    const grey = new Uint8Array(n);
    for (let i = 0; i < n; i++) grey[i] = data[3 * i];
    return { width, height, channels: 1, data: grey, format: 'jpeg' };
  }
  return { width, height, channels: 3, data: data.length === n * 3 ? data : data.slice(0, n * 3), format: 'jpeg' };
}

/**
 * Channel conversion at load time.
 *
 * - grey → RGB: the grey value is replicated into R, G and B.
 * - RGB → grey: ITU-R BT.601 luma, Y = 0.299 R + 0.587 G + 0.114 B (on the stored, gamma-encoded
 *   values, as image libraries do).
 * - Alpha is dropped by compositing the image on **black**: value × alpha. Black is the engine's
 *   "nothing here" value everywhere else (CutOut and shifts fill with 0, MNIST strokes are bright
 *   on black), so a transparent background reads the same way as an empty one.
 */
import { createBatch, type ImageBatch } from '../image';
import type { RasterImage } from './raster';

/** ITU-R BT.601 luma weights for R, G, B. */
export const LUMA_601: readonly [number, number, number] = [0.299, 0.587, 0.114];

/**
 * A raster's pixels as float32 values in [0, 1] with `outChannels` channels, at the raster's size.
 * Alpha is composited on black.
 */
export function rasterToFloat(raster: RasterImage, outChannels: 1 | 3): Float32Array {
  const { width, height, channels: inC, data } = raster;
  const n = width * height;
  if (data.length !== n * inC) {
    throw new Error(`raster of ${width}×${height}×${inC} has ${data.length} samples, expected ${n * inC}`);
  }
  const out = new Float32Array(n * outChannels);
  const k = 1 / 255;
  const [wr, wg, wb] = LUMA_601;
  if (inC === 1) {
    if (outChannels === 1) {
      for (let i = 0; i < n; i++) out[i] = data[i] * k;
    } else {
      for (let i = 0; i < n; i++) {
        const v = data[i] * k;
        out[3 * i] = v;
        out[3 * i + 1] = v;
        out[3 * i + 2] = v;
      }
    }
  } else if (inC === 2) {
    const kk = k * k;
    for (let i = 0; i < n; i++) {
      const v = data[2 * i] * data[2 * i + 1] * kk;
      if (outChannels === 1) out[i] = v;
      else {
        out[3 * i] = v;
        out[3 * i + 1] = v;
        out[3 * i + 2] = v;
      }
    }
  } else {
    // 3 or 4 channels; with alpha, the colour is scaled by alpha (composite on black).
    const kk = inC === 4 ? k * k : k;
    for (let i = 0; i < n; i++) {
      const s = i * inC;
      const a = inC === 4 ? data[s + 3] : 1;
      const r = data[s] * a * kk;
      const g = data[s + 1] * a * kk;
      const b = data[s + 2] * a * kk;
      if (outChannels === 1) {
        out[i] = wr * r + wg * g + wb * b;
      } else {
        out[3 * i] = r;
        out[3 * i + 1] = g;
        out[3 * i + 2] = b;
      }
    }
  }
  return out;
}

/** Converts interleaved float pixels between 1 and 3 channels (replicate / BT.601 luma). */
export function convertChannels(data: Float32Array, inChannels: 1 | 3, outChannels: 1 | 3): Float32Array {
  if (data.length % inChannels !== 0) {
    throw new Error(`${data.length} values cannot be pixels of ${inChannels} channels`);
  }
  if (inChannels === outChannels) return data.slice();
  const n = data.length / inChannels;
  const out = new Float32Array(n * outChannels);
  if (inChannels === 1) {
    for (let i = 0; i < n; i++) {
      const v = data[i];
      out[3 * i] = v;
      out[3 * i + 1] = v;
      out[3 * i + 2] = v;
    }
  } else {
    const [wr, wg, wb] = LUMA_601;
    for (let i = 0; i < n; i++) out[i] = wr * data[3 * i] + wg * data[3 * i + 1] + wb * data[3 * i + 2];
  }
  return out;
}

/** The batch with `channels` channels (a copy; the same values when the count already matches). */
export function convertBatchChannels(batch: ImageBatch, channels: 1 | 3): ImageBatch {
  if (batch.c !== 1 && batch.c !== 3) throw new Error(`cannot convert a batch of ${batch.c} channels`);
  return createBatch(batch.n, batch.h, batch.w, channels, convertChannels(batch.data, batch.c, channels));
}

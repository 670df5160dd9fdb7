/**
 * The fixed feature spaces of the alignment diagnostic: nothing is trained, so the same images
 * always give the same vectors, on any machine.
 *
 * - `pixels`: the raw pixel vector (HWC order, values in [0, 1]). Images larger than 32 × 32 are
 *   first shrunk to 32 × 32 by area averaging (each output pixel the mean of the source pixels it
 *   covers, `imageio/resize`); smaller ones are used as they are. d = side² · channels.
 * - `randomConv`: a fixed random convolution on that same (at most 32 × 32) image:
 *   16 filters of 3 × 3 × C, each weight drawn from N(0, 1/(9·C)) by `Rng(0, 'diagnose',
 *   'randomConv', C)` in the order filter, row, column, channel; no bias; stride 1 with zero
 *   padding ("same", so the map keeps the image's side); ReLU; average pooling over
 *   non-overlapping 4 × 4 windows (a window cut by the border averages the pixels it holds, so
 *   the pooled side is ⌈side / 4⌉); flattened in (row, column, filter) order.
 *   d = ⌈side / 4⌉² · 16: 256 at 16 px, as many as the grey pixel vector, so both spaces cost the
 *   same to compare (every distance is a pass over d values, and the diagnostic makes millions).
 *
 * Values are Float32Array (the images' precision); the distances accumulate in double.
 */
import type { ImageBatch } from '../image';
import { resizeBatch } from '../imageio/resize';
import { Rng } from '../random';
import type { Points } from './twoSampleDistance';

export type FeatureSpace = 'pixels' | 'randomConv';
export const FEATURE_SPACES: readonly FeatureSpace[] = ['pixels', 'randomConv'];

/** Images larger than this side are shrunk to it by area averaging before either feature map. */
export const MAX_FEATURE_SIDE = 32;
export const RANDOM_CONV_FILTERS = 16;
export const RANDOM_CONV_KERNEL = 3;
export const RANDOM_CONV_POOL = 4;
/** The seed of the random filters: one fixed feature space, whatever the config's seeds. */
export const RANDOM_CONV_SEED = 0;

/** A feature matrix: n vectors of d values, row after row. */
export interface FeatureMatrix extends Points {
  readonly data: Float32Array;
}

/** The images the feature maps read: the batch itself, or its 32 × 32 area-averaged shrink. */
export function featureImages(batch: ImageBatch): ImageBatch {
  if (batch.h !== batch.w) throw new Error(`feature maps need square images, got ${batch.h}×${batch.w}`);
  return batch.h > MAX_FEATURE_SIDE ? resizeBatch(batch, MAX_FEATURE_SIDE) : batch;
}

export function pixelFeatures(batch: ImageBatch): FeatureMatrix {
  const images = featureImages(batch);
  return { n: images.n, d: images.h * images.w * images.c, data: images === batch ? batch.data.slice() : images.data };
}

/** The filters of `randomConv` for C channels: [filter][row][column][channel]. */
export function randomConvFilters(channels: number): Float32Array {
  const k = RANDOM_CONV_KERNEL;
  const weights = new Float32Array(RANDOM_CONV_FILTERS * k * k * channels);
  const rng = new Rng(RANDOM_CONV_SEED, 'diagnose', 'randomConv', channels);
  const std = 1 / Math.sqrt(k * k * channels);
  for (let i = 0; i < weights.length; i++) weights[i] = rng.normal(0, std);
  return weights;
}

/** The length of a feature vector of `space` for images of this side and channel count. */
export function featureDimension(space: FeatureSpace, side: number, channels: number): number {
  const s = Math.min(side, MAX_FEATURE_SIDE);
  if (space === 'pixels') return s * s * channels;
  const p = Math.ceil(s / RANDOM_CONV_POOL);
  return p * p * RANDOM_CONV_FILTERS;
}

export function randomConvFeatures(batch: ImageBatch): FeatureMatrix {
  const images = featureImages(batch);
  const { n, h, w, c } = images;
  const k = RANDOM_CONV_KERNEL;
  const half = (k - 1) / 2;
  const f = RANDOM_CONV_FILTERS;
  const pool = RANDOM_CONV_POOL;
  const ph = Math.ceil(h / pool);
  const pw = Math.ceil(w / pool);
  const d = ph * pw * f;
  const filters = randomConvFilters(c);
  const out = new Float32Array(n * d);
  const sums = new Float64Array(d);
  const response = new Float64Array(f);
  const imageSize = h * w * c;
  for (let i = 0; i < n; i++) {
    const base = i * imageSize;
    sums.fill(0);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        response.fill(0);
        for (let dy = 0; dy < k; dy++) {
          const yy = y + dy - half;
          if (yy < 0 || yy >= h) continue;
          for (let dx = 0; dx < k; dx++) {
            const xx = x + dx - half;
            if (xx < 0 || xx >= w) continue;
            const pixel = base + (yy * w + xx) * c;
            const tap = (dy * k + dx) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = images.data[pixel + ch];
              if (v === 0) continue;
              for (let m = 0; m < f; m++) response[m] += v * filters[m * k * k * c + tap + ch];
            }
          }
        }
        const cell = (Math.floor(y / pool) * pw + Math.floor(x / pool)) * f;
        for (let m = 0; m < f; m++) if (response[m] > 0) sums[cell + m] += response[m];
      }
    }
    for (let py = 0; py < ph; py++) {
      const rows = Math.min(pool, h - py * pool);
      for (let px = 0; px < pw; px++) {
        const area = rows * Math.min(pool, w - px * pool);
        const cell = (py * pw + px) * f;
        for (let m = 0; m < f; m++) out[i * d + cell + m] = sums[cell + m] / area;
      }
    }
  }
  return { n, d, data: out };
}

/** The feature map of `space`. */
export function extractFeatures(space: FeatureSpace, batch: ImageBatch): FeatureMatrix {
  return space === 'pixels' ? pixelFeatures(batch) : randomConvFeatures(batch);
}

/** The rows `indices` of `features`, copied, in that order. */
export function selectRows(features: FeatureMatrix, indices: ArrayLike<number>): FeatureMatrix {
  const { d } = features;
  const out = new Float32Array(indices.length * d);
  for (let k = 0; k < indices.length; k++) out.set(features.data.subarray(indices[k] * d, (indices[k] + 1) * d), k * d);
  return { n: indices.length, d, data: out };
}

/**
 * `shapes`: a procedural data set for tests and demos, generated from a seed in milliseconds.
 *
 * Eight classes — circle, square, triangle, cross, ring, star, crescent, arrow — each image one
 * bright shape at a random position, scale and rotation on a darker textured background (a
 * gradient, stripes, soft blotches or a checkerboard) with a little grain. The polarity is fixed
 * (shape brighter than background, as in MNIST), so intensity anomalies such as `invert` are
 * visible. Shapes are anti-aliased from signed distance functions.
 *
 * Determinism: image i of class k in split s is drawn from its own stream
 * `new Rng(seed, 'shapes', s, k, i)`, so it does not change when the number of images per class
 * changes, and all random draws except the per-pixel grain are the same at every image size.
 * The same seed gives byte-identical data.
 */
import { createBatch } from '../image';
import { Rng } from '../random';
import { DatasetError } from './errors';
import type { LabeledImages, LoadedDataset } from './types';

export const SHAPE_CLASS_NAMES: readonly string[] = ['circle', 'square', 'triangle', 'cross', 'ring', 'star', 'crescent', 'arrow'];

export const SHAPES_DEFAULT_TRAIN_PER_CLASS = 500;
export const SHAPES_DEFAULT_TEST_PER_CLASS = 100;

export interface ShapesOptions {
  seed: number;
  imageSize: number;
  /** 1 (grey, the default) or 3 (colour). */
  channels?: 1 | 3;
  trainPerClass?: number;
  testPerClass?: number;
}

/** Generates the `shapes` data set. */
export function generateShapes(options: ShapesOptions): LoadedDataset {
  const size = options.imageSize;
  const channels = options.channels ?? 1;
  const trainPerClass = options.trainPerClass ?? SHAPES_DEFAULT_TRAIN_PER_CLASS;
  const testPerClass = options.testPerClass ?? SHAPES_DEFAULT_TEST_PER_CLASS;
  if (!Number.isInteger(size) || size < 4) throw new DatasetError(`shapes: imageSize must be an integer ≥ 4, got ${size}`);
  if (channels !== 1 && channels !== 3) throw new DatasetError(`shapes: channels must be 1 or 3, got ${String(channels)}`);
  for (const [name, v] of [['trainPerClass', trainPerClass], ['testPerClass', testPerClass]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new DatasetError(`shapes: ${name} must be a whole number ≥ 0, got ${v}`);
  }
  return {
    name: 'shapes',
    classNames: SHAPE_CLASS_NAMES,
    train: generateSplit(options.seed, 'train', trainPerClass, size, channels),
    test: generateSplit(options.seed, 'test', testPerClass, size, channels),
    skipped: [],
  };
}

function generateSplit(seed: number, split: string, perClass: number, size: number, channels: 1 | 3): LabeledImages {
  const k = SHAPE_CLASS_NAMES.length;
  const images = createBatch(k * perClass, size, size, channels);
  const labels = new Int32Array(k * perClass);
  const per = size * size * channels;
  const painter = new Painter(size, channels);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < perClass; i++) {
      const n = c * perClass + i;
      labels[n] = c;
      painter.paint(c, new Rng(seed, 'shapes', split, c, i), images.data.subarray(n * per, (n + 1) * per));
    }
  }
  return { images, labels };
}

// ---- geometry -------------------------------------------------------------------------------

/** A closed polygon as flat x, y coordinates, in the shape's unit frame (radius ≈ 1). */
type Polygon = Float64Array;

function regularStar(points: number, outer: number, inner: number): Polygon {
  const v = new Float64Array(points * 4);
  for (let i = 0; i < points * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / points;
    v[2 * i] = r * Math.cos(a);
    v[2 * i + 1] = r * Math.sin(a);
  }
  return v;
}

function regularPolygon(sides: number, radius: number): Polygon {
  const v = new Float64Array(sides * 2);
  for (let i = 0; i < sides; i++) {
    const a = -Math.PI / 2 + (2 * i * Math.PI) / sides;
    v[2 * i] = radius * Math.cos(a);
    v[2 * i + 1] = radius * Math.sin(a);
  }
  return v;
}

const TRIANGLE = regularPolygon(3, 1);
const STAR = regularStar(5, 1, 0.45);
// Pointing right; the shaft is a third of the height.
const ARROW = Float64Array.from([-0.9, -0.2, 0.1, -0.2, 0.1, -0.6, 0.9, 0, 0.1, 0.6, 0.1, 0.2, -0.9, 0.2]);

/** Signed distance from (px, py) to a polygon: negative inside. */
function sdPolygon(v: Polygon, px: number, py: number): number {
  const n = v.length / 2;
  let best = Infinity;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i, i++) {
    const xi = v[2 * i];
    const yi = v[2 * i + 1];
    const xj = v[2 * j];
    const yj = v[2 * j + 1];
    const ex = xj - xi;
    const ey = yj - yi;
    const wx = px - xi;
    const wy = py - yi;
    let t = (wx * ex + wy * ey) / (ex * ex + ey * ey);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const bx = wx - ex * t;
    const by = wy - ey * t;
    const d = bx * bx + by * by;
    if (d < best) best = d;
    if (yi > py !== yj > py && px < xi + ((py - yi) * ex) / ey) inside = !inside;
  }
  const d = Math.sqrt(best);
  return inside ? -d : d;
}

function sdBox(px: number, py: number, bx: number, by: number): number {
  const qx = Math.abs(px) - bx;
  const qy = Math.abs(py) - by;
  const ox = qx > 0 ? qx : 0;
  const oy = qy > 0 ? qy : 0;
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0);
}

/** Signed distance to shape `cls` in its unit frame. */
function shapeDistance(cls: number, x: number, y: number): number {
  switch (cls) {
    case 0: // circle
      return Math.sqrt(x * x + y * y) - 0.85;
    case 1: // square
      return sdBox(x, y, 0.68, 0.68);
    case 2: // triangle
      return sdPolygon(TRIANGLE, x, y + 0.12);
    case 3: // cross
      return Math.min(sdBox(x, y, 0.9, 0.27), sdBox(x, y, 0.27, 0.9));
    case 4: {
      // ring
      return Math.abs(Math.sqrt(x * x + y * y) - 0.68) - 0.2;
    }
    case 5: // star
      return sdPolygon(STAR, x, y + 0.05);
    case 6: {
      // crescent: a disc minus a shifted disc
      const outer = Math.sqrt(x * x + y * y) - 0.88;
      const dx = x - 0.42;
      const inner = Math.sqrt(dx * dx + y * y) - 0.72;
      return Math.max(outer, -inner);
    }
    default: // arrow
      return sdPolygon(ARROW, x, y);
  }
}

// ---- painting -------------------------------------------------------------------------------

/** HSV (all in [0, 1]) → RGB. */
function hsv(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number): number => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

class Painter {
  private readonly texture: Float64Array;
  private readonly lattice = new Float64Array(25);

  constructor(
    private readonly size: number,
    private readonly channels: 1 | 3,
  ) {
    this.texture = new Float64Array(size * size);
  }

  /** Paints one image of class `cls` into `out` (size × size × channels). */
  paint(cls: number, rng: Rng, out: Float32Array): void {
    const { size, channels, texture } = this;
    // Every draw below except the grain is independent of the image size.
    const radius = size * rng.uniform(0.2, 0.34);
    const margin = Math.max(0, size / 2 - radius * 0.95);
    const cx = size / 2 + rng.uniform(-margin, margin);
    const cy = size / 2 + rng.uniform(-margin, margin);
    const angle = rng.uniform(0, 2 * Math.PI);
    const bgKind = rng.int(4);
    const bgAngle = rng.uniform(0, 2 * Math.PI);
    const bgScale = rng.uniform(0, 1);
    const bgPhase = rng.uniform(0, 2 * Math.PI);
    const grainAmp = rng.uniform(0, 0.04);
    // Colours: two background colours blended by the texture, one foreground colour.
    let bgA: number[];
    let bgB: number[];
    let fg: number[];
    if (channels === 1) {
      bgA = [rng.uniform(0.0, 0.45)];
      bgB = [rng.uniform(0.0, 0.45)];
      fg = [rng.uniform(0.65, 1)];
    } else {
      const h = rng.next();
      bgA = hsv(h, rng.uniform(0.3, 0.9), rng.uniform(0.08, 0.45));
      bgB = hsv((h + rng.uniform(0.05, 0.3)) % 1, rng.uniform(0.3, 0.9), rng.uniform(0.08, 0.45));
      fg = hsv(rng.next(), rng.uniform(0, 0.7), rng.uniform(0.8, 1));
    }
    for (let i = 0; i < 25; i++) this.lattice[i] = rng.next();

    this.paintTexture(bgKind, bgAngle, bgScale, bgPhase);

    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const inv = 1 / radius;
    const reach = radius + 1.5;
    for (let y = 0; y < size; y++) {
      const py = y + 0.5 - cy;
      for (let x = 0; x < size; x++) {
        const px = x + 0.5 - cx;
        let alpha = 0;
        if (px * px + py * py < reach * reach) {
          // Into the shape's frame: rotate by −angle, scale to unit radius.
          const ux = (cos * px + sin * py) * inv;
          const uy = (-sin * px + cos * py) * inv;
          const d = shapeDistance(cls, ux, uy) * radius; // in pixels
          alpha = d <= -0.5 ? 1 : d >= 0.5 ? 0 : 0.5 - d;
        }
        const t = texture[y * size + x];
        const o = (y * size + x) * channels;
        for (let c = 0; c < channels; c++) {
          const bg = bgA[c] + (bgB[c] - bgA[c]) * t;
          out[o + c] = bg + (fg[c] - bg) * alpha;
        }
      }
    }
    // Grain last, so that the draws above do not depend on the image size.
    if (grainAmp > 0) {
      for (let i = 0; i < out.length; i++) {
        const v = out[i] + (rng.next() * 2 - 1) * grainAmp;
        out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
    }
  }

  /** Fills `texture` with values in [0, 1]. */
  private paintTexture(kind: number, angle: number, scale: number, phase: number): void {
    const { size, texture, lattice } = this;
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const half = size / 2;
    if (kind === 0) {
      // Linear gradient across the image.
      const span = size * Math.SQRT1_2;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const u = ((x + 0.5 - half) * dx + (y + 0.5 - half) * dy) / span;
          texture[y * size + x] = Math.min(1, Math.max(0, 0.5 + 0.5 * u));
        }
      }
    } else if (kind === 1) {
      // Stripes: period 1/8 to 1/3 of the image.
      const period = size * (0.125 + scale * 0.21);
      const k = (2 * Math.PI) / period;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const u = (x + 0.5) * dx + (y + 0.5) * dy;
          texture[y * size + x] = 0.5 + 0.5 * Math.sin(k * u + phase);
        }
      }
    } else if (kind === 2) {
      // Soft blotches: smooth value noise on a 5 × 5 lattice.
      const cell = size / 4;
      for (let y = 0; y < size; y++) {
        const gy = (y + 0.5) / cell;
        const iy = Math.min(3, Math.floor(gy));
        let fy = gy - iy;
        fy = fy * fy * (3 - 2 * fy);
        for (let x = 0; x < size; x++) {
          const gx = (x + 0.5) / cell;
          const ix = Math.min(3, Math.floor(gx));
          let fx = gx - ix;
          fx = fx * fx * (3 - 2 * fx);
          const a = lattice[iy * 5 + ix];
          const b = lattice[iy * 5 + ix + 1];
          const c = lattice[(iy + 1) * 5 + ix];
          const d = lattice[(iy + 1) * 5 + ix + 1];
          texture[y * size + x] = (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
        }
      }
    } else {
      // Checkerboard, cells of 1/8 to 1/4 of the image, shifted by the phase.
      const cell = size * (0.125 + scale * 0.125);
      const shift = (phase / (2 * Math.PI)) * cell;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const on = (Math.floor((x + shift) / cell) + Math.floor((y + shift) / cell)) & 1;
          texture[y * size + x] = on;
        }
      }
    }
  }
}

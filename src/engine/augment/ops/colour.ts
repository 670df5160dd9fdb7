/**
 * Colour operations on one HWC image, in place, values in [0, 1]. Brightness and contrast work on
 * 1 and 3 channels; saturation, hue and grayscale need 3 (RGB) and leave 1-channel images alone.
 * Luma weights are ITU-R BT.601 (0.299, 0.587, 0.114).
 */
import type { Rng } from '../../random';

const LR = 0.299;
const LG = 0.587;
const LB = 0.114;

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** x · f, clamped to [0, 1]. */
export function adjustBrightness(img: Float32Array, f: number): void {
  for (let k = 0; k < img.length; k++) img[k] = clamp01(img[k] * f);
}

/** Mean luma of the image (the mean value for one channel). */
export function meanLuma(img: Float32Array, c: number): number {
  let sum = 0;
  if (c === 3) {
    for (let k = 0; k < img.length; k += 3) sum += LR * img[k] + LG * img[k + 1] + LB * img[k + 2];
    return sum / (img.length / 3);
  }
  for (let k = 0; k < img.length; k++) sum += img[k];
  return sum / img.length;
}

/** Blend with the image's mean luma: m + f · (x − m), clamped. */
export function adjustContrast(img: Float32Array, c: number, f: number): void {
  const m = meanLuma(img, c) * (1 - f);
  for (let k = 0; k < img.length; k++) img[k] = clamp01(img[k] * f + m);
}

/** Blend each RGB pixel with its luma: g + f · (x − g), clamped. No-op for one channel. */
export function adjustSaturation(img: Float32Array, c: number, f: number): void {
  if (c !== 3) return;
  for (let k = 0; k < img.length; k += 3) {
    const g = (LR * img[k] + LG * img[k + 1] + LB * img[k + 2]) * (1 - f);
    img[k] = clamp01(img[k] * f + g);
    img[k + 1] = clamp01(img[k + 1] * f + g);
    img[k + 2] = clamp01(img[k + 2] * f + g);
  }
}

/** Every RGB pixel replaced by its luma in all three channels. No-op for one channel. */
export function toGrayscale(img: Float32Array, c: number): void {
  if (c !== 3) return;
  for (let k = 0; k < img.length; k += 3) {
    const g = clamp01(LR * img[k] + LG * img[k + 1] + LB * img[k + 2]);
    img[k] = g;
    img[k + 1] = g;
    img[k + 2] = g;
  }
}

/** RGB in [0, 1] → HSV, h in [0, 1), written to out[0..2]. */
export function rgbToHsv(r: number, g: number, b: number, out: Float64Array | number[]): void {
  const max = r > g ? (r > b ? r : b) : g > b ? g : b;
  const min = r < g ? (r < b ? r : b) : g < b ? g : b;
  const d = max - min;
  let hue = 0;
  if (d > 0) {
    if (max === r) hue = (g - b) / d;
    else if (max === g) hue = (b - r) / d + 2;
    else hue = (r - g) / d + 4;
    hue /= 6;
    if (hue < 0) hue += 1;
  }
  out[0] = hue;
  out[1] = max > 0 ? d / max : 0;
  out[2] = max;
}

/** HSV (h wraps modulo 1) → RGB in [0, 1], written to out[0..2]. */
export function hsvToRgb(hue: number, s: number, v: number, out: Float64Array | number[]): void {
  const h6 = (hue - Math.floor(hue)) * 6;
  const i = Math.floor(h6);
  const f = h6 - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  switch (i % 6) {
    case 0: out[0] = v; out[1] = t; out[2] = p; break;
    case 1: out[0] = q; out[1] = v; out[2] = p; break;
    case 2: out[0] = p; out[1] = v; out[2] = t; break;
    case 3: out[0] = p; out[1] = q; out[2] = v; break;
    case 4: out[0] = t; out[1] = p; out[2] = v; break;
    default: out[0] = v; out[1] = p; out[2] = q; break;
  }
}

/** Rotates every RGB pixel's hue by `delta` turns (−0.5 … 0.5). No-op for one channel. */
export function shiftHue(img: Float32Array, c: number, delta: number): void {
  if (c !== 3 || delta === 0) return;
  for (let k = 0; k < img.length; k += 3) {
    const r = img[k];
    const g = img[k + 1];
    const b = img[k + 2];
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const d = max - min;
    if (d <= 0) continue; // grey: hue has no effect
    // RGB → HSV (hue in sixths of a turn), shift, and back; v = max and s = d / max are unchanged.
    let hue = max === r ? (g - b) / d : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    hue += delta * 6;
    hue -= 6 * Math.floor(hue / 6);
    if (hue >= 6) hue = 0;
    const i = Math.floor(hue);
    const f = hue - i;
    const v = max;
    const p = min; // v · (1 − s)
    const q = v - d * f; // v · (1 − s·f)
    const t = min + d * f; // v · (1 − s·(1 − f))
    let nr: number;
    let ng: number;
    let nb: number;
    switch (i) {
      case 0: nr = v; ng = t; nb = p; break;
      case 1: nr = q; ng = v; nb = p; break;
      case 2: nr = p; ng = v; nb = t; break;
      case 3: nr = p; ng = q; nb = v; break;
      case 4: nr = t; ng = p; nb = v; break;
      default: nr = v; ng = p; nb = q; break;
    }
    img[k] = clamp01(nr);
    img[k + 1] = clamp01(ng);
    img[k + 2] = clamp01(nb);
  }
}

/** Maximum jitter strengths, as in a colour-jitter transform: factors 1 ± s, hue ± s (≤ 0.5). */
export interface JitterStrengths {
  brightness: number;
  contrast: number;
  saturation: number;
  hue: number;
}

/** One draw of a colour jitter: factors (1 = unchanged), hue shift (0 = unchanged) and the order. */
export interface JitterDraw {
  brightness: number;
  contrast: number;
  saturation: number;
  hue: number;
  /** The order of the four operations: 0 brightness, 1 contrast, 2 saturation, 3 hue. */
  order: Int32Array;
}

/**
 * Draws jitter factors. `train`: factor ~ U(max(0, 1 − s), 1 + s), hue ~ U(−s, s).
 * `anomaly`: the outer half of each range, so that the jitter is never close to the identity:
 * factor = 1 ± U(s/2, s) (at least 0), hue = ± U(s/2, s). A strength of 0 always gives 1 (or 0).
 */
export function sampleJitter(rng: Rng, s: JitterStrengths, mode: 'train' | 'anomaly'): JitterDraw {
  const order = rng.permutation(4);
  const factor = (strength: number): number => {
    if (strength === 0) return 1;
    if (mode === 'train') return rng.uniform(Math.max(0, 1 - strength), 1 + strength);
    const magnitude = rng.uniform(strength / 2, strength);
    return rng.bernoulli(0.5) ? 1 + magnitude : Math.max(0, 1 - magnitude);
  };
  const brightness = factor(s.brightness);
  const contrast = factor(s.contrast);
  const saturation = factor(s.saturation);
  let hue = 0;
  const hs = Math.min(0.5, s.hue);
  if (hs > 0) {
    if (mode === 'train') hue = rng.uniform(-hs, hs);
    else hue = (rng.bernoulli(0.5) ? 1 : -1) * rng.uniform(hs / 2, hs);
  }
  return { brightness, contrast, saturation, hue, order };
}

/** Applies a drawn jitter in its order; operations whose factor is the identity are skipped. */
export function applyJitter(img: Float32Array, c: number, draw: JitterDraw): void {
  for (let k = 0; k < 4; k++) {
    switch (draw.order[k]) {
      case 0:
        if (draw.brightness !== 1) adjustBrightness(img, draw.brightness);
        break;
      case 1:
        if (draw.contrast !== 1) adjustContrast(img, c, draw.contrast);
        break;
      case 2:
        if (draw.saturation !== 1) adjustSaturation(img, c, draw.saturation);
        break;
      default:
        if (draw.hue !== 0) shiftHue(img, c, draw.hue);
        break;
    }
  }
}

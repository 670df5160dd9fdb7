/**
 * Colour scales of the heatmap, both colour-blind safe: viridis (sequential) for AUROC, AP and
 * F1, and a blue–white–orange diverging scale centred on 0 for differences, so that cells where
 * self-supervision hurts (negative, orange) stand out from those where it helps (positive, blue).
 */

export interface ColourScale {
  kind: 'sequential' | 'diverging';
  /** Values at the two ends; the diverging scale is symmetric around 0. */
  min: number;
  max: number;
  /** Colour stops from min to max (positions 0..1). */
  stops: ReadonlyArray<{ at: number; colour: string }>;
}

const VIRIDIS = ['#440154', '#414487', '#2a788e', '#22a884', '#7ad151', '#fde725'];
/** Orange (hurts) → white → blue (helps); PuOr/RdBu-like end points that stay apart under deuteranopia. */
const BLUE_WHITE_ORANGE = ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'];

function evenly(colours: readonly string[]): Array<{ at: number; colour: string }> {
  return colours.map((colour, i) => ({ at: i / (colours.length - 1), colour }));
}

/**
 * Sequential scale over the data: from the smallest value (rounded down to 0.05, at most 0.5 so
 * that "chance" is on the scale for AUROC) to 1.
 */
export function sequentialScale(values: readonly number[]): ColourScale {
  const low = values.length ? Math.min(...values) : 0.5;
  const min = Math.max(0, Math.min(0.5, Math.floor(low / 0.05) * 0.05));
  return { kind: 'sequential', min, max: 1, stops: evenly(VIRIDIS) };
}

/** Diverging scale symmetric around 0, as wide as the largest |value| (at least ±0.05). */
export function divergingScale(values: readonly number[]): ColourScale {
  const extent = Math.max(0.05, ...values.map((v) => Math.abs(v)));
  const rounded = Math.ceil(extent / 0.01) * 0.01;
  return { kind: 'diverging', min: -rounded, max: rounded, stops: evenly(BLUE_WHITE_ORANGE) };
}

function parseHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** The scale's position (0..1) of a value, clamped. */
export function scalePosition(scale: ColourScale, value: number): number {
  if (scale.max === scale.min) return 0.5;
  return Math.min(1, Math.max(0, (value - scale.min) / (scale.max - scale.min)));
}

/** The colour of a value: linear interpolation in sRGB between the two nearest stops. */
export function colourAt(scale: ColourScale, value: number): string {
  const t = scalePosition(scale, value);
  const stops = scale.stops;
  for (let i = 1; i < stops.length; i++) {
    if (t <= stops[i].at) {
      const a = stops[i - 1];
      const b = stops[i];
      const f = b.at === a.at ? 0 : (t - a.at) / (b.at - a.at);
      const ca = parseHex(a.colour);
      const cb = parseHex(b.colour);
      return toHex(ca.map((v, k) => v + (cb[k] - v) * f));
    }
  }
  return stops[stops.length - 1].colour;
}

/** Relative luminance (WCAG) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on the cell colour. */
export function textColourOn(hex: string): string {
  return luminance(hex) > 0.22 ? '#000000' : '#ffffff';
}

/** Tick values for the legend: ends and middle. */
export function legendTicks(scale: ColourScale): number[] {
  return [scale.min, (scale.min + scale.max) / 2, scale.max];
}

/**
 * Sample sheets: one PNG with a row per labelled set of images (normal, each anomaly type, each
 * augmentation …), the label drawn in a strip on the left with the built-in 5×7 font, and the
 * images upscaled by an integer factor (nearest neighbour, so pixels stay visible).
 */
import type { ImageBatch } from '../image';
import { drawText, GLYPH_HEIGHT, textWidth } from './font';
import { encodeRasterPng, toByte } from './png';

export interface SampleSheetRow {
  label: string;
  images: ImageBatch;
}

export interface SampleSheetOptions {
  /** Integer upscaling of the images; default: the largest of 1..4 that keeps them ≤ 96 px. */
  scale?: number;
  /** Pixels between images and rows (default 4). */
  gap?: number;
  /** Size of one font pixel in sheet pixels (default 2, i.e. 10×14-px characters). */
  textScale?: number;
  /** At most this many images per row (default: all of them). */
  maxPerRow?: number;
  /** Longer labels are cut and end in `..` (default 32 characters). */
  maxLabelChars?: number;
  /** Optional title drawn above the rows. */
  title?: string;
  /** Sheet background, a grey level 0–255 (default 40). */
  background?: number;
  /** Label colour, a grey level 0–255 (default 230). */
  textColour?: number;
}

export interface SheetRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SampleSheetLayout {
  width: number;
  height: number;
  /** 3 when any row holds colour images, else 1. */
  channels: 1 | 3;
  scale: number;
  textScale: number;
  /** Width of the label strip on the left (the images start right of it). */
  labelStripWidth: number;
  title?: { text: string; rect: SheetRect };
  rows: Array<{ label: string; rect: SheetRect; labelRect: SheetRect; cells: SheetRect[] }>;
}

const MAX_AUTO_PIXELS = 96;

/** Where everything goes; `renderSampleSheet` draws exactly this. */
export function sampleSheetLayout(rows: readonly SampleSheetRow[], options: SampleSheetOptions = {}): SampleSheetLayout {
  if (rows.length === 0) throw new Error('a sample sheet needs at least one row');
  const gap = options.gap ?? 4;
  const textScale = options.textScale ?? 2;
  const maxLabelChars = options.maxLabelChars ?? 32;
  const maxPerRow = options.maxPerRow ?? Infinity;
  for (const row of rows) {
    if (row.images.c !== 1 && row.images.c !== 3) {
      throw new Error(`sample sheet row '${row.label}' has images of ${row.images.c} channels; expected 1 or 3`);
    }
  }
  const maxSide = Math.max(1, ...rows.map((r) => Math.max(r.images.h, r.images.w)));
  const scale = options.scale ?? Math.max(1, Math.min(4, Math.floor(MAX_AUTO_PIXELS / maxSide)));
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be an integer ≥ 1, got ${scale}`);
  if (!Number.isInteger(textScale) || textScale < 1) throw new RangeError(`textScale must be an integer ≥ 1, got ${textScale}`);

  const labels = rows.map((r) => cutLabel(r.label, maxLabelChars));
  const textH = GLYPH_HEIGHT * textScale;
  const labelStripWidth = gap * 2 + Math.max(0, ...labels.map((l) => textWidth(l, textScale)));

  let y = gap;
  let title: SampleSheetLayout['title'];
  if (options.title) {
    const text = cutLabel(options.title, 80);
    title = { text, rect: { x: gap, y, width: textWidth(text, textScale), height: textH } };
    y += textH + gap;
  }
  let width = title ? title.rect.x + title.rect.width + gap : 0;
  const outRows: SampleSheetLayout['rows'] = [];
  rows.forEach((row, r) => {
    const count = Math.min(row.images.n, maxPerRow);
    const cw = row.images.w * scale;
    const ch = row.images.h * scale;
    const rowH = Math.max(count > 0 ? ch : 0, textH);
    const cells: SheetRect[] = [];
    let x = labelStripWidth;
    for (let i = 0; i < count; i++) {
      cells.push({ x, y: y + Math.floor((rowH - ch) / 2), width: cw, height: ch });
      x += cw + gap;
    }
    const rowWidth = Math.max(x, labelStripWidth + gap);
    width = Math.max(width, rowWidth);
    outRows.push({
      label: labels[r],
      rect: { x: 0, y, width: rowWidth, height: rowH },
      labelRect: { x: gap, y: y + Math.floor((rowH - textH) / 2), width: textWidth(labels[r], textScale), height: textH },
      cells,
    });
    y += rowH + gap;
  });
  const channels: 1 | 3 = rows.some((r) => r.images.c === 3) ? 3 : 1;
  return { width, height: y, channels, scale, textScale, labelStripWidth, title, rows: outRows };
}

/** Renders the sheet and returns it as PNG bytes (grey when every row is grey, else RGB). */
export function renderSampleSheet(rows: readonly SampleSheetRow[], options: SampleSheetOptions = {}): Buffer {
  const layout = sampleSheetLayout(rows, options);
  const { width, height, channels, scale, textScale } = layout;
  const background = options.background ?? 40;
  const textColour = options.textColour ?? 230;
  const data = new Uint8Array(width * height * channels).fill(background);
  const canvas = { width, height, channels, data };
  if (layout.title) drawText(canvas, layout.title.text, layout.title.rect.x, layout.title.rect.y, [textColour], textScale);
  layout.rows.forEach((rowLayout, r) => {
    drawText(canvas, rowLayout.label, rowLayout.labelRect.x, rowLayout.labelRect.y, [textColour], textScale);
    const batch = rows[r].images;
    const per = batch.h * batch.w * batch.c;
    rowLayout.cells.forEach((cell, i) => {
      const src = batch.data.subarray(i * per, (i + 1) * per);
      for (let y = 0; y < cell.height; y++) {
        const sy = Math.floor(y / scale);
        for (let x = 0; x < cell.width; x++) {
          const s = (sy * batch.w + Math.floor(x / scale)) * batch.c;
          const d = ((cell.y + y) * width + cell.x + x) * channels;
          if (channels === batch.c) {
            for (let c = 0; c < channels; c++) data[d + c] = toByte(src[s + c]);
          } else {
            // A grey row on a colour sheet.
            const v = toByte(src[s]);
            data[d] = v;
            data[d + 1] = v;
            data[d + 2] = v;
          }
        }
      }
    });
  });
  return encodeRasterPng({ width, height, channels, data });
}

function cutLabel(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : chars.slice(0, Math.max(1, max - 2)).join('') + '..';
}

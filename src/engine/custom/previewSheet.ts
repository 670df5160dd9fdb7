/**
 * The preview sheet of one augmentation: the same real images as they are, under the training
 * transform twice (two random draws, so its randomness shows) and under the always-applied
 * anomaly transform.
 */
import { applyAugmentation } from '../augment';
import type { ResolvedAugmentation } from '../augment/types';
import type { ImageBatch } from '../image';
import { renderSampleSheet, type SampleSheetRow } from '../imageio';
import { Rng } from '../random';

export interface PreviewSheet {
  png: Uint8Array;
  rows: string[];
}

export function renderPreviewSheet(aug: ResolvedAugmentation, images: ImageBatch, seed: number): PreviewSheet {
  const rows: SampleSheetRow[] = [
    { label: 'original', images },
    { label: 'train (draw 1)', images: applyAugmentation(aug, images, new Rng(seed, 'preview', aug.id, 1), 'train') },
    { label: 'train (draw 2)', images: applyAugmentation(aug, images, new Rng(seed, 'preview', aug.id, 2), 'train') },
    { label: 'anomaly mode', images: applyAugmentation(aug, images, new Rng(seed, 'preview', aug.id, 'anomaly'), 'anomaly') },
  ];
  const png = renderSampleSheet(rows, { title: aug.id, maxLabelChars: 16 });
  return { png, rows: rows.map((r) => r.label) };
}

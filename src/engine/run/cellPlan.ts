/**
 * The cells of a run: augmentations × seeds × normal classes. Cell ids are a pure function of the
 * config, so a grid can be split into shards and merged, and a rerun writes the same file names.
 */
import type { AugmentationRef, ExperimentConfig } from '../../shared/config';

export interface CellPlan {
  id: string;
  /** Index into `config.augmentations`. */
  augmentationIndex: number;
  /** The augmentation's label (resolved id), e.g. `cutout-0.2`. */
  augmentation: string;
  seed: number;
  normalClass: string;
}

export function safeIdPart(text: string): string {
  return text.replace(/[^A-Za-z0-9.=+-]+/g, '_').replace(/^_+|_+$/g, '') || '_';
}

export function cellId(augmentation: string, seed: number, normalClass: string): string {
  return `${safeIdPart(augmentation)}__s${seed}__c${safeIdPart(normalClass)}`;
}

/**
 * Cells in the order they should run: seed-major, so that a full first pass over augmentations
 * finishes early and partial results already show a whole matrix.
 */
export function planCells(
  config: ExperimentConfig,
  augmentationLabel: (ref: AugmentationRef) => string,
  normalClasses: readonly string[],
): CellPlan[] {
  const labels = config.augmentations.map(augmentationLabel);
  const cells: CellPlan[] = [];
  for (const seed of config.seeds) {
    for (const normalClass of normalClasses) {
      labels.forEach((augmentation, augmentationIndex) => {
        cells.push({ id: cellId(augmentation, seed, normalClass), augmentationIndex, augmentation, seed, normalClass });
      });
    }
  }
  const seen = new Set<string>();
  for (const c of cells) {
    if (seen.has(c.id)) throw new Error(`two cells share the id "${c.id}": augmentations must be distinct`);
    seen.add(c.id);
  }
  return cells;
}

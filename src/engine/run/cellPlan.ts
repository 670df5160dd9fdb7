/**
 * The cells of a run: augmentations × seeds × normal classes. Cell ids are a pure function of the
 * config, so a grid can be split into shards and merged, and a rerun writes the same file names.
 *
 * A cell id is also a file name (`scores/<id>.json`), so each part is made of characters that are
 * safe in a file name on every system: ASCII lower-case letters, digits, `.`, `=`, `+`, `-`, and
 * Unicode letters and digits. A part that had to be changed to get there (a path, a capital, a
 * space, an accent in a composed or decomposed form) gets a short hash of its exact text, so two
 * different names never share an id, whatever their script, and no id starts with a dot.
 */
import { createHash } from 'node:crypto';
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

/** Characters a part keeps as they are; anything else makes the part lossy (hashed). */
const LOSSLESS = /^[a-z0-9][a-z0-9.=+-]*$/;
/** The longest readable part, in UTF-8 bytes, so that a whole id stays a valid file name. */
const MAX_READABLE_BYTES = 60;

/**
 * A readable version of `text` for names: Unicode letters and digits and `.=+-` kept, every other
 * run of characters turned into one `_`, no leading dot or underscore, at most 60 UTF-8 bytes.
 * Lossy: use `idPart` where two names must never meet.
 */
export function readableIdPart(text: string): string {
  let out = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}.=+-]+/gu, '_')
    .replace(/^[._]+|_+$/g, '');
  if (Buffer.byteLength(out) > MAX_READABLE_BYTES) {
    const chars = [...out];
    while (Buffer.byteLength(chars.join('')) > MAX_READABLE_BYTES) chars.pop();
    out = chars.join('').replace(/_+$/, '');
  }
  return out || 'unnamed';
}

/** 12 hex digits of the SHA-256 of the exact text. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}

/**
 * One part of a cell id: the text itself when it is plain lower-case ASCII (`none`, `cutout-0.2`,
 * `7`), else its readable form plus `_` and a hash of the exact text. Lossless parts never hold
 * `_`, so a hashed part never equals a lossless one, and no part holds `__`, the separator.
 */
export function idPart(text: string): string {
  if (LOSSLESS.test(text) && Buffer.byteLength(text) <= MAX_READABLE_BYTES) return text;
  return `${readableIdPart(text)}_${shortHash(text)}`;
}

export function cellId(augmentation: string, seed: number, normalClass: string): string {
  return `${idPart(augmentation)}__s${seed}__c${idPart(normalClass)}`;
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
  return gridCells(config.augmentations.map(augmentationLabel), config.seeds, normalClasses);
}

/** The cells of augmentation labels × seeds × normal classes, in run order (as `planCells`). */
export function gridCells(labels: readonly string[], seeds: readonly number[], normalClasses: readonly string[]): CellPlan[] {
  const cells: CellPlan[] = [];
  for (const seed of seeds) {
    for (const normalClass of normalClasses) {
      labels.forEach((augmentation, augmentationIndex) => {
        cells.push({ id: cellId(augmentation, seed, normalClass), augmentationIndex, augmentation, seed, normalClass });
      });
    }
  }
  const seen = new Map<string, CellPlan>();
  for (const c of cells) {
    const first = seen.get(c.id);
    if (first) {
      const what =
        first.augmentation === c.augmentation
          ? `the augmentation "${c.augmentation}" is listed twice`
          : first.normalClass === c.normalClass
            ? `"${first.augmentation}" and "${c.augmentation}" are the same augmentation`
            : `the normal classes "${first.normalClass}" and "${c.normalClass}" are the same`;
      throw new Error(`two cells would share the id "${c.id}": ${what}`);
    }
    seen.set(c.id, c);
  }
  return cells;
}

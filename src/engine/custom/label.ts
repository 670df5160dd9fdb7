/**
 * The label (and so the cell id and anomaly-type name) of a custom augmentation: the module path
 * exactly as written in the config, plus any explicit parameters in braces like a built-in's
 * (`./ssad/augmentations/x.ts{size=0.2}`). The parent process computes it without loading user
 * code, it never changes when the module's `name` is edited, and two entries that differ in path
 * or parameters never share it.
 */
import type { AugmentationRef } from '../../shared/config';
import { augmentationLabel } from '../augment';

export function customAugmentationLabel(ref: AugmentationRef): string {
  if (typeof ref === 'string') return ref;
  return augmentationLabel(ref.name, ref.params ?? {});
}

/** The path as shown in messages: relative to the config's folder, forward slashes, no leading `./`. */
export function displayPath(written: string): string {
  return written.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

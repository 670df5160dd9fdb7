import type { AugmentationRef } from '../../shared/config';
import { isModulePath, resolveAugmentation } from '../augment';
import { customAugmentationLabel } from '../custom/label';

/**
 * The label of an augmentation in results: the registry's id, or for a custom module the path as
 * written (plus explicit parameters in braces), computed without loading user code.
 */
export function augmentationLabel(ref: AugmentationRef): string {
  if (isModulePath(ref)) return customAugmentationLabel(ref);
  return resolveAugmentation(ref).id;
}

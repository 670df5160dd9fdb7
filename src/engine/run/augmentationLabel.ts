import type { AugmentationRef } from '../../shared/config';
import { isModulePath, resolveAugmentation } from '../augment';

/** The label of an augmentation in results: the registry's id, or the module path as written. */
export function augmentationLabel(ref: AugmentationRef): string {
  if (typeof ref === 'string' && isModulePath(ref)) return ref;
  return resolveAugmentation(ref).id;
}

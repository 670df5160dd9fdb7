/** The augmentation catalogue and registry: the public API of `src/engine/augment`. */
export type {
  AugmentationCategory,
  AugmentationDefinition,
  AugmentationMode,
  AugmentationParams,
  ParamSpec,
  ResolvedAugmentation,
} from './types';
export type { CheckedAugmentationDefinition } from './params';
export {
  applyAugmentation,
  applyVariant,
  augmentationLabel,
  augmentationNames,
  definitionProblems,
  getAugmentation,
  isBuiltinAugmentation,
  isModulePath,
  listAugmentations,
  registerAugmentation,
  resolveAugmentation,
  resolveParams,
  unregisterAugmentation,
  variantCount,
} from './registry';
export { CATALOGUE } from './catalogue';
export { customModuleRefs } from './moduleRefs';

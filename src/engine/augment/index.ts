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
  augmentationNames,
  definitionProblems,
  isBuiltinAugmentation,
  isModulePath,
  labelWithParams,
  listAugmentations,
  resolveAugmentation,
  resolveParams,
} from './registry';
export { applyAugmentation, applyVariant, variantCount } from './apply';
export {
  ModuleResolverMissingError,
  registryResolver,
  resolveAugmentationRef,
  resultsLabel,
  type AugmentationResolver,
  type ModuleResolver,
} from './resolver';
export { CATALOGUE } from './catalogue';
export { customAugmentationLabel, customModuleRefs } from './moduleRefs';

/** Custom augmentation modules: loading, checking and guarding user-written TypeScript. */
export { CustomModuleError, type ModuleLocation } from './errors';
export { createModuleResolver, loadCustomModule, resolveCustomAugmentation, type LoadedModule } from './loader';
export { displayPath } from './displayPath';
export { augmentationNameProblem } from './name';
export { outputProblem } from './guard';
export type { CustomAugmentationDefinition, CustomAugmentationExtras } from './definition';

/** Custom augmentation modules: loading, checking and labelling user-written TypeScript. */
export { CustomModuleError, type ModuleLocation } from './errors';
export { createModuleResolver, loadCustomModule, resolveCustomAugmentation, type LoadedModule } from './loader';
export { customAugmentationLabel, displayPath } from './label';
export { augmentationNameProblem } from './name';
export { outputProblem } from './guard';
export type { CustomAugmentationDefinition, CustomAugmentationExtras } from './definition';

/**
 * The engine's surface for the `ssad` CLI: the light surface of `api.ts` (shared with the
 * extension host) plus what only a terminal process does — load data sets, diagnose, draw sample
 * sheets, resolve and load augmentations and custom modules. `startRun` forks the training
 * processes; TensorFlow.js loads only in them and in the commands that need it.
 */
export * from './api';
export { listAugmentations, resolveAugmentation } from './augment';
export { createModuleResolver, resolveCustomAugmentation } from './custom';
export { loadDataset } from './data';
export { DEFAULT_DIAGNOSIS_DISTANCE, DEFAULT_DIAGNOSIS_FEATURE, diagnoseAlignment, DISTANCE_NAMES, FEATURE_SPACES } from './diagnose';
export { selectImages } from './image';
export { renderSampleSheet, type SampleSheetRow } from './imageio';
export { Rng } from './random';
export { writeFileAtomic } from './run/atomicFile';

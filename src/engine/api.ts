/**
 * The engine's light public surface, for the VS Code extension host and the CLI's cluster job
 * writers (which the extension shares): config validation, the augmentation
 * registry, starting and reading runs. Nothing here loads TensorFlow.js — training happens in the
 * child processes that `startRun` forks.
 */
export {
  formatConfigErrors,
  formatConfigReport,
  locatePath,
  parseConfigText,
  ssadSchema,
  validateConfig,
  validateConfigText,
  type ConfigError,
  type LoadConfigResult,
} from './config';
export { augmentationNames, isModulePath, listAugmentations, resolveAugmentation } from './augment';
export type { AugmentationDefinition, AugmentationCategory } from './augment/types';
export { resultsLabel } from './augment';
export { newRunId, startRun, type RunHandle, type RunOptions } from './run/runExperiment';
export { attachableRun, attachDetachedRun, startDetachedRun, type DetachedRunHandle, type DetachedRunSpec } from './run/detachedRun';
export { describeRunEvent, RUN_LOG_FILE } from './run/runLog';
export { readRunResults, RunFolderError } from './run/readResults';
export { RunFolderCache, type RunFolderListing } from './run/runFolderCache';
export { createRunFolder, leadsInside, readRunFile, resolveInsideRun, RunFolderPathError } from './run/runFolder';
export { prepareResume, ResumeError, type ResumePlan } from './run/resume';
export { readRunNotes, writeRunNotes } from './run/runNotes';
// Scale-out: shard runs of one grid (startRun's `shard`) and their merge into one run folder.
export { cellsOfShard, formatShard, parseShardSpec, shardRunIdSuffix, type ShardSpec, type ShardSpecResult } from './run/shardPlan';
export { configHash } from './run/configHash';
export { runStamp } from './run/runStamp';
export { describeFsError } from './run/atomicFile';
export { runtimeLimits } from './config/runtime';
export { mergeShards, MergeError, missingText, type MergeOptions, type MergeResult } from './run/mergeShards';
// Only the light parts of custom modules: the host never loads (let alone runs) user code.
export { augmentationNameProblem } from './custom/name';
export { customAugmentationLabel, customModuleRefs, isBuiltinAugmentation } from './augment';
// Native TensorFlow: where training processes look for it, and its install with the user's npm
// (neither loads TensorFlow.js).
export {
  expandHome,
  hasActiveNativeInstall,
  NATIVE_BACKEND_ENV,
  NATIVE_BACKEND_FROM_ENV,
  TFJS_VERSION,
  defaultNativeBackendRoot,
} from './backend/nativeLocation';
export {
  describeActiveInstall,
  installNativeBackend,
  nativePackageName,
  type InstallNativeOptions,
  type InstallNativeResult,
  type InstallStep,
} from './backend/nativeInstall';

/** Backend selection and the wasm training kernels: the public API of this folder. */
export {
  probeBackends,
  resolveWasmDir,
  selectBackend,
  WASM_DIR_ENV,
  type BackendCandidate,
  type BackendCandidateName,
  type ResolvedBackend,
  type BackendSelection,
  type SelectBackendOptions,
  type WasmDirectory,
} from './select';
export {
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  wasmTrainingKernelsRegistered,
  WASM_TRAINING_KERNELS,
  REPLACED_GRADIENTS,
  type WasmTrainingKernel,
} from './wasmKernels';
export { ADAMW_UPDATE, adamWKernel } from './wasmAdamW';
export { CONV2D_BIAS, CONV2D_TRANSPOSE_BIAS, biasConvKernels } from './wasmBiasConv';
export { BATCH_NORM_INFER, BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD, batchNormTrainingKernels } from './wasmBatchNorm';
export {
  ACTIVE_INSTALL_FILE,
  defaultNativeBackendRoot,
  expandHome,
  findNativeBackend,
  hasActiveNativeInstall,
  NATIVE_BACKEND_ENV,
  NATIVE_BACKEND_FROM_ENV,
  NATIVE_PACKAGES,
  TFJS_VERSION,
  type NativeLookup,
  type NativePackage,
  type NativePackageName,
} from './nativeLocation';
export {
  describeActiveInstall,
  explainNpmFailure,
  installNativeBackend,
  nativePackageName,
  npmInstallArgs,
  type InstallNativeOptions,
  type InstallNativeResult,
  type InstallStep,
} from './nativeInstall';

/** Backend selection and the wasm training kernels: the public API of this folder. */
export {
  BACKEND_REQUESTS,
  resolveWasmDir,
  selectBackend,
  WASM_DIR_ENV,
  type BackendName,
  type BackendRequest,
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

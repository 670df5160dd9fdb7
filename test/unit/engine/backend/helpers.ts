import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  selectBackend,
  unregisterWasmTrainingKernels,
  wasmTrainingKernelsRegistered,
} from '../../../../src/engine/backend';

/** Deterministic values in [-1, 1) (mulberry32), so that failures reproduce. */
export function randomValues(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let a = seed >>> 0;
  for (let i = 0; i < size; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** ‖a − b‖₂ / ‖b‖₂: the error relative to the reference's magnitude, not per element. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  assert.equal(actual.length, expected.length, 'length');
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    diff += (actual[i] - expected[i]) ** 2;
    norm += expected[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  const err = relativeError(actual, expected);
  assert.ok(Number.isFinite(err) && err <= tolerance, `${what}: relative error ${err.toExponential(2)} > ${tolerance}`);
}

function backendDataIds(): number {
  return (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
}

/**
 * Runs `f` on `backend` inside a tidy and returns the values of what it returns. Fails when the
 * call leaves tensors behind, in the engine or (what kernel-internal temporaries would leak) in
 * the backend's own storage.
 */
export async function valuesOn(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const idsBefore = backendDataIds();
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(list);
  assert.equal(tf.memory().numTensors, tensorsBefore, `${backend}: tensors leaked`);
  assert.equal(backendDataIds(), idsBefore, `${backend}: backend buffers leaked`);
  return values;
}

/**
 * Mocha hooks for a suite that needs the wasm backend with the training kernels; afterwards the
 * process is left with the backend and kernel registrations it had before.
 */
export function useWasm(): void {
  let previousBackend: string | undefined;
  let kernelsWereRegistered = false;
  before(async function () {
    this.timeout(20000);
    // Read the field, not tf.getBackend(), which would initialise a backend as a side effect.
    const name = (tf.engine() as unknown as { backendName?: string | null }).backendName;
    previousBackend = typeof name === 'string' ? name : undefined;
    kernelsWereRegistered = wasmTrainingKernelsRegistered();
    await selectBackend('wasm');
  });
  after(async () => {
    if (!kernelsWereRegistered) unregisterWasmTrainingKernels();
    if (previousBackend !== undefined) await tf.setBackend(previousBackend);
  });
}

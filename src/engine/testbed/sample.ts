/**
 * Seeded, per-class sampling of image indices. Every class is sampled on its own stream (keyed by
 * the seed and the class name), so the images a class contributes never depend on which other
 * classes are in the experiment.
 */
import type { Rng } from '../random';

/** The indices of the images whose label is `label`, in data-set order. */
export function indicesOfClass(labels: Int32Array, label: number): Int32Array {
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === label) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === label) out[k++] = i;
  return out;
}

/**
 * At most `limit` of `indices`, drawn uniformly without replacement with `rng` and returned in
 * data-set order. Without a limit, or when there are no more than `limit`, all of them (and the
 * stream is not touched).
 */
export function sampleIndices(indices: Int32Array, limit: number | undefined, rng: Rng): Int32Array {
  if (limit === undefined || indices.length <= limit) return indices.slice();
  const perm = rng.permutation(indices.length);
  const picked = new Int32Array(limit);
  for (let k = 0; k < limit; k++) picked[k] = indices[perm[k]];
  return picked.sort();
}

/**
 * `sampleIndices` plus up to `heldOut` indices it did not pick, drawn from the same permutation, so
 * the picked sample is exactly `sampleIndices`'s. Without a limit every index is picked and none
 * is held out: held-out images never shrink the sample.
 */
export function sampleWithHeldOut(
  indices: Int32Array,
  limit: number | undefined,
  heldOut: number,
  rng: Rng,
): { picked: Int32Array; heldOut: Int32Array } {
  if (limit === undefined || indices.length <= limit) return { picked: indices.slice(), heldOut: new Int32Array(0) };
  const perm = rng.permutation(indices.length);
  const picked = new Int32Array(limit);
  for (let k = 0; k < limit; k++) picked[k] = indices[perm[k]];
  const rest = Math.min(heldOut, indices.length - limit);
  const held = new Int32Array(rest);
  for (let k = 0; k < rest; k++) held[k] = indices[perm[limit + k]];
  return { picked: picked.sort(), heldOut: held.sort() };
}

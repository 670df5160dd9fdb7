/**
 * A fast fingerprint of a batch's pixels, taken before and after a custom `apply` to prove the
 * module left its input alone without keeping a second copy of every batch.
 */
export function pixelChecksum(data: Float32Array): number {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.length);
  let h = 0x811c9dc5 ^ words.length;
  for (let i = 0; i < words.length; i++) {
    h = Math.imul(h ^ words[i], 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

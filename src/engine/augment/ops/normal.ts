/** Fast standard-normal samples drawn from the engine's Rng. */
import type { Rng } from '../../random';

/**
 * Fills `out` with independent N(0, 1) samples (Marsaglia's polar method: two uniforms from `rng`
 * per attempt, no trigonometry). Deterministic for a given rng state.
 */
export function fillStandardNormal(rng: Rng, out: Float32Array | Float64Array): void {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    let x: number;
    let y: number;
    let s: number;
    do {
      x = 2 * rng.next() - 1;
      y = 2 * rng.next() - 1;
      s = x * x + y * y;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i] = x * f;
    if (i + 1 < n) out[i + 1] = y * f;
  }
}

import { Rng } from '../random';
import { MetricInputError } from './errors';
import { assertFinite } from './validate';
import type { BootstrapCi } from '../../shared/results';

/** Enough resamples that the 2.5 % and 97.5 % percentiles move by well under the std's rounding between seeds. */
export const BOOTSTRAP_RESAMPLES = 10_000;

/** Fixed, so the same paired differences always give the same interval (and it is recorded next to it). */
export const BOOTSTRAP_SEED = 20_240_229;

export interface BootstrapOptions {
  level?: number;
  resamples?: number;
  seed?: number;
}

/**
 * Percentile bootstrap confidence interval of the mean: `resamples` times, draw n values with
 * replacement (indices from the engine's `Rng(seed, 'bootstrap-mean')`), take their mean; the
 * interval runs between the (1 − level)/2 and (1 + level)/2 percentiles of those means (linear
 * interpolation, NumPy's default `percentile`). Deterministic: the same values in the same order
 * give the same interval on every machine.
 *
 * @throws MetricInputError with fewer than 2 values (one value has no sampling spread to show),
 * a non-finite value, or a level outside (0, 1).
 */
export function bootstrapMeanCi(values: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapCi {
  const metric = 'bootstrapMeanCi';
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? BOOTSTRAP_SEED;
  const n = values.length;
  if (n < 2) throw new MetricInputError(`${metric}: ${n} value${n === 1 ? '' : 's'}; a bootstrap interval needs at least 2`);
  assertFinite(values, metric, 'value');
  if (!(level > 0 && level < 1)) throw new MetricInputError(`${metric}: level must lie strictly between 0 and 1, got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new MetricInputError(`${metric}: resamples must be a positive integer, got ${resamples}`);

  const rng = new Rng(seed, 'bootstrap-mean');
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[rng.int(n)];
    means[b] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  return { level, low: percentile(means, 100 * tail), high: percentile(means, 100 * (1 - tail)), resamples, seed };
}

/** The p-th percentile (0 ≤ p ≤ 100) of ascending values, interpolated linearly between ranks as `numpy.percentile` does by default. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new MetricInputError('percentile: empty input');
  if (!(p >= 0 && p <= 100)) throw new MetricInputError(`percentile: p must lie in [0, 100], got ${p}`);
  const position = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  // a + (b − a)·f keeps a collapsed interval exact (a = b gives a, never a rounding neighbour).
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

import type { MeanStd } from './types';
import { assertFinite, assertNonEmpty } from './validate';

/**
 * Mean and sample standard deviation (ddof = 1, the n − 1 denominator, as `numpy.std(x, ddof=1)`)
 * of values such as one metric over seeds. The spread over seeds estimates the spread of the
 * population of runs, hence n − 1. A single value has std 0 by convention (NumPy would give NaN):
 * one seed shows no spread, and a NaN would break every table and chart built on the result.
 *
 * @throws MetricInputError on empty input or a non-finite value (naming its index).
 */
export function meanStd(values: ArrayLike<number>): MeanStd {
  const metric = 'meanStd';
  assertNonEmpty(values.length, metric);
  assertFinite(values, metric, 'value');
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { mean, std: 0, n };
  // Two passes (deviations from the mean) rather than E[x²] − E[x]², which cancels catastrophically
  // when the spread is small next to the mean, as it is for AUROCs near 1.
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / (n - 1)), n };
}

/**
 * Thrown when a metric is asked for on input where it is undefined (one class only, no data,
 * mismatched lengths, a non-finite value). A metric never answers NaN: a NaN in a results table
 * would silently poison every mean and every comparison built on it, so the caller is told why.
 */
export class MetricInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricInputError';
  }
}


/**
 * A set of n embeddings of dimension d, row-major (row i is data[i*d .. i*d + d)). Float32 because
 * that is what the encoders hand back and 2,000 × 256 rows per set stay at 2 MB; every criterion
 * accumulates in Float64.
 */
export interface Embeddings {
  n: number;
  d: number;
  data: Float32Array;
}

export function embeddings(n: number, d: number, data: Float32Array): Embeddings {
  assertShape({ n, d, data }, 'embeddings');
  return { n, d, data };
}

export function assertShape(e: Embeddings, label: string): void {
  if (!Number.isInteger(e.n) || e.n < 0 || !Number.isInteger(e.d) || e.d < 1) {
    throw new RangeError(`${label}: n must be a non-negative integer and d a positive one, got n=${e.n}, d=${e.d}`);
  }
  if (e.data.length !== e.n * e.d) {
    throw new RangeError(`${label}: ${e.n} × ${e.d} needs ${e.n * e.d} values, got ${e.data.length}`);
  }
}

/**
 * Below this norm a row is treated as having no direction: it is divided by the floor instead of
 * its norm, as torch's `normalize` does, so a zero row stays zero rather than turning into NaN that
 * would poison every mean it enters, and DSV sees the rows the reference encoder would hand it.
 */
export const NORM_FLOOR = 1e-12;

function normalizeRowsInto(e: Embeddings, out: Float32Array | Float64Array): void {
  const { n, d, data } = e;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let squares = 0;
    for (let k = 0; k < d; k++) squares += data[base + k] * data[base + k];
    const norm = Math.max(Math.sqrt(squares), NORM_FLOOR);
    for (let k = 0; k < d; k++) out[base + k] = data[base + k] / norm;
  }
}

export function l2Normalize(e: Embeddings): Embeddings {
  assertShape(e, 'l2Normalize');
  const out = new Float32Array(e.n * e.d);
  normalizeRowsInto(e, out);
  return { n: e.n, d: e.d, data: out };
}

/**
 * The unit rows kept in Float64: rounding them back to Float32 would make a criterion differ by
 * ~1e-8 between an embedding space and a rotation of it, which is noise no comparison needs.
 */
export function unitRows64(e: Embeddings): Float64Array {
  const out = new Float64Array(e.n * e.d);
  normalizeRowsInto(e, out);
  return out;
}

export function meanOfRows(data: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  if (n === 0) return mean.fill(NaN);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let k = 0; k < d; k++) mean[k] += data[base + k];
  }
  for (let k = 0; k < d; k++) mean[k] /= n;
  return mean;
}

/**
 * Two-sample distances between sets of feature vectors (pure; Euclidean distance throughout).
 *
 * Both are written as one form, D(X, Y) = 2·E g(X, Y) − E g(X, X′) − E g(Y, Y′), with
 * - **energy distance** (Székely): g(x, y) = ‖x − y‖;
 * - **MMD²** with the RBF kernel k(x, y) = exp(−‖x − y‖² / (2σ²)): g = −k.
 *
 * Estimator: the V-statistic (the "biased" one), i.e. every mean runs over all n² ordered pairs,
 * the i = j pairs included (g = 0 for energy, −1 for MMD). It is the distance between the two
 * empirical distributions themselves, so it is never negative and is 0 for identical sets, and a
 * ratio of two such distances is always defined. (The unbiased U-statistic drops the i = j pairs
 * and goes negative around 0.) Its bias is of order 1/n; the diagnostic compares sets of equal
 * sizes (an augmented train set has as many images as the train set), so numerator and
 * denominator of its ratio carry about the same bias. Rounding below 0 is clamped to 0.
 *
 * Bandwidth of the MMD (the median heuristic): σ = the median of the Euclidean distances ‖zᵢ − zⱼ‖
 * (not squared) over the distinct pairs i < j of the pooled sample Z = X ∪ Y (within X, within
 * Y and across), the mean of the two middle values for an even count (as numpy.median). Should
 * the median be 0 (over half the pairs identical), the median of the positive distances; should
 * every distance be 0, σ = 0 and k(x, y) = [x = y].
 *
 * Squared distances come from the Gram identity ‖x‖² + ‖y‖² − 2⟨x, y⟩, every sum taken in double
 * in the order of the vector's values, so a vector's distance to an identical one is exactly 0.
 */

export type DistanceName = 'energy' | 'mmd';
export const DISTANCE_NAMES: readonly DistanceName[] = ['energy', 'mmd'];

/** n vectors of d values, row after row. */
export interface Points {
  readonly n: number;
  readonly d: number;
  readonly data: Float32Array | Float64Array;
}

/** Points copied to double, with their squared norms: the form every sum below reads. */
export class PointSet {
  readonly n: number;
  readonly d: number;
  readonly data: Float64Array;
  readonly norms: Float64Array;

  constructor(points: Points) {
    const { n, d } = points;
    if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(d) && d >= 1) || points.data.length !== n * d) {
      throw new RangeError(`a point set of ${n} × ${d} cannot hold ${points.data.length} values`);
    }
    this.n = n;
    this.d = d;
    this.data = Float64Array.from(points.data);
    this.norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const a = i * d;
      for (let k = 0; k < d; k++) s += this.data[a + k] * this.data[a + k];
      this.norms[i] = s;
    }
    for (let i = 0; i < this.data.length; i++) {
      if (!Number.isFinite(this.data[i])) throw new RangeError(`value ${i} of a point set is ${this.data[i]}, not a finite number`);
    }
  }

  static of(points: Points | PointSet): PointSet {
    return points instanceof PointSet ? points : new PointSet(points);
  }
}

/** g of one pair, from its squared distance; D = 2·E g(X, Y) − E g(X, X′) − E g(Y, Y′). */
export interface Discrepancy {
  readonly name: DistanceName;
  readonly g: (squaredDistance: number) => number;
  /** MMD only: the kernel's σ. */
  readonly bandwidth?: number;
}

export function energyDiscrepancy(): Discrepancy {
  return { name: 'energy', g: Math.sqrt };
}

/** MMD² with the RBF kernel of bandwidth σ (σ = 0: the kernel is 1 for identical vectors, else 0). */
export function mmdDiscrepancy(bandwidth: number): Discrepancy {
  if (!(bandwidth >= 0) || !Number.isFinite(bandwidth)) throw new RangeError(`an RBF bandwidth must be a finite number ≥ 0, got ${bandwidth}`);
  const scale = 1 / (2 * bandwidth * bandwidth);
  const g = bandwidth === 0 ? (s: number) => (s === 0 ? -1 : 0) : (s: number) => -Math.exp(-s * scale);
  return { name: 'mmd', g, bandwidth };
}

function checkDimensions(x: PointSet, y: PointSet): void {
  if (x.d !== y.d) throw new RangeError(`cannot compare vectors of ${x.d} and ${y.d} values`);
}

/**
 * The core pass: g of every pair (xᵢ, yⱼ) — every i, j; or, with `triangle` (y is x), every i < j —
 * summed. `columnSums[j]`, when given, receives Σᵢ g(xᵢ, yⱼ), added in the order of i. Tiles of
 * 4 × 2 pairs read each value once per tile; each pair's dot product is still one sum in the
 * order of the values, so it does not depend on the tile the pair falls in.
 */
function pairPass(x: PointSet, y: PointSet, g: (s: number) => number, triangle: boolean, columnSums?: Float64Array): number {
  const d = x.d;
  const X = x.data;
  const Y = y.data;
  const nx = x.n;
  const ny = y.n;
  const na = x.norms;
  const nb = y.norms;
  const sums = columnSums ?? new Float64Array(ny);
  let total = 0;
  const rows4 = nx - (nx % 4);
  for (let i = 0; i < rows4; i += 4) {
    const a0 = i * d;
    const a1 = a0 + d;
    const a2 = a1 + d;
    const a3 = a2 + d;
    const n0 = na[i];
    const n1 = na[i + 1];
    const n2 = na[i + 2];
    const n3 = na[i + 3];
    // In the triangle, tiles start at the block's own first column; pairs j ≤ i are skipped below.
    const j0 = triangle ? i : 0;
    const cols2 = ny - ((ny - j0) % 2);
    let blockTotal = 0;
    for (let j = j0; j < cols2; j += 2) {
      const b0 = j * d;
      const b1 = b0 + d;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let s20 = 0;
      let s21 = 0;
      let s30 = 0;
      let s31 = 0;
      for (let k = 0; k < d; k++) {
        const y0 = Y[b0 + k];
        const y1 = Y[b1 + k];
        const x0 = X[a0 + k];
        const x1 = X[a1 + k];
        const x2 = X[a2 + k];
        const x3 = X[a3 + k];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s30 += x3 * y0;
        s31 += x3 * y1;
      }
      const m0 = nb[j];
      const m1 = nb[j + 1];
      if (triangle && j < i + 4) {
        // A tile on the diagonal: only the pairs above it.
        const dots = [s00, s01, s10, s11, s20, s21, s30, s31];
        for (let t = 0; t < 8; t++) {
          const r = i + (t >> 1);
          const col = j + (t & 1);
          if (col <= r) continue;
          const v = g(squared(na[r] + nb[col] - 2 * dots[t]));
          blockTotal += v;
          sums[col] += v;
        }
        continue;
      }
      const v00 = g(squared(n0 + m0 - 2 * s00));
      const v10 = g(squared(n1 + m0 - 2 * s10));
      const v20 = g(squared(n2 + m0 - 2 * s20));
      const v30 = g(squared(n3 + m0 - 2 * s30));
      const v01 = g(squared(n0 + m1 - 2 * s01));
      const v11 = g(squared(n1 + m1 - 2 * s11));
      const v21 = g(squared(n2 + m1 - 2 * s21));
      const v31 = g(squared(n3 + m1 - 2 * s31));
      sums[j] += v00;
      sums[j] += v10;
      sums[j] += v20;
      sums[j] += v30;
      sums[j + 1] += v01;
      sums[j + 1] += v11;
      sums[j + 1] += v21;
      sums[j + 1] += v31;
      blockTotal += v00 + v10 + v20 + v30 + v01 + v11 + v21 + v31;
    }
    for (let j = cols2; j < ny; j++) {
      for (let r = i; r < i + 4; r++) {
        if (triangle && j <= r) continue;
        const v = g(squared(na[r] + nb[j] - 2 * dot(X, r * d, Y, j * d, d)));
        blockTotal += v;
        sums[j] += v;
      }
    }
    total += blockTotal;
  }
  for (let i = rows4; i < nx; i++) {
    let rowTotal = 0;
    for (let j = triangle ? i + 1 : 0; j < ny; j++) {
      const v = g(squared(na[i] + nb[j] - 2 * dot(X, i * d, Y, j * d, d)));
      rowTotal += v;
      sums[j] += v;
    }
    total += rowTotal;
  }
  return total;
}

/** A squared distance from the Gram identity; rounding below 0 is 0. */
function squared(s: number): number {
  return s > 0 ? s : 0;
}

/** ⟨a, b⟩ summed in the order of the values, as the tiles sum it. */
function dot(A: Float64Array, a: number, B: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += A[a + k] * B[b + k];
  return s;
}

/** E g(X, X′) over all n² ordered pairs of the set (the V-statistic's within term). */
export function withinMean(x: PointSet, discrepancy: Discrepancy): number {
  if (x.n === 0) throw new RangeError('a two-sample distance needs non-empty sets');
  const offDiagonal = pairPass(x, x, discrepancy.g, true);
  return (x.n * discrepancy.g(0) + 2 * offDiagonal) / (x.n * x.n);
}

/** Σᵢ g(xᵢ, yⱼ) for every j: the cross term of y against any subset of its vectors. */
export function crossColumnSums(x: PointSet, y: PointSet, discrepancy: Discrepancy): Float64Array {
  checkDimensions(x, y);
  const sums = new Float64Array(y.n);
  pairPass(x, y, discrepancy.g, false, sums);
  return sums;
}

/** E g(X, Y) over the columns `columns` of `crossColumnSums` (all of them when absent). */
export function crossMean(columnSums: Float64Array, rows: number, columns?: ArrayLike<number>): number {
  let s = 0;
  const count = columns ? columns.length : columnSums.length;
  if (rows === 0 || count === 0) throw new RangeError('a two-sample distance needs non-empty sets');
  if (columns) for (let k = 0; k < columns.length; k++) s += columnSums[columns[k]];
  else for (let j = 0; j < columnSums.length; j++) s += columnSums[j];
  return s / (rows * count);
}

/** D = 2·E g(X, Y) − E g(X, X′) − E g(Y, Y′), rounding below 0 clamped to 0. */
export function combine(cross: number, withinX: number, withinY: number): number {
  const value = 2 * cross - withinX - withinY;
  return value > 0 ? value : 0;
}

/** D(X, Y) for one discrepancy, from scratch. */
export function discrepancyBetween(x: Points | PointSet, y: Points | PointSet, discrepancy: Discrepancy): number {
  const a = PointSet.of(x);
  const b = PointSet.of(y);
  checkDimensions(a, b);
  return combine(crossMean(crossColumnSums(a, b, discrepancy), a.n), withinMean(a, discrepancy), withinMean(b, discrepancy));
}

/** Energy distance (V-statistic): 2·E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖. */
export function energyDistance(x: Points | PointSet, y: Points | PointSet): number {
  return discrepancyBetween(x, y, energyDiscrepancy());
}

/** MMD² (V-statistic) with the RBF kernel; σ by the median heuristic unless given. */
export function mmd2(x: Points | PointSet, y: Points | PointSet, bandwidth?: number): number {
  const a = PointSet.of(x);
  const b = PointSet.of(y);
  return discrepancyBetween(a, b, mmdDiscrepancy(bandwidth ?? medianHeuristicBandwidth(a, b)));
}

/** The median heuristic: the median distance over the distinct pairs of the pooled sample X ∪ Y. */
export function medianHeuristicBandwidth(x: Points | PointSet, y: Points | PointSet): number {
  const a = PointSet.of(x);
  const b = PointSet.of(y);
  checkDimensions(a, b);
  const count = ((a.n + b.n) * (a.n + b.n - 1)) / 2;
  if (count === 0) throw new RangeError('the median heuristic needs at least two vectors');
  const distances = new Float64Array(count);
  let k = 0;
  const collect = (s: number): number => {
    distances[k++] = Math.sqrt(s);
    return 0;
  };
  pairPass(a, a, collect, true);
  pairPass(b, b, collect, true);
  pairPass(a, b, collect, false);
  const median = medianInPlace(distances);
  if (median > 0) return median;
  let positives = 0;
  for (let i = 0; i < distances.length; i++) if (distances[i] > 0) distances[positives++] = distances[i];
  return positives === 0 ? 0 : medianInPlace(distances.subarray(0, positives));
}

/** The median (mean of the two middle values for an even count); reorders `values`. */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  if (n === 0) throw new RangeError('the median of no values');
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  // After selecting index n/2, the lower middle is the largest value left of it.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** Quickselect (Hoare partition, middle pivot): the k-th smallest value, with values[k] = it. */
function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}

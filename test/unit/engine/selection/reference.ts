/**
 * The reference values of `scripts/reference/selection_reference.py` (SciPy's kendalltau and
 * spearmanr, NumPy regret, and NumPy implementations of DSV and the mean-distance criterion),
 * checked in so these tests need no Python, and the synthetic embedding sets the property tests
 * share.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embeddings } from '../../../../src/engine/selection/embeddings';
import { Rng } from '../../../../src/engine/random';

/** JSON has no NaN or infinity: the script writes null and "Infinity" / "-Infinity". */
/** True exactly when A and B are the same type (a compile-time check: what a function takes). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export type FixtureNumber = number | null | 'Infinity' | '-Infinity';

export function toNumber(v: FixtureNumber): number {
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}

export interface RankCase {
  name: string;
  x: FixtureNumber[];
  y: FixtureNumber[];
  kendallTau: FixtureNumber;
  spearmanRho: FixtureNumber;
  pickRegret: { pick: number; tied: number[]; regret: FixtureNumber; randomRegret: number } | null;
}

interface FixtureSet {
  n: number;
  data: number[];
}

export interface CriteriaCase {
  name: string;
  d: number;
  normal: FixtureSet;
  augmented: FixtureSet;
  test: FixtureSet;
  dsv: { value: number; discordance: number; separability: number };
  meanDistance: { value: number; toNormal: number; toAugmented: number; nearerAugmented: number };
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../../../fixtures/selection', name), 'utf8')) as T;
}

export const rankReference = fixture<{ versions: Record<string, string>; cases: RankCase[] }>('rank_agreement.json');
export const criteriaReference = fixture<{ versions: Record<string, string>; cases: CriteriaCase[] }>('criteria.json');

export function fixtureEmbeddings(set: FixtureSet, d: number): Embeddings {
  return { n: set.n, d, data: Float32Array.from(set.data) };
}

export function assertRelative(actual: number, expected: number, tolerance: number, label: string): void {
  assert.ok(Number.isFinite(actual), `${label}: got ${actual}`);
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance * scale, `${label}: got ${actual}, expected ${expected} (±${tolerance} relative)`);
}

/** Rows drawn as `centre + spread·N(0, I)`, rounded to multiples of 1/8 when `dyadic`. */
export function cloud(rng: Rng, n: number, centre: readonly number[], spread: number, dyadic = false): Embeddings {
  const d = centre.length;
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) {
      const v = centre[k] + spread * rng.normal();
      data[i * d + k] = dyadic ? Math.round(v * 8) / 8 : v;
    }
  }
  return { n, d, data };
}

/** The rows of `e` multiplied by the d × d matrix `q` (row-major), each product summed in Float64. */
export function transform(e: Embeddings, q: Float64Array): Embeddings {
  const { n, d } = e;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += e.data[i * d + k] * q[k * d + j];
      out[i * d + j] = s;
    }
  }
  return { n, d, data: out };
}

/**
 * A random orthogonal matrix whose products with rows of multiples of 1/8 are exact in Float32:
 * signed permutations around a Sylvester–Hadamard matrix scaled by 1/√d (d a power of 4, so the
 * scale is a power of 2). It mixes every coordinate into every other, as a generic rotation does,
 * while the data stay bit-exact, so a criterion can be held to 1e-9 rather than to the 1e-7
 * rounding a Float32 copy of a generically rotated set would carry.
 */
export function exactOrthogonal(d: number, rng: Rng): Float64Array {
  const scale = 1 / Math.sqrt(d);
  assert.ok(Number.isInteger(Math.log2(scale)) && Math.log2(d) % 2 === 0, `d = ${d} must be a power of 4`);
  const h = (i: number, j: number): number => (popcount(i & j) % 2 === 0 ? 1 : -1);
  const rowPerm = rng.permutation(d);
  const colPerm = rng.permutation(d);
  const rowSign = Array.from({ length: d }, () => (rng.bernoulli(0.5) ? 1 : -1));
  const colSign = Array.from({ length: d }, () => (rng.bernoulli(0.5) ? 1 : -1));
  const q = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) q[i * d + j] = rowSign[i] * colSign[j] * h(rowPerm[i], colPerm[j]) * scale;
  }
  return q;
}

function popcount(v: number): number {
  let c = 0;
  for (let x = v; x; x &= x - 1) c++;
  return c;
}

/** A Haar-like random orthogonal matrix: Gram–Schmidt (twice, for accuracy) on Gaussian columns. */
export function randomOrthogonal(d: number, rng: Rng): Float64Array {
  const cols: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const v = Float64Array.from({ length: d }, () => rng.normal());
    for (let pass = 0; pass < 2; pass++) {
      for (const u of cols) {
        let p = 0;
        for (let k = 0; k < d; k++) p += u[k] * v[k];
        for (let k = 0; k < d; k++) v[k] -= p * u[k];
      }
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += v[k] * v[k];
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) v[k] /= norm;
    cols.push(v);
  }
  const q = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) q[i * d + j] = cols[j][i];
  return q;
}

export function shuffleRows(e: Embeddings, rng: Rng): Embeddings {
  const order = rng.permutation(e.n);
  const out = new Float32Array(e.data.length);
  for (let i = 0; i < e.n; i++) out.set(e.data.subarray(order[i] * e.d, (order[i] + 1) * e.d), i * e.d);
  return { n: e.n, d: e.d, data: out };
}

/** The k-th unit vector of R^d scaled by `length`. */
export function axis(d: number, k: number, length = 1): number[] {
  return Array.from({ length: d }, (_, i) => (i === k ? length : 0));
}

export function add(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v + b[i]);
}

/** Test normals at c0 with a few anomalies at c1 (three units away); the training normals at c0. */
export function scene(seed: number, d = 16): { zn: Embeddings; zt: Embeddings; c0: number[]; c1: number[]; rng: Rng } {
  const rng = new Rng(seed, 'selection-scene');
  const c0 = axis(d, 0, 3);
  const c1 = add(c0, axis(d, 1, 3));
  const zn = cloud(rng, 50, c0, 0.5, true);
  const zt = concatRows(cloud(rng, 40, c0, 0.5, true), cloud(rng, 10, c1, 0.5, true));
  return { zn, zt, c0, c1, rng };
}

/** b stacked under a (sets of one width). */
export function concatRows(a: Embeddings, b: Embeddings): Embeddings {
  if (a.d !== b.d) throw new RangeError(`concatRows: dimensions differ (${a.d} and ${b.d})`);
  const out = new Float32Array((a.n + b.n) * a.d);
  out.set(a.data, 0);
  out.set(b.data, a.n * a.d);
  return { n: a.n + b.n, d: a.d, data: out };
}

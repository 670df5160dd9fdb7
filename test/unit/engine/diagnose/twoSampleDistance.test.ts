/**
 * The two-sample distances of the alignment diagnostic against an independent computation
 * (`scripts/reference/diagnose_reference.py`: SciPy's cdist/pdist, NumPy's median, and for one
 * dimension scipy.stats.energy_distance), checked in as test/fixtures/diagnose/two_sample.json.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PointSet,
  crossColumnSums,
  crossMean,
  energyDiscrepancy,
  energyDistance,
  medianHeuristicBandwidth,
  medianInPlace,
  mmd2,
  type Points,
} from '../../../../src/engine/diagnose/twoSampleDistance';
import { Rng } from '../../../../src/engine/random';

interface Case {
  name: string;
  d: number;
  x: number[][];
  y: number[][];
  bandwidth?: number;
  expected: { energy: number; medianBandwidth: number; mmd2: number; mmd2FixedBandwidth?: number };
}

const reference = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/diagnose/two_sample.json'), 'utf8')) as { cases: Case[] };
const TOLERANCE = 1e-9;

function points(rows: number[][], d: number): Points {
  return { n: rows.length, d, data: Float64Array.from(rows.flat()) };
}

function random(n: number, d: number, seed: number, shift = 0): Points {
  const rng = new Rng(seed, 'two-sample test');
  return { n, d, data: Float64Array.from({ length: n * d }, () => rng.normal(shift, 1)) };
}

function close(actual: number, expected: number, label: string): void {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${label}: ${actual} vs the reference ${expected} (|Δ| = ${Math.abs(actual - expected)})`);
}

describe('two-sample distances', () => {
  it('the fixture holds the cases the tests expect', () => {
    assert.ok(reference.cases.length >= 6);
    assert.ok(reference.cases.some((c) => c.d === 1), 'a one-dimensional case, cross-checked with scipy.stats.energy_distance');
    assert.ok(reference.cases.some((c) => c.expected.energy === 0), 'an identical-sets case');
  });

  for (const c of reference.cases) {
    it(`match the reference to 1e-9: ${c.name}`, () => {
      const x = points(c.x, c.d);
      const y = points(c.y, c.d);
      close(energyDistance(x, y), c.expected.energy, 'energy distance');
      close(medianHeuristicBandwidth(x, y), c.expected.medianBandwidth, 'median heuristic bandwidth');
      close(mmd2(x, y), c.expected.mmd2, 'MMD² (median heuristic)');
      if (c.bandwidth !== undefined && c.expected.mmd2FixedBandwidth !== undefined) {
        close(mmd2(x, y, c.bandwidth), c.expected.mmd2FixedBandwidth, `MMD² (σ = ${c.bandwidth})`);
      }
    });
  }

  it('are 0 between a set and itself, and between identical copies', () => {
    for (const [n, d] of [[1, 3], [7, 5], [33, 16], [50, 256]]) {
      const x = random(n, d, n * 100 + d);
      const copy: Points = { n, d, data: Float32Array.from(x.data) };
      const same: Points = { n, d, data: Float64Array.from(Float32Array.from(x.data)) };
      for (const [a, b] of [[x, x], [copy, same]]) {
        assert.ok(Math.abs(energyDistance(a, b)) <= 1e-12, `energy ${n}×${d}: ${energyDistance(a, b)}`);
        assert.ok(Math.abs(mmd2(a, b)) <= 1e-12, `MMD² ${n}×${d}: ${mmd2(a, b)}`);
      }
    }
  });

  it('are symmetric, never negative, and do not depend on the order of the vectors', () => {
    const x = random(21, 6, 1);
    const y = random(14, 6, 2, 0.3);
    const reversed = (p: Points): Points => {
      const rows = Array.from({ length: p.n }, (_, i) => Array.from(p.data.subarray(i * p.d, (i + 1) * p.d)));
      return points(rows.reverse(), p.d);
    };
    for (const f of [energyDistance, (a: Points, b: Points) => mmd2(a, b)]) {
      const value = f(x, y);
      assert.ok(value > 0);
      assert.ok(Math.abs(f(y, x) - value) <= 1e-12);
      assert.ok(Math.abs(f(reversed(x), reversed(y)) - value) <= 1e-12);
    }
  });

  it('a shifted set is farther than an unshifted one, and farther the more it is shifted', () => {
    const x = random(120, 8, 3);
    const near = random(110, 8, 4);
    const shifted = random(110, 8, 4, 0.5);
    const far = random(110, 8, 4, 1.5);
    const bandwidth = medianHeuristicBandwidth(x, near);
    for (const [name, f] of [
      ['energy', energyDistance],
      ['MMD²', (a: Points, b: Points) => mmd2(a, b, bandwidth)],
    ] as const) {
      assert.ok(f(x, near) < f(x, shifted), `${name}: unshifted ${f(x, near)} vs shifted ${f(x, shifted)}`);
      assert.ok(f(x, shifted) < f(x, far), `${name}: shift 0.5 ${f(x, shifted)} vs 1.5 ${f(x, far)}`);
    }
  });

  it('column sums give the cross term of any subset of columns (every tile and remainder path)', () => {
    // 4 × 2 tiles with row and column remainders: 11 rows, 7 columns.
    const x = new PointSet(random(11, 5, 5));
    const y = random(7, 5, 6);
    const sums = crossColumnSums(x, new PointSet(y), energyDiscrepancy());
    const naive = (j: number): number => {
      let s = 0;
      for (let i = 0; i < x.n; i++) {
        let q = 0;
        for (let k = 0; k < 5; k++) q += (x.data[i * 5 + k] - y.data[j * 5 + k]) ** 2;
        s += Math.sqrt(q);
      }
      return s;
    };
    for (let j = 0; j < 7; j++) assert.ok(Math.abs(sums[j] - naive(j)) <= 1e-12, `column ${j}`);
    const subset = [1, 4, 6];
    assert.ok(Math.abs(crossMean(sums, x.n, subset) - subset.reduce((s, j) => s + naive(j), 0) / (11 * 3)) <= 1e-12);
  });

  it('the median is numpy.median (the mean of the two middle values for an even count)', () => {
    assert.equal(medianInPlace(Float64Array.from([3, 1, 2])), 2);
    assert.equal(medianInPlace(Float64Array.from([4, 1, 3, 2])), 2.5);
    assert.equal(medianInPlace(Float64Array.from([5, 5, 5, 1, 9, 5])), 5);
    const rng = new Rng(7, 'median');
    for (const n of [1, 2, 9, 10, 101, 1000]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 20));
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assert.equal(medianInPlace(values), expected, `n = ${n}`);
    }
  });

  it('refuses sets of different dimensions and empty sets', () => {
    assert.throws(() => energyDistance(random(3, 2, 1), random(3, 3, 1)), /2 and 3 values/);
    assert.throws(() => energyDistance({ n: 0, d: 2, data: new Float64Array(0) }, random(3, 2, 1)), /non-empty/);
    assert.throws(() => energyDistance({ n: 2, d: 2, data: Float64Array.from([0, 1, NaN, 0]) }, random(3, 2, 1)), /not a finite number/);
  });
});

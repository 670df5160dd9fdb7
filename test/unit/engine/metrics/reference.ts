/**
 * The reference values of scikit-learn / NumPy (`scripts/reference/metrics_reference.py`) and of
 * the current SciPy (`scripts/reference/wilcoxon_reference.py`), checked in, so these tests need
 * no Python.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AtKExpectation {
  k: number;
  precisionAtK: number;
  f1AtK: number;
}

export interface BinaryCase {
  name: string;
  scores: number[];
  isAnomaly: boolean[];
  expected: { auroc: number; ap: number; k: number; precisionAtK: number; f1AtK: number; atK: AtKExpectation[] };
}

export interface DetectionCase {
  name: string;
  scores: number[];
  sampleType: string[];
  expected: Record<string, { auroc: number; ap: number; f1AtK: number; precisionAtK: number }>;
}

export interface MeanStdCase {
  name: string;
  values: number[];
  expected: { mean: number; std: number };
}

export interface WilcoxonCase {
  name: string;
  x: number[];
  y?: number[];
  expected:
    | { statistic: number; pValue: number; method: 'exact' | 'permutation' | 'asymptotic'; n: number; zeros: number }
    | { allZero: true; scipyPValue: number | null }
    | { scipyNan: true };
}

export interface Reference {
  versions: Record<string, string>;
  topKRule: string;
  binary: BinaryCase[];
  detection: DetectionCase[];
  meanStd: MeanStdCase[];
}

export interface WilcoxonReference {
  versions: Record<string, string>;
  wilcoxon: WilcoxonCase[];
  normalSf: Array<{ z: number; sf: number }>;
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../../../fixtures/metrics', name), 'utf8')) as T;
}

export const reference: Reference = fixture<Reference>('reference.json');
export const wilcoxonReference: WilcoxonReference = fixture<WilcoxonReference>('wilcoxon.json');

/** The agreement every metric must reach with the reference: 1e-9 absolute. */
export const TOLERANCE = 1e-9;

export function assertClose(actual: number, expected: number, label: string, tolerance = TOLERANCE): void {
  assert.ok(Number.isFinite(actual), `${label}: got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label}: got ${actual}, expected ${expected} (±${tolerance})`);
}

/** For p-values that may be tiny: absolute 1e-9 says nothing at 1e-20, so also demand 1e-9 relative. */
export function assertCloseRelative(actual: number, expected: number, label: string): void {
  assertClose(actual, expected, label);
  assert.ok(
    Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected) || actual === expected,
    `${label}: got ${actual}, expected ${expected} (relative ±${TOLERANCE})`,
  );
}

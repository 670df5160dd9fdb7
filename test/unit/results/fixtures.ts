import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellScores, RunResults } from '../../../src/shared/results';

/** A real small run made by the CLI (shapes, 5 augmentations × 3 anomaly types, 2 seeds). */
export const FIXTURE_RUN = join(__dirname, '..', '..', 'vscode', 'workspace', 'fixtures', 'runs', '20261128-232858-shapes-fixture');

export function fixtureResults(): RunResults {
  return JSON.parse(readFileSync(join(FIXTURE_RUN, 'results.json'), 'utf8')) as RunResults;
}

export function fixtureScores(cellId: string): CellScores {
  return JSON.parse(readFileSync(join(FIXTURE_RUN, 'scores', `${cellId}.json`), 'utf8')) as CellScores;
}

export const CATEGORIES: Record<string, string> = { none: 'none', rotate: 'geometric', flip: 'geometric', noise: 'noise-like', cutout: 'patch' };

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResults } from '../../src/shared/results';

/** The real runs of the VS Code test workspace (made by the CLI), shared by the experiments table's tests. */
export const RUNS = join(__dirname, '../vscode/workspace/fixtures/runs');
export const SHAPES = '20261128-232858-shapes-fixture';
export const QUICKSTART = '20261129-002729-quickstart';
export const SELECTION = '20261129-150033-selection-fixture';
export const ALL_RUNS = [SHAPES, QUICKSTART, SELECTION];

export function load(dir: string): RunResults {
  return JSON.parse(readFileSync(join(RUNS, dir, 'results.json'), 'utf8')) as RunResults;
}

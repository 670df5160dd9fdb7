import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '../../src/engine/run/summary';
import type { CellResult, CellScores, RunResults } from '../../src/shared/results';

/** A real small run made by the CLI (shapes, 5 augmentations × 3 anomaly types, 2 seeds). */
export const FIXTURE_RUN = join(__dirname, '../vscode/workspace/fixtures/runs/20261128-232858-shapes-fixture');

export function fixtureResults(): RunResults {
  return JSON.parse(readFileSync(join(FIXTURE_RUN, 'results.json'), 'utf8')) as RunResults;
}

export function fixtureScores(cellId: string): CellScores {
  return JSON.parse(readFileSync(join(FIXTURE_RUN, 'scores', `${cellId}.json`), 'utf8')) as CellScores;
}

export const CATEGORIES: Record<string, string> = { none: 'none', rotate: 'geometric', flip: 'geometric', noise: 'noise-like', cutout: 'patch' };

/**
 * A semantic run built in memory (3 classes, 3 seeds, none and rotate), summarized by the engine:
 * its summary has the pooled one-vs-one entries and every field of the current format.
 */
export function semanticResults(): RunResults {
  const classes = ['a', 'b', 'c'];
  const augmentations = ['none', 'rotate'];
  const cells: CellResult[] = augmentations.flatMap((augmentation) =>
    [0, 1, 2].flatMap((seed) =>
      classes.map((normalClass) => ({
        id: `${augmentation}-${seed}-${normalClass}`,
        augmentation,
        seed,
        normalClass,
        status: 'completed' as const,
        loss: [0.5],
        metrics: Object.fromEntries(
          [...classes.filter((c) => c !== normalClass), 'all'].map((t, i) => {
            const auroc = 0.6 + 0.01 * seed + 0.03 * i + (augmentation === 'rotate' ? 0.02 + 0.001 * classes.indexOf(normalClass) : 0);
            return [t, { auroc, ap: auroc, f1AtK: 0.5, precisionAtK: 0.5 }];
          }),
        ),
      })),
    ),
  );
  const base = fixtureResults();
  return {
    ...base,
    id: 'semantic-run',
    name: 'semantic',
    config: { ...base.config, testbed: { type: 'semantic', mode: 'one-vs-one' }, seeds: [0, 1, 2] },
    augmentations,
    anomalyTypes: classes,
    normalClasses: classes,
    cells,
    summary: summarize(cells, augmentations, classes, 'semantic'),
  };
}

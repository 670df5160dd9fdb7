/**
 * A grid with custom modules, run end to end with real training children (the TypeScript worker
 * through tsx) at tiny scale: a good custom module trains and is a custom anomaly type; a broken
 * one fails only its own cell, with its path and line, and the other cells complete.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateConfig } from '../../../../src/engine/config';
import { resultsLabel } from '../../../../src/engine/augment';
import { startRun } from '../../../../src/engine/run/runExperiment';
import type { RunResults } from '../../../../src/shared/results';
import * as m from './modules';
import { tinyShapesConfig } from '../../../helpers/tinyConfig';

const WORKER = resolve(__dirname, '../../../../src/engine/worker/trainWorker.ts');

describe('grid with custom augmentation modules (real training children)', function () {
  this.timeout(180_000);
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ssad-custom-grid-'));
    m.writeModules(root, { good: m.GOOD, throws: m.THROWS });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('marks only the broken module\'s cell failed, with "path:line: message"; the others complete', async () => {
    const checked = validateConfig(
      tinyShapesConfig('custom grid', {
        dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 32, maxTest: 16 },
        testbed: { type: 'synthetic', anomalies: ['flip', './ssad/augmentations/good.ts'] },
        augmentations: ['none', './ssad/augmentations/good.ts', './ssad/augmentations/throws.ts'],
        training: { epochs: 1, batchSize: 16, learningRate: 0.003, schedule: 'cosine' },
        runtime: { backend: 'wasm', parallelism: 2 },
      }),
      { baseDir: root },
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const handle = startRun({
      config: checked.config,
      baseDir: root,
      runsDir: join(root, 'runs'),
      augmentationLabel: resultsLabel,
      workerScript: WORKER,
      workerExecArgv: ['--require', 'tsx/cjs'],
    });
    const results = await handle.done;
    assert.deepEqual(results.augmentations, ['none', './ssad/augmentations/good.ts', './ssad/augmentations/throws.ts']);
    assert.deepEqual(results.anomalyTypes, ['flip', './ssad/augmentations/good.ts'], 'a custom module makes an anomaly type');
    const byAug = new Map(results.cells.map((c) => [c.augmentation, c]));
    assert.equal(byAug.get('none')?.status, 'completed', byAug.get('none')?.error);
    const good = byAug.get('./ssad/augmentations/good.ts');
    assert.equal(good?.status, 'completed', good?.error);
    assert.ok(Number.isFinite(good?.metrics?.['./ssad/augmentations/good.ts']?.auroc), 'the custom row has metrics');
    const bad = byAug.get('./ssad/augmentations/throws.ts');
    assert.equal(bad?.status, 'failed');
    assert.equal(bad?.error, `ssad/augmentations/throws.ts:${m.THROWS_LINE}: the patch is larger than the image`);
    assert.equal(results.status, 'failed', 'a run with a failed cell never claims completed');
    const onDisk = JSON.parse(readFileSync(join(handle.runDir, 'results.json'), 'utf8')) as RunResults;
    assert.equal(onDisk.cells.find((c) => c.augmentation === './ssad/augmentations/throws.ts')?.error, bad?.error);
    assert.ok(existsSync(join(handle.runDir, good!.scoresFile!)));
  });
});

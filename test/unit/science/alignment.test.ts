/**
 * The study's finding, reproduced on MNIST at a reduced but honest scale: the quickstart's own
 * data, detector and training (examples/quickstart.ssad.json), restricted to the rows `none`,
 * `flip`, `cutout`, `invert`. Each cell trains exactly as in the quickstart (a cell depends only
 * on its seed, augmentation and normal class), so these numbers are the quickstart's.
 * Slow by nature: four real trainings in two child processes.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateConfig } from '../../../src/engine/config';
import { augmentationLabel } from '../../../src/engine/run/augmentationLabel';
import { startRun } from '../../../src/engine/run/runExperiment';
import type { RunResults } from '../../../src/shared/results';

const ROOT = resolve(__dirname, '../../..');

function auroc(results: RunResults, augmentation: string, anomalyType: string): number {
  const e = results.summary.find((s) => s.augmentation === augmentation && s.anomalyType === anomalyType);
  assert.ok(e, `no summary entry for ${augmentation} × ${anomalyType}`);
  return e.metrics.auroc.mean;
}

describe('alignment on MNIST (the study\'s finding, quickstart scale)', function () {
  this.timeout(30 * 60_000);
  let results: RunResults;
  let runsDir: string;

  before(async () => {
    const quickstart = JSON.parse(readFileSync(join(ROOT, 'examples/quickstart.ssad.json'), 'utf8')) as Record<string, unknown>;
    const checked = validateConfig({ ...quickstart, augmentations: ['none', 'flip', 'cutout', 'invert'], runtime: { backend: 'wasm', parallelism: 2 } });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    runsDir = mkdtempSync(join(tmpdir(), 'ssad-alignment-'));
    const handle = startRun({
      config: checked.config,
      baseDir: ROOT,
      runsDir,
      augmentationLabel,
      workerScript: join(ROOT, 'src/engine/worker/trainWorker.ts'),
      workerExecArgv: ['--require', 'tsx/cjs'],
    });
    results = await handle.done;
    assert.equal(results.status, 'completed', results.error);
    for (const a of ['none', 'flip', 'cutout', 'invert']) {
      console.log(`      ${a.padEnd(8)} ${['flip', 'cutout', 'invert', 'all'].map((t) => `${t} ${auroc(results, a, t).toFixed(3)}`).join('  ')}`);
    }
  });

  after(() => rmSync(runsDir, { recursive: true, force: true }));

  it('aligned: a DAE trained with CutOut detects CutOut anomalies clearly better than no self-supervision', () => {
    assert.ok(auroc(results, 'cutout', 'cutout') >= auroc(results, 'none', 'cutout') + 0.05);
  });

  it('aligned: flips are detected at least as well with flip self-supervision (both are near 1 on the digit 7)', () => {
    assert.ok(auroc(results, 'none', 'flip') > 0.95, 'a well-trained plain autoencoder already sees upside-down 7s');
    assert.ok(auroc(results, 'flip', 'flip') >= auroc(results, 'none', 'flip') - 0.005);
  });

  it('aligned: inversion is detected perfectly with and without self-supervision (no margin is possible)', () => {
    assert.equal(auroc(results, 'invert', 'invert'), 1);
    assert.equal(auroc(results, 'none', 'invert'), 1);
  });

  it('misaligned: a DAE trained with inversion detects CutOut anomalies worse than no self-supervision', () => {
    assert.ok(auroc(results, 'invert', 'cutout') < auroc(results, 'none', 'cutout'));
  });
});

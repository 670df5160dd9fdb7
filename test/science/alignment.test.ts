/**
 * The study's finding, reproduced on MNIST by the quickstart itself (examples/quickstart.ssad.json,
 * run as it is: three normal digits × two seeds = six paired tasks, five training augmentations):
 * on three anomaly types that the plain autoencoder does not saturate, the aligned self-supervision
 * beats no self-supervision, and a misaligned one (inversion) falls below it.
 * Slow by nature: the whole quickstart grid trains, in two child processes.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateConfig } from '../../src/engine/config';
import { resultsLabel } from '../../src/engine/augment';
import { startRun } from '../../src/engine/run/runExperiment';
import type { RunResults, SummaryEntry } from '../../src/shared/results';

const ROOT = resolve(__dirname, '../..');
const TYPES = ['flip', 'cutout', 'color'] as const;

function entry(results: RunResults, augmentation: string, anomalyType: string): SummaryEntry {
  const e = results.summary.find((s) => s.augmentation === augmentation && s.anomalyType === anomalyType);
  assert.ok(e, `no summary entry for ${augmentation} × ${anomalyType}`);
  return e;
}

const auroc = (results: RunResults, augmentation: string, anomalyType: string) => entry(results, augmentation, anomalyType).metrics.auroc.mean;
const delta = (results: RunResults, augmentation: string, anomalyType: string) => {
  const d = entry(results, augmentation, anomalyType).deltaAurocVsNone;
  assert.ok(d, `no Δ for ${augmentation} × ${anomalyType}`);
  return d.mean;
};

describe("alignment on MNIST (the study's finding, as the quickstart shows it)", function () {
  this.timeout(30 * 60_000);
  let results: RunResults;
  let runsDir: string;

  before(async () => {
    const quickstart = JSON.parse(readFileSync(join(ROOT, 'examples/quickstart.ssad.json'), 'utf8')) as Record<string, unknown>;
    const checked = validateConfig({ ...quickstart, runtime: { backend: 'wasm', parallelism: 2 } });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    runsDir = mkdtempSync(join(tmpdir(), 'ssad-alignment-'));
    const handle = startRun({
      config: checked.config,
      baseDir: ROOT,
      runsDir,
      augmentationLabel: resultsLabel,
      workerScript: join(ROOT, 'src/engine/worker/trainWorker.ts'),
      workerExecArgv: ['--require', 'tsx/cjs'],
    });
    results = await handle.done;
    assert.equal(results.status, 'completed', results.error);
    for (const a of results.augmentations) {
      const cells = [...TYPES, 'all'].map((t) => `${t} ${auroc(results, a, t).toFixed(3)}${a === 'none' ? '' : ` (${delta(results, a, t) >= 0 ? '+' : ''}${delta(results, a, t).toFixed(3)})`}`);
      console.log(`      ${a.padEnd(8)} ${cells.join('  ')}`);
    }
  });

  after(() => rmSync(runsDir, { recursive: true, force: true }));

  it('six paired tasks (3 normal digits × 2 seeds) back every comparison', () => {
    for (const t of TYPES) assert.equal(entry(results, 'cutout', t).pairs, 6);
  });

  it('no anomaly type is saturated without self-supervision (AUROC of none ≤ 0.97)', () => {
    for (const t of TYPES) assert.ok(auroc(results, 'none', t) <= 0.97, `none × ${t}: ${auroc(results, 'none', t)}`);
  });

  it('aligned: each anomaly type is detected better by the DAE trained with its own augmentation', () => {
    for (const t of TYPES) assert.ok(delta(results, t, t) > 0.02, `${t} × ${t}: Δ ${delta(results, t, t)}`);
  });

  it('aligned CutOut and colour jitter win on every paired task: significant, and the 95 % interval excludes 0', () => {
    for (const t of ['cutout', 'color']) {
      const e = entry(results, t, t);
      assert.ok(e.wilcoxonVsNone && e.wilcoxonVsNone.pValue < 0.05, `${t}: ${JSON.stringify(e.wilcoxonVsNone)}`);
      assert.ok(e.deltaCi && e.deltaCi.low > 0, `${t}: ${JSON.stringify(e.deltaCi)}`);
    }
  });

  it('misaligned: the DAE trained with inversion falls below no self-supervision on CutOut and colour anomalies', () => {
    for (const t of ['cutout', 'color']) assert.ok(delta(results, 'invert', t) < 0, `invert × ${t}: Δ ${delta(results, 'invert', t)}`);
  });
});

/**
 * The grid runner end to end, with real training children (the TypeScript worker run through
 * tsx) on a tiny procedural data set: results on disk, scores that reproduce every AUROC,
 * a worker killed mid-run, and cancellation that leaves no process behind.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExperimentConfig } from '../../../../src/shared/config';
import { ONE_VS_ONE, PAIRING_CLASS_PAIR, type CellScores, type RunResults } from '../../../../src/shared/results';
import { resultsLabel } from '../../../../src/engine/augment';
import { startRun, type RunOptions } from '../../../../src/engine/run/runExperiment';
import { validateConfig } from '../../../../src/engine/config';
import { pairwiseAuroc } from '../../../helpers/naiveMetrics';
import { childrenOf, waitUntil } from '../../../helpers/processes';
import { tinyShapesConfig } from '../../../helpers/tinyConfig';

const WORKER = resolve(__dirname, '../../../../src/engine/worker/trainWorker.ts');
// Only the training children: tsx keeps an esbuild service child of its own.
const trainingChildren = (): number[] => childrenOf(process.pid, 'trainWorker');

function tinyConfig(overrides: Partial<Record<string, unknown>> = {}): ExperimentConfig {
  const result = validateConfig(
    tinyShapesConfig('tiny grid', {
      dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 48, maxTest: 24 },
      testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
      augmentations: ['none', 'flip', 'invert'],
      training: { epochs: 2, batchSize: 16, learningRate: 0.003, schedule: 'cosine' },
      runtime: { backend: 'wasm', parallelism: 2 },
      ...overrides,
    }),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

function options(runsDir: string, config: ExperimentConfig, extra: Partial<RunOptions> = {}): RunOptions {
  return {
    config,
    baseDir: runsDir,
    runsDir,
    augmentationLabel: resultsLabel,
    workerScript: WORKER,
    workerExecArgv: ['--require', 'tsx/cjs'],
    ...extra,
  };
}

describe('grid runner (real training children)', function () {
  this.timeout(180_000);
  let runsDir: string;

  beforeEach(() => {
    runsDir = mkdtempSync(join(tmpdir(), 'ssad-grid-'));
  });
  afterEach(() => rmSync(runsDir, { recursive: true, force: true }));

  it('semantic: every class is an anomaly type, and each augmentation has a pooled one-vs-one entry over all class pairs', async () => {
    const config = tinyConfig({
      dataset: { source: 'shapes', normalClasses: [0, 1], imageSize: 16, maxTrain: 32, maxTest: 16 },
      testbed: { type: 'semantic', mode: 'one-vs-one' },
      augmentations: ['none', 'flip'],
      training: { epochs: 1, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
    });
    const results = await startRun(options(runsDir, config)).done;
    assert.equal(results.status, 'completed', results.error);
    const [first, second] = results.normalClasses;
    assert.ok(results.anomalyTypes.includes(first) && results.anomalyTypes.includes(second), `${results.anomalyTypes}`);
    const perCell = results.cells.map((c) => Object.keys(c.metrics!).filter((t) => t !== 'all').length);
    const pooled = results.summary.find((e) => e.augmentation === 'flip' && e.anomalyType === ONE_VS_ONE)!;
    assert.equal(pooled.pairing, PAIRING_CLASS_PAIR);
    assert.equal(pooled.pairs, perCell[0] * 2, 'one pair per normal class × other class');
    assert.ok(results.summary.some((e) => e.augmentation === 'flip' && e.anomalyType === first && e.pairs === 1));
  });

  it('trains each cell once, writes results.json and scores that reproduce every AUROC', async () => {
    const config = tinyConfig();
    const events: string[] = [];
    const handle = startRun(options(runsDir, config, { onEvent: (e) => events.push(e.type) }));
    const results = await handle.done;
    assert.equal(results.status, 'completed', results.error);
    assert.equal(results.backend?.name, 'wasm');
    assert.deepEqual(results.anomalyTypes, ['flip', 'invert']);
    assert.equal(results.cells.length, 3, 'one cell per augmentation: A trainings for an A × K matrix');
    const onDisk = JSON.parse(readFileSync(join(handle.runDir, 'results.json'), 'utf8')) as RunResults;
    assert.equal(onDisk.status, 'completed');
    for (const cell of onDisk.cells) {
      assert.equal(cell.status, 'completed', cell.error);
      assert.equal(cell.loss.length, 2);
      const scores = JSON.parse(readFileSync(join(handle.runDir, cell.scoresFile!), 'utf8')) as CellScores;
      for (const type of ['flip', 'invert']) {
        const keep = scores.sampleType.map((t) => t === 'normal' || t === type);
        const s = scores.score.filter((_, i) => keep[i]);
        const y = scores.sampleType.filter((_, i) => keep[i]).map((t) => t !== 'normal');
        assert.ok(Math.abs(cell.metrics![type].auroc - pairwiseAuroc(s, y)) < 1e-12, `${cell.id} ${type}`);
      }
      const all = pairwiseAuroc(scores.score, scores.sampleType.map((t) => t !== 'normal'));
      assert.ok(Math.abs(cell.metrics!.all.auroc - all) < 1e-12);
    }
    assert.ok(onDisk.summary.some((e) => e.augmentation === 'flip' && e.deltaAurocVsNone), 'Δ vs none in the summary');
    assert.ok(events.includes('epoch') && events.includes('run-finished'));
    assert.deepEqual(trainingChildren(), [], 'no training process left');
  });

  it('marks a cell failed when its training process is killed, and goes on with the others', async () => {
    const config = tinyConfig({ training: { epochs: 12, batchSize: 16, learningRate: 0.003, schedule: 'cosine' }, runtime: { backend: 'wasm', parallelism: 1 } });
    let killed = false;
    const handle = startRun(
      options(runsDir, config, {
        onEvent: (e) => {
          if (e.type === 'epoch' && e.epoch === 2 && !killed) {
            killed = true;
            const [pid] = trainingChildren();
            process.kill(pid, 'SIGKILL');
          }
        },
      }),
    );
    const results = await handle.done;
    assert.ok(killed);
    const failed = results.cells.filter((c) => c.status === 'failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0].error!, /SIGKILL/);
    assert.equal(results.cells.filter((c) => c.status === 'completed').length, 2, 'the other cells completed');
    assert.equal(results.status, 'failed', 'a run with a failed cell never claims completed');
  });

  it('cancels within a second, marks the run canceled and leaves no training process', async () => {
    const config = tinyConfig({ training: { epochs: 200, batchSize: 16, learningRate: 0.003, schedule: 'cosine' } });
    let firstEpoch!: () => void;
    const training = new Promise<void>((r) => (firstEpoch = r));
    const handle = startRun(options(runsDir, config, { onEvent: (e) => e.type === 'epoch' && firstEpoch() }));
    await training;
    assert.ok(trainingChildren().length > 0, 'children are training');
    const t0 = Date.now();
    handle.cancel();
    const results = await handle.done;
    const gone = await waitUntil(() => trainingChildren().length === 0, 1000, 'the children to exit');
    assert.ok(Date.now() - t0 < 1000, `cancel took ${Date.now() - t0} ms (children gone after ${gone} ms)`);
    assert.equal(results.status, 'canceled');
    const onDisk = JSON.parse(readFileSync(join(handle.runDir, 'results.json'), 'utf8')) as RunResults;
    assert.equal(onDisk.status, 'canceled');
    assert.ok(onDisk.cells.every((c) => c.status !== 'running' && c.status !== 'pending'));
  });
});

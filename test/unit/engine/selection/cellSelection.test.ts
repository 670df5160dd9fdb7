import { strict as assert } from 'node:assert';
import { resolveAugmentation } from '../../../../src/engine/augment';
import { selectBackend } from '../../../../src/engine/backend';
import { validateConfig } from '../../../../src/engine/config';
import { generateShapes } from '../../../../src/engine/data/shapes';
import { createDetector } from '../../../../src/engine/detectors';
import type { Detector } from '../../../../src/engine/detectors/types';
import { diagnoseTasks } from '../../../../src/engine/diagnose';
import { Rng } from '../../../../src/engine/random';
import { measureCellSelection } from '../../../../src/engine/selection/cellSelection';
import { dsv, dsvOnTestSets } from '../../../../src/engine/selection/dsv';
import { buildTasks } from '../../../../src/engine/testbed';
import { trainCell } from '../../../../src/engine/train/trainCell';
import type { Task } from '../../../../src/engine/testbed/types';
import type { ExperimentConfig } from '../../../../src/shared/config';
import { tinyShapesConfig } from '../../../helpers/tinyConfig';

describe('label-free criteria of a trained cell', function () {
  this.timeout(60_000);
  let config: ExperimentConfig;
  let task: Task;
  let detector: Detector;
  const flip = resolveAugmentation('flip');

  before(async () => {
    await selectBackend('wasm');
    const raw = tinyShapesConfig('cell-selection', {
      dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 64, maxTest: 24 },
      testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
    });
    const checked = validateConfig(raw, { baseDir: '.' });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    config = checked.config;
    const data = generateShapes({ seed: 0, imageSize: 16 });
    task = buildTasks(config, data, 0)[0];
    detector = createDetector({ h: 16, w: 16, c: 1 }, config.detector, flip, config.training, 3);
    const rng = new Rng(0, 'fit');
    for (let i = 0; i < 5; i++) detector.trainStep(task.train, rng);
  });
  after(() => detector.dispose());

  const measure = (t: Task, augmentation = flip) =>
    measureCellSelection({ detector, task: t, augmentation, scores: detector.score(t.test, 64), seed: 0, batchSize: 64 });

  it('measures every criterion on the whole test set and on normal + each anomaly type, with the sizes used', () => {
    const s = measure(task);
    assert.deepEqual(Object.keys(s.byTestSet), ['all', 'flip', 'invert']);
    assert.equal(task.heldOut?.n, 436, 'the shapes class has 500 training images; 64 train, the rest (≤ 500) are held out');
    assert.deepEqual(s.sizes, { train: 64, augmented: 64, test: 72, heldOut: 436 });
    for (const [key, set] of Object.entries(s.byTestSet)) {
      for (const name of ['dsv', 'meanDistance', 'heldOutScore', 'testScoreVariance', 'diagnostic'] as const) {
        assert.ok(Number.isFinite(set.values[name]), `${key} ${name} = ${set.values[name]}`);
      }
      assert.equal(set.reasons, undefined);
    }
    const again = measure(task);
    assert.deepEqual({ ...again, seconds: 0 }, { ...s, seconds: 0 }, 'deterministic');
  });

  it('"none" has no augmented set: DSV and mean distance are null with the reason, never 0', () => {
    const s = measure(task, resolveAugmentation('none'));
    assert.equal(s.byTestSet.all.values.dsv, null);
    assert.equal(s.byTestSet.all.values.meanDistance, null);
    assert.match(s.byTestSet.all.reasons?.dsv ?? '', /"none" has no augmented training set/);
    assert.equal(s.byTestSet.all.values.diagnostic, 1);
    assert.ok(Number.isFinite(s.byTestSet.all.values.heldOutScore));
  });

  it('never reads the labels: shuffling the test labels leaves the whole-test-set criteria unchanged', () => {
    const rng = new Rng(9, 'shuffle');
    const labels = [...task.sampleType];
    const order = rng.permutation(labels.length);
    const shuffled: Task = { ...task, sampleType: Array.from(order, (i) => labels[i]) };
    assert.notDeepEqual(shuffled.sampleType, task.sampleType);
    assert.deepEqual(measure(shuffled).byTestSet.all.values, measure(task).byTestSet.all.values);
  });

  it('the pre-training diagnostic on the whole test set is the ratio that ssad diagnose reports for the task', () => {
    const expected = diagnoseTasks([{ seed: 0, task }], [flip]).rows[0].ratio.mean;
    assert.equal(measure(task).byTestSet.all.values.diagnostic, expected);
  });

  it('without held-out normals the held-out baseline is null, saying why', () => {
    const s = measure({ ...task, heldOut: undefined });
    assert.equal(s.byTestSet.all.values.heldOutScore, null);
    assert.match(s.byTestSet.all.reasons?.heldOutScore ?? '', /no held-out normal training images/);
  });
});

describe('DSV on several test sets at once', () => {
  it('equals DSV computed on each subset on its own', () => {
    const rng = new Rng(5, 'dsv-subsets');
    const rows = (n: number, shift: number) => ({ n, d: 6, data: Float32Array.from({ length: n * 6 }, (_, i) => rng.normal() + (i % 6 === 0 ? shift : 0)) });
    const zn = rows(40, 0);
    const za = rows(37, 2);
    const zt = rows(50, 0.5);
    const subsets = [Int32Array.from({ length: 50 }, (_, i) => i), Int32Array.from([0, 3, 4, 9, 20, 21, 49]), Int32Array.from({ length: 25 }, (_, i) => 2 * i)];
    const together = dsvOnTestSets(zn, za, zt, subsets);
    subsets.forEach((s, k) => {
      const alone = dsv(zn, za, { n: s.length, d: 6, data: Float32Array.from(Array.from(s).flatMap((r) => Array.from(zt.data.subarray(r * 6, r * 6 + 6)))) });
      for (const key of ['value', 'discordance', 'separability'] as const) {
        assert.ok(Math.abs(together[k][key] - alone[key]) <= 1e-12 * Math.max(1, Math.abs(alone[key])), `${key} of subset ${k}: ${together[k][key]} vs ${alone[key]}`);
      }
    });
  });
});

describe('a cell whose criteria cannot be measured', function () {
  this.timeout(60_000);
  it('keeps its AUROCs and says why the criteria are missing', async () => {
    await selectBackend('wasm');
    const raw = tinyShapesConfig('selection-fails', { dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 32, maxTest: 16 } });
    const checked = validateConfig(raw, { baseDir: '.' });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const task = buildTasks(checked.config, generateShapes({ seed: 0, imageSize: 16 }), 0)[0];
    const flip = resolveAugmentation('flip');
    // Trains (training mode) but throws in the always-apply mode that the criteria use.
    const fragile = {
      ...flip,
      definition: {
        ...flip.definition,
        apply: (batch: Parameters<typeof flip.definition.apply>[0], params: Parameters<typeof flip.definition.apply>[1], rng: Rng, mode: 'train' | 'anomaly') => {
          if (mode === 'anomaly') throw new Error('no anomaly mode here');
          return flip.definition.apply(batch, params, rng, mode);
        },
      },
    };
    const out = await trainCell({ task, augmentation: fragile, detector: checked.config.detector, training: checked.config.training, seed: 0, selection: true });
    assert.equal(out.scores.length, task.test.n);
    assert.ok(out.selection);
    assert.equal(out.selection.error, 'no anomaly mode here');
    assert.deepEqual(out.selection.byTestSet, {});
  });
});

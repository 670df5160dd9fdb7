import { strict as assert } from 'node:assert';
import { resolveAugmentation } from '../../../../src/engine/augment';
import { selectBackend } from '../../../../src/engine/backend';
import { createDetector } from '../../../../src/engine/detectors';
import { generateShapes } from '../../../../src/engine/data/shapes';
import { selectImages } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { trainCell } from '../../../../src/engine/train/trainCell';
import { batchRanges, learningRateAt } from '../../../../src/engine/train/schedule';
import type { DetectorConfig, DetectorType, TrainingConfig } from '../../../../src/shared/config';

const shape = { h: 16, w: 16, c: 1 };
const small = (type: DetectorType): DetectorConfig => ({ type, width: 4, depth: 2, codeSize: 8 });
const training: TrainingConfig = { epochs: 2, batchSize: 16, learningRate: 0.003, weightDecay: 0.0001, schedule: 'cosine' };

describe('detectors on the wasm backend', function () {
  this.timeout(60_000);
  const data = generateShapes({ seed: 0, imageSize: 16, trainPerClass: 32, testPerClass: 8 });
  const images = selectImages(data.train.images, Array.from({ length: 32 }, (_, i) => i));

  before(async () => {
    const backend = await selectBackend('wasm');
    assert.equal(backend.name, 'wasm');
  });

  for (const [type, augmentation] of [
    ['dae', 'cutout'],
    ['classifier', 'cutout'],
    ['rotnet', 'rotate'],
  ] as const) {
    it(`${type}: trains, lowers its loss, scores every image with a finite number and embeds it`, () => {
      const detector = createDetector(shape, small(type), resolveAugmentation(augmentation), training, 7);
      try {
        const rng = new Rng(0, 'test');
        const first = detector.trainStep(images, rng);
        let last = first;
        for (let i = 0; i < 15; i++) last = detector.trainStep(images, rng);
        assert.ok(last < first, `${type} loss ${first} → ${last}`);
        const scores = detector.score(images, 10);
        assert.equal(scores.length, images.n);
        assert.ok(scores.every(Number.isFinite));
        const embedding = detector.embed(images, 10);
        assert.equal(embedding.size, 8);
        assert.equal(embedding.data.length, images.n * 8);
      } finally {
        detector.dispose();
      }
    });
  }

  it('classifier refuses "none" and rotnet refuses an augmentation without discrete variants, saying why', () => {
    assert.throws(() => createDetector(shape, small('classifier'), resolveAugmentation('none'), training, 0), /needs an augmentation other than "none"/);
    assert.throws(() => createDetector(shape, small('rotnet'), resolveAugmentation('cutout'), training, 0), /no discrete variants/);
  });

  it('an image size that depth cannot halve is refused with the fix', () => {
    assert.throws(() => createDetector({ h: 18, w: 18, c: 1 }, small('dae'), resolveAugmentation('none'), training, 0), /multiple of 4/);
  });

  it("dae has the authors' ConvAE parameter count (study and quickstart sizes, 1 and 3 channels)", () => {
    // Counted on the authors' model class in PyTorch: sum of numel over ConvAE(...).parameters().
    const cases: Array<[DetectorConfig, number, number]> = [
      [{ type: 'dae', width: 64, depth: 4, codeSize: 256 }, 1, 4_156_929],
      [{ type: 'dae', width: 64, depth: 4, codeSize: 256 }, 3, 4_159_235],
      [{ type: 'dae', width: 16, depth: 3, codeSize: 64 }, 1, 181_057],
      [{ type: 'dae', width: 16, depth: 3, codeSize: 64 }, 3, 181_635],
    ];
    for (const [config, c, expected] of cases) {
      const detector = createDetector({ h: 32, w: 32, c }, config, resolveAugmentation('none'), training, 0);
      try {
        assert.equal(detector.parameterCount, expected, `width ${config.width}, depth ${config.depth}, code ${config.codeSize}, ${c} channel(s)`);
      } finally {
        detector.dispose();
      }
    }
  });

  it('the same seed trains the same model: identical scores', async () => {
    const task = { normalClass: '0', train: images, test: images, sampleType: Array<string>(images.n).fill('normal'), anomalyTypes: [] };
    const run = () => trainCell({ task, augmentation: resolveAugmentation('flip'), detector: small('dae'), training, seed: 3 });
    const [a, b] = [await run(), await run()];
    assert.deepEqual(Array.from(a.scores), Array.from(b.scores));
    assert.deepEqual(a.loss, b.loss);
  });
});

describe('training schedule', () => {
  it('cosine goes from the base rate to 0; constant stays', () => {
    assert.equal(learningRateAt('cosine', 0.1, 0, 100), 0.1);
    assert.ok(Math.abs(learningRateAt('cosine', 0.1, 50, 100) - 0.05) < 1e-12);
    assert.ok(learningRateAt('cosine', 0.1, 100, 100) < 1e-12);
    assert.equal(learningRateAt('constant', 0.1, 60, 100), 0.1);
  });

  it('batches cover every image once and never leave a batch of one (BatchNorm)', () => {
    assert.deepEqual(batchRanges(10, 4), [[0, 4], [4, 8], [8, 10]]);
    assert.deepEqual(batchRanges(9, 4), [[0, 4], [4, 8]]);
  });
});

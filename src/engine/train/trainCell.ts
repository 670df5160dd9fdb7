import type { DetectorConfig, TrainingConfig } from '../../shared/config';
import type { ResolvedAugmentation } from '../augment/types';
import { createDetector } from '../detectors';
import { selectImages } from '../image';
import { Rng } from '../random';
import type { Task } from '../testbed/types';
import { measureCellSelection, type CellSelectionInput } from '../selection/cellSelection';
import type { CellSelection } from '../../shared/selection';
import { batchRanges, learningRateAt } from './schedule';
import { errorMessage } from '../../shared/errorMessage';

/** The criteria, or why they could not be measured: a failure here never costs the cell its AUROCs. */
function measureSelection(input: CellSelectionInput): CellSelection {
  const start = performance.now();
  try {
    return measureCellSelection(input);
  } catch (error) {
    return {
      byTestSet: {},
      sizes: { train: 0, augmented: 0, test: 0, heldOut: 0 },
      seconds: (performance.now() - start) / 1000,
      error: errorMessage(error),
    };
  }
}

export interface TrainCellInput {
  task: Task;
  augmentation: ResolvedAugmentation;
  detector: DetectorConfig;
  training: TrainingConfig;
  seed: number;
  /** Images per inference batch. */
  scoreBatchSize?: number;
  /** Measure the label-free selection criteria after scoring. */
  selection?: boolean;
}

export interface TrainCellOutput {
  loss: number[];
  scores: Float32Array;
  trainSeconds: number;
  evalSeconds: number;
  parameterCount: number;
  /** Label-free selection criteria of the trained model (absent when not asked for). */
  selection?: CellSelection;
}

export interface TrainHooks {
  onEpoch?(epoch: number, epochs: number, loss: number): void;
  onEvaluating?(): void;
}

/**
 * Trains one detector on the task's normal images with one augmentation, then scores every test
 * image once. The caller turns the scores into metrics per anomaly type, so one training serves
 * the whole row of the alignment matrix.
 */
export async function trainCell(input: TrainCellInput, hooks: TrainHooks = {}): Promise<TrainCellOutput> {
  const { task, training } = input;
  const { train } = task;
  const rng = new Rng(input.seed, 'train', input.augmentation.id, task.normalClass);
  const detector = createDetector(
    { h: train.h, w: train.w, c: train.c },
    input.detector,
    input.augmentation,
    training,
    rng.derive('init').nextUint32(),
  );
  try {
    const ranges = batchRanges(train.n, training.batchSize);
    const totalSteps = ranges.length * training.epochs;
    const loss: number[] = [];
    const trainStart = performance.now();
    let step = 0;
    for (let epoch = 1; epoch <= training.epochs; epoch++) {
      const order = rng.permutation(train.n);
      let sum = 0;
      let count = 0;
      for (const [start, end] of ranges) {
        detector.setLearningRate(learningRateAt(training.schedule, training.learningRate, step, totalSteps));
        const batch = selectImages(train, order.subarray(start, end));
        sum += detector.trainStep(batch, rng) * batch.n;
        count += batch.n;
        step++;
      }
      loss.push(sum / count);
      hooks.onEpoch?.(epoch, training.epochs, sum / count);
      // Let queued messages (progress, a parent's cancel) through between epochs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const trainSeconds = (performance.now() - trainStart) / 1000;
    hooks.onEvaluating?.();
    const evalStart = performance.now();
    const scores = detector.score(task.test, input.scoreBatchSize ?? 256);
    const evalSeconds = (performance.now() - evalStart) / 1000;
    for (let i = 0; i < scores.length; i++) {
      if (!Number.isFinite(scores[i])) throw new Error(`the detector gave a non-finite score (${scores[i]}) to test image ${i}`);
    }
    const selection = input.selection ? measureSelection({ detector, task, augmentation: input.augmentation, scores, seed: input.seed, batchSize: input.scoreBatchSize ?? 256 }) : undefined;
    return { loss, scores, trainSeconds, evalSeconds, parameterCount: detector.parameterCount, ...(selection ? { selection } : {}) };
  } finally {
    detector.dispose();
  }
}

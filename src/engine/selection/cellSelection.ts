/**
 * The label-free criteria of one trained cell. Everything here reads images, the trained detector
 * and its scores; test labels only choose which unlabeled subset a per-type figure is computed on
 * (the normal images plus one anomaly type, as if the user's test set held just that kind), and
 * are never passed to a criterion.
 */
import type { ResolvedAugmentation } from '../augment/types';
import type { Detector } from '../detectors/types';
import { selectRows } from '../diagnose';
import { selectImages, type ImageBatch } from '../image';
import { Rng } from '../random';
import { sampleIndices } from '../testbed/sample';
import type { Task } from '../testbed/types';
import type { CellSelection, CriterionName, CriterionValues } from '../../shared/selection';
import { heldOutNormalScore, testScoreVariance } from './baselines';
import { dsvOnTestSets } from './dsv';
import { l2Normalize, type Embeddings } from './embeddings';
import { MAX_SET_ROWS } from './limits';
import { meanDistance } from './meanDistance';
import { preTrainingRatios } from './preTrainingRatio';

export interface CellSelectionInput {
  detector: Detector;
  task: Task;
  augmentation: ResolvedAugmentation;
  /** The detector's scores of `task.test`, in order. */
  scores: Float32Array;
  seed: number;
  batchSize: number;
}

const ALL = 'all';
const NO_AUGMENTED = '"none" has no augmented training set to compare with';

function embed(detector: Detector, images: ImageBatch, batchSize: number): Embeddings {
  const { size, data } = detector.embed(images, batchSize);
  return l2Normalize({ n: images.n, d: size, data });
}

/** The test rows of one test set: every row for `all`, else the normal rows and those of `type`. */
function testSetRows(sampleType: readonly string[], key: string): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < sampleType.length; i++) if (key === ALL || sampleType[i] === 'normal' || sampleType[i] === key) rows.push(i);
  return Int32Array.from(rows);
}

export function measureCellSelection(input: CellSelectionInput): CellSelection {
  const start = performance.now();
  const { detector, task, augmentation, scores, batchSize } = input;
  const rng = new Rng(input.seed, 'selection', task.normalClass, augmentation.id);
  const trainImages = selectImages(task.train, sampleIndices(Int32Array.from({ length: task.train.n }, (_, i) => i), MAX_SET_ROWS, rng.derive('train')));
  // The always-apply mode: every augmented copy really differs from its normal image, as the
  // pseudo-anomalies these criteria are about.
  const augmentedImages =
    augmentation.definition.name === 'none'
      ? undefined
      : augmentation.definition.apply(trainImages, augmentation.params, rng.derive('augment'), 'anomaly');
  const zn = embed(detector, trainImages, batchSize);
  const za = augmentedImages && embed(detector, augmentedImages, batchSize);
  const ztAll = embed(detector, task.test, batchSize);
  const heldOut = task.heldOut && task.heldOut.n > 0 ? heldOutNormalScore(detector.score(task.heldOut, batchSize)) : null;

  const diagnostic = preTrainingRatios(input.seed, task, augmentation);
  const keys = [ALL, ...task.anomalyTypes];
  const rowsOf = keys.map((key) => testSetRows(task.sampleType, key));
  const pickedOf = keys.map((key, i) => sampleIndices(rowsOf[i], MAX_SET_ROWS, rng.derive('test', key)));
  // One DSV pass for every test set: they share Zn, Za and most of their test rows.
  const dsvs = za ? dsvOnTestSets(zn, za, ztAll, pickedOf) : undefined;
  const byTestSet: Record<string, CriterionValues> = {};
  keys.forEach((key, i) => {
    const values: Partial<Record<CriterionName, number | null>> = {};
    const reasons: Partial<Record<CriterionName, string>> = {};
    if (za && dsvs) {
      values.dsv = dsvs[i].value;
      values.meanDistance = meanDistance(zn, za, selectRows(ztAll, pickedOf[i])).value;
    } else {
      values.dsv = null;
      values.meanDistance = null;
      reasons.dsv = NO_AUGMENTED;
      reasons.meanDistance = NO_AUGMENTED;
    }
    values.heldOutScore = heldOut;
    if (heldOut === null) {
      reasons.heldOutScore = 'no held-out normal training images: dataset.maxTrain uses every training image of the class';
    }
    values.testScoreVariance = testScoreVariance(Array.from(rowsOf[i], (r) => scores[r]));
    values.diagnostic = diagnostic.get(key) ?? null;
    byTestSet[key] = Object.keys(reasons).length > 0 ? { values, reasons } : { values };
  });
  const testRows = pickedOf[0].length;
  return {
    byTestSet,
    sizes: { train: zn.n, augmented: za?.n ?? 0, test: testRows, heldOut: task.heldOut?.n ?? 0 },
    seconds: (performance.now() - start) / 1000,
  };
}

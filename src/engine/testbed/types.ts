import type { ImageBatch } from '../image';

/**
 * One anomaly-detection task: train on `train` (normal images only), score `test`.
 * `sampleType[i]` is `normal` or the anomaly type of test image i.
 */
export interface Task {
  /** The normal class this task was built for (class name, e.g. `0` or `good`). */
  readonly normalClass: string;
  readonly train: ImageBatch;
  /** Normal training images that `train` left out (possibly none): label-free selection scores them. */
  readonly heldOut?: ImageBatch;
  readonly test: ImageBatch;
  readonly sampleType: readonly string[];
  /** The anomaly types present in `sampleType`, in a stable order. */
  readonly anomalyTypes: readonly string[];
}

import type { ImageBatch } from '../image';

/** Images with integer labels that index `classNames`. */
export interface LabeledImages {
  readonly images: ImageBatch;
  readonly labels: Int32Array;
}

/**
 * A loaded data set, already resized to the experiment's size and channel count.
 * For the `mvtec` layout `classNames[0]` is `good`; the train split holds only `good` images and
 * the test split holds `good` and one class per defect folder.
 */
export interface LoadedDataset {
  readonly name: string;
  readonly classNames: readonly string[];
  readonly train: LabeledImages;
  readonly test: LabeledImages;
  /** Files that could not be read and were skipped (`onBadImage: "skip"`), with the reason. */
  readonly skipped: ReadonlyArray<{ file: string; reason: string }>;
}

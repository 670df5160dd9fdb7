import type { ImageBatch } from '../image';
import type { Rng } from '../random';
import type { DetectorType } from '../../shared/config';

/**
 * A trainable anomaly detector. Every detector trains on normal images only and scores test
 * images so that a higher score means more anomalous. `embed` exposes the representation
 * (the code, or the penultimate features) for label-free diagnostics.
 */
export interface Detector {
  readonly type: DetectorType;
  readonly parameterCount: number;
  /** One optimisation step on a batch of clean normal training images; returns the batch loss. */
  trainStep(clean: ImageBatch, rng: Rng): number;
  /** Anomaly scores of clean test images, batch by batch. */
  score(images: ImageBatch, batchSize: number): Float32Array;
  /** Embeddings (n × embeddingSize, row-major). */
  embed(images: ImageBatch, batchSize: number): { size: number; data: Float32Array };
  setLearningRate(lr: number): void;
  dispose(): void;
}

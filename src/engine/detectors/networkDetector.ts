import * as tf from '@tensorflow/tfjs';
import type { DetectorType } from '../../shared/config';
import type { ImageBatch } from '../image';
import type { Rng } from '../random';
import { AdamW } from './optimizer';
import { countParameters, mapInBatches } from './tensors';
import type { Detector } from './types';

/** A network and the encoder that shares its layers (its output is the code used as embedding). */
export interface DetectorNetwork {
  model: tf.LayersModel;
  encoder: tf.LayersModel;
}

/** What every detector of the study does the same way: optimiser, embeddings, clean-up. */
export abstract class NetworkDetector implements Detector {
  abstract readonly type: DetectorType;
  readonly parameterCount: number;
  protected readonly model: tf.LayersModel;
  private readonly encoder: tf.LayersModel;
  protected readonly optimizer: AdamW;

  protected constructor(network: DetectorNetwork, learningRate: number, weightDecay: number) {
    this.model = network.model;
    this.encoder = network.encoder;
    this.parameterCount = countParameters(this.model);
    this.optimizer = new AdamW(this.model, learningRate, weightDecay);
  }

  abstract trainStep(clean: ImageBatch, rng: Rng): number;

  /**
   * One optimisation step of `loss(model(x), y)` in training mode (BatchNorm uses and updates
   * batch statistics); takes ownership of `x` and `y` and disposes them.
   */
  protected fit(x: tf.Tensor, y: tf.Tensor, loss: (output: tf.Tensor, target: tf.Tensor) => tf.Tensor): number {
    try {
      return this.optimizer.step(() => loss(this.model.apply(x, { training: true }) as tf.Tensor, y) as tf.Scalar);
    } finally {
      x.dispose();
      y.dispose();
    }
  }
  abstract score(images: ImageBatch, batchSize: number): Float32Array;

  /**
   * The network's output in inference mode (BatchNorm with its running statistics) for the whole
   * batch at once. `predict` would cut the batch into its default 32 images (one Slice each and a
   * Concat): measured 1.6–3× slower scoring, most of it slicing.
   */
  protected infer(x: tf.Tensor, network: tf.LayersModel = this.model): tf.Tensor {
    return network.apply(x, { training: false }) as tf.Tensor;
  }

  embed(images: ImageBatch, batchSize: number): { size: number; data: Float32Array } {
    const size = this.encoder.outputs[0].shape[1] as number;
    return { size, data: mapInBatches(images, batchSize, size, (x) => this.infer(x, this.encoder)) };
  }

  setLearningRate(lr: number): void {
    this.optimizer.setLearningRate(lr);
  }

  dispose(): void {
    this.optimizer.dispose();
    // The encoder shares the model's layers: disposing the model frees both.
    this.model.dispose();
  }
}

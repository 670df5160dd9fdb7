import * as tf from '@tensorflow/tfjs';

/**
 * Adam with decoupled weight decay (AdamW: w ← w − lr·wd·w after each step, on kernels only,
 * never on biases or BatchNorm parameters) and a learning rate that the schedule sets per step.
 */
export class AdamW {
  private readonly adam: tf.AdamOptimizer;
  private lr: number;
  private readonly decayed: tf.LayerVariable[];

  constructor(
    model: tf.LayersModel,
    learningRate: number,
    private readonly weightDecay: number,
  ) {
    this.lr = learningRate;
    this.adam = tf.train.adam(learningRate);
    this.decayed = model.trainableWeights.filter((w) => /kernel/.test(w.originalName));
  }

  setLearningRate(lr: number): void {
    this.lr = lr;
    // The Adam optimizer reads its learning rate on every step; the field is not in its typings.
    (this.adam as unknown as { learningRate: number }).learningRate = lr;
  }

  /** Minimises the loss once and returns its value; throws when it is not finite. */
  step(loss: () => tf.Scalar): number {
    const cost = this.adam.minimize(loss, true);
    if (!cost) throw new Error('optimizer returned no loss');
    const value = cost.dataSync()[0];
    cost.dispose();
    if (!Number.isFinite(value)) throw new Error(`training diverged: loss is ${value}`);
    if (this.weightDecay > 0) {
      const factor = 1 - this.lr * this.weightDecay;
      tf.tidy(() => {
        for (const w of this.decayed) w.write(w.read().mul(factor));
      });
    }
    return value;
  }

  dispose(): void {
    this.adam.dispose();
  }
}

/**
 * Batch normalisation over every axis but the last (channels), with a hand-written gradient.
 *
 * `tf.layers.batchNormalization` computes its training statistics with `tf.moments` and lets the
 * tape differentiate through them: the mean's gradient (a tensor of ones, a product, a division),
 * the variance's (the same again, then the square's and the subtraction's), plus the batch-norm
 * kernel's own — about fifteen passes over the activation per layer and step. The closed form
 *   dx = γ·r · (dy − mean(dy) − x̂ · mean(dy · x̂)),   x̂ = (x − μ)·r,   r = 1/√(σ² + ε)
 * needs two channel sums and four element-wise passes.
 *
 * Statistics follow PyTorch's BatchNorm1d/2d, as the authors' network uses them: ε = 1e-5, and the
 * running averages move by 0.1 of the way to the batch statistics each step (PyTorch's
 * momentum 0.1; 0.9 in Keras/tfjs terms), with the unbiased batch variance (n/(n−1)) in the running
 * variance while the batch itself is normalised with the biased one. With tf.layers' defaults
 * (0.99, 1e-3) a short run would still score with a good part of the initial statistics: after
 * 100 steps 0.99¹⁰⁰ ≈ 37 % of them. The weight names are the stock layer's (gamma, beta,
 * moving_mean, moving_variance); a unit test holds outputs and gradients to the stock layer's and
 * the running statistics to a direct computation.
 *
 * With `relu` the layer is batch norm followed by ReLU (the network's every BatchNorm is): on wasm's
 * own kernels the ReLU is fused into the normalisation and its gradient into the batch-norm
 * gradient (no ReLU, step mask and product kernels per layer); elsewhere it is tf.relu after.
 */
import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_INFER, BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD, batchNormTrainingKernels } from '../backend';

/** PyTorch's BatchNorm defaults: momentum 0.1 there is a keep factor of 0.9 here. */
export const TORCH_MOMENTUM = 0.9;
export const TORCH_EPSILON = 1e-5;

export interface BatchNormArgs {
  name: string;
  momentum?: number;
  epsilon?: number;
  /** Apply ReLU to the output. */
  relu?: boolean;
}

export class ChannelBatchNorm extends tf.layers.Layer {
  static readonly className = 'SsadChannelBatchNorm';
  private readonly momentum: number;
  private readonly epsilon: number;
  private readonly relu: boolean;
  private gamma: tf.LayerVariable | undefined;
  private beta: tf.LayerVariable | undefined;
  private movingMean: tf.LayerVariable | undefined;
  private movingVariance: tf.LayerVariable | undefined;

  constructor(args: BatchNormArgs) {
    super({ name: args.name });
    this.momentum = args.momentum ?? TORCH_MOMENTUM;
    this.epsilon = args.epsilon ?? TORCH_EPSILON;
    this.relu = args.relu ?? false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (channels === null) throw new Error(`${this.name}: the channel axis must have a known size`);
    const c = [channels];
    this.gamma = this.addWeight('gamma', c, 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', c, 'float32', tf.initializers.zeros());
    this.movingMean = this.addWeight('moving_mean', c, 'float32', tf.initializers.zeros(), undefined, false);
    this.movingVariance = this.addWeight('moving_variance', c, 'float32', tf.initializers.ones(), undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const { gamma, beta, movingMean, movingVariance } = this.weightsOrThrow();
    if (kwargs.training !== true) {
      if (batchNormTrainingKernels()) {
        const inputs = { x, mean: movingMean.read(), variance: movingVariance.read(), gamma: gamma.read(), beta: beta.read() };
        return tf.engine().runKernel(BATCH_NORM_INFER, inputs, { epsilon: this.epsilon, relu: this.relu }) as tf.Tensor;
      }
      const y = tf.batchNorm(x, movingMean.read(), movingVariance.read(), beta.read(), gamma.read(), this.epsilon);
      return this.relu ? tf.relu(y) : y;
    }
    const stats: { mean?: tf.Tensor; variance?: tf.Tensor } = {};
    const y = this.normalize(stats)(x, gamma.read(), beta.read());
    // moving ← moving − (moving − batch)·(1 − momentum), with the unbiased variance as PyTorch.
    tf.tidy(() => {
      const decay = 1 - this.momentum;
      const count = x.size / x.shape[x.shape.length - 1];
      const unbiased = count > 1 ? count / (count - 1) : 1;
      for (const [moving, batch, scale] of [
        [movingMean, stats.mean, 1],
        [movingVariance, stats.variance, unbiased],
      ] as const) {
        if (batch === undefined) continue;
        const value = moving.read();
        moving.write(tf.sub(value, tf.mul(tf.sub(value, tf.mul(batch, scale)), decay)));
      }
    });
    tf.dispose([stats.mean, stats.variance]);
    return y;
  }

  private normalize(stats: { mean?: tf.Tensor; variance?: tf.Tensor }): (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor {
    if (batchNormTrainingKernels()) return this.normalizeByKernels(stats);
    const normalize = this.normalizeByOps(stats);
    return this.relu ? (x, gamma, beta) => tf.relu(normalize(x, gamma, beta)) : normalize;
  }

  /** The same function and gradient as `normalizeByOps`, each one kernel of the backend's own (wasm). */
  private normalizeByKernels(stats: { mean?: tf.Tensor; variance?: tf.Tensor }): (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor {
    const { epsilon, relu } = this;
    return tf.customGrad((x, gamma, beta, save) => {
      const [value, mean, variance, rstd] = tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta } as tf.NamedTensorMap, {
        epsilon,
        relu,
      }) as tf.Tensor[];
      (save as tf.GradSaveFunc)([x as tf.Tensor, mean, rstd, gamma as tf.Tensor, ...(relu ? [value] : [])]);
      stats.mean = tf.keep(mean.clone());
      stats.variance = tf.keep(variance.clone());
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const [xs, m, r, g, y] = saved;
        const inputs = { dy, x: xs, mean: m, rstd: r, gamma: g, ...(y ? { y } : {}) };
        return tf.engine().runKernel(BATCH_NORM_TRAIN_GRAD, inputs as tf.NamedTensorMap, {}) as tf.Tensor[];
      };
      return { value, gradFunc };
    }) as (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;
  }

  private normalizeByOps(stats: { mean?: tf.Tensor; variance?: tf.Tensor }): (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor {
    const epsilon = this.epsilon;
    return tf.customGrad((x, gamma, beta, save) => {
      const input = x as tf.Tensor;
      const axes = input.shape.slice(0, -1).map((_, i) => i);
      const mean = tf.mean(input, axes);
      const centred = tf.sub(input, mean);
      const variance = tf.mean(tf.square(centred), axes);
      const value = tf.batchNorm(input, mean, variance, beta as tf.Tensor, gamma as tf.Tensor, epsilon);
      const r = tf.rsqrt(tf.add(variance, epsilon));
      (save as tf.GradSaveFunc)([centred, r, gamma as tf.Tensor]);
      stats.mean = tf.keep(mean.clone());
      stats.variance = tf.keep(variance.clone());
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const [xc, rs, g] = saved;
        const count = dy.size / dy.shape[dy.shape.length - 1];
        const sumDy = tf.sum(dy, axes);
        const sumDyXc = tf.sum(tf.mul(dy, xc), axes);
        const a = tf.mul(g, rs);
        const b = tf.mul(tf.mul(a, tf.square(rs)), tf.div(sumDyXc, -count));
        const c = tf.mul(a, tf.div(sumDy, -count));
        const dx = tf.add(tf.mul(dy, a), tf.add(tf.mul(xc, b), c));
        return [dx, tf.mul(sumDyXc, rs), sumDy];
      };
      return { value, gradFunc };
    }) as (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;
  }

  private weightsOrThrow() {
    const { gamma, beta, movingMean, movingVariance } = this;
    if (!gamma || !beta || !movingMean || !movingVariance) throw new Error(`${this.name} used before it was built`);
    return { gamma, beta, movingMean, movingVariance };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, epsilon: this.epsilon, relu: this.relu };
  }
}

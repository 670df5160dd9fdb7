/**
 * Gradient of FusedBatchNorm without `tile`.
 *
 * The stock gradient tiles 1/√(var + ε) to the full activation shape before multiplying and
 * recomputes (x − mean)·dy·scale products separately for the mean, variance and scale gradients.
 * On wasm the tile alone took longer than every convolution gradient of a conv autoencoder put
 * together. The per-channel factors here are computed on [C]-sized tensors and broadcast, and the
 * two reductions, Σdy and Σdy·(x − mean), are shared:
 *   dx        = dy · scale · r                      with r = 1/√(var + ε)
 *   dmean     = −scale · r · Σdy
 *   dvariance = −½ · scale · r³ · Σdy·(x − mean)
 *   dscale    = r · Σdy·(x − mean)
 *   doffset   = Σdy
 * where Σ runs over the axes along which mean is broadcast (none when mean has x's full shape).
 * Identical in exact arithmetic to the stock gradient and valid on every backend (gradients are
 * registered per kernel, not per backend).
 */
import * as tf from '@tensorflow/tfjs';

function gradFunc(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) {
  const grad = Array.isArray(dy) ? dy[0] : dy;
  const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
  const [x, mean, variance, scale] = saved;
  const axes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
  const reduce = (t: tf.Tensor): tf.Tensor => tf.reshape(axes.length > 0 ? tf.sum(t, axes) : t, mean.shape);

  // The backward pass runs each input's thunk in its own tidy, so anything two thunks share is
  // computed here, where it lives until the whole backward pass ends.
  const r = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
  const scaledR = scale === undefined || scale === null ? r : tf.mul(scale, r);
  const sumDy = reduce(grad);
  const sumDyCentred = reduce(tf.mul(grad, tf.sub(x, mean)));

  return {
    x: () => tf.reshape(tf.mul(grad, scaledR), x.shape),
    mean: () => tf.neg(tf.mul(scaledR, sumDy)),
    variance: () => tf.mul(tf.mul(tf.mul(scaledR, tf.square(r)), tf.scalar(-0.5)), sumDyCentred),
    scale: () => tf.mul(r, sumDyCentred),
    offset: () => tf.clone(sumDy),
  };
}

export const fusedBatchNormGradConfig: tf.GradConfig = {
  kernelName: tf.FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: gradFunc as tf.GradConfig['gradFunc'],
};

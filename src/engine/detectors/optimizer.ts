import * as tf from '@tensorflow/tfjs';
import { ADAMW_UPDATE, adamWKernel } from '../backend';

/** Adam's constants as torch.optim.Adam's defaults, which the authors trained with (tfjs's default ε is 1e-7). */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/**
 * Adam with decoupled weight decay (AdamW: w ← w − lr·wd·w after each step, on kernels only,
 * never on biases or BatchNorm parameters) and a learning rate that the schedule sets per step.
 *
 * The update is one pass over each variable in JavaScript rather than tf.train.adam's dozen tensor
 * ops per variable: on the wasm backend those ~200 small kernels a step (each a dispatch, an
 * allocation and a pass over memory) cost about as much as the forward convolutions. The moments
 * live in plain Float32Arrays; gradients and weights are read through heap views where the backend
 * offers them (wasm), else copied once. Same arithmetic as tf.train.adam (bias correction by
 * β^t, ε added to √v̂), so a unit test holds the two to float noise. On wasm with SSAD Lab's own
 * kernels the pass is one SIMD kernel per variable (ADAMW_UPDATE) and the moments are tensors on
 * the backend's heap, updated in place: for the study's 4.15 M parameters the JavaScript loop
 * took 51 ms a step.
 */
export class AdamW {
  private lr: number;
  private step_ = 0;
  private readonly variables: tf.Variable[];
  private readonly decayed: boolean[];
  private readonly moments: Array<{ m: Float32Array; v: Float32Array }>;
  /** The moments as heap tensors, where the update runs as a kernel (then `moments` is empty). */
  private readonly heapMoments: Array<{ m: tf.Tensor; v: tf.Tensor }>;

  constructor(
    model: tf.LayersModel,
    learningRate: number,
    private readonly weightDecay: number,
  ) {
    this.lr = learningRate;
    const weights = model.trainableWeights;
    this.variables = weights.map((w) => w.read() as tf.Variable);
    this.decayed = weights.map((w) => /kernel/.test(w.originalName));
    const onHeap = adamWKernel();
    this.heapMoments = onHeap ? this.variables.map((v) => ({ m: tf.keep(tf.zeros([v.size])), v: tf.keep(tf.zeros([v.size])) })) : [];
    this.moments = onHeap ? [] : this.variables.map((v) => ({ m: new Float32Array(v.size), v: new Float32Array(v.size) }));
  }

  setLearningRate(lr: number): void {
    this.lr = lr;
  }

  /** Minimises the loss once and returns its value; throws when it is not finite. */
  step(loss: () => tf.Scalar): number {
    const { value, grads } = tf.variableGrads(loss, this.variables);
    try {
      const cost = value.dataSync()[0];
      if (!Number.isFinite(cost)) throw new Error(`training diverged: loss is ${cost}`);
      this.step_++;
      const { beta1, beta2, epsilon } = ADAM;
      const correction1 = 1 - beta1 ** this.step_;
      const correction2 = 1 - beta2 ** this.step_;
      const decay = 1 - this.lr * this.weightDecay;
      this.variables.forEach((variable, i) => {
        const grad = grads[variable.name];
        if (grad === undefined) return;
        const shrink = this.decayed[i] && this.weightDecay > 0 ? decay : 1;
        if (this.heapMoments.length > 0) {
          const { m, v } = this.heapMoments[i];
          const attrs = { learningRate: this.lr, beta1, beta2, correction1, correction2, epsilon, shrink };
          const updated = tf.engine().runKernel(ADAMW_UPDATE, { w: variable, g: grad, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
          variable.assign(updated);
          updated.dispose();
          return;
        }
        const { m, v } = this.moments[i];
        const next = new Float32Array(variable.size);
        {
          // Views first, allocation after: a heap view dies when wasm memory grows.
          const g = readable(grad);
          const w = readable(variable);
          const lr = this.lr;
          for (let k = 0; k < next.length; k++) {
            const gk = g[k];
            const mk = beta1 * m[k] + (1 - beta1) * gk;
            const vk = beta2 * v[k] + (1 - beta2) * gk * gk;
            m[k] = mk;
            v[k] = vk;
            next[k] = (w[k] - (lr * (mk / correction1)) / (Math.sqrt(vk / correction2) + epsilon)) * shrink;
          }
        }
        const updated = tf.tensor(next, variable.shape, 'float32');
        variable.assign(updated);
        updated.dispose();
      });
      return cost;
    } finally {
      value.dispose();
      tf.dispose(Object.values(grads));
    }
  }

  dispose(): void {
    for (const { m, v } of this.heapMoments) tf.dispose([m, v]);
    this.heapMoments.length = 0;
  }
}

interface HeapBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/**
 * The values of a float32 tensor without a copy where the backend keeps them in one addressable
 * heap (wasm), else as `dataSync` gives them. Read-only: the array may be the tensor's own storage.
 */
function readable(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as Partial<HeapBackend>;
  if (t.dtype === 'float32' && typeof backend.typedArrayFromHeap === 'function') {
    return backend.typedArrayFromHeap({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
  }
  return t.dataSync() as Float32Array;
}

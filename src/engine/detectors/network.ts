/**
 * The study's convolutional autoencoder (the authors' `ConvAE`), in tfjs layers.
 * Encoder: `depth` blocks of Conv(3×3, stride 2, bias) → BatchNorm → ReLU with width·2^i channels,
 * flatten, dense code with tanh. Decoder: dense → BatchNorm1d → ReLU → reshape, then transposed-conv
 * blocks mirrored (the last one without BatchNorm, sigmoid output). Padding, biases, BatchNorm
 * momentum and ε, and weight initialisation are PyTorch's, so the parameter count equals the
 * authors' (4,156,929 at width 64, depth 4, code 256 on 32×32×1). Layers are laid out channels-last:
 * the flattened features are a fixed permutation of PyTorch's, which the dense layers absorb.
 */
import * as tf from '@tensorflow/tfjs';
import type { DetectorConfig } from '../../shared/config';
import { ChannelBatchNorm } from './batchNorm';
import { TorchConv2D, TorchConvTranspose2D, type Initializer } from './torchConv';

export interface InputShape {
  h: number;
  w: number;
  c: number;
}

/**
 * Seeded weight initialisation as PyTorch's defaults for Conv2d, ConvTranspose2d and Linear:
 * weights from U(±1/√fan_in) (kaiming_uniform with a = √5), biases from U(±1/√fan_in). tfjs
 * initializers draw from Math.random unless given a seed, so each tensor gets its own seed derived
 * from the cell's seed and its position in the network.
 */
export class Initializers {
  private next: number;
  constructor(seed: number) {
    this.next = (seed >>> 0) % 1_000_000_007;
  }
  private nextSeed(): number {
    this.next = (this.next * 48271 + 11) % 2147483647;
    return this.next;
  }
  /** U(±√(3·(1/3)/fan_in)) = U(±1/√fan_in), fan_in as tfjs and PyTorch both count it for these shapes. */
  kernel(): Initializer {
    return tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform', seed: this.nextSeed() });
  }
  bias(fanIn: number): Initializer {
    const bound = 1 / Math.sqrt(fanIn);
    return tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed: this.nextSeed() });
  }
  /** A dense layer's initializers for `inputs` input units. */
  dense(inputs: number): { kernelInitializer: Initializer; biasInitializer: Initializer } {
    return { kernelInitializer: this.kernel(), biasInitializer: this.bias(inputs) };
  }
}

/** Fails early, with the reason, when the image size cannot be halved `depth` times. */
export function checkArchitecture(shape: InputShape, config: DetectorConfig): void {
  const factor = 2 ** config.depth;
  if (shape.h % factor !== 0 || shape.w % factor !== 0) {
    throw new Error(
      `detector.depth ${config.depth} halves the image ${config.depth} times, so the image size must be a multiple of ` +
        `${factor}; got ${shape.h}×${shape.w}. Change dataset.imageSize or detector.depth.`,
    );
  }
}

function convBlock(x: tf.SymbolicTensor, filters: number, transpose: boolean, name: string, init: Initializers): tf.SymbolicTensor {
  const args = { filters, kernelInitializer: init.kernel(), biasInitializer: (fanIn: number) => init.bias(fanIn) };
  const conv = transpose ? new TorchConvTranspose2D({ ...args, name: `${name}_deconv` }) : new TorchConv2D({ ...args, name: `${name}_conv` });
  return batchNormRelu(conv.apply(x) as tf.SymbolicTensor, name);
}

/** BatchNorm then ReLU, as one layer: on wasm's own kernels the ReLU is fused into the normalisation. */
function batchNormRelu(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return new ChannelBatchNorm({ name: `${name}_bn`, relu: true }).apply(x) as tf.SymbolicTensor;
}

/** `nn.Linear` (PyTorch's initialisation) with an optional activation. */
export function denseLayer(
  x: tf.SymbolicTensor,
  units: number,
  name: string,
  init: Initializers,
  activation?: 'tanh' | 'relu' | 'sigmoid',
): tf.SymbolicTensor {
  const inputs = x.shape[x.shape.length - 1];
  if (inputs === null) throw new Error(`${name}: the input size must be known`);
  return tf.layers.dense({ units, activation, name, ...init.dense(inputs) }).apply(x) as tf.SymbolicTensor;
}

/** The encoder up to the flattened features (before the code layer). */
export function encoderFeatures(input: tf.SymbolicTensor, config: DetectorConfig, init: Initializers): tf.SymbolicTensor {
  let x = input;
  for (let i = 0; i < config.depth; i++) x = convBlock(x, config.width * 2 ** i, false, `enc${i}`, init);
  return tf.layers.flatten({ name: 'enc_flatten' }).apply(x) as tf.SymbolicTensor;
}

export function codeLayer(features: tf.SymbolicTensor, config: DetectorConfig, init: Initializers): tf.SymbolicTensor {
  return denseLayer(features, config.codeSize, 'code', init, 'tanh');
}

export function decoder(code: tf.SymbolicTensor, shape: InputShape, config: DetectorConfig, init: Initializers): tf.SymbolicTensor {
  const factor = 2 ** config.depth;
  const h0 = shape.h / factor;
  const w0 = shape.w / factor;
  const c0 = config.width * 2 ** (config.depth - 1);
  let x = batchNormRelu(denseLayer(code, h0 * w0 * c0, 'dec_dense', init), 'dec_dense');
  x = tf.layers.reshape({ targetShape: [h0, w0, c0], name: 'dec_reshape' }).apply(x) as tf.SymbolicTensor;
  for (let i = config.depth - 2; i >= 0; i--) x = convBlock(x, config.width * 2 ** i, true, `dec${i}`, init);
  const out = new TorchConvTranspose2D({
    filters: shape.c,
    kernelInitializer: init.kernel(),
    biasInitializer: (fanIn) => init.bias(fanIn),
    name: 'dec_out',
  }).apply(x) as tf.SymbolicTensor;
  return tf.layers.activation({ activation: 'sigmoid', name: 'dec_sigmoid' }).apply(out) as tf.SymbolicTensor;
}

export function imageInput(shape: InputShape): tf.SymbolicTensor {
  return tf.input({ shape: [shape.h, shape.w, shape.c], name: 'image' });
}

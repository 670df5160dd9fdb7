/**
 * The study's convolutional encoder and mirrored decoder (tfjs layers).
 * Encoder: `depth` blocks of Conv(3×3, stride 2) → BatchNorm → ReLU with width·2^i channels,
 * flatten, dense code with tanh. Decoder: dense → reshape → transposed-conv blocks mirrored,
 * sigmoid output.
 */
import * as tf from '@tensorflow/tfjs';
import type { DetectorConfig } from '../../shared/config';
import { ChannelBatchNorm } from './batchNorm';
import { PlainConv2D } from './plainConv';

export interface InputShape {
  h: number;
  w: number;
  c: number;
}

/**
 * Seeded weight initialisation: tfjs initializers draw from Math.random unless given a seed, so
 * each layer gets its own seed derived from the cell's seed and the layer's position.
 */
export class Initializers {
  private next: number;
  constructor(seed: number) {
    this.next = (seed >>> 0) % 1_000_000_007;
  }
  kernel(): ReturnType<typeof tf.initializers.glorotUniform> {
    this.next = (this.next * 48271 + 11) % 2147483647;
    return tf.initializers.glorotUniform({ seed: this.next });
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
  const options = { filters, kernelSize: 3, strides: 2, padding: 'same' as const, useBias: false, kernelInitializer: init.kernel() };
  const conv = transpose
    ? tf.layers.conv2dTranspose({ ...options, name: `${name}_deconv` })
    : new PlainConv2D({ filters, kernelSize: 3, strides: 2, kernelInitializer: options.kernelInitializer, name: `${name}_conv` });
  let y = conv.apply(x) as tf.SymbolicTensor;
  y = new ChannelBatchNorm({ name: `${name}_bn` }).apply(y) as tf.SymbolicTensor;
  return tf.layers.reLU({ name: `${name}_relu` }).apply(y) as tf.SymbolicTensor;
}

/** The encoder up to the flattened features (before the code layer). */
export function encoderFeatures(input: tf.SymbolicTensor, config: DetectorConfig, init: Initializers): tf.SymbolicTensor {
  let x = input;
  for (let i = 0; i < config.depth; i++) x = convBlock(x, config.width * 2 ** i, false, `enc${i}`, init);
  return tf.layers.flatten({ name: 'enc_flatten' }).apply(x) as tf.SymbolicTensor;
}

export function codeLayer(features: tf.SymbolicTensor, config: DetectorConfig, init: Initializers): tf.SymbolicTensor {
  return tf.layers.dense({ units: config.codeSize, activation: 'tanh', name: 'code', kernelInitializer: init.kernel() }).apply(features) as tf.SymbolicTensor;
}

export function decoder(code: tf.SymbolicTensor, shape: InputShape, config: DetectorConfig, init: Initializers): tf.SymbolicTensor {
  const factor = 2 ** config.depth;
  const h0 = shape.h / factor;
  const w0 = shape.w / factor;
  const c0 = config.width * 2 ** (config.depth - 1);
  let x = tf.layers.dense({ units: h0 * w0 * c0, activation: 'relu', name: 'dec_dense', kernelInitializer: init.kernel() }).apply(code) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [h0, w0, c0], name: 'dec_reshape' }).apply(x) as tf.SymbolicTensor;
  for (let i = config.depth - 2; i >= 0; i--) x = convBlock(x, config.width * 2 ** i, true, `dec${i}`, init);
  const out = tf.layers.conv2dTranspose({
    filters: shape.c,
    kernelSize: 3,
    strides: 2,
    padding: 'same',
    activation: 'sigmoid',
    name: 'dec_out',
    kernelInitializer: init.kernel(),
  });
  return out.apply(x) as tf.SymbolicTensor;
}

export function imageInput(shape: InputShape): tf.SymbolicTensor {
  return tf.input({ shape: [shape.h, shape.w, shape.c], name: 'image' });
}

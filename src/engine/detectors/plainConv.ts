/**
 * A stride-s 'same' convolution without bias, as a layer whose gradient is computed lazily.
 *
 * tfjs layers run every Conv2D through `tf.fused.conv2d`, whose gradient is a customGrad that
 * computes the gradients of all inputs at once, needed or not. For the first layer of an encoder
 * that is a full input-gradient convolution per step back to the image, which nothing uses. The
 * plain `tf.conv2d` has a per-input gradient that the tape prunes. Same weights (shape, name,
 * initializer) and the same forward arithmetic as `tf.layers.conv2d` with `useBias: false`.
 */
import * as tf from '@tensorflow/tfjs';

export interface PlainConvArgs {
  filters: number;
  kernelSize: number;
  strides: number;
  kernelInitializer: ReturnType<typeof tf.initializers.glorotUniform>;
  name: string;
}

export class PlainConv2D extends tf.layers.Layer {
  static readonly className = 'SsadPlainConv2D';
  private kernel: tf.LayerVariable | undefined;

  constructor(private readonly args: PlainConvArgs) {
    super({ name: args.name });
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    const { kernelSize, filters, kernelInitializer } = this.args;
    this.kernel = this.addWeight('kernel', [kernelSize, kernelSize, channels, filters], 'float32', kernelInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const s = this.args.strides;
    const out = (d: number | null) => (d === null ? null : Math.ceil(d / s));
    return [shape[0], out(shape[1]), out(shape[2]), this.args.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    if (this.kernel === undefined) throw new Error(`${this.name} used before it was built`);
    return tf.conv2d(x, this.kernel.read() as tf.Tensor4D, this.args.strides, 'same');
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.args.filters, kernelSize: this.args.kernelSize, strides: this.args.strides };
  }
}

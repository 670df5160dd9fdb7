/**
 * The authors' stride-2 convolutions, as PyTorch computes them: `Conv2d(k=3, s=2, p=1)` and
 * `ConvTranspose2d(k=3, s=2, p=1, output_padding=1)`, both with bias.
 *
 * Why not `tf.layers.conv2d` / `conv2dTranspose` with `padding: 'same'`: on an even size TF pads
 * the bottom/right edge, PyTorch the top/left one, so every output pixel would look one pixel off
 * from the authors' network. Padding 1 on each side gives PyTorch's windows (the bottom/right pad
 * row is never reached at stride 2), and the transposed layer is the exact adjoint of that
 * convolution, which is what `ConvTranspose2d` with output_padding 1 computes.
 *
 * Why not `tf.fused.conv2d` (what tf.layers uses): its gradient is a customGrad that computes the
 * gradients of all inputs at once, needed or not. For the first layer of an encoder that is a full
 * input-gradient convolution per step back to the image, which nothing uses. The plain ops have
 * per-input gradients that the tape prunes. On wasm with SSAD Lab's own kernels each layer is one
 * kernel with the bias inside (CONV2D_BIAS, CONV2D_TRANSPOSE_BIAS), with per-input gradients too.
 */
import * as tf from '@tensorflow/tfjs';
import { CONV2D_BIAS, CONV2D_TRANSPOSE_BIAS, biasConvKernels } from '../backend';

export type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

export interface TorchConvArgs {
  filters: number;
  kernelInitializer: Initializer;
  /** PyTorch draws the bias from U(±1/√fan_in); the caller passes that initializer (it knows the seed). */
  biasInitializer: (fanIn: number) => Initializer;
  name: string;
}

function runKernel(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

const KERNEL = 3;
const STRIDE = 2;
const PAD = 1;

function singleShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
}

abstract class TorchConvBase extends tf.layers.Layer {
  protected kernel: tf.LayerVariable | undefined;
  protected bias: tf.LayerVariable | undefined;

  constructor(protected readonly args: TorchConvArgs) {
    super({ name: args.name });
  }

  /** The kernel's shape for this many input channels; its fan-in as PyTorch counts it. */
  protected abstract kernelShape(channels: number): { shape: number[]; fanIn: number };

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(inputShape);
    const channels = shape[shape.length - 1];
    if (channels === null) throw new Error(`${this.name}: the channel axis must have a known size`);
    const { shape: kernelShape, fanIn } = this.kernelShape(channels);
    this.kernel = this.addWeight('kernel', kernelShape, 'float32', this.args.kernelInitializer);
    this.bias = this.addWeight('bias', [this.args.filters], 'float32', this.args.biasInitializer(fanIn));
    this.built = true;
  }

  protected weightsOrThrow(): { kernel: tf.Tensor4D; bias: tf.Tensor1D } {
    if (this.kernel === undefined || this.bias === undefined) throw new Error(`${this.name} used before it was built`);
    return { kernel: this.kernel.read() as tf.Tensor4D, bias: this.bias.read() as tf.Tensor1D };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.args.filters, kernelSize: KERNEL, strides: STRIDE, padding: PAD };
  }
}

/** `Conv2d(in, filters, 3, stride 2, padding 1)`: halves an even height and width. */
export class TorchConv2D extends TorchConvBase {
  static readonly className = 'SsadTorchConv2D';

  protected kernelShape(channels: number) {
    return { shape: [KERNEL, KERNEL, channels, this.args.filters], fanIn: channels * KERNEL * KERNEL };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = singleShape(inputShape);
    const out = (d: number | null) => (d === null ? null : Math.floor((d + 2 * PAD - KERNEL) / STRIDE) + 1);
    return [shape[0], out(shape[1]), out(shape[2]), this.args.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const { kernel, bias } = this.weightsOrThrow();
    if (biasConvKernels()) return runKernel(CONV2D_BIAS, { x, filter: kernel, bias }, { strides: STRIDE, pad: PAD });
    return tf.add(tf.conv2d(x, kernel, STRIDE, PAD), bias);
  }
}

/**
 * `ConvTranspose2d(in, filters, 3, stride 2, padding 1, output_padding 1)`: doubles height and
 * width. The kernel is stored as tfjs stores a transposed kernel, [3, 3, filters, in]; PyTorch's
 * fan-in for it is filters·9 (its weight is [in, filters, 3, 3] and fan-in reads dimension 1),
 * which is also what tfjs's fan computation gives for this shape.
 */
export class TorchConvTranspose2D extends TorchConvBase {
  static readonly className = 'SsadTorchConvTranspose2D';

  protected kernelShape(channels: number) {
    return { shape: [KERNEL, KERNEL, this.args.filters, channels], fanIn: this.args.filters * KERNEL * KERNEL };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = singleShape(inputShape);
    const out = (d: number | null) => (d === null ? null : d * STRIDE);
    return [shape[0], out(shape[1]), out(shape[2]), this.args.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const { kernel, bias } = this.weightsOrThrow();
    const [n, h, w] = x.shape;
    const outputShape: [number, number, number, number] = [n, h * STRIDE, w * STRIDE, this.args.filters];
    if (biasConvKernels()) return runKernel(CONV2D_TRANSPOSE_BIAS, { x, filter: kernel, bias }, { strides: STRIDE, pad: PAD, outputShape });
    return tf.add(tf.conv2dTranspose(x, kernel, outputShape, STRIDE, PAD), bias);
  }
}

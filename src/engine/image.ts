/**
 * The one image representation of the engine: a batch of images in NHWC order, float32 values
 * in [0, 1], one or three channels, one fixed size per experiment.
 */
export interface ImageBatch {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly data: Float32Array;
}

export function createBatch(n: number, h: number, w: number, c: number, data?: Float32Array): ImageBatch {
  const size = n * h * w * c;
  if (data && data.length !== size) {
    throw new Error(`image batch data has ${data.length} values, expected ${n}×${h}×${w}×${c} = ${size}`);
  }
  return { n, h, w, c, data: data ?? new Float32Array(size) };
}

export function imageSize(batch: ImageBatch): number {
  return batch.h * batch.w * batch.c;
}

/** A view of image i (no copy). */
export function imageView(batch: ImageBatch, i: number): Float32Array {
  const s = imageSize(batch);
  return batch.data.subarray(i * s, (i + 1) * s);
}

/** The images at the given indices, copied into a new batch. */
export function selectImages(batch: ImageBatch, indices: ArrayLike<number>): ImageBatch {
  const s = imageSize(batch);
  const out = createBatch(indices.length, batch.h, batch.w, batch.c);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (i < 0 || i >= batch.n) throw new RangeError(`image index ${i} out of range 0..${batch.n - 1}`);
    out.data.set(batch.data.subarray(i * s, (i + 1) * s), k * s);
  }
  return out;
}

export function concatBatches(batches: readonly ImageBatch[]): ImageBatch {
  if (batches.length === 0) throw new Error('cannot concatenate zero image batches');
  const { h, w, c } = batches[0];
  let n = 0;
  for (const b of batches) {
    if (b.h !== h || b.w !== w || b.c !== c) {
      throw new Error(`cannot concatenate image batches of shapes ${h}×${w}×${c} and ${b.h}×${b.w}×${b.c}`);
    }
    n += b.n;
  }
  const out = createBatch(n, h, w, c);
  let offset = 0;
  for (const b of batches) {
    out.data.set(b.data, offset);
    offset += b.data.length;
  }
  return out;
}

/** Small fake data sets, augmentations and configs for the testbed tests. */
import type { AugmentationDefinition, ResolvedAugmentation } from '../../../../src/engine/augment/types';
import type { LoadedDataset } from '../../../../src/engine/data/types';
import { createBatch, imageView, type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import type { AugmentationResolver } from '../../../../src/engine/augment';
import type { AugmentationRef, DatasetConfig, ExperimentConfig, TestbedConfig } from '../../../../src/shared/config';

export const SIZE = 8;

/** Image ids are written into pixel 0 as (id + 1) / 65536, exact in float32. */
export function idOf(batch: ImageBatch, i: number): number {
  return Math.round(imageView(batch, i)[0] * 65536) - 1;
}

/**
 * A data set whose image ids encode their split and class: id = split·10000 + class·100 + k,
 * with split 0 (train) or 1 (test). Pixels other than 0 are random, so images are not symmetric.
 */
export function fakeDataset(
  classNames: readonly string[],
  trainCounts: readonly number[],
  testCounts: readonly number[],
  options: { size?: number; channels?: number; name?: string } = {},
): LoadedDataset {
  const size = options.size ?? SIZE;
  const c = options.channels ?? 1;
  const rng = new Rng(1234, 'fake-dataset');
  const split = (counts: readonly number[], splitIndex: number) => {
    const n = counts.reduce((a, b) => a + b, 0);
    const images = createBatch(n, size, size, c);
    const labels = new Int32Array(n);
    let i = 0;
    // Interleave the classes, as real data sets do.
    const left = counts.slice();
    const made = counts.map(() => 0);
    while (i < n) {
      for (let cls = 0; cls < counts.length; cls++) {
        if (left[cls] === 0) continue;
        left[cls]--;
        const view = imageView(images, i);
        for (let k = 0; k < view.length; k++) view[k] = 0.05 + 0.9 * rng.next();
        view[0] = (splitIndex * 10000 + cls * 100 + made[cls] + 1) / 65536;
        made[cls]++;
        labels[i++] = cls;
      }
    }
    return { images, labels };
  };
  return {
    name: options.name ?? 'fake',
    classNames,
    train: split(trainCounts, 0),
    test: split(testCounts, 1),
    skipped: [],
  };
}

export function classOfId(id: number): number {
  return Math.floor((id % 10000) / 100);
}

export function splitOfId(id: number): 'train' | 'test' {
  return id >= 10000 ? 'test' : 'train';
}

function definition(name: string, apply: AugmentationDefinition['apply']): AugmentationDefinition {
  return { name, category: 'custom', description: `Test augmentation ${name}.`, params: {}, apply };
}

function map(batch: ImageBatch, fn: (x: number, rng: Rng) => number, rng: Rng): ImageBatch {
  const out = createBatch(batch.n, batch.h, batch.w, batch.c);
  for (let k = 0; k < batch.data.length; k++) out.data[k] = fn(batch.data[k], rng);
  return out;
}

/** 1 − x. */
export const negate = definition('negate', (b, _p, rng) => map(b, (x) => 1 - x, rng));
/** x + U(0, 0.1): uses its stream. */
export const speckle = definition('speckle', (b, _p, rng) => map(b, (x, r) => x + r.uniform(0, 0.1), rng));
/** x / 2. */
export const halve = definition('halve', (b, _p, rng) => map(b, (x) => x / 2, rng));
export const identity = definition('none', (b) => createBatch(b.n, b.h, b.w, b.c, b.data.slice()));
/** Breaks the contract: returns one image fewer. */
export const shrink = definition('shrink', (b) => createBatch(Math.max(0, b.n - 1), b.h, b.w, b.c));

const FAKES: Record<string, AugmentationDefinition> = { negate, speckle, halve, none: identity, shrink };

export const fakeResolver: AugmentationResolver = {
  isModulePath: (ref: AugmentationRef) => (typeof ref === 'string' ? ref : ref.name).endsWith('.ts'),
  resolve(ref: AugmentationRef): ResolvedAugmentation {
    const name = typeof ref === 'string' ? ref : ref.name;
    const def = FAKES[name];
    if (!def) throw new Error(`Unknown augmentation "${name}"`);
    return { id: name, definition: def, params: {} };
  },
};

export function makeConfig(dataset: DatasetConfig, testbed: TestbedConfig, augmentations: AugmentationRef[] = ['none']): ExperimentConfig {
  return {
    name: 'test',
    dataset,
    testbed,
    detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
    augmentations,
    training: { epochs: 1, batchSize: 8, learningRate: 0.001, weightDecay: 0, schedule: 'constant' },
    seeds: [0],
    runtime: { backend: 'cpu' },
  };
}

/** A block of consecutive test images of one sample type. */
export function block(task: { test: ImageBatch; sampleType: readonly string[] }, type: string): number[] {
  const out: number[] = [];
  task.sampleType.forEach((t, i) => {
    if (t === type) out.push(i);
  });
  return out;
}

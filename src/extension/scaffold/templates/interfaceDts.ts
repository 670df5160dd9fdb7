/**
 * `ssad-augmentation.d.ts`, written once next to the user's augmentation modules so that
 * IntelliSense and type checking work with nothing installed. It restates the engine's one
 * augmentation interface (`src/engine/augment/types.ts`) with the types it refers to; a unit
 * test keeps the two in step, member by member.
 */
export const INTERFACE_DTS_FILE = 'ssad-augmentation.d.ts';

export const INTERFACE_DTS = `/**
 * The SSAD Lab augmentation interface: every augmentation, built-in or custom, implements
 * AugmentationDefinition. A custom module default-exports one (or exports it as \`augmentation\`).
 * Written by SSAD Lab; regenerate it with "SSAD: New Augmentation" if it is deleted.
 */

/** A batch of images in NHWC order, float32 values in [0, 1], one or three channels. */
export interface ImageBatch {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly data: Float32Array;
}

/** The seeded random generator: use it for every random draw, so runs are reproducible. */
export interface Rng {
  /** An independent stream for a sub-task. */
  derive(...key: Array<string | number>): Rng;
  nextUint32(): number;
  /** Uniform in [0, 1). */
  next(): number;
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  bernoulli(p: number): boolean;
  normal(mean?: number, std?: number): number;
  choice<T>(items: readonly T[]): T;
  /** Fisher–Yates, in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T;
  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array;
}

export type AugmentationParamValue = number | boolean | string | number[];

export type AugmentationCategory = 'none' | 'geometric' | 'noise-like' | 'colour' | 'patch' | 'composite' | 'custom';

/**
 * \`train\`: the stochastic self-supervision transform (e.g. flip with p = 0.5).
 * \`anomaly\`: the "always apply" transform that makes an anomaly type (flip with p = 1), one draw
 * per image as the study's testbed (testbed.redrawUnchanged redraws images it left unchanged).
 */
export type AugmentationMode = 'train' | 'anomaly';

export interface ParamSpec {
  type: 'number' | 'integer' | 'boolean' | 'number[]' | 'string';
  default: AugmentationParamValue;
  min?: number;
  max?: number;
  /** Allowed values, for \`string\` (and discrete numeric) parameters. */
  enum?: readonly AugmentationParamValue[];
  description: string;
}

export type AugmentationParams = Record<string, AugmentationParamValue>;

export interface AugmentationDefinition {
  /** Lower-case words joined by hyphens, e.g. \`my-blur\`; not a built-in's name. */
  readonly name: string;
  readonly category: AugmentationCategory;
  /** One sentence: what it does, with its default parameters. */
  readonly description: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** The parameter that a suffixed name sets (\`name-0.2\`); optional. */
  readonly shorthand?: string;
  /**
   * Applies the augmentation to every image of the batch and returns a new batch of the same
   * shape (never modify the input). All randomness comes from \`rng\`. Values must be finite and
   * stay in [0, 1] unless the module declares \`outputRange\`.
   */
  apply(batch: ImageBatch, params: AugmentationParams, rng: Rng, mode: AugmentationMode): ImageBatch;
  /** Discrete variants for transformation prediction (detector \`rotnet\`). */
  readonly variants?: (params: AugmentationParams) => number;
  readonly variant?: (batch: ImageBatch, k: number, params: AugmentationParams) => ImageBatch;
}

/** What a custom module may add: the range its output values stay in (default [0, 1]). */
export interface CustomAugmentation extends AugmentationDefinition {
  readonly outputRange?: readonly [number, number];
}
`;

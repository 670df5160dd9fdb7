/**
 * The one typed interface every augmentation implements: the 14 built-ins of the catalogue and
 * users' custom modules alike. The registry, the config schema, the CLI and the UI read from it.
 */
import type { ImageBatch } from '../image';
import type { Rng } from '../random';
import type { AugmentationParamValue, ParamSpec } from '../../shared/config';

export type AugmentationCategory = 'none' | 'geometric' | 'noise-like' | 'colour' | 'patch' | 'composite' | 'custom';

/**
 * `train`: the stochastic self-supervision transform (e.g. flip with p = 0.5).
 * `anomaly`: the "always apply" transform that makes an anomaly type (flip with p = 1, erasing
 * with p = 1), drawn once per image as the study's testbed does: a random draw may leave an image
 * unchanged (an erased box on background); the testbed's `redrawUnchanged` option redraws those.
 * Where the identity is one of the training variants (rotate 0°, geom's identity combination, a
 * crop of the whole image) the anomaly form leaves it out.
 */
export type AugmentationMode = 'train' | 'anomaly';

export type { ParamSpec } from '../../shared/config';

export type AugmentationParams = Record<string, AugmentationParamValue>;

export interface AugmentationDefinition {
  /** Lower-case catalogue name, e.g. `cutout`. */
  readonly name: string;
  readonly category: AugmentationCategory;
  /** One sentence: what it does, with its default parameters. */
  readonly description: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /**
   * The parameter that a suffixed name sets: `cutout-0.2` sets `cutout`'s shorthand parameter
   * to 0.2. Absent when the augmentation takes no shorthand.
   */
  readonly shorthand?: string;
  /**
   * Applies the augmentation to every image of the batch and returns a new batch of the same
   * shape (the input is never modified). All randomness comes from `rng`.
   */
  apply(batch: ImageBatch, params: AugmentationParams, rng: Rng, mode: AugmentationMode): ImageBatch;
  /**
   * Discrete variants for transformation prediction (`rotnet`): e.g. the four rotations.
   * `variant(batch, k, params)` applies variant k to every image deterministically.
   */
  readonly variants?: (params: AugmentationParams) => number;
  readonly variant?: (batch: ImageBatch, k: number, params: AugmentationParams) => ImageBatch;
}

/** An augmentation reference from a config, resolved against the registry. */
export interface ResolvedAugmentation {
  /** The label shown in matrices and results: `none`, `cutout-0.2`, `cutout{size=0.2}`, `./x.ts`. */
  readonly id: string;
  readonly definition: AugmentationDefinition;
  /** Every parameter, defaults filled in. */
  readonly params: AugmentationParams;
}

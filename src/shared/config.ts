/**
 * The experiment config (`*.ssad.json`, version 1) as TypeScript types.
 * The JSON Schema in `src/engine/config/ssad.schema.json` is the single source of truth for
 * validation; these types describe a config *after* validation and defaulting.
 */

/** The backend a config or a flag asks for; the engine resolves it to the one a run uses. */
export const REQUESTED_BACKENDS = ['auto', 'node', 'wasm', 'cpu'] as const;
export type RequestedBackend = (typeof REQUESTED_BACKENDS)[number];

/** A catalogue name (`"cutout"`), a parameterised name (`"cutout-0.2"`), an object, or a module path. */
export type AugmentationRef = string | { name: string; params?: Record<string, AugmentationParamValue> };
export type AugmentationParamValue = number | boolean | string | number[];

/** A parameter of an augmentation as the catalogue (or a custom module) declares it; plain JSON. */
export interface ParamSpec {
  type: 'number' | 'integer' | 'boolean' | 'number[]' | 'string';
  default: AugmentationParamValue;
  min?: number;
  max?: number;
  /** Allowed values, for `string` (and discrete numeric) parameters. */
  enum?: readonly AugmentationParamValue[];
  description: string;
}

export type DatasetConfig =
  | { source: 'mnist'; normalClasses: number[]; imageSize: number; maxTrain?: number; maxTest?: number }
  | { source: 'shapes'; normalClasses: number[]; imageSize: number; channels?: 1 | 3; maxTrain?: number; maxTest?: number; trainPerClass?: number; testPerClass?: number }
  | {
      source: 'folder';
      path: string;
      layout: 'mvtec' | 'classes';
      /** Class folder names (layout `classes`); ignored for `mvtec`, whose normal class is `good`. */
      normalClasses?: string[];
      imageSize: number;
      channels?: 1 | 3;
      maxTrain?: number;
      maxTest?: number;
      /** What to do with an unreadable image: fail naming the file, or skip it and report it. */
      onBadImage?: 'error' | 'skip';
    };

export type TestbedConfig =
  | {
      type: 'synthetic';
      anomalies: AugmentationRef[];
      /** Redraw anomalies that came out equal to their normal image (not the study's protocol). */
      redrawUnchanged?: boolean;
    }
  | { type: 'semantic'; mode: 'one-vs-one' | 'one-vs-rest' }
  | { type: 'labeled' };

export type DetectorType = 'dae' | 'classifier' | 'rotnet';

export interface DetectorConfig {
  type: DetectorType;
  /** Channels of the first encoder block; block i has width·2^i. */
  width: number;
  /** Number of stride-2 encoder blocks. */
  depth: number;
  /** Size of the dense code (tanh). */
  codeSize: number;
}

export interface TrainingConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  schedule: 'cosine' | 'constant';
}

export interface RuntimeConfig {
  backend: RequestedBackend;
  /** Concurrent training processes; absent means one per CPU core. */
  parallelism?: number;
  /** Longest time one call of a custom augmentation module may take (loading it included). */
  augmentationTimeoutSeconds?: number;
  /** Longest time one cell (training and scoring one model) may take. */
  cellTimeoutSeconds?: number;
  /** Largest image (width × height) a folder data set may hold; a larger file is a bad image. */
  maxImagePixels?: number;
}

export interface ExperimentConfig {
  $schema?: string;
  name: string;
  dataset: DatasetConfig;
  testbed: TestbedConfig;
  detector: DetectorConfig;
  augmentations: AugmentationRef[];
  training: TrainingConfig;
  seeds: number[];
  runtime: RuntimeConfig;
}

/**
 * The config that `SSAD: New Experiment Config` writes, as a pure function of the wizard's
 * answers, so the wizard and its tests share one definition. Scale presets say in numbers what
 * "quick", "standard" and "study" mean.
 */
export type DatasetChoice = 'mnist' | 'shapes' | 'folder';
export type TestbedChoice = 'synthetic' | 'semantic' | 'labeled';
export type DetectorChoice = 'dae' | 'classifier' | 'rotnet';
export type ScalePreset = 'quick' | 'standard' | 'study';

export interface ExperimentAnswers {
  name: string;
  dataset: DatasetChoice;
  /** For `folder`: the image folder, relative to the config's folder. */
  folderPath?: string;
  layout?: 'mvtec' | 'classes';
  testbed: TestbedChoice;
  /** Training augmentations: catalogue names or module paths (`./ssad/augmentations/x.ts`). */
  augmentations: string[];
  /** Synthetic anomaly types (testbed `synthetic`). */
  anomalies?: string[];
  detector: DetectorChoice;
  scale: ScalePreset;
}

interface Scale {
  detail: string;
  maxTrain?: number;
  maxTest?: number;
  width: number;
  depth: number;
  codeSize: number;
  epochs: number;
  batchSize: number;
  seeds: number[];
}

export const SCALES: Readonly<Record<ScalePreset, Scale>> = {
  quick: { detail: '500 train / 200 test images, 3 epochs, a small network, 1 seed: minutes on a laptop', maxTrain: 500, maxTest: 200, width: 8, depth: 3, codeSize: 32, epochs: 3, batchSize: 64, seeds: [0] },
  standard: { detail: '2,000 train / 500 test images, 10 epochs, 1 seed, a small network (width 16, depth 3, code 64)', maxTrain: 2000, maxTest: 500, width: 16, depth: 3, codeSize: 64, epochs: 10, batchSize: 128, seeds: [0] },
  study: { detail: 'all images, 256 epochs at batch 1024, the study\'s network, 5 seeds: a GPU-scale run', width: 64, depth: 4, codeSize: 256, epochs: 256, batchSize: 1024, seeds: [0, 1, 2, 3, 4] },
};

/** `"my experiment"` → `my-experiment`: the config's file name. */
export function configFileName(name: string): string {
  const base = name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${base || 'experiment'}.ssad.json`;
}

export function buildExperimentConfig(answers: ExperimentAnswers, schemaRef?: string): Record<string, unknown> {
  const scale = SCALES[answers.scale];
  const limits = { ...(scale.maxTrain ? { maxTrain: scale.maxTrain } : {}), ...(scale.maxTest ? { maxTest: scale.maxTest } : {}) };
  const dataset =
    answers.dataset === 'folder'
      ? { source: 'folder', path: answers.folderPath ?? 'data', layout: answers.layout ?? 'mvtec', imageSize: 32, ...limits }
      : { source: answers.dataset, normalClasses: [0], imageSize: 32, ...limits };
  const testbed =
    answers.testbed === 'synthetic'
      ? { type: 'synthetic', anomalies: answers.anomalies && answers.anomalies.length > 0 ? answers.anomalies : ['flip', 'cutout', 'invert'] }
      : answers.testbed === 'semantic'
        ? { type: 'semantic', mode: 'one-vs-rest' }
        : { type: 'labeled' };
  // The no-self-supervision baseline comes first: every other row is compared with it. rotnet
  // predicts which discrete variant was applied, so it has no `none` row (its baseline is a dae run).
  const chosen = answers.augmentations.filter((a) => a !== 'none');
  const augmentations = answers.detector === 'rotnet' ? (chosen.length > 0 ? chosen : ['rotate']) : ['none', ...chosen];
  return {
    ...(schemaRef ? { $schema: schemaRef } : {}),
    name: answers.name,
    dataset,
    testbed,
    detector: { type: answers.detector, width: scale.width, depth: scale.depth, codeSize: scale.codeSize },
    augmentations,
    training: { epochs: scale.epochs, batchSize: scale.batchSize, learningRate: 0.001, schedule: 'cosine' },
    seeds: scale.seeds,
    runtime: { backend: 'auto' },
  };
}

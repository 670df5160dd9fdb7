/**
 * A grid on the procedural `shapes` set that trains in about a second per cell: the raw config
 * (as a user writes it) of the CLI and scale-out tests. Each test overrides what it is about.
 */
const TINY = {
  dataset: { source: 'shapes', normalClasses: [0, 1], imageSize: 16, maxTrain: 32, maxTest: 16 },
  testbed: { type: 'synthetic', anomalies: ['flip'] },
  detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
  augmentations: ['none', 'flip'],
  training: { epochs: 1, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
  seeds: [0],
  runtime: { backend: 'wasm' },
};

export type TinyConfig<T> = Omit<typeof TINY, keyof T> & { name: string } & T;

export function tinyShapesConfig<T extends object = object>(name: string, over?: T): TinyConfig<T> {
  return { ...structuredClone(TINY), name, ...over } as unknown as TinyConfig<T>;
}

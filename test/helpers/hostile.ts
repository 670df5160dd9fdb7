/**
 * Hostile and broken custom augmentation modules, and the tiny base config (B) of the reliability
 * tests: a module M(BODY) is `export default { name, category, description, params, apply(...) { BODY } }`
 * on one line, so every error it causes is on line 1 unless the body adds lines.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function moduleSource(name: string, body: string, extra = ''): string {
  return `export default {name:'${name}',category:'custom',description:'d',params:{},${extra}apply(batch,params,rng,mode){ ${body} }};\n`;
}

/** Writes `ssad/augmentations/<file>` under root and returns the path a config names it by. */
export function writeModule(root: string, file: string, source: string): string {
  const dir = join(root, 'ssad', 'augmentations');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), source);
  return `./ssad/augmentations/${file}`;
}

/** A copy of the input, so a module that returns it is valid. */
export const COPY = 'return { n: batch.n, h: batch.h, w: batch.w, c: batch.c, data: batch.data.slice() };';

/** Config B of the reliability issue: shapes, 16 px, 32 train images, 2 epochs, cpu, one process. */
export function baseConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'tiny',
    dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, channels: 1, maxTrain: 32, maxTest: 16 },
    testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
    detector: { type: 'dae', width: 2, depth: 2, codeSize: 4 },
    augmentations: ['none', 'flip'],
    training: { epochs: 2, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
    seeds: [0],
    runtime: { backend: 'cpu', parallelism: 1 },
    ...overrides,
  };
}

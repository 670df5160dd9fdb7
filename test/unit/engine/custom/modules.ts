/**
 * Custom augmentation modules for the tests, written to a temporary workspace so that the line
 * numbers the errors must name are the lines below.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOOD = `import type { AugmentationDefinition } from './ssad-augmentation';

/** Scales every pixel by \`factor\` (a darker image). */
const augmentation: AugmentationDefinition = {
  name: 'darken',
  category: 'custom',
  description: 'Multiplies every pixel by factor (default 0.5).',
  params: { factor: { type: 'number', default: 0.5, min: 0, max: 1, description: 'Brightness factor.' } },
  apply(batch, params) {
    const factor = params.factor as number;
    const data = batch.data.map((v: number) => v * factor);
    return { n: batch.n, h: batch.h, w: batch.w, c: batch.c, data };
  },
};
export default augmentation;
`;

/** Throws on line 8. */
export const THROWS = `import type { AugmentationDefinition } from './ssad-augmentation';
export default {
  name: 'throws',
  category: 'custom',
  description: 'Always fails.',
  params: {},
  apply(batch) {
    throw new Error('the patch is larger than the image');
  },
} satisfies AugmentationDefinition;
`;
export const THROWS_LINE = 8;

/** apply on line 7 drops the last image. */
export const WRONG_SHAPE = `import type { AugmentationDefinition } from './ssad-augmentation';
export const augmentation: AugmentationDefinition = {
  name: 'wrong-shape',
  category: 'geometric',
  description: 'Returns one image too few.',
  params: {},
  apply(batch) {
    const n = batch.n - 1;
    return { n, h: batch.h, w: batch.w, c: batch.c, data: batch.data.slice(0, n * batch.h * batch.w * batch.c) };
  },
};
`;
export const WRONG_SHAPE_LINE = 7;

/** A syntax error on line 6. */
export const SYNTAX = `import type { AugmentationDefinition } from './ssad-augmentation';
export default {
  name: 'syntax',
  category: 'custom',
  description: 'Broken.',
  params: {} {},
  apply(batch) { return batch; },
};
`;
export const SYNTAX_LINE = 6;

/** apply on line 7 returns NaN for the first pixel. */
export const NAN = `import type { AugmentationDefinition } from './ssad-augmentation';
export default {
  name: 'nan',
  category: 'noise-like',
  description: 'Divides zero by zero.',
  params: {},
  apply(batch) {
    const data = batch.data.slice();
    data[0] = 0 / 0;
    return { ...batch, data };
  },
} as AugmentationDefinition;
`;
export const NAN_LINE = 7;

/** Inverts in place: modifies its input. */
export const MUTATES = `export default {
  name: 'mutates',
  category: 'colour',
  description: 'Inverts in place.',
  params: {},
  apply(batch: { data: Float32Array }) {
    for (let i = 0; i < batch.data.length; i++) batch.data[i] = 1 - batch.data[i];
    return batch;
  },
};
`;

export const IMPORTS_PACKAGE = `import { something } from 'left-pad';
export default { name: 'pkg', category: 'custom', description: 'Imports a package.', params: {}, apply: (b: unknown) => b };
void something;
`;

export const BUILTIN_NAME = `export default { name: 'flip', category: 'geometric', description: 'Shadows a built-in.', params: {}, apply: (b: unknown) => b };
`;

export function writeModules(root: string, modules: Record<string, string>): void {
  const dir = join(root, 'ssad', 'augmentations');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(modules)) writeFileSync(join(dir, `${name}.ts`), text);
}

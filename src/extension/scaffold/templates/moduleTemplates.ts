/**
 * The starting points of `SSAD: New Augmentation`: a typed module implementing the one
 * augmentation interface, with a doc comment, parameters with defaults and a worked example.
 * Three shapes of transform (pixel-wise, geometric, patch), and the purpose decides the default
 * probability and how the doc comment says to use it.
 */
import { INTERFACE_DTS_FILE } from './interfaceDts';

export type AugmentationTemplate = 'pixel' | 'geometric' | 'patch';
export type AugmentationPurpose = 'self-supervision' | 'anomaly' | 'both';

export const TEMPLATES: ReadonlyArray<{ id: AugmentationTemplate; label: string; detail: string }> = [
  { id: 'pixel', label: 'Pixel-wise', detail: 'Each output pixel depends only on the same input pixel (e.g. a gamma curve).' },
  { id: 'geometric', label: 'Geometric', detail: 'Moves pixels around (e.g. a shift with zero fill).' },
  { id: 'patch', label: 'Patch', detail: 'Changes a local region (e.g. a filled square, like CutOut).' },
];

export const PURPOSES: ReadonlyArray<{ id: AugmentationPurpose; label: string; detail: string }> = [
  { id: 'self-supervision', label: 'Self-supervision', detail: 'A training augmentation: listed in "augmentations".' },
  { id: 'anomaly', label: 'Anomaly generation', detail: 'A synthetic anomaly type: listed in "testbed.anomalies".' },
  { id: 'both', label: 'Both', detail: 'Trained with, and tested against as an anomaly type.' },
];

export interface ModuleTemplateInput {
  name: string;
  template: AugmentationTemplate;
  purpose: AugmentationPurpose;
  /** The module's path relative to the workspace folder, as a config would write it (`./ssad/augmentations/x.ts`). */
  configPath: string;
}

interface TemplateBody {
  category: string;
  summary: string;
  description: string;
  example: string;
  params: string;
  apply: string;
}

const IMPORT_FROM = `./${INTERFACE_DTS_FILE.replace(/\.d\.ts$/, '')}`;

function bodies(p: number): Record<AugmentationTemplate, TemplateBody> {
  return {
    pixel: {
      category: 'colour',
      summary: 'A pixel-wise augmentation: each output pixel depends only on the same input pixel.',
      description: `Raises every pixel to the power gamma (default 2), darkening mid-tones; applied with probability p (default ${p}) in training.`,
      example: [
        ' * Worked example: with gamma = 2 a pixel of 0.5 becomes 0.5² = 0.25 and a pixel of 0.8 becomes',
        ' * 0.64, while black (0) and white (1) stay as they are: strokes keep their shape, grey',
        ' * anti-aliasing gets darker.',
      ].join('\n'),
      params: [
        "    gamma: { type: 'number', default: 2, min: 0.1, max: 10, description: 'The exponent: above 1 darkens, below 1 brightens.' },",
        `    p: { type: 'number', default: ${p}, min: 0, max: 1, description: 'Probability of transforming an image in train mode (anomaly mode always does).' },`,
      ].join('\n'),
      apply: [
        '  apply(batch, params, rng, mode) {',
        '    const gamma = params.gamma as number;',
        '    const p = params.p as number;',
        '    const data = batch.data.slice(); // a new batch: never modify the input',
        '    const size = batch.h * batch.w * batch.c;',
        '    for (let i = 0; i < batch.n; i++) {',
        "      if (mode === 'train' && !rng.bernoulli(p)) continue;",
        '      for (let k = i * size; k < (i + 1) * size; k++) data[k] = Math.pow(data[k], gamma);',
        '    }',
        '    return { n: batch.n, h: batch.h, w: batch.w, c: batch.c, data };',
        '  },',
      ].join('\n'),
    },
    geometric: {
      category: 'geometric',
      summary: 'A geometric augmentation: it moves pixels, it does not change their values.',
      description: `Shifts each image sideways by a fraction of its width (default 0.25), filling with black; in training left or right with probability p (default ${p}), as an anomaly always right.`,
      example: [
        ' * Worked example: on a 32 × 32 image with fraction = 0.25 the image moves 8 pixels; the',
        ' * pixel at (y 3, x 10) lands at (y 3, x 18) and the 8 left-most columns become 0.',
      ].join('\n'),
      params: [
        "    fraction: { type: 'number', default: 0.25, min: 0.01, max: 0.9, description: 'How far to shift, as a fraction of the width.' },",
        `    p: { type: 'number', default: ${p}, min: 0, max: 1, description: 'Probability of shifting an image in train mode (anomaly mode always does).' },`,
      ].join('\n'),
      apply: [
        '  apply(batch, params, rng, mode) {',
        '    const { n, h, w, c } = batch;',
        '    const data = new Float32Array(batch.data.length); // zero fill; the input stays untouched',
        '    const shiftBy = Math.max(1, Math.round((params.fraction as number) * w));',
        '    for (let i = 0; i < n; i++) {',
        "      const apply = mode === 'anomaly' || rng.bernoulli(params.p as number);",
        "      const dx = !apply ? 0 : mode === 'anomaly' || rng.bernoulli(0.5) ? shiftBy : -shiftBy;",
        '      for (let y = 0; y < h; y++) {',
        '        for (let x = 0; x < w; x++) {',
        '          const from = x - dx;',
        '          if (from < 0 || from >= w) continue;',
        '          for (let ch = 0; ch < c; ch++) data[((i * h + y) * w + x) * c + ch] = batch.data[((i * h + y) * w + from) * c + ch];',
        '        }',
        '      }',
        '    }',
        '    return { n, h, w, c, data };',
        '  },',
      ].join('\n'),
    },
    patch: {
      category: 'patch',
      summary: 'A patch augmentation: it changes one local region and leaves the rest of the image alone.',
      description: `Fills a square patch (side 0.3 of the image by default) at a random place with a constant (default 1, white); applied with probability p (default ${p}) in training.`,
      example: [
        ' * Worked example: on a 32 × 32 image with size = 0.3 the patch is 10 × 10 pixels; with',
        ' * fill = 1 it is a white square (on MNIST, a blob next to or over the digit).',
      ].join('\n'),
      params: [
        "    size: { type: 'number', default: 0.3, min: 0.05, max: 1, description: 'Side of the square, as a fraction of the image side.' },",
        "    fill: { type: 'number', default: 1, min: 0, max: 1, description: 'The value written into the patch.' },",
        `    p: { type: 'number', default: ${p}, min: 0, max: 1, description: 'Probability of patching an image in train mode (anomaly mode always does).' },`,
      ].join('\n'),
      apply: [
        '  apply(batch, params, rng, mode) {',
        '    const { n, h, w, c } = batch;',
        '    const data = batch.data.slice(); // a new batch: never modify the input',
        '    const side = Math.max(1, Math.round((params.size as number) * Math.min(h, w)));',
        '    for (let i = 0; i < n; i++) {',
        "      if (mode === 'train' && !rng.bernoulli(params.p as number)) continue;",
        '      const top = rng.int(h - side + 1);',
        '      const left = rng.int(w - side + 1);',
        '      for (let y = top; y < top + side; y++) {',
        '        for (let x = left; x < left + side; x++) {',
        '          for (let ch = 0; ch < c; ch++) data[((i * h + y) * w + x) * c + ch] = params.fill as number;',
        '        }',
        '      }',
        '    }',
        '    return { n, h, w, c, data };',
        '  },',
      ].join('\n'),
    },
  };
}

function usage(purpose: AugmentationPurpose, configPath: string): string {
  const train = ` *   "augmentations": ["none", "${configPath}"]`;
  const anomaly = ` *   "testbed": { "type": "synthetic", "anomalies": ["flip", "${configPath}"] }`;
  const lines =
    purpose === 'self-supervision'
      ? [' * Purpose: self-supervision. Train with it by listing it in a config:', train]
      : purpose === 'anomaly'
        ? [' * Purpose: anomaly generation. Make a synthetic anomaly type with it:', anomaly]
        : [' * Purpose: both. Train with it and test against it as an anomaly type:', train, anomaly];
  return lines.join('\n');
}

/** The TypeScript source of a new augmentation module. */
export function renderAugmentationModule(input: ModuleTemplateInput): string {
  const p = input.purpose === 'anomaly' ? 1 : 0.5;
  const body = bodies(p)[input.template];
  return `/**
 * ${input.name}: ${body.summary}
 *
${body.example}
 *
${usage(input.purpose, input.configPath)}
 *
 * "SSAD: Preview Augmentation" shows it on real MNIST digits and refreshes on every save.
 * Rules the engine checks on every call: return a new batch of the same shape (Float32Array,
 * finite values in [0, 1]), never modify the input, and draw every random number from \`rng\`.
 * In \`anomaly\` mode apply the transform to every image (probability 1). Imports: Node built-ins
 * and types only.
 */
import type { AugmentationDefinition } from '${IMPORT_FROM}';

const augmentation: AugmentationDefinition = {
  name: '${input.name}',
  category: '${body.category}',
  description: '${body.description.replace(/'/g, "\\'")}',
  params: {
${body.params}
  },
${body.apply}
};

export default augmentation;
`;
}

import type { ParamSpec } from '../types';
import { numberParam, orderedPair, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import { fillBox, sampleEraseBox, squareBox } from '../ops/erase';
import type { Box } from '../ops/geometry';

const params: Record<string, ParamSpec> = {
  area: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1,
    description: 'Fixed area fraction of a square box (`cutout-<s>`); 0 draws a rectangle from the area and aspect ranges.',
  },
  minArea: { type: 'number', default: 0.02, min: 0.0001, max: 1, description: 'Smallest box area as a fraction of the image.' },
  maxArea: { type: 'number', default: 0.33, min: 0.0001, max: 1, description: 'Largest box area as a fraction of the image.' },
  minAspect: { type: 'number', default: 0.3, min: 0.01, max: 100, description: 'Smallest aspect ratio (height / width), sampled log-uniformly.' },
  maxAspect: { type: 'number', default: 3.3, min: 0.01, max: 100, description: 'Largest aspect ratio (height / width).' },
  fill: { type: 'number', default: 0, min: 0, max: 1, description: 'Value written into the box.' },
  p: { type: 'number', default: 1, min: 0, max: 1, description: 'Probability of erasing an image (training only; an anomaly always erases).' },
};

/**
 * `cutout`: random erasing with p = 1 — one box of area 2–33 % and aspect (height/width) 0.3–3.3
 * filled with 0; `cutout-<s>` erases a square of area fraction s instead. As an anomaly it is the
 * authors' RandomErasing(p=1): one box per image, which may fall on background and leave the image
 * unchanged (testbed option `redrawUnchanged` redraws those).
 */
export const cutout: CheckedAugmentationDefinition = {
  name: 'cutout',
  category: 'patch',
  description: 'Random erasing: one box of area 2–33 % and aspect ratio 0.3–3.3 filled with 0 (`cutout-<s>`: a square of area s).',
  params,
  shorthand: 'area',
  check: (p) => orderedPair(p, params, 'minArea', 'maxArea') ?? orderedPair(p, params, 'minAspect', 'maxAspect'),
  apply(batch, p, rng, mode) {
    const area = numberParam(p, params, 'area');
    const ranges = {
      minArea: numberParam(p, params, 'minArea'),
      maxArea: numberParam(p, params, 'maxArea'),
      minAspect: numberParam(p, params, 'minAspect'),
      maxAspect: numberParam(p, params, 'maxAspect'),
    };
    const fill = numberParam(p, params, 'fill');
    const prob = numberParam(p, params, 'p');
    const { h, w, c } = batch;
    const draw = (): Box => (area > 0 ? squareBox(rng, h, w, area) : sampleEraseBox(rng, h, w, ranges));
    return mapImages(
      batch,
      (_src, dst) => {
        if (mode === 'train' && !rng.bernoulli(prob)) return;
        fillBox(dst, w, c, draw(), fill);
      },
      true,
    );
  },
};


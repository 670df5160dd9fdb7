import type { ParamSpec } from '../types';
import { numberParam, orderedPair, type CheckedAugmentationDefinition } from '../params';
import { mapImages } from '../ops/batch';
import { isFullBox, resizedCrop, sampleCropBox, type Box } from '../ops/geometry';

const params: Record<string, ParamSpec> = {
  minScale: { type: 'number', default: 0.08, min: 0.01, max: 1, description: 'Smallest crop area as a fraction of the image.' },
  maxScale: { type: 'number', default: 1, min: 0.01, max: 1, description: 'Largest crop area as a fraction of the image.' },
  minRatio: { type: 'number', default: 3 / 4, min: 0.05, max: 20, description: 'Smallest crop aspect ratio (width / height), sampled log-uniformly.' },
  maxRatio: { type: 'number', default: 4 / 3, min: 0.05, max: 20, description: 'Largest crop aspect ratio (width / height).' },
};

/**
 * `crop`: random resized crop — a box of area fraction U(0.08, 1) and aspect ratio log-uniform in
 * [3/4, 4/3] at a uniform position, resized back to the full size with bilinear interpolation.
 * As an anomaly the box is never the whole image (redrawn, then shrunk by one pixel per side).
 */
export const crop: CheckedAugmentationDefinition = {
  name: 'crop',
  category: 'geometric',
  description: 'Random resized crop: area 8–100 %, aspect ratio 3/4–4/3, resized back to full size (bilinear).',
  params,
  shorthand: 'minScale',
  check: (p) => orderedPair(p, params, 'minScale', 'maxScale') ?? orderedPair(p, params, 'minRatio', 'maxRatio'),
  apply(batch, p, rng, mode) {
    const minScale = numberParam(p, params, 'minScale');
    const maxScale = numberParam(p, params, 'maxScale');
    const minRatio = numberParam(p, params, 'minRatio');
    const maxRatio = numberParam(p, params, 'maxRatio');
    const { h, w, c } = batch;
    return mapImages(batch, (src, dst) => {
      let box: Box = sampleCropBox(rng, h, w, minScale, maxScale, minRatio, maxRatio);
      if (mode === 'anomaly') {
        for (let attempt = 0; attempt < 10 && isFullBox(box, h, w); attempt++) {
          box = sampleCropBox(rng, h, w, minScale, maxScale, minRatio, maxRatio);
        }
        if (isFullBox(box, h, w)) {
          const bh = Math.max(1, h - 1);
          const bw = Math.max(1, w - 1);
          box = { top: rng.int(h - bh + 1), left: rng.int(w - bw + 1), height: bh, width: bw };
        }
      }
      resizedCrop(src, dst, h, w, c, box);
    });
  },
};

import type { ParamSpec } from '../types';
import { numberParam, orderedPair, type CheckedAugmentationDefinition } from '../params';
import { mapImages, requireChannels } from '../ops/batch';
import { applyJitter, sampleJitter } from '../ops/colour';
import { extractPatch, pastePatch } from '../ops/erase';
import type { Rng } from '../../random';

const params: Record<string, ParamSpec> = {
  area: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1,
    description: 'Fixed patch area fraction (`cutpaste-<s>`); 0 draws it from U(minArea, maxArea). The aspect ratio is drawn either way.',
  },
  minArea: { type: 'number', default: 0.02, min: 0.0001, max: 1, description: 'Smallest patch area as a fraction of the image.' },
  maxArea: { type: 'number', default: 0.15, min: 0.0001, max: 1, description: 'Largest patch area as a fraction of the image.' },
  minAspect: { type: 'number', default: 0.3, min: 0.01, max: 1, description: 'Aspect ratio (width / height) is U(minAspect, 1) or U(1, maxAspect), each half the time.' },
  maxAspect: { type: 'number', default: 3.3, min: 1, max: 100, description: 'Largest aspect ratio (width / height).' },
  jitter: { type: 'number', default: 0.1, min: 0, max: 1, description: 'Colour-jitter strength (brightness, contrast, saturation, hue) applied to the patch.' },
};

/** Colour jitter of equal strength j on all four components (brightness and contrast only on grey). */
export function jitterInPlace(patch: Float32Array, c: number, j: number, rng: Rng): void {
  if (j > 0) applyJitter(patch, c, sampleJitter(rng, { brightness: j, contrast: j, saturation: j, hue: j }, 'train'));
}

/**
 * `cutpaste` (CutPaste "normal"): a rectangle of area 2–15 % and aspect ratio (width/height) in
 * 0.3–1 or 1–3.3 is cut at a random position, colour-jittered (strength 0.1, the patch's own mean
 * for contrast) and pasted at another random position of the same image; as an anomaly, the same
 * (a paste may leave the image unchanged; testbed option `redrawUnchanged` redraws those).
 */
export const cutpaste: CheckedAugmentationDefinition = {
  name: 'cutpaste',
  category: 'patch',
  description: 'CutPaste: a patch of area 2–15 % and aspect ratio 0.3–3.3 is cut, colour-jittered (0.1) and pasted elsewhere in the same image.',
  params,
  shorthand: 'area',
  check: (p) => orderedPair(p, params, 'minArea', 'maxArea'),
  apply(batch, p, rng) {
    requireChannels(batch, 'cutpaste');
    const area = numberParam(p, params, 'area');
    const minArea = numberParam(p, params, 'minArea');
    const maxArea = numberParam(p, params, 'maxArea');
    const minAspect = numberParam(p, params, 'minAspect');
    const maxAspect = numberParam(p, params, 'maxAspect');
    const jitter = numberParam(p, params, 'jitter');
    const { h, w, c } = batch;
    return mapImages(
      batch,
      (src, dst) => {
        const target = h * w * (area > 0 ? area : rng.uniform(minArea, maxArea));
        const aspect = rng.bernoulli(0.5) ? rng.uniform(minAspect, 1) : rng.uniform(1, maxAspect);
        const pw = Math.max(1, Math.min(w, Math.round(Math.sqrt(target * aspect))));
        const ph = Math.max(1, Math.min(h, Math.round(Math.sqrt(target / aspect))));
        const from = { top: rng.int(h - ph + 1), left: rng.int(w - pw + 1), height: ph, width: pw };
        const top = rng.int(h - ph + 1);
        const left = rng.int(w - pw + 1);
        const patch = extractPatch(src, w, c, from);
        jitterInPlace(patch, c, jitter, rng);
        pastePatch(dst, w, c, patch, ph, pw, top, left);
      },
      true,
    );
  },
};

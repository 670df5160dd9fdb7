import { assertShape, meanOfRows, type Embeddings } from './embeddings';

/**
 * The mean-distance criterion, after the validation loss of ST-SSAD (Yoo, Zhao, Akoglu,
 * "Self-Tuning Self-Supervised Anomaly Detection"): does the augmentation put its pseudo-anomalies
 * where the test set has points that the training normals do not explain? Lower is better.
 *
 * The authors' code for it was not available to us, so this is our own precise definition of the
 * specification we were given ("test embeddings' distance to the mean of Zn vs to the mean of Za,
 * on centred embeddings rescaled to unit total pairwise squared distance"):
 *
 *   μt = mean of Zt;  s² = (1/|Zt|²) Σ_{t,t'} ‖zt − zt'‖² = (2/|Zt|) Σ_t ‖zt − μt‖²
 *   every row z becomes z̃ = (z − μt) / s, so Zt is centred with unit mean pairwise squared
 *   distance (Zn and Za go through the same map; only their means μ̃n, μ̃a are used)
 *   value = (1/|Zt|) Σ_t min(‖z̃t − μ̃n‖², ‖z̃t − μ̃a‖²)
 *
 * Each test row is credited to whichever training mean is nearer, so the value is the part of the
 * test set's spread that the two centres leave unexplained. A single centre at the test mean leaves
 * exactly 1/2; an augmentation that never comes near the test set leaves the value at what the
 * normals alone give, 1/2 + ‖μ̃n‖², whatever it is; one whose embeddings sit where test rows
 * far from the normals sit pulls μ̃a there and lowers it. Rescaling by the test set's own spread
 * makes the value free of each cell's encoder scale (the embedding spaces of two cells are not the
 * same space), and the whole definition is unchanged by any translation, rotation or uniform
 * scaling applied to all three sets together. The embeddings are used as given: unlike DSV's,
 * this definition has its own normalisation, so the caller decides whether rows are unit length.
 *
 * NaN when the test rows are all one point (s = 0): there is no spread to explain.
 */
export interface MeanDistanceResult {
  value: number;
  /** (1/|Zt|) Σ_t ‖z̃t − μ̃n‖²: the value if every test row were credited to the normals. */
  toNormal: number;
  /** (1/|Zt|) Σ_t ‖z̃t − μ̃a‖². */
  toAugmented: number;
  /** The share of test rows strictly nearer μ̃a than μ̃n: the anomaly rate the augmentation implies. */
  nearerAugmented: number;
}

export const MEAN_DISTANCE_BETTER = 'lower' as const;

/** The value of a lone centre at the test mean: a cell scoring above it explains less than that. */
export const MEAN_DISTANCE_SINGLE_CENTRE = 0.5;

export function meanDistance(normal: Embeddings, augmented: Embeddings, test: Embeddings): MeanDistanceResult {
  for (const [e, label] of [[normal, 'normal'], [augmented, 'augmented'], [test, 'test']] as const) {
    assertShape(e, `meanDistance ${label}`);
    if (e.n === 0) throw new RangeError(`meanDistance: the ${label} set is empty`);
    if (e.d !== normal.d) throw new RangeError(`meanDistance: the ${label} set has dimension ${e.d}, the normal set ${normal.d}`);
  }
  const d = normal.d;
  const nt = test.n;
  const zt = test.data;
  const muT = meanOfRows(zt, nt, d);
  const muN = meanOfRows(normal.data, normal.n, d);
  const muA = meanOfRows(augmented.data, augmented.n, d);

  let spread = 0;
  let toNormal = 0;
  let toAugmented = 0;
  let nearest = 0;
  let nearerAugmented = 0;
  for (let t = 0; t < nt; t++) {
    const base = t * d;
    let centre = 0;
    let n = 0;
    let a = 0;
    for (let k = 0; k < d; k++) {
      const z = zt[base + k];
      const c = z - muT[k];
      const dn = z - muN[k];
      const da = z - muA[k];
      centre += c * c;
      n += dn * dn;
      a += da * da;
    }
    spread += centre;
    toNormal += n;
    toAugmented += a;
    nearest += Math.min(n, a);
    if (a < n) nearerAugmented++;
  }
  // Everything is a squared distance, so rescaling the rows by 1/s divides each sum by s².
  const scaleSquared = (2 * spread) / nt;
  const perRow = (sum: number): number => (scaleSquared > 0 ? sum / nt / scaleSquared : NaN);
  return {
    value: perRow(nearest),
    toNormal: perRow(toNormal),
    toAugmented: perRow(toAugmented),
    nearerAugmented: scaleSquared > 0 ? nearerAugmented / nt : NaN,
  };
}

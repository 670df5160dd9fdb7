import { HELD_OUT_SCORE_BETTER, TEST_SCORE_VARIANCE_BETTER } from './baselines';
import { DSV_BETTER } from './dsv';
import { MEAN_DISTANCE_BETTER } from './meanDistance';

/**
 * The label-free criteria for choosing an augmentation, in one list so that tables, charts and the
 * agreement with the true ranking all read a criterion's direction from the same place.
 */
export type CriterionName = 'dsv' | 'meanDistance' | 'heldOutScore' | 'testScoreVariance';

export interface Criterion {
  name: CriterionName;
  label: string;
  better: 'lower' | 'higher';
  /** Whether it needs the embeddings of the training normals under the cell's own augmentation. */
  needsAugmented: boolean;
  description: string;
}

export const CRITERIA: readonly Criterion[] = [
  {
    name: 'dsv',
    label: 'DSV',
    better: DSV_BETTER,
    needsAugmented: true,
    description:
      'Discordance minus separability over discordance (Yoo et al., ECML-PKDD 2023): how far the test set lies from the normal and augmented training embeddings, against how widely it spreads along the directions of the augmentation.',
  },
  {
    name: 'meanDistance',
    label: 'Mean distance',
    better: MEAN_DISTANCE_BETTER,
    needsAugmented: true,
    description:
      "Share of the test set's spread left unexplained when each test embedding is credited to the nearer of the normal and augmented training means (after ST-SSAD, Yoo et al.); 0.5 is what the test mean alone leaves.",
  },
  {
    name: 'heldOutScore',
    label: 'Held-out normal score',
    better: HELD_OUT_SCORE_BETTER,
    needsAugmented: false,
    description: 'Mean anomaly score of held-out training normals.',
  },
  {
    name: 'testScoreVariance',
    label: 'Test score variance',
    better: TEST_SCORE_VARIANCE_BETTER,
    needsAugmented: false,
    description: 'Population variance of the anomaly scores on the unlabeled test set.',
  },
];

export function criterion(name: CriterionName): Criterion {
  const found = CRITERIA.find((c) => c.name === name);
  if (!found) throw new RangeError(`unknown selection criterion ${JSON.stringify(name)}`);
  return found;
}

/** The value turned so that higher is better (lower-is-better ones negated); NaN stays NaN. */
export function goodness(name: CriterionName, value: number): number {
  return criterion(name).better === 'lower' ? -value : value;
}

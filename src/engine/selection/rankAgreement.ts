import { midRanks } from '../metrics/ranks';

/**
 * How well a label-free criterion ranks the cells against their true quality (AUROC on labelled
 * test data): the rank correlations SciPy reports, so numbers here can be set next to published
 * ones, and the regret of acting on the criterion's top pick.
 */

function assertPaired(x: ArrayLike<number>, y: ArrayLike<number>, label: string): void {
  if (x.length !== y.length) throw new RangeError(`${label}: x has ${x.length} entries, y ${y.length}`);
}

function hasNaN(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return true;
  return false;
}

/**
 * Kendall's tau-b, the statistic of `scipy.stats.kendalltau(x, y)` with its defaults:
 * (concordant − discordant) / √(pairs − x-tied pairs) / √(pairs − y-tied pairs), from exact integer
 * pair counts and in SciPy's order of operations, clipped to [−1, 1]. NaN where SciPy gives NaN:
 * fewer than two entries, a constant input, or a NaN anywhere (its 'propagate' policy).
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  assertPaired(x, y, 'kendallTau');
  const n = x.length;
  if (n < 2 || hasNaN(x) || hasNaN(y)) return NaN;
  let concordantMinusDiscordant = 0;
  let xTies = 0;
  let yTies = 0;
  // Comparisons, not differences, so infinities order as SciPy orders them; O(n²) is nothing at
  // the few hundred cells of a grid.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sx = x[i] < x[j] ? -1 : x[i] > x[j] ? 1 : 0;
      const sy = y[i] < y[j] ? -1 : y[i] > y[j] ? 1 : 0;
      if (sx === 0) xTies++;
      if (sy === 0) yTies++;
      concordantMinusDiscordant += sx * sy;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  if (xTies === pairs || yTies === pairs) return NaN;
  const tau = concordantMinusDiscordant / Math.sqrt(pairs - xTies) / Math.sqrt(pairs - yTies);
  return Math.min(1, Math.max(-1, tau));
}

/**
 * Spearman's rho, the statistic of `scipy.stats.spearmanr(x, y)`: Pearson's correlation of the
 * average ranks, computed as `numpy.corrcoef` does (covariance over n − 1, divided by each standard
 * deviation in turn) and clipped to [−1, 1]. NaN where SciPy gives NaN: fewer than two entries, a
 * constant input, or a NaN anywhere.
 */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): number {
  assertPaired(x, y, 'spearmanRho');
  const n = x.length;
  if (n < 2 || isConstant(x) || isConstant(y) || hasNaN(x) || hasNaN(y)) return NaN;
  const rx = midRanks(x).ranks;
  const ry = midRanks(y).ranks;
  // Ranks of 1..n have mean (n + 1) / 2 exactly, so the deviations are exact multiples of 1/2.
  const centre = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - centre;
    const dy = ry[i] - centre;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const fact = 1 / (n - 1);
  const rho = (sxy * fact) / Math.sqrt(sxx * fact) / Math.sqrt(syy * fact);
  return Math.min(1, Math.max(-1, rho));
}

function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

export interface PickRegret {
  /** The cell the criterion picks (highest goodness; the first of them on a tie); −1 when none can be. */
  pick: number;
  /** Every cell that shares the highest goodness. */
  tied: number[];
  /** max(truth) − mean of truth over the tied picks: the expected regret of breaking the tie at random. */
  regret: number;
  /** max(truth) − mean(truth): the expected regret of picking any cell at random. */
  randomRegret: number;
}

/**
 * The cost of trusting a criterion: how much true quality is lost by taking the cell it ranks
 * best, next to picking blindly. `goodness` must be higher-is-better (see `goodness` in
 * criteria.ts); a NaN goodness marks a cell the criterion could not score, which it cannot pick.
 * A tie at the top is a coin flip the criterion does not settle, so the regret is the mean over
 * the tied cells rather than the luck of whichever comes first. The best truth and the random
 * baseline run over every cell, scored or not: a criterion that cannot score the best cell is
 * charged for missing it. NaN regret when no cell has a goodness.
 */
export function pickRegret(goodness: ArrayLike<number>, truth: ArrayLike<number>): PickRegret {
  assertPaired(goodness, truth, 'pickRegret');
  const n = truth.length;
  if (n === 0) throw new RangeError('pickRegret: no cells');
  let best = -Infinity;
  let truthSum = 0;
  let truthMax = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(truth[i])) throw new RangeError(`pickRegret: truth at index ${i} is ${truth[i]}`);
    truthSum += truth[i];
    truthMax = Math.max(truthMax, truth[i]);
  }
  const tied: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = goodness[i];
    if (Number.isNaN(g)) continue;
    if (tied.length === 0 || g > best) {
      best = g;
      tied.length = 0;
      tied.push(i);
    } else if (g === best) {
      tied.push(i);
    }
  }
  const randomRegret = truthMax - truthSum / n;
  if (tied.length === 0) return { pick: -1, tied, regret: NaN, randomRegret };
  let tiedSum = 0;
  for (const i of tied) tiedSum += truth[i];
  return { pick: tied[0], tied, regret: truthMax - tiedSum / tied.length, randomRegret };
}

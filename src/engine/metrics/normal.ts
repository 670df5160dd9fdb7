/**
 * Upper tail of the standard normal distribution, P(Z > z), for the normal approximation of the
 * Wilcoxon test. Written against erfc rather than 1 − Φ(z) so that small p-values keep their
 * relative precision instead of vanishing into the rounding of 1 − (something near 1).
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalSf: z is NaN');
  return 0.5 * erfc(z / Math.SQRT2);
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/** Complementary error function, to about 1e-14 relative error for x ≥ 0 (and 1e-16 absolute everywhere). */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  // Below 1 the Maclaurin series of erf converges fast and erfc > 0.15, so 1 − erf loses almost
  // nothing; from 1 on, 1 − erf would start to cancel, while the continued fraction converges
  // (under 200 terms at x = 1, fewer further out) with full relative precision.
  if (x < 1) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

/** erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)ⁿ x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const contribution = term / (2 * n + 1);
    sum += contribution;
    if (Math.abs(contribution) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/**
 * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated with the
 * modified Lentz method (the fraction's partial numerators are k/2, its denominators all x).
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / f;
}

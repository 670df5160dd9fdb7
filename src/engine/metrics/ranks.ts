/**
 * Mid-ranks (1-based; tied values share the mean of the ranks they occupy) and the sizes of the
 * tie groups. Both the Mann–Whitney form of AUROC and the Wilcoxon signed-rank test need them;
 * the tie sizes feed the variance correction of the normal approximation.
 */
export interface MidRanks {
  ranks: Float64Array;
  /** Size of every group of equal values that has more than one member. */
  tieSizes: number[];
}

/** Indices 0..n-1 ordered by ascending value, ties by index, so the order is fully determined. */
export function ascendingOrder(values: ArrayLike<number>): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[a] - values[b] || a - b);
  return order;
}

/** Values are compared with `===`, as NumPy compares them (so -0 and 0 tie); callers reject NaN first. */
export function midRanks(values: ArrayLike<number>): MidRanks {
  const n = values.length;
  const order = ascendingOrder(values);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start..end-1 hold ranks start+1..end; their mean is exact in binary (a multiple of 1/2).
    const rank = (start + 1 + end) / 2;
    for (let j = start; j < end; j++) ranks[order[j]] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

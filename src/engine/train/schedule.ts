/** The learning rate at a step: constant, or cosine-annealed from `base` to 0 over the run. */
export function learningRateAt(schedule: 'cosine' | 'constant', base: number, step: number, totalSteps: number): number {
  if (schedule === 'constant' || totalSteps <= 1) return base;
  const progress = Math.min(1, Math.max(0, step / totalSteps));
  return 0.5 * base * (1 + Math.cos(Math.PI * progress));
}

/** Mini-batch index ranges of one epoch; a last batch of one image is dropped (BatchNorm needs ≥ 2). */
export function batchRanges(n: number, batchSize: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    if (end - start >= 2 || ranges.length === 0) ranges.push([start, end]);
  }
  return ranges;
}

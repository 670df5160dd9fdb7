/**
 * Which training images a preview shows: a few of the normal class(es), the same on every render
 * and every machine, taken in turn from each normal class so that every class is seen.
 */
import { Rng } from '../random';

/**
 * Positions in `labels` to preview, in the order to try them: each class's own images shuffled
 * by `(seed, 'preview-images', class)`, interleaved class by class. Every image of the classes is
 * listed (a reader that must skip an unreadable file takes the next one); take the first `count`.
 */
export function previewOrder(labels: ArrayLike<number>, classes: readonly number[], seed: number): number[] {
  const perClass = classes.map((c) => {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) members.push(i);
    const order = new Rng(seed, 'preview-images', c).permutation(members.length);
    return Array.from(order, (k) => members[k]);
  });
  const out: number[] = [];
  for (let round = 0; perClass.some((list) => round < list.length); round++) {
    for (const list of perClass) if (round < list.length) out.push(list[round]);
  }
  return out;
}

import type { RunResults } from '../shared/results';

export interface Throughput {
  /** Images seen in training, over every completed cell (epochs × training images per cell). */
  images: number;
  wallSeconds: number;
  /** Training images per second of wall time, all processes together. */
  perSecond: number;
  /** Training images per second of one process, while it trained. */
  perProcessPerSecond: number;
}

/**
 * How fast a run trained: wall time against the images its completed cells trained on — only the
 * cells in `trainedNow` when given (a resumed run also holds cells trained by an earlier process).
 * Undefined when no such cell completed or there are no timings.
 */
export function runThroughput(results: RunResults, trainedNow?: ReadonlySet<string>): Throughput | undefined {
  const completed = results.cells.filter(
    (c) => c.status === 'completed' && c.trainSeconds !== undefined && (trainedNow === undefined || trainedNow.has(c.id)),
  );
  const wallSeconds = results.totalSeconds;
  if (completed.length === 0 || wallSeconds === undefined || wallSeconds <= 0) return undefined;
  const images = completed.length * results.scale.epochs * results.scale.trainImages;
  const trainSeconds = completed.reduce((sum, c) => sum + (c.trainSeconds ?? 0), 0);
  return {
    images,
    wallSeconds,
    perSecond: images / wallSeconds,
    perProcessPerSecond: trainSeconds > 0 ? images / trainSeconds : 0,
  };
}

export function formatThroughput(t: Throughput, parallelism: number): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return (
    `Wall time ${t.wallSeconds.toFixed(1)} s; trained ${n(t.images)} images: ${n(t.perSecond)} images/s ` +
    `(${n(t.perProcessPerSecond)} per training process, ${parallelism} at once).`
  );
}

/**
 * One benchmark measurement in a process of its own (one backend per process, as in training):
 * training and inference images/s of a detector on random 32×32×1 images.
 * Prints one JSON line.
 */
import { selectBackend } from '../src/engine/backend';
import { createDetector } from '../src/engine/detectors';
import { resolveAugmentation } from '../src/engine/augment';
import { createBatch } from '../src/engine/image';
import { Rng } from '../src/engine/random';
import type { BackendName, DetectorConfig } from '../src/shared/config';

interface ProbeArgs {
  backend: BackendName;
  detector: DetectorConfig;
  batchSize: number;
  trainBatches: number;
  inferImages: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as ProbeArgs;
  const backend = await selectBackend(args.backend);
  const rng = new Rng(0, 'bench');
  const size = 32;
  const batch = createBatch(args.batchSize, size, size, 1);
  for (let i = 0; i < batch.data.length; i++) batch.data[i] = rng.next();
  const detector = createDetector({ h: size, w: size, c: 1 }, args.detector, resolveAugmentation('flip'), { learningRate: 1e-3, weightDecay: 0 }, 0);
  detector.trainStep(batch, rng); // warm-up: kernels compile, memory is allocated
  const t0 = performance.now();
  for (let i = 0; i < args.trainBatches; i++) detector.trainStep(batch, rng);
  const trainSeconds = (performance.now() - t0) / 1000;
  const test = createBatch(args.inferImages, size, size, 1);
  test.data.set(batch.data.subarray(0, Math.min(batch.data.length, test.data.length)));
  detector.score(test, 256);
  const t1 = performance.now();
  detector.score(test, 256);
  const inferSeconds = (performance.now() - t1) / 1000;
  process.stdout.write(
    `${JSON.stringify({
      backend: backend.name,
      parameters: detector.parameterCount,
      trainImagesPerSecond: (args.trainBatches * args.batchSize) / trainSeconds,
      inferImagesPerSecond: args.inferImages / inferSeconds,
      trainSeconds,
      inferSeconds,
    })}\n`,
  );
  detector.dispose();
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 1;
});

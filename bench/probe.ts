/**
 * A TensorFlow.js measurement server for `npm run bench`, one backend per process (as in training).
 * Builds a detector on random 32×32×1 images, warms up, prints one JSON line `{"ready": true, …}`,
 * then answers one JSON line per command read from stdin (the protocol of
 * bench/reference/torch_bench.py, so that bench/run.ts can alternate the two):
 *   {"op": "train", "seconds": S, "minSteps": M}  training steps until both are reached
 *   {"op": "infer", "seconds": S, "images": N}    scoring passes over N images until S is reached
 *   {"op": "quit"}
 * Usage: node --require tsx/cjs bench/probe.ts '<json args>' (args: ProbeArgs below).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tf from '@tensorflow/tfjs';
import { resolveAugmentation } from '../src/engine/augment';
import { selectBackend } from '../src/engine/backend';
import { createDetector } from '../src/engine/detectors';
import { createBatch } from '../src/engine/image';
import { Rng } from '../src/engine/random';
import type { RequestedBackend, DetectorConfig } from '../src/shared/config';
import { errorMessage } from '../src/shared/errorMessage';

export interface ProbeArgs {
  backend: RequestedBackend;
  detector: DetectorConfig;
  /** Catalogue name of the training augmentation (flip for dae/classifier, rotate for rotnet). */
  augmentation: string;
  batchSize: number;
  inferBatch: number;
  warmupSteps: number;
}

function send(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function packageVersion(name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(dirname(require.resolve(`${name}/package.json`)), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as ProbeArgs;
  const backend = await selectBackend(args.backend);
  const rng = new Rng(0, 'bench');
  const size = 32;
  const batch = createBatch(args.batchSize, size, size, 1);
  for (let i = 0; i < batch.data.length; i++) batch.data[i] = rng.next();
  const detector = createDetector({ h: size, w: size, c: 1 }, args.detector, resolveAugmentation(args.augmentation), { learningRate: 1e-3, weightDecay: 0 }, 0);
  const tests = new Map<number, ReturnType<typeof createBatch>>();
  const testBatch = (n: number) => {
    let test = tests.get(n);
    if (!test) {
      test = createBatch(n, size, size, 1);
      const per = size * size;
      for (let i = 0; i < n; i++) test.data.set(batch.data.subarray((i % batch.n) * per, (i % batch.n + 1) * per), i * per);
      tests.set(n, test);
    }
    return test;
  };
  // Warm-up: kernels compile, memory grows to its working size.
  for (let i = 0; i < args.warmupSteps; i++) detector.trainStep(batch, rng);
  detector.score(batch, args.inferBatch);
  send({
    ready: true,
    backend: backend.name,
    backendDetail: backend.detail,
    parameters: detector.parameterCount,
    tfjs: tf.version.tfjs,
    tfjsBackend: backend.name === 'wasm' ? packageVersion('@tensorflow/tfjs-backend-wasm') : backend.name === 'tensorflow' ? packageVersion('@tensorflow/tfjs-node') : tf.version.tfjs,
    node: process.version,
  });

  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const command = JSON.parse(line) as { op: string; seconds?: number; minSteps?: number; images?: number };
    if (command.op === 'quit') break;
    const seconds = command.seconds ?? 1;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let steps = 0;
    let images = 0;
    if (command.op === 'train') {
      while (steps < (command.minSteps ?? 1) || performance.now() - t0 < seconds * 1000) {
        detector.trainStep(batch, rng);
        steps++;
      }
      images = steps * batch.n;
    } else if (command.op === 'infer') {
      const test = testBatch(command.images ?? 1024);
      while (steps < 1 || performance.now() - t0 < seconds * 1000) {
        detector.score(test, args.inferBatch);
        steps++;
      }
      images = steps * test.n;
    } else {
      send({ error: `unknown op ${command.op}` });
      continue;
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    send({ op: command.op, steps, images, seconds: wall, imagesPerSecond: images / wall, cpuShare: (cpu.user + cpu.system) / 1e6 / wall });
  }
  detector.dispose();
  lines.close();
}

main().catch((error: unknown) => {
  send({ error: errorMessage(error) });
  process.exitCode = 1;
});

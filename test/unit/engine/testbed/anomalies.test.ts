import { strict as assert } from 'node:assert';
import { resolveAugmentation } from '../../../../src/engine/augment';
import type { ResolvedAugmentation } from '../../../../src/engine/augment/types';
import { copyBatch } from '../../../../src/engine/augment/ops/batch';
import { imageView, type ImageBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { MAX_DRAWS, makeAnomalies } from '../../../../src/engine/testbed/anomalies';
import { TestbedError } from '../../../../src/engine/testbed';
import { blobBatch } from '../augment/helpers';

/** A function that changes each image with probability `p` per draw, and counts its draws. */
function coinFunction(p: number): ResolvedAugmentation & { calls: number[] } {
  const calls: number[] = [];
  return {
    id: `coin-${p}`,
    params: {},
    calls,
    definition: {
      name: 'coin',
      category: 'custom',
      description: 'test',
      params: {},
      apply(batch: ImageBatch, _params, rng: Rng) {
        calls.push(batch.n);
        const out = copyBatch(batch);
        for (let i = 0; i < out.n; i++) if (rng.next() < p) imageView(out, i)[0] += 1;
        return out;
      },
    },
  } as ResolvedAugmentation & { calls: number[] };
}

function unchangedCount(a: ImageBatch, b: ImageBatch): number {
  let n = 0;
  for (let i = 0; i < a.n; i++) if (imageView(a, i).every((v, k) => v === imageView(b, i)[k])) n++;
  return n;
}

describe('synthetic anomalies (one draw, as the study; optional redraw)', () => {
  const normal = blobBatch(200, 16, 1);

  it('by default applies the function once and keeps the images it left unchanged, counting them', () => {
    const fn = coinFunction(0.5);
    const made = makeAnomalies(fn, normal, new Rng(1, 'a'), false);
    assert.deepEqual(fn.calls, [200]);
    assert.equal(made.unchanged, unchangedCount(made.images, normal));
    assert.ok(made.unchanged > 50 && made.unchanged < 150, `${made.unchanged}`);
  });

  it('with redraw, draws again only the unchanged images until each changed (deterministic per stream)', () => {
    const fn = coinFunction(0.5);
    const made = makeAnomalies(fn, normal, new Rng(1, 'a'), true);
    assert.equal(made.unchanged, 0);
    assert.equal(unchangedCount(made.images, normal), 0);
    assert.equal(fn.calls[0], 200);
    for (let k = 1; k < fn.calls.length; k++) assert.ok(fn.calls[k] <= fn.calls[k - 1], `draw ${k}: ${fn.calls.join(', ')}`);
    const again = makeAnomalies(coinFunction(0.5), normal, new Rng(1, 'a'), true);
    assert.deepEqual(again.images.data, made.images.data);
  });

  it(`stops after ${MAX_DRAWS} draws and reports what could not change; never alters its input`, () => {
    const before = normal.data.slice();
    const fn = coinFunction(0);
    const made = makeAnomalies(fn, normal, new Rng(1, 'a'), true);
    assert.equal(fn.calls.length, MAX_DRAWS);
    assert.equal(made.unchanged, 200);
    assert.deepEqual(normal.data, before);
  });

  it("cutout on digit-like images: the study's one draw leaves some unchanged; the redraw changes them all", () => {
    const cutout = resolveAugmentation('cutout');
    const once = makeAnomalies(cutout, normal, new Rng(2, 'anomaly', 'cutout'), false);
    assert.ok(once.unchanged > 0, 'no digit-like image escaped one erasing box');
    const redrawn = makeAnomalies(cutout, normal, new Rng(2, 'anomaly', 'cutout'), true);
    assert.equal(redrawn.unchanged, 0);
  });

  it('names the function when it returns a batch of another shape', () => {
    const fn = coinFunction(1);
    fn.definition.apply = (batch) => ({ ...batch, n: batch.n - 1 });
    assert.throws(() => makeAnomalies(fn, normal, new Rng(1, 'a'), false), (e: unknown) => e instanceof TestbedError && /"coin-1" turned 200 images/.test(e.message));
  });
});

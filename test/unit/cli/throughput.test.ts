import * as assert from 'node:assert/strict';
import { formatThroughput, runThroughput } from '../../../src/cli/throughput';
import type { CellResult, RunResults } from '../../../src/shared/results';

function cell(status: CellResult['status'], trainSeconds?: number): CellResult {
  return { id: 'c', augmentation: 'none', seed: 0, normalClass: '7', status, loss: [], trainSeconds };
}

function run(cells: CellResult[], totalSeconds?: number): RunResults {
  return {
    totalSeconds,
    scale: { trainImages: 2000, testImages: 2000, epochs: 40, parallelism: 2 },
    cells,
  } as unknown as RunResults;
}

describe('run throughput (printed at the end of ssad run)', () => {
  it('counts epochs × training images of completed cells only, over wall and training time', () => {
    const t = runThroughput(run([cell('completed', 50), cell('completed', 30), cell('failed', 10)], 100));
    assert.ok(t);
    assert.equal(t.images, 2 * 40 * 2000);
    assert.equal(t.perSecond, 1600);
    assert.equal(t.perProcessPerSecond, 2000);
    assert.equal(formatThroughput(t, 2), 'Wall time 100.0 s; trained 160,000 images: 1,600 images/s (2,000 per training process, 2 at once).');
  });

  it('counts only the cells trained now when a resumed run says which', () => {
    const cells = [{ ...cell('completed', 50), id: 'a' }, { ...cell('completed', 30), id: 'b' }];
    const t = runThroughput(run(cells, 40), new Set(['b']));
    assert.equal(t?.images, 40 * 2000);
    assert.equal(t?.perProcessPerSecond, 80000 / 30);
    assert.equal(runThroughput(run(cells, 40), new Set()), undefined);
  });

  it('says nothing without a completed cell or a wall time', () => {
    assert.equal(runThroughput(run([cell('failed', 3)], 10)), undefined);
    assert.equal(runThroughput(run([cell('completed', 3)], undefined)), undefined);
  });
});

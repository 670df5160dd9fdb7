import { strict as assert } from 'node:assert';
import type { RunEvent } from '../../../../src/shared/progress';
import { INITIAL_PROGRESS, estimateRemainingMs, formatProgress, formatRemaining, reduceProgress } from '../../../../src/extension/runs/runProgress';
import { cell } from '../../../helpers/runResultsFixtures';

function fold(events: RunEvent[], at = 0) {
  return events.reduce((state, event) => reduceProgress(state, event, at), INITIAL_PROGRESS);
}

describe('run progress text', () => {
  it('says it is loading before the grid is planned', () => {
    assert.match(formatProgress(INITIAL_PROGRESS), /^loading data/);
  });

  it('reads "cell 3/7 · flip · epoch 4/10" while a cell trains', () => {
    const state = fold([
      { type: 'run-started', runId: 'r', runDir: '/r', totalCells: 7, backend: 'wasm' },
      { type: 'cell-started', cellId: 'c3', index: 2, augmentation: 'flip', seed: 0, normalClass: '7' },
      { type: 'epoch', cellId: 'c3', epoch: 4, epochs: 10, loss: 0.1 },
    ]);
    assert.equal(formatProgress(state), 'cell 3/7 · flip · epoch 4/10');
  });

  it('follows the cell that spoke last, says "scoring" while it evaluates, and counts finished cells', () => {
    let state = fold([
      { type: 'run-started', runId: 'r', runDir: '/r', totalCells: 4, backend: 'wasm' },
      { type: 'cell-started', cellId: 'a', index: 0, augmentation: 'none', seed: 0, normalClass: '7' },
      { type: 'cell-started', cellId: 'b', index: 1, augmentation: 'rotate', seed: 0, normalClass: '7' },
      { type: 'epoch', cellId: 'a', epoch: 1, epochs: 2, loss: 0.5 },
    ]);
    assert.equal(formatProgress(state), 'cell 1/4 · none · epoch 1/2');
    state = reduceProgress(state, { type: 'evaluating', cellId: 'b' });
    assert.equal(formatProgress(state), 'cell 2/4 · rotate · scoring');
    state = reduceProgress(state, { type: 'cell-finished', cell: cell('b', 'rotate', { flip: 0.9 }) });
    assert.equal(state.finishedCells, 1);
    assert.equal(formatProgress(state), 'cell 1/4 · none · epoch 1/2');
    state = reduceProgress(state, { type: 'cell-finished', cell: cell('a', 'none', { flip: 0.5 }) });
    assert.equal(formatProgress(state), '2/4 cells done');
  });

  it('estimates the time left from the speed since the first cell started, epochs of cells in flight included', () => {
    let state = fold([{ type: 'run-started', runId: 'r', runDir: '/r', totalCells: 4, backend: 'wasm' }], 0);
    // Data loading (0 → 10 s) does not count: the clock starts with the first cell.
    state = reduceProgress(state, { type: 'cell-started', cellId: 'a', index: 0, augmentation: 'none', seed: 0, normalClass: '7' }, 10_000);
    assert.equal(estimateRemainingMs(state, 11_000), undefined, 'nothing measured yet');
    state = reduceProgress(state, { type: 'cell-finished', cell: cell('a', 'none', { flip: 0.5 }) }, 30_000);
    // 1 cell in 20 s, 3 left → 60 s.
    assert.equal(estimateRemainingMs(state, 30_000), 60_000);
    assert.equal(formatProgress(state, 30_000), '1/4 cells done · about 1 min left');
    state = reduceProgress(state, { type: 'cell-started', cellId: 'b', index: 1, augmentation: 'flip', seed: 0, normalClass: '7' }, 30_000);
    state = reduceProgress(state, { type: 'epoch', cellId: 'b', epoch: 5, epochs: 10, loss: 0.1 }, 40_000);
    // 1.475 cells in 30 s; 2.525 left.
    assert.ok(Math.abs(estimateRemainingMs(state, 40_000)! - (2.525 * 30_000) / 1.475) < 1e-6);
    assert.equal(formatProgress(state, 40_000), 'cell 2/4 · flip · epoch 5/10 · about 50 s left');
    assert.equal(formatProgress(state), 'cell 2/4 · flip · epoch 5/10', 'no time, no estimate');
  });

  it('leaves the cells done before a resume out of the speed', () => {
    let state = fold([{ type: 'run-started', runId: 'r', runDir: '/r', totalCells: 10, backend: 'wasm', doneCells: 8 }], 0);
    state = reduceProgress(state, { type: 'cell-started', cellId: 'i', index: 8, augmentation: 'none', seed: 0, normalClass: '7' }, 0);
    state = reduceProgress(state, { type: 'cell-finished', cell: cell('i', 'none', { flip: 0.5 }) }, 10_000);
    assert.equal(estimateRemainingMs(state, 10_000), 10_000, '1 cell in 10 s, 1 left');
  });

  it('words the time left', () => {
    assert.equal(formatRemaining(2_000), 'about 5 s');
    assert.equal(formatRemaining(42_000), 'about 40 s');
    assert.equal(formatRemaining(150_000), 'about 3 min');
    assert.equal(formatRemaining(80 * 60_000), 'about 1 h 20 min');
    assert.equal(formatRemaining(120 * 60_000), 'about 2 h');
  });

  it('ignores events of cells it never saw start', () => {
    const state = fold([{ type: 'epoch', cellId: 'ghost', epoch: 1, epochs: 2, loss: 1 }]);
    assert.equal(state, INITIAL_PROGRESS);
  });
});

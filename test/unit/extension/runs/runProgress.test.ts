import { strict as assert } from 'node:assert';
import type { RunEvent } from '../../../../src/shared/progress';
import { INITIAL_PROGRESS, cellIncrement, formatProgress, reduceProgress } from '../../../../src/extension/runs/runProgress';
import { cell } from '../../../helpers/runResultsFixtures';

function fold(events: RunEvent[]) {
  return events.reduce(reduceProgress, INITIAL_PROGRESS);
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

  it('fills the notification bar one cell at a time', () => {
    const state = fold([{ type: 'run-started', runId: 'r', runDir: '/r', totalCells: 4, backend: 'cpu' }]);
    assert.equal(cellIncrement(state), 25);
    assert.equal(cellIncrement(INITIAL_PROGRESS), 0);
  });

  it('ignores events of cells it never saw start', () => {
    const state = fold([{ type: 'epoch', cellId: 'ghost', epoch: 1, epochs: 2, loss: 1 }]);
    assert.equal(state, INITIAL_PROGRESS);
  });
});

import { strict as assert } from 'node:assert';
import { effectiveBackend, effectiveParallelism, mergeConfig } from '../../../../src/extension/runs/configOverrides';
import { applyRunEvent } from '../../../../src/extension/runs/liveResults';
import { refuseUntrusted } from '../../../../src/extension/runs/trust';
import { cell, results } from '../../../helpers/runResultsFixtures';

describe('config overrides', () => {
  it('merges objects key by key, replaces lists, and leaves its inputs alone', () => {
    const base = { name: 'q', dataset: { source: 'mnist', imageSize: 32, normalClasses: [7] }, augmentations: ['none', 'rotate', 'flip'] };
    const merged = mergeConfig(base, { dataset: { imageSize: 16 }, augmentations: ['none', 'flip'] });
    assert.deepEqual(merged, { name: 'q', dataset: { source: 'mnist', imageSize: 16, normalClasses: [7] }, augmentations: ['none', 'flip'] });
    assert.equal(base.dataset.imageSize, 32);
    assert.deepEqual(mergeConfig(base, undefined), base);
  });

  it('lets ssad.backend override the config unless it is "config"; auto means what ssad run --backend auto means', () => {
    assert.equal(effectiveBackend('node', 'config'), 'node');
    assert.equal(effectiveBackend('node', 'auto'), 'auto', 'auto overrides the config, as the CLI flag does');
    assert.equal(effectiveBackend('auto', 'cpu'), 'cpu');
    assert.equal(effectiveBackend('wasm', undefined), 'wasm');
  });

  it('takes ssad.parallelism only when it is a positive integer', () => {
    assert.equal(effectiveParallelism(3), 3);
    assert.equal(effectiveParallelism(null), undefined);
    assert.equal(effectiveParallelism(0), undefined);
    assert.equal(effectiveParallelism(1.5), undefined);
  });
});

describe('live results of the run in progress', () => {
  it('marks started cells running, grows loss curves and takes finished cells and the final results', () => {
    let r = results([cell('a', 'none'), cell('b', 'flip')]);
    const original = r;
    r = applyRunEvent(r, { type: 'cell-started', cellId: 'a', index: 0, augmentation: 'none', seed: 0, normalClass: '7' });
    r = applyRunEvent(r, { type: 'epoch', cellId: 'a', epoch: 1, epochs: 2, loss: 0.5 });
    r = applyRunEvent(r, { type: 'epoch', cellId: 'a', epoch: 2, epochs: 2, loss: 0.25 });
    assert.equal(r.cells[0].status, 'running');
    assert.deepEqual(r.cells[0].loss, [0.5, 0.25]);
    assert.equal(original.cells[0].status, 'pending', 'the input is not modified');
    const done = cell('a', 'none', { flip: 0.6 });
    r = applyRunEvent(r, { type: 'cell-finished', cell: done });
    assert.equal(r.cells[0], done);
    const final = { ...r, status: 'completed' as const };
    assert.equal(applyRunEvent(r, { type: 'run-finished', results: final }), final);
  });
});

describe('workspace trust', () => {
  it('refuses to run in Restricted Mode, saying why', () => {
    assert.match(refuseUntrusted(false) ?? '', /Restricted Mode.*Trust the workspace/);
    assert.equal(refuseUntrusted(true), undefined);
  });
});

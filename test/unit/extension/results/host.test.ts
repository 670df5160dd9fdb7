import { strict as assert } from 'node:assert';
import { augmentationCategories } from '../../../../src/extension/results/categories';
import { LiveLoss } from '../../../../src/extension/results/liveLoss';
import { throttle } from '../../../../src/extension/webview/throttle';

describe('results panel host helpers', () => {
  it('categories come from the registry, parameterised ids included; modules are custom', () => {
    const c = augmentationCategories(['none', 'rotate', 'cutout-0.2', 'cutout{area=0.2}', 'noise', './ssad/augmentations/x.ts', 'zzz']);
    assert.deepEqual(c, {
      none: 'none',
      rotate: 'geometric',
      'cutout-0.2': 'patch',
      'cutout{area=0.2}': 'patch',
      noise: 'noise-like',
      './ssad/augmentations/x.ts': 'custom',
      zzz: 'custom',
    });
  });

  it('live losses follow the epoch events of a run', () => {
    const live = new LiveLoss();
    assert.equal(live.record('r', { type: 'run-started', runId: 'r', runDir: '/x/r', totalCells: 1, backend: 'cpu' }), true);
    live.record('r', { type: 'epoch', cellId: 'c', epoch: 1, epochs: 3, loss: 0.5 });
    live.record('r', { type: 'epoch', cellId: 'c', epoch: 2, epochs: 3, loss: 0.4 });
    assert.equal(live.record('r', { type: 'log', level: 'info', message: 'hi' }), false);
    assert.deepEqual(live.lossOf('r').get('c'), [0.5, 0.4]);
    assert.equal(live.runDirOf('r'), '/x/r');
    live.forget('r');
    assert.equal(live.lossOf('r').size, 0);
  });

  it('throttle: many calls → one trailing call per interval', async () => {
    let calls = 0;
    const t = throttle(() => calls++, 50);
    for (let i = 0; i < 20; i++) t();
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(calls, 1);
    t();
    t.cancel();
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(calls, 1);
  });
});

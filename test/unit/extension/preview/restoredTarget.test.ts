import { strict as assert } from 'node:assert';
import { restoredTarget } from '../../../../src/extension/preview/restoredTarget';

describe('preview restored after a reload', () => {
  const target = { label: 'cutout', ref: 'cutout', baseDir: '/w', params: { fill: 1, angles: [0, 90] }, configFile: '/w/x.ssad.json' };

  it('takes the target from the state the webview saved', () => {
    assert.deepEqual(restoredTarget({ kind: 'image', id: 'cutout{fill=1}', target }), target);
    const module = { label: './m.ts', ref: { name: './m.ts', params: { k: 'a' } }, baseDir: '/w', file: '/w/m.ts', params: {} };
    assert.deepEqual(restoredTarget({ kind: 'error', target: module }), module);
  });

  it('gives nothing for a state it cannot trust', () => {
    for (const saved of [
      undefined,
      null,
      { kind: 'image', id: 'cutout' },
      { target: { ...target, ref: 3 } },
      { target: { ...target, params: { fill: { x: 1 } } } },
      { target: { ...target, configFile: 5 } },
      { target: { ...target, baseDir: undefined } },
    ]) {
      assert.equal(restoredTarget(saved), undefined, JSON.stringify(saved));
    }
  });
});

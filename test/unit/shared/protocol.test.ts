import { strict as assert } from 'node:assert';
import { isWebviewToHost } from '../../../src/shared/protocol';

describe('webview → host protocol guard', () => {
  it('accepts the messages of the protocol', () => {
    assert.equal(isWebviewToHost({ type: 'ready' }), true);
    assert.equal(isWebviewToHost({ type: 'command', command: 'ssad.runQuickstart' }), true);
    assert.equal(isWebviewToHost({ type: 'selectCell', augmentation: 'flip', anomalyType: 'all' }), true);
    assert.equal(isWebviewToHost({ type: 'metric', metric: 'delta' }), true);
    assert.equal(isWebviewToHost({ type: 'exportData', format: 'csv' }), true);
    assert.equal(isWebviewToHost({ type: 'image', chart: 'heatmap', dataUrl: 'data:image/png;base64,AAAA', requestId: 3 }), true);
  });

  it('rejects malformed panel messages', () => {
    assert.equal(isWebviewToHost({ type: 'metric', metric: 'loss' }), false);
    assert.equal(isWebviewToHost({ type: 'exportData', format: 'exe' }), false);
    assert.equal(isWebviewToHost({ type: 'selectCell', augmentation: 'flip' }), false);
    assert.equal(isWebviewToHost({ type: 'image', chart: 'heatmap', dataUrl: 'javascript:alert(1)' }), false);
    assert.equal(isWebviewToHost({ type: 'image', chart: 'nope', dataUrl: 'data:image/png;base64,AAAA' }), false);
  });

  it('rejects anything else, so a compromised webview cannot run arbitrary commands', () => {
    assert.equal(isWebviewToHost(null), false);
    assert.equal(isWebviewToHost('ready'), false);
    assert.equal(isWebviewToHost({ type: 'command', command: 'workbench.action.terminal.new' }), false);
    assert.equal(isWebviewToHost({ type: 'unknown' }), false);
  });
});

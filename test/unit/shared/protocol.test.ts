import { strict as assert } from 'node:assert';
import { isWebviewToHost } from '../../../src/shared/protocol';

describe('webview → host protocol guard', () => {
  it('accepts the messages of the protocol', () => {
    assert.equal(isWebviewToHost({ type: 'ready' }), true);
    assert.equal(isWebviewToHost({ type: 'command', command: 'ssad.runQuickstart' }), true);
    assert.equal(isWebviewToHost({ type: 'selectCell', augmentation: 'flip', anomalyType: 'all' }), true);
    assert.equal(isWebviewToHost({ type: 'metric', metric: 'delta' }), true);
    assert.equal(isWebviewToHost({ type: 'exportData', format: 'csv' }), true);
    assert.equal(isWebviewToHost({ type: 'saveImage', chart: 'heatmap', dataUrl: 'data:image/png;base64,AAAA' }), true);
    assert.equal(isWebviewToHost({ type: 'imageReply', requestId: 3, chart: 'compare-run-2', dataUrl: 'data:image/png;base64,AAAA' }), true);
    assert.equal(isWebviewToHost({ type: 'imageReply', requestId: 3, chart: 'compare-diff-1' }), true, 'no such chart drawn');
    assert.equal(isWebviewToHost({ type: 'baseline', index: 2 }), true);
  });

  it('rejects malformed panel messages', () => {
    assert.equal(isWebviewToHost({ type: 'metric', metric: 'loss' }), false);
    assert.equal(isWebviewToHost({ type: 'exportData', format: 'exe' }), false);
    assert.equal(isWebviewToHost({ type: 'selectCell', augmentation: 'flip' }), false);
    assert.equal(isWebviewToHost({ type: 'saveImage', chart: 'heatmap', dataUrl: 'javascript:alert(1)' }), false);
    assert.equal(isWebviewToHost({ type: 'saveImage', chart: 'nope', dataUrl: 'data:image/png;base64,AAAA' }), false);
    assert.equal(isWebviewToHost({ type: 'saveImage', chart: 'compare-run-x', dataUrl: 'data:image/png;base64,AAAA' }), false);
    assert.equal(isWebviewToHost({ type: 'imageReply', chart: 'heatmap', dataUrl: 'data:image/png;base64,AAAA' }), false, 'a reply names its request');
    assert.equal(isWebviewToHost({ type: 'image', chart: 'heatmap', dataUrl: 'data:image/png;base64,AAAA' }), false, 'no untyped image message');
    assert.equal(isWebviewToHost({ type: 'baseline', index: -1 }), false);
    assert.equal(isWebviewToHost({ type: 'baseline', index: 1.5 }), false);
  });

  it('rejects anything else, so a compromised webview cannot run arbitrary commands', () => {
    assert.equal(isWebviewToHost(null), false);
    assert.equal(isWebviewToHost('ready'), false);
    assert.equal(isWebviewToHost({ type: 'command', command: 'workbench.action.terminal.new' }), false);
    assert.equal(isWebviewToHost({ type: 'unknown' }), false);
  });
});

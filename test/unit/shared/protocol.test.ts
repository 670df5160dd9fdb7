import { strict as assert } from 'node:assert';
import { isWebviewToHost } from '../../../src/shared/protocol';

describe('webview → host protocol guard', () => {
  it('accepts the messages of the protocol', () => {
    assert.equal(isWebviewToHost({ type: 'ready' }), true);
    assert.equal(isWebviewToHost({ type: 'command', command: 'ssad.runQuickstart' }), true);
  });

  it('rejects anything else, so a compromised webview cannot run arbitrary commands', () => {
    assert.equal(isWebviewToHost(null), false);
    assert.equal(isWebviewToHost('ready'), false);
    assert.equal(isWebviewToHost({ type: 'command', command: 'workbench.action.terminal.new' }), false);
    assert.equal(isWebviewToHost({ type: 'unknown' }), false);
  });
});

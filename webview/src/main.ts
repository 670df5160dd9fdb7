import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { HostToWebview } from '../../src/shared/protocol';
import { renderState, type CommandSink } from './render';
import { vscodeApi } from './vscodeApi';

const root = document.getElementById('app');
if (!root) throw new Error('results panel: #app element missing');

const send: CommandSink = (command) =>
  vscodeApi.postMessage({ type: 'command', command });

const saved = vscodeApi.getState();
if (saved) renderState(root, saved, send);

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (message?.type === 'state') {
    vscodeApi.setState(message.state);
    renderState(root, message.state, send);
  }
});

vscodeApi.postMessage({ type: 'ready' });

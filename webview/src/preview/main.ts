/**
 * The augmentation preview webview: shows the sheet the host rendered (original images, two
 * training draws, the anomaly mode) with a caption naming the augmentation. It keeps the last
 * snapshot in its state so a hidden-then-shown panel redraws at once.
 */
import type { PreviewHostToWebview, PreviewState, PreviewWebviewToHost } from '../../../src/shared/previewProtocol';
import { acquireWebviewApi } from '../webviewApi';

const api = acquireWebviewApi<PreviewWebviewToHost, PreviewState>();
const root = document.getElementById('app');
if (!root) throw new Error('preview panel: #app element missing');
const app: HTMLElement = root;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function render(state: PreviewState): void {
  const heading = element('h1', `Preview: ${state.id}`);
  const body: HTMLElement[] = [heading];
  if (state.kind === 'loading') {
    body.push(element('p', 'Rendering…', 'loading'));
  } else if (state.kind === 'error') {
    const error = element('pre', state.error, 'preview-error');
    error.setAttribute('role', 'alert');
    body.push(element('p', 'The augmentation failed on the preview images:'), error);
  } else {
    const figure = element('figure', undefined, 'preview-figure');
    const image = element('img');
    image.src = state.imageUri;
    image.width = state.width;
    image.height = state.height;
    // Through the CSSOM, which the CSP allows (no inline style attribute): fit the panel, keep pixels crisp.
    image.style.maxWidth = '100%';
    image.style.height = 'auto';
    image.style.imageRendering = 'pixelated';
    image.alt = `${state.id} on MNIST test digits: ${state.rows.join(', ')}`;
    const caption = element('figcaption', `${state.id} — ${state.description} Rows: ${state.rows.join(', ')}. Rendered ${new Date(state.renderedAt).toLocaleTimeString()}.`);
    caption.dataset.augmentation = state.id;
    figure.append(image, caption);
    body.push(figure);
  }
  app.replaceChildren(...body);
}

const saved = api.getState();
if (saved) render(saved);

window.addEventListener('message', (event: MessageEvent<PreviewHostToWebview>) => {
  if (event.data?.type === 'preview') {
    api.setState(event.data.state);
    render(event.data.state);
  }
});

api.postMessage({ type: 'ready' });

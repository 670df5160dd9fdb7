import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { Chart as ChartType } from 'chart.js';
import type { ChartId, HostToWebview, PanelState } from '../../src/shared/protocol';
import type { MatrixMetric } from '../../src/shared/resultsView/matrix';
import { renderState, type RenderContext } from './render';
import { vscodeApi } from './vscodeApi';

const root = document.getElementById('app');
if (!root) throw new Error('results panel: #app element missing');
const app: HTMLElement = root;

const saved = vscodeApi.getState();
let current: PanelState | undefined = saved?.panel;
const charts = new Map<ChartId, ChartType>();

const rc: RenderContext = {
  send: (message) => vscodeApi.postMessage(message),
  metric: saved?.metric ?? 'auroc',
  setMetric(metric: MatrixMetric) {
    rc.metric = metric;
    persist();
    vscodeApi.postMessage({ type: 'metric', metric });
    render();
  },
  charts,
};

function persist(): void {
  if (current) vscodeApi.setState({ panel: current, metric: rc.metric });
}

/** A view that fails to draw says so, and the webview keeps listening for the next snapshot. */
function render(): void {
  if (!current) return;
  try {
    renderState(app, current, rc);
  } catch (error) {
    app.replaceChildren(Object.assign(document.createElement('p'), { className: 'message', textContent: `The panel could not draw this view: ${error instanceof Error ? error.message : String(error)}` }));
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (message?.type === 'state') {
    current = message.state;
    persist();
    render();
  } else if (message?.type === 'requestImage') {
    answerImage(message, 50);
  }
});

/**
 * Charts are drawn on the next animation frame after a snapshot: wait a little for one that is
 * coming, then answer, with no image when the view has no such chart (the host stops waiting).
 */
function answerImage(request: Extract<HostToWebview, { type: 'requestImage' }>, attempts: number): void {
  const chart = charts.get(request.chart);
  if (chart || attempts <= 0) {
    vscodeApi.postMessage({ type: 'imageReply', requestId: request.requestId, chart: request.chart, ...(chart ? { dataUrl: chart.toBase64Image('image/png', 1) } : {}) });
  } else {
    setTimeout(() => answerImage(request, attempts - 1), 100);
  }
}

// Canvases do not follow CSS variables: redraw when VS Code switches the theme (body classes).
let lastThemeClass = document.body.className;
new MutationObserver(() => {
  if (document.body.className === lastThemeClass) return;
  lastThemeClass = document.body.className;
  render();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscodeApi.postMessage({ type: 'ready' });
vscodeApi.postMessage({ type: 'metric', metric: rc.metric });
// The saved view first, until the host's snapshot (sent on `ready`) replaces it; a state saved by
// another version that cannot be drawn must not keep the panel from saying `ready`.
render();

/**
 * The augmentation preview webview: the sheet the host rendered (original images, two training
 * draws, the anomaly mode), which data it shows and why, and a control per parameter of the
 * augmentation (from its metadata). A change is sent after a short pause in typing or dragging;
 * the host checks it with the engine's validation and re-renders, or says why it refused. The last
 * snapshot is kept in the webview's state: a hidden-then-shown panel redraws at once, and after a
 * window reload the host renders the same target again from it.
 */
import { changedParams, configSnippet, paramControls, parseParamInput, type ParamControl } from '../../../src/shared/previewParams';
import type { PreviewHostToWebview, PreviewParams, PreviewSource, PreviewState, PreviewWebviewToHost } from '../../../src/shared/previewProtocol';
import { acquireWebviewApi } from '../webviewApi';

const api = acquireWebviewApi<PreviewWebviewToHost, PreviewState>();
const root = document.getElementById('app');
if (!root) throw new Error('preview panel: #app element missing');
const app: HTMLElement = root;

/** How long typing or dragging must pause before a change is rendered. */
const CHANGE_DELAY_MS = 300;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

const heading = element('h1');
const sourceLine = element('p', undefined, 'preview-source');
sourceLine.dataset.testid = 'preview-source';
const paramsBox = element('section', undefined, 'preview-params');
paramsBox.dataset.testid = 'preview-params';
const body = element('div');
app.replaceChildren(heading, sourceLine, paramsBox, body);

function sourceText(source: PreviewSource): string {
  const colour = source.channels === 1 ? 'grey' : 'colour';
  if (source.kind === 'mnist') return `Data: MNIST test digits, ${source.imageSize}×${source.imageSize} px, ${colour} — not a config's data set: ${source.reason}.`;
  const files = source.files ? ` Files: ${source.files.join(', ')}.` : '';
  const note = source.note ? ` Note: ${source.note}.` : '';
  return `Data: ${source.dataset} of ${source.config}, normal ${source.classes.length === 1 ? 'class' : 'classes'} ${source.classes.join(', ')}, training images at ${source.imageSize}×${source.imageSize} px, ${colour}.${files}${note}`;
}

// ---- parameter controls ---------------------------------------------------------------------

/** The controls drawn, by the augmentation and metadata they were made for. */
let drawnKey = '';
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const inputs = new Map<string, Array<HTMLInputElement | HTMLSelectElement>>();
const errorLine = element('p', undefined, 'preview-error');
errorLine.setAttribute('role', 'alert');
errorLine.dataset.testid = 'param-error';
const snippet = element('code');
snippet.dataset.testid = 'param-snippet';
let current: PreviewParams | undefined;

function send(control: ParamControl, raw: string | boolean, delay: number): void {
  clearTimeout(timers.get(control.name));
  timers.set(
    control.name,
    setTimeout(() => {
      const spec = current?.specs[control.name];
      if (!spec) return;
      const parsed = parseParamInput(control.name, spec, raw);
      if (!parsed.ok) {
        errorLine.textContent = parsed.error;
        return;
      }
      api.postMessage({ type: 'setParam', name: control.name, value: parsed.value });
    }, delay),
  );
}

function controlRow(control: ParamControl): HTMLElement {
  const row = element('div', undefined, 'param-row');
  const id = `param-${control.name}`;
  const label = element('label', control.name);
  label.htmlFor = id;
  label.title = control.hint;
  const fields: Array<HTMLInputElement | HTMLSelectElement> = [];
  if (control.kind === 'select') {
    const select = element('select');
    for (const option of control.options) select.append(new Option(option.label, option.value));
    select.addEventListener('change', () => send(control, select.value, 0));
    fields.push(select);
  } else if (control.kind === 'checkbox') {
    const box = element('input');
    box.type = 'checkbox';
    box.addEventListener('change', () => send(control, box.checked, 0));
    fields.push(box);
  } else {
    const text = element('input');
    text.type = control.kind === 'range' || control.kind === 'number' ? 'number' : 'text';
    if (control.kind === 'range' || control.kind === 'number') {
      if (control.min !== undefined) text.min = String(control.min);
      if (control.max !== undefined) text.max = String(control.max);
      text.step = control.integer ? '1' : 'any';
    }
    if (control.kind === 'range') {
      const slider = element('input');
      slider.type = 'range';
      slider.min = String(control.min);
      slider.max = String(control.max);
      slider.step = String(control.step);
      slider.setAttribute('aria-label', `${control.name} slider`);
      slider.addEventListener('input', () => {
        text.value = slider.value;
        send(control, slider.value, CHANGE_DELAY_MS);
      });
      fields.push(slider);
    }
    text.addEventListener('input', () => send(control, text.value, CHANGE_DELAY_MS));
    text.addEventListener('change', () => send(control, text.value, 0));
    fields.push(text);
  }
  fields[fields.length - 1].id = id;
  for (const field of fields) {
    field.dataset.param = control.name;
    field.title = control.hint;
  }
  inputs.set(control.name, fields);
  const description = element('span', control.description, 'param-description');
  row.append(label, ...fields, description);
  return row;
}

/** Shows the values in the controls, except in the one being typed into. */
function showValues(controls: readonly ParamControl[]): void {
  for (const control of controls) {
    for (const field of inputs.get(control.name) ?? []) {
      if (field === document.activeElement && field.type !== 'checkbox' && field.type !== 'range') continue;
      if (field instanceof HTMLInputElement && field.type === 'checkbox') field.checked = control.value === true;
      else field.value = String(control.value);
    }
  }
}

function renderParams(params: PreviewParams | undefined): void {
  current = params;
  if (!params) {
    drawnKey = '';
    paramsBox.replaceChildren();
    return;
  }
  const controls = paramControls(params.specs, params.values);
  const key = JSON.stringify([params.base, params.specs]);
  if (key !== drawnKey) {
    drawnKey = key;
    inputs.clear();
    const title = element('h2', 'Parameters');
    if (controls.length === 0) {
      paramsBox.replaceChildren(title, element('p', `${params.base} declares no parameters: nothing to set.`, 'param-description'));
    } else {
      const reset = element('button', 'Reset to defaults');
      reset.type = 'button';
      reset.dataset.testid = 'reset-params';
      reset.addEventListener('click', () => api.postMessage({ type: 'resetParams' }));
      const copy = element('button', 'Copy');
      copy.type = 'button';
      copy.title = 'Copy this entry for a config’s "augmentations" or "testbed.anomalies"';
      copy.addEventListener('click', () => api.postMessage({ type: 'copySnippet', text: snippet.textContent ?? '' }));
      const config = element('p', 'In a config: ', 'param-snippet');
      config.append(snippet, ' ', copy);
      paramsBox.replaceChildren(title, ...controls.map(controlRow), errorLine, config, reset);
    }
  }
  showValues(controls);
  errorLine.textContent = params.error ?? '';
  snippet.textContent = configSnippet(params.base, changedParams(params.specs, params.values));
}

// ---- the sheet ------------------------------------------------------------------------------

function render(state: PreviewState): void {
  heading.textContent = `Preview: ${state.id}${state.busy ? ' (rendering…)' : ''}`;
  sourceLine.textContent = state.kind === 'image' ? sourceText(state.source) : '';
  renderParams(state.params);
  if (state.kind === 'loading') {
    body.replaceChildren(element('p', 'Rendering…', 'loading'));
  } else if (state.kind === 'error') {
    const error = element('pre', state.error, 'preview-error');
    error.setAttribute('role', 'alert');
    body.replaceChildren(element('p', 'The augmentation failed on the preview images:'), error);
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
    const on = state.source.kind === 'mnist' ? 'MNIST test digits' : `${state.source.dataset} training images`;
    image.alt = `${state.id} on ${on}: ${state.rows.join(', ')}`;
    const caption = element('figcaption', `${state.id} — ${state.description} Rows: ${state.rows.join(', ')}. Rendered ${new Date(state.renderedAt).toLocaleTimeString()}.`);
    caption.dataset.augmentation = state.id;
    figure.append(image, caption);
    body.replaceChildren(figure);
  }
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

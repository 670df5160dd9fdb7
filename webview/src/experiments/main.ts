/**
 * The experiments table webview: every run as a row with the columns the user picks, sortable by
 * any column, filtered by text, status, tag and a range on one column, with a multi-selection to
 * open, compare, annotate, export or delete. The host sends all rows; the view state (sort,
 * filter, columns, selection) stays here and survives a reload through setState.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { columnsFor, type ExperimentColumn } from '../../../src/shared/experiments/columns';
import { filterRows, NO_FILTER, sortRows, tagsOf, type ExperimentFilter } from '../../../src/shared/experiments/query';
import type { ExperimentRow } from '../../../src/shared/experiments/row';
import type { ExperimentsTextFormat } from '../../../src/shared/experiments/tableText';
import type { ExperimentAction, ExperimentsHostToWebview, ExperimentsSnapshot, ExperimentsViewState, ExperimentsWebviewToHost } from '../../../src/shared/experimentsProtocol';
import type { RunStatus } from '../../../src/shared/results';
import { button, el } from '../dom';
import { acquireWebviewApi } from '../webviewApi';

const api = acquireWebviewApi<ExperimentsWebviewToHost, ExperimentsViewState>();
const root = document.getElementById('app');
if (!root) throw new Error('experiments table: #app element missing');
const app: HTMLElement = root;

const STATUSES: RunStatus[] = ['running', 'completed', 'interrupted', 'failed', 'canceled'];

const saved = api.getState();
const view: ExperimentsViewState = {
  sort: saved?.sort ?? { column: 'date', descending: true },
  filter: { ...NO_FILTER, ...saved?.filter, range: { ...NO_FILTER.range, ...saved?.filter?.range } },
  ...(saved?.columns ? { columns: saved.columns } : {}),
  selected: saved?.selected ?? [],
};
let snapshot: ExperimentsSnapshot | undefined;

function persist(): void {
  api.setState(view);
}

function allColumns(): ExperimentColumn[] {
  return columnsFor(snapshot?.rows ?? []);
}

/** The columns shown: the user's choice where made, else the catalogue's default (new anomaly types' columns appear). */
function shownColumns(): ExperimentColumn[] {
  return allColumns().filter((c) => view.columns?.[c.id] ?? c.visible);
}

function shownRows(): ExperimentRow[] {
  const rows = snapshot?.rows ?? [];
  const columns = allColumns();
  return sortRows(filterRows(rows, view.filter, columns), view.sort, columns);
}

function send(message: ExperimentsWebviewToHost): void {
  api.postMessage(message);
}

// ---- toolbar (built once, so typing in the search box keeps its focus) ----

const textInput = el('input', { type: 'search', placeholder: 'Filter: name, note, tag, augmentation…', 'data-testid': 'filter-text', 'aria-label': 'Filter runs by text' });
textInput.value = view.filter.text;
const statusSelect = el('select', { 'data-testid': 'filter-status', 'aria-label': 'Filter by status' }, el('option', { value: '' }, 'any status'), ...STATUSES.map((s) => el('option', { value: s }, s)));
statusSelect.value = view.filter.status;
const tagSelect = el('select', { 'data-testid': 'filter-tag', 'aria-label': 'Filter by tag' });
const rangeColumn = el('select', { 'data-testid': 'filter-range-column', 'aria-label': 'Column of the range filter' });
const rangeMin = el('input', { type: 'number', step: 'any', placeholder: 'min', 'data-testid': 'filter-min', 'aria-label': 'Lowest value', class: 'range-input' });
const rangeMax = el('input', { type: 'number', step: 'any', placeholder: 'max', 'data-testid': 'filter-max', 'aria-label': 'Highest value', class: 'range-input' });
rangeMin.value = view.filter.range.min === null ? '' : String(view.filter.range.min);
rangeMax.value = view.filter.range.max === null ? '' : String(view.filter.range.max);

const bound = (input: HTMLInputElement): number | null => (input.value.trim() === '' || !Number.isFinite(Number(input.value)) ? null : Number(input.value));

function readFilter(): void {
  const filter: ExperimentFilter = {
    text: textInput.value,
    status: statusSelect.value as RunStatus | '',
    tag: tagSelect.value,
    range: { column: rangeColumn.value, min: bound(rangeMin), max: bound(rangeMax) },
  };
  view.filter = filter;
  persist();
  renderTable();
}

for (const input of [textInput, rangeMin, rangeMax]) input.addEventListener('input', readFilter);
for (const select of [statusSelect, tagSelect, rangeColumn]) select.addEventListener('change', readFilter);

const clearButton = button('Clear filters', () => {
  textInput.value = '';
  statusSelect.value = '';
  tagSelect.value = '';
  rangeMin.value = '';
  rangeMax.value = '';
  readFilter();
}, { secondary: '', 'data-testid': 'filter-clear' });

const formatSelect = el('select', { 'data-testid': 'export-format', 'aria-label': 'Export format' }, el('option', { value: 'csv' }, 'CSV'), el('option', { value: 'markdown' }, 'Markdown'), el('option', { value: 'latex' }, 'LaTeX'));
const columnsMenu = el('details', { class: 'columns-menu', 'data-testid': 'columns-menu' }, el('summary', {}, 'Columns'));
const actions = el('div', { class: 'toolbar-group', 'data-testid': 'actions' });
const count = el('p', { class: 'hint', 'data-testid': 'row-count', 'aria-live': 'polite' });
const tableHolder = el('div', { class: 'table-scroll experiments-scroll' });
const heading = el('p', { class: 'scale' });

app.replaceChildren(
  el('header', { class: 'run-header' }, el('h1', {}, 'Experiments'), heading),
  el(
    'div',
    { class: 'toolbar' },
    el('div', { class: 'toolbar-group filters' }, textInput, statusSelect, tagSelect, el('label', { class: 'select-label' }, 'Range ', rangeColumn, rangeMin, '–', rangeMax), clearButton),
    columnsMenu,
  ),
  el('div', { class: 'toolbar' }, actions, el('div', { class: 'toolbar-group' }, formatSelect)),
  count,
  tableHolder,
);

function setOptions(select: HTMLSelectElement, options: Array<[string, string]>, value: string): void {
  select.replaceChildren(...options.map(([v, label]) => el('option', { value: v }, label)));
  select.value = options.some(([v]) => v === value) ? value : '';
}

function renderToolbarChoices(): void {
  const rows = snapshot?.rows ?? [];
  setOptions(tagSelect, [['', 'any tag'], ...tagsOf(rows).map((t): [string, string] => [t, `#${t}`])], view.filter.tag);
  const numeric = allColumns().filter((c) => c.kind === 'number');
  setOptions(rangeColumn, [['', 'no range'], ...numeric.map((c): [string, string] => [c.id, c.label])], view.filter.range.column);
  view.filter.tag = tagSelect.value;
  view.filter.range.column = rangeColumn.value;
  const shown = new Set(shownColumns().map((c) => c.id));
  columnsMenu.replaceChildren(
    el('summary', {}, `Columns (${shown.size})`),
    ...allColumns().map((c) => {
      const box = el('input', { type: 'checkbox', 'data-column': c.id });
      box.checked = shown.has(c.id);
      box.addEventListener('change', () => {
        view.columns = { ...view.columns, [c.id]: box.checked };
        persist();
        renderToolbarChoices();
        renderTable();
      });
      return el('label', { class: 'column-choice' }, box, ` ${c.label}`);
    }),
  );
}

function selectedRows(): string[] {
  const present = new Set((snapshot?.rows ?? []).map((r) => r.runDir));
  return view.selected.filter((d) => present.has(d));
}

function renderActions(): void {
  const selected = selectedRows();
  // Acting on runs the filter hides would surprise: actions take the selected rows that are shown, in the shown order.
  const shownSelected = shownRows().map((r) => r.runDir).filter((d) => selected.includes(d));
  const n = shownSelected.length;
  const act = (action: ExperimentAction) => () => send({ type: 'action', action, runDirs: shownSelected });
  const exportRows = (clipboard: boolean) => () =>
    send({
      type: 'export',
      runDirs: n > 0 ? shownSelected : shownRows().map((r) => r.runDir),
      columns: shownColumns().map((c) => c.id),
      format: formatSelect.value as ExperimentsTextFormat,
      clipboard,
    });
  const one = 'Select one run';
  actions.replaceChildren(
    button('Open', act('open'), { 'data-action': 'open' }, n === 1, one),
    button('Compare', act('compare'), { 'data-action': 'compare' }, n >= 2, 'Select two or more runs'),
    button('Edit note', act('editNote'), { secondary: '', 'data-action': 'editNote' }, n === 1, one),
    button('Edit tags', act('editTags'), { secondary: '', 'data-action': 'editTags' }, n === 1, one),
    button('Reveal', act('reveal'), { secondary: '', 'data-action': 'reveal' }, n === 1, one),
    button('Delete', act('delete'), { secondary: '', 'data-action': 'delete' }, n >= 1 && !shownSelected.some((d) => snapshot?.rows.find((r) => r.runDir === d)?.status === 'running'), 'Select finished runs'),
    button(n > 0 ? `Export ${n} selected…` : 'Export shown…', exportRows(false), { secondary: '', 'data-action': 'export' }),
    button('Copy', exportRows(true), { secondary: '', 'data-action': 'copy', title: 'Copy the table (shown columns; the selected rows, or all shown) to the clipboard' }),
  );
}

function renderTable(): void {
  const rows = shownRows();
  const columns = shownColumns();
  const total = snapshot?.rows.length ?? 0;
  const selected = new Set(selectedRows());
  count.textContent = `${rows.length} of ${total} run${total === 1 ? '' : 's'}${selected.size ? ` · ${selected.size} selected` : ''}`;
  heading.textContent = snapshot?.runsDirectory ? `Runs in ${snapshot.runsDirectory}` : 'No runs folder: open a workspace folder.';
  if (total === 0) {
    tableHolder.replaceChildren(el('p', { class: 'hint', 'data-testid': 'experiments-empty' }, 'No runs yet. Run the quickstart or an experiment config; its run appears here while it trains.'));
    renderActions();
    return;
  }
  const allBox = el('input', { type: 'checkbox', 'aria-label': 'Select all shown runs', 'data-testid': 'select-all' });
  allBox.checked = rows.length > 0 && rows.every((r) => selected.has(r.runDir));
  allBox.addEventListener('change', () => {
    const shown = rows.map((r) => r.runDir);
    view.selected = allBox.checked ? [...new Set([...selectedRows(), ...shown])] : selectedRows().filter((d) => !shown.includes(d));
    persist();
    renderTable();
  });
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col', class: 'select-cell' }, allBox),
    ...columns.map((c) => {
      const sorted = view.sort.column === c.id;
      const th = el('th', { scope: 'col', 'data-column': c.id, 'aria-sort': sorted ? (view.sort.descending ? 'descending' : 'ascending') : 'none', class: c.kind === 'text' ? '' : 'numeric' });
      const sortButton = el('button', { type: 'button', class: 'sort-button', title: `Sort by ${c.label}` }, c.label, sorted ? (view.sort.descending ? ' ▼' : ' ▲') : '');
      sortButton.addEventListener('click', () => {
        // Numbers and dates first descending (best, newest on top); text first ascending.
        view.sort = sorted ? { column: c.id, descending: !view.sort.descending } : { column: c.id, descending: c.kind !== 'text' };
        persist();
        renderTable();
      });
      th.append(sortButton);
      return th;
    }),
  );
  const body = rows.map((row) => {
    const box = el('input', { type: 'checkbox', 'aria-label': `Select ${row.name}` });
    box.checked = selected.has(row.runDir);
    box.addEventListener('change', () => {
      view.selected = box.checked ? [...selectedRows(), row.runDir] : selectedRows().filter((d) => d !== row.runDir);
      persist();
      renderTable();
    });
    const tr = el(
      'tr',
      { 'data-run-dir': row.runDir, 'data-run-id': row.id, 'data-status': row.status, class: selected.has(row.runDir) ? 'selected' : '' },
      el('td', { class: 'select-cell' }, box),
      ...columns.map((c) => {
        const value = c.value(row);
        const td = el('td', { 'data-column': c.id, 'data-value': value === null ? '' : String(value), class: c.kind === 'text' ? '' : 'numeric' }, c.text(row));
        const title = c.title?.(row);
        if (title) td.title = title;
        return td;
      }),
    );
    tr.addEventListener('dblclick', () => send({ type: 'action', action: 'open', runDirs: [row.runDir] }));
    return tr;
  });
  tableHolder.replaceChildren(
    el('table', { class: 'matrix-table experiments-table', 'data-testid': 'experiments-table' }, el('thead', {}, head), el('tbody', {}, ...body)),
  );
  renderActions();
}

window.addEventListener('message', (event: MessageEvent<ExperimentsHostToWebview>) => {
  if (event.data?.type !== 'rows') return;
  snapshot = event.data.snapshot;
  view.selected = selectedRows();
  renderToolbarChoices();
  renderTable();
  persist();
});

send({ type: 'ready' });

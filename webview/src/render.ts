import type { Chart as ChartType } from 'chart.js';
import type { ChartId, PanelCommand, PanelState, RunView, WebviewToHost } from '../../src/shared/protocol';
import { runLetter } from '../../src/shared/resultsView/runLetter';
import { cellText, formatValue, MATRIX_METRICS, matrixValues, METRIC_LABELS, tableCaption, type Matrix, type MatrixMetric } from '../../src/shared/resultsView/matrix';
import { configDifferences } from '../../src/shared/resultsView/configDiff';
import { differenceMatrix } from '../../src/shared/resultsView/difference';
import { colourAt, divergingScale, legendTicks, luminance, sequentialScale, type ColourScale } from '../../src/shared/resultsView/colourScale';
import type { Diagnosis } from '../../src/shared/diagnosis';
import { scaleForMatrix } from '../../src/shared/resultsView/heatmapSvg';
import { SELECTION_COLUMNS, selectionHeadline, selectionRow } from '../../src/shared/resultsView/selectionText';
import type { SelectionSummary } from '../../src/shared/selection';
import { drawHeatmap, drawLegend } from './charts/heatmap';
import { drawBars, drawCurves, drawHistogram, drawRoc } from './charts/plots';
import { themeColours, type ThemeColours } from './charts/theme';
import { aurocBars, compareLossCurves, lossCurves, matrixDataset, matrixOf } from './model/chartData';
import { button, el } from './dom';

export type Send = (message: WebviewToHost) => void;

/** What a render needs besides the snapshot: the user's metric and where to put the charts. */
export interface RenderContext {
  send: Send;
  metric: MatrixMetric;
  setMetric(metric: MatrixMetric): void;
  charts: Map<ChartId, ChartType>;
}

function commandButton(label: string, command: PanelCommand, send: Send, enabled: boolean, why: string): HTMLElement {
  return button(label, () => send({ type: 'command', command }), { 'data-command': command }, enabled, why);
}

/** Renders a snapshot. Charts of the previous render are destroyed first (they hold canvases). */
export function renderState(root: HTMLElement, state: PanelState, rc: RenderContext): void {
  for (const chart of rc.charts.values()) chart.destroy();
  rc.charts.clear();
  const scrollY = window.scrollY;
  root.replaceChildren();
  const theme = themeColours();
  switch (state.kind) {
    case 'empty':
      root.append(
        el(
          'section',
          { class: 'empty-state', 'data-testid': 'empty-state' },
          el('h1', {}, 'No runs yet'),
          el(
            'p',
            {},
            'Run the quickstart to train a detector with each self-supervised augmentation on MNIST and see ' +
              'which ones align with which anomalies.',
          ),
          commandButton('Run Quickstart', 'ssad.runQuickstart', rc.send, state.canRun, 'Running experiments needs a trusted workspace.'),
        ),
      );
      break;
    case 'message':
      root.append(el('section', { class: 'message' }, el('h1', {}, state.title), el('p', {}, state.detail)));
      break;
    case 'run':
      renderRun(root, state, rc, theme);
      break;
    case 'compare':
      renderCompare(root, state, rc, theme);
      break;
    case 'diagnosis':
      renderDiagnosis(root, state.diagnosis, state.configFile);
      break;
  }
  window.scrollTo(0, scrollY);
}

function metricSwitch(rc: RenderContext): HTMLElement {
  const group = el('div', { class: 'metric-switch', role: 'group', 'aria-label': 'Metric' });
  for (const metric of MATRIX_METRICS) {
    const attrs: Record<string, string> = { 'data-metric': metric, 'aria-pressed': String(metric === rc.metric) };
    if (metric !== rc.metric) attrs.secondary = '';
    group.append(button(METRIC_LABELS[metric], () => rc.setMetric(metric), attrs));
  }
  return group;
}

function pngButton(chart: ChartId, rc: RenderContext): HTMLElement {
  return button(
    'PNG',
    () => {
      const c = rc.charts.get(chart);
      if (c) rc.send({ type: 'saveImage', chart, dataUrl: c.toBase64Image('image/png', 1) });
    },
    { secondary: '', 'data-export-chart': chart, title: 'Save this chart as PNG' },
  );
}

function section(title: string, testId: string, ...children: Array<Node | string>): HTMLElement {
  return el('section', { class: 'card', 'data-testid': testId }, el('h2', {}, title), ...children);
}

/** The heatmap (canvas), its legend and the same numbers as an accessible table. */
function heatmapBlock(
  matrix: Matrix,
  rc: RenderContext,
  theme: ThemeColours,
  chartId: ChartId,
  options: { difference?: boolean; clickable?: boolean; testId: string; scale?: ColourScale },
): HTMLElement {
  const scale = options.scale ?? scaleForMatrix(matrix, options.difference);
  const data = matrixDataset(matrix);
  const canvas = el('canvas', { role: 'img', 'aria-label': `Heatmap of ${METRIC_LABELS[matrix.metric]}; the table below has the same numbers` });
  const container = el('div', {
    class: 'heatmap',
    'data-testid': options.testId,
    'data-metric': matrix.metric,
    'data-rows': data.rows,
    'data-columns': data.columns,
    'data-values': data.values,
  }, canvas);
  container.style.height = `${matrix.rows.length * 36 + 70}px`;
  const legendCanvas = el('canvas', { class: 'legend-bar', 'aria-hidden': 'true' });
  const ticks = el('div', { class: 'legend-ticks' }, ...legendTicks(scale).map((t) => el('span', {}, formatValue(t, options.difference ? 'delta' : matrix.metric))));
  const legendText = scale.kind === 'diverging'
    ? 'orange: worse than the baseline · white: no change · blue: better'
    : 'viridis: dark = low, yellow = high';
  const legend = el('div', { class: 'legend', 'data-testid': `${options.testId}-legend` }, legendCanvas, ticks, el('p', { class: 'hint' }, `${legendText}. Outlined, with *: Wilcoxon signed-rank p < 0.05 vs none.${options.difference ? '' : " Hover a cell for Δ vs none with its 95 % interval, the test's method and what it paired."}`));
  const block = el('div', { class: 'heatmap-block' }, container, legend, matrixTable(matrix, rc, options.clickable ?? false, options.testId));
  requestAnimationFrame(() => {
    rc.charts.set(chartId, drawHeatmap(canvas, matrix, scale, theme, options.clickable ? (cell) => rc.send({ type: 'selectCell', augmentation: cell.augmentation, anomalyType: cell.anomalyType }) : undefined));
    drawLegend(legendCanvas, scale);
  });
  return block;
}

function matrixTable(matrix: Matrix, rc: RenderContext, clickable: boolean, testId: string): HTMLElement {
  const head = el('tr', {}, el('th', { scope: 'col' }, 'augmentation'), el('th', { scope: 'col' }, 'category'), ...matrix.columns.map((c) => el('th', { scope: 'col' }, c)));
  const body = matrix.rows.map((row, r) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, row.augmentation),
      el('td', { class: 'category' }, row.category),
      ...matrix.columns.map((column, c) => {
        const cell = matrix.cells[r * matrix.columns.length + c];
        const text = cellText(cell, matrix.metric);
        const attrs = { 'data-augmentation': row.augmentation, 'data-anomaly-type': column, 'data-value': cell.mean === null ? '' : String(cell.mean) };
        const content: Node | string = clickable
          ? el('button', { class: 'cell-button', type: 'button', title: `ROC curves of ${row.augmentation} on ${column}` }, text)
          : text;
        const td = el('td', attrs, content);
        if (clickable) td.firstChild?.addEventListener('click', () => rc.send({ type: 'selectCell', augmentation: row.augmentation, anomalyType: column }));
        return td;
      }),
    ),
  );
  const table = el(
    'table',
    { class: 'matrix-table', 'data-testid': `${testId}-table` },
    el('caption', {}, tableCaption(matrix.metric)),
    el('thead', {}, head),
    el('tbody', {}, ...body),
  );
  return el('div', { class: 'table-scroll' }, table);
}

function runHeader(run: RunView): HTMLElement {
  const status = el('span', { class: `badge status-${run.status}`, 'data-testid': 'run-status' }, run.status);
  const progress =
    run.status === 'running' || run.status === 'interrupted' ? el('span', { class: 'progress' }, ` ${run.cellsDone} / ${run.cellsTotal} cells`) : '';
  const notes = run.notes
    ? [
        ...(run.notes.tags.length > 0 ? [el('p', { class: 'tags', 'data-testid': 'run-tags' }, ...run.notes.tags.map((t) => el('span', { class: 'badge tag-badge' }, t)))] : []),
        ...(run.notes.note ? [el('p', { class: 'note', 'data-testid': 'run-note' }, run.notes.note)] : []),
      ]
    : [];
  return el('header', { class: 'run-header' }, el('h1', {}, run.name, ' ', status, progress), el('p', { class: 'scale' }, run.scaleText), ...notes);
}

function renderRun(root: HTMLElement, state: Extract<PanelState, { kind: 'run' }>, rc: RenderContext, theme: ThemeColours): void {
  const run = state.run;
  const matrix = matrixOf(run, rc.metric);
  const exportBar = el(
    'div',
    { class: 'toolbar-group' },
    button('CSV', () => rc.send({ type: 'exportData', format: 'csv' }), { secondary: '', 'data-export': 'csv' }),
    button('JSON', () => rc.send({ type: 'exportData', format: 'json' }), { secondary: '', 'data-export': 'json' }),
    button('SVG', () => rc.send({ type: 'exportData', format: 'svg' }), { secondary: '', 'data-export': 'svg' }),
    button('HTML report', () => rc.send({ type: 'exportData', format: 'html' }), { secondary: '', 'data-export': 'html' }),
    button('LaTeX', () => rc.send({ type: 'exportData', format: 'latex' }), { secondary: '', 'data-export': 'latex', title: 'The AUROC table for a paper (booktabs)' }),
    button('Markdown', () => rc.send({ type: 'exportData', format: 'markdown' }), { secondary: '', 'data-export': 'markdown', title: 'The AUROC table as Markdown' }),
    pngButton('heatmap', rc),
    button('Compare runs…', () => rc.send({ type: 'command', command: 'ssad.compareRuns' }), { secondary: '', 'data-command': 'ssad.compareRuns' }),
  );
  root.append(
    runHeader(run),
    el('div', { class: 'toolbar' }, metricSwitch(rc), exportBar),
    section(
      'Alignment: training augmentation × anomaly type',
      'alignment',
      el('p', { class: 'hint' }, 'Rows: the augmentation used for self-supervision, grouped by category, none (no self-supervision) first. Click a cell for its ROC curves and score histograms.'),
      heatmapBlock(matrix, rc, theme, 'heatmap', { clickable: true, testId: 'heatmap' }),
    ),
  );
  if (run.results.selection) root.append(selectionSection(run.results.selection));
  root.append(detailSection(state, rc, theme));

  const bars = aurocBars(run);
  const barsCanvas = el('canvas', { role: 'img', 'aria-label': 'AUROC per anomaly type and augmentation, with ± std over seeds' });
  const curves = lossCurves(run);
  const curvesCanvas = el('canvas', { role: 'img', 'aria-label': 'Training loss per epoch of each cell' });
  root.append(
    el(
      'div',
      { class: 'grid' },
      section('AUROC per anomaly type', 'bars', el('div', { class: 'chart' }, barsCanvas), pngButton('bars', rc)),
      section(
        run.status === 'running' ? 'Training curves (live)' : 'Training curves',
        'curves',
        curves.length ? el('div', { class: 'chart', 'data-series': String(curves.length) }, curvesCanvas) : el('p', { class: 'hint' }, 'No epoch finished yet.'),
        pngButton('curves', rc),
      ),
    ),
  );
  if (run.samplesUri) {
    root.append(
      section(
        'Samples',
        'gallery',
        el('p', { class: 'hint' }, 'The same test images: normal, each anomaly type, and each training augmentation.'),
        el('img', { class: 'samples', src: run.samplesUri, alt: `Sample sheet of ${run.name}` }),
      ),
    );
  }
  requestAnimationFrame(() => {
    rc.charts.set('bars', drawBars(barsCanvas, bars.columns, bars.series, theme));
    if (curves.length) rc.charts.set('curves', drawCurves(curvesCanvas, curves, run.epochs, theme));
  });
}

/**
 * The label-free criteria beside the heatmap: what each would have picked without labels, and how
 * its ranking agreed with the AUROCs above (per anomaly type through the select).
 */
function selectionSection(selection: SelectionSummary): HTMLElement {
  const testSets = Object.keys(selection.criteria[0]?.agreement ?? { all: null });
  const body = el('tbody', {});
  const headline = el('p', { class: 'selection-headline', 'data-testid': 'selection-headline' });
  const fill = (testSet: string): void => {
    const rows = selection.criteria.map((c) => selectionRow(c, testSet));
    body.replaceChildren(
      ...rows.map((r) =>
        el(
          'tr',
          { 'data-criterion': r.criterion, 'data-pick': r.pick, 'data-tau': r.tau, 'data-regret': r.regret, 'data-random-regret': r.randomRegret },
          el('th', { scope: 'row', title: r.note ?? '' }, r.label, r.preTraining ? el('span', { class: 'tag' }, ' before training') : ''),
          ...[r.pick, r.tau, r.rho, r.regret, r.randomRegret, r.nearBest].map((t) => el('td', {}, t)),
        ),
      ),
    );
    const dsv = selection.criteria.find((c) => c.name === 'dsv') ?? selection.criteria[0];
    const best = selection.bestByAuroc[testSet];
    headline.textContent = dsv ? `${selectionHeadline(dsv, testSet)} · best by AUROC: ${best ?? '—'}` : '';
  };
  const select = el('select', { 'aria-label': 'Test set the criteria are graded on', 'data-testid': 'selection-test-set' }, ...testSets.map((t) => el('option', { value: t }, t === 'all' ? 'all anomaly types' : `normal + ${t} only`)));
  select.addEventListener('change', () => fill(select.value));
  fill(testSets[0] ?? 'all');
  const table = el(
    'table',
    { class: 'matrix-table', 'data-testid': 'selection-table' },
    el('caption', {}, `Label-free criteria among ${selection.candidates.join(', ')}, graded against the AUROCs (mean over ${selection.tasks} task${selection.tasks === 1 ? '' : 's'})`),
    el('thead', {}, el('tr', {}, ...SELECTION_COLUMNS.map((h) => el('th', { scope: 'col' }, h)))),
    body,
  );
  return section(
    'Label-free selection',
    'selection',
    el('p', { class: 'hint' }, 'Which augmentation each criterion picks without labels (none is the reference, not a candidate), and how its ranking agrees with the true AUROCs: Kendall τ and Spearman ρ per task, the regret of its pick (best mean AUROC − the pick\'s) against the expected regret of a random pick, and the tasks whose own pick was within 0.01 of their best. The pre-training diagnostic trains nothing.'),
    headline,
    el('label', {}, 'Graded on: ', select),
    el('div', { class: 'table-scroll' }, table),
  );
}

function detailSection(state: Extract<PanelState, { kind: 'run' }>, rc: RenderContext, theme: ThemeColours): HTMLElement {
  const d = state.detail;
  if (!d) return section('ROC curves and score histograms', 'cell-detail', el('p', { class: 'hint' }, 'Click a heatmap cell to see them.'));
  const title = `${d.augmentation} → ${d.anomalyType}: ROC curves and score histograms`;
  if (d.roc.length === 0) return section(title, 'cell-detail', el('p', { class: 'hint' }, d.problem ?? 'No scores.'));
  const rocCanvas = el('canvas', { role: 'img', 'aria-label': `ROC curves of ${d.augmentation} on ${d.anomalyType}` });
  const histCanvas = el('canvas', { role: 'img', 'aria-label': 'Histograms of anomaly scores, normal vs each anomaly type' });
  const block = section(
    title,
    'cell-detail',
    el(
      'div',
      { class: 'grid' },
      el('div', {}, el('div', { class: 'chart square', 'data-testid': 'roc', 'data-augmentation': d.augmentation, 'data-anomaly-type': d.anomalyType, 'data-auc': JSON.stringify(d.roc.map((r) => r.auc)) }, rocCanvas), pngButton('roc', rc)),
      el('div', {}, el('div', { class: 'chart square', 'data-testid': 'histogram' }, histCanvas), pngButton('histogram', rc)),
    ),
  );
  block.setAttribute('data-augmentation', d.augmentation);
  block.setAttribute('data-anomaly-type', d.anomalyType);
  requestAnimationFrame(() => {
    rc.charts.set('roc', drawRoc(rocCanvas, d, theme));
    const h = drawHistogram(histCanvas, d, theme);
    if (h) rc.charts.set('histogram', h);
  });
  return block;
}

/** Which config fields differ between the compared runs (runtime ones marked: they change no result). */
function configDiffSection(runs: readonly RunView[]): HTMLElement {
  const differences = configDifferences(runs.map((r) => r.results.config));
  if (differences.length === 0) return section('Config differences', 'config-diff', el('p', { class: 'hint' }, 'The runs have the same config.'));
  const letters = runs.map((_, i) => runLetter(i));
  const table = el(
    'table',
    { class: 'matrix-table', 'data-testid': 'config-diff-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'field'), ...letters.map((l) => el('th', { scope: 'col' }, l)))),
    el(
      'tbody',
      {},
      ...differences.map((d) =>
        el('tr', { 'data-path': d.path }, el('th', { scope: 'row' }, d.path, d.runtime ? el('span', { class: 'tag' }, ' runtime') : ''), ...d.values.map((v) => el('td', {}, v))),
      ),
    ),
  );
  return section('Config differences', 'config-diff', el('p', { class: 'hint' }, 'Fields whose values differ between the runs; runtime fields say how a run was executed and change no result by themselves.'), el('div', { class: 'table-scroll' }, table));
}

/** Which run the differences are taken against: a select over the compared runs. */
function baselineSelect(runs: readonly RunView[], baseline: number, rc: RenderContext): HTMLElement {
  const select = el('select', { 'data-testid': 'compare-baseline', 'aria-label': 'Baseline run' });
  for (const [i, run] of runs.entries()) {
    const option = el('option', { value: String(i) }, `${runLetter(i)}: ${run.name}`);
    if (i === baseline) option.selected = true;
    select.append(option);
  }
  select.addEventListener('change', () => rc.send({ type: 'baseline', index: Number(select.value) }));
  return el('label', { class: 'select-label' }, 'Baseline ', select);
}

function compareExportBar(rc: RenderContext): HTMLElement {
  return el(
    'div',
    { class: 'toolbar-group' },
    button('LaTeX', () => rc.send({ type: 'exportData', format: 'latex' }), { secondary: '', 'data-export': 'latex', title: 'The compared runs\' AUROC in one table for a paper (booktabs)' }),
    button('Markdown', () => rc.send({ type: 'exportData', format: 'markdown' }), { secondary: '', 'data-export': 'markdown', title: 'The same table as Markdown' }),
  );
}

/**
 * N runs side by side: their heatmaps on one colour scale (the same colour is the same number in
 * every run), each run minus the chosen baseline on one diverging scale, the config fields that
 * differ, and the training curves overlaid.
 */
function renderCompare(root: HTMLElement, state: Extract<PanelState, { kind: 'compare' }>, rc: RenderContext, theme: ThemeColours): void {
  const { runs } = state;
  const baseline = Math.min(state.baseline, runs.length - 1);
  const matrices = runs.map((run) => matrixOf(run, rc.metric));
  const all = matrices.flatMap((m) => matrixValues(m));
  const shared = rc.metric === 'delta' ? divergingScale(all) : sequentialScale(all);
  const diffs = matrices.map((m, i) => (i === baseline ? undefined : differenceMatrix(matrices[baseline], m)));
  const diffScale = divergingScale(diffs.flatMap((d) => (d ? matrixValues(d) : [])));
  const base = runLetter(baseline);
  const names = runs.map((run, i) =>
    el(
      'li',
      { 'data-run-dir': run.runDir, 'data-letter': runLetter(i) },
      el('strong', {}, `${runLetter(i)}: ${run.name}`),
      i === baseline ? el('span', { class: 'badge' }, 'baseline') : '',
      ' ',
      el('span', { class: `badge status-${run.status}` }, run.status),
      ...(run.notes?.tags ?? []).map((t) => el('span', { class: 'badge tag-badge' }, t)),
      el('p', { class: 'scale' }, run.scaleText),
      ...(run.notes?.note ? [el('p', { class: 'note' }, run.notes.note)] : []),
    ),
  );
  root.append(
    el('header', { class: 'run-header' }, el('h1', {}, `Compare ${runs.length} runs`), el('ul', { class: 'compare-runs', 'data-testid': 'compare-runs' }, ...names)),
    el('div', { class: 'toolbar' }, metricSwitch(rc), baselineSelect(runs, baseline, rc), compareExportBar(rc)),
    el(
      'div',
      { class: 'grid' },
      ...runs.map((run, i) => {
        const title = `${runLetter(i)}: ${run.name}${i === baseline ? ' (baseline)' : ''}`;
        return section(title, `compare-run-${i}`, heatmapBlock(matrices[i], rc, theme, `compare-run-${i}`, { testId: `heatmap-run-${i}`, scale: shared }), pngButton(`compare-run-${i}`, rc));
      }),
    ),
    el(
      'div',
      { class: 'grid' },
      ...diffs.flatMap((d, i) =>
        d
          ? [section(`${runLetter(i)} − ${base} (${METRIC_LABELS[rc.metric]})`, `compare-diff-${i}`, heatmapBlock(d, rc, theme, `compare-diff-${i}`, { difference: true, testId: `heatmap-diff-${i}`, scale: diffScale }), pngButton(`compare-diff-${i}`, rc))]
          : [],
      ),
    ),
    configDiffSection(runs),
  );
  const curves = compareLossCurves(runs);
  const canvas = el('canvas', { role: 'img', 'aria-label': 'Mean training loss per epoch of each augmentation; each run has its own line style' });
  root.append(
    section(
      'Training curves: A solid, each other run its own dash (see the legend)',
      'compare-loss',
      curves.length ? el('div', { class: 'chart', 'data-series': String(curves.length) }, canvas) : el('p', { class: 'hint' }, 'No epoch finished yet.'),
      pngButton('compare-loss', rc),
    ),
  );
  const epochs = Math.max(...runs.map((r) => r.epochs));
  if (curves.length) requestAnimationFrame(() => rc.charts.set('compare-loss', drawCurves(canvas, curves, epochs, theme)));
}

/**
 * The pre-training diagnosis as a coloured table: rows the training augmentations, columns the
 * label-free ratio and the per-type ratios (which read the labels). Colour: −log(ratio) on the
 * panel's diverging scale, blue where the augmentation moves the training normals closer.
 */
function renderDiagnosis(root: HTMLElement, d: Diagnosis, configFile: string): void {
  const columns = ['test (label-free)', ...d.anomalyTypes];
  const values = d.rows.flatMap((r) => [r.ratio.mean, ...d.anomalyTypes.map((t) => r.perType[t]?.mean ?? Number.NaN)]).filter((v) => Number.isFinite(v));
  // −log(ratio): halving and doubling the distance are equally far from white, in opposite colours.
  const shade = (ratio: number): number => -Math.log(Math.max(ratio, 1e-6));
  const scale = divergingScale(values.map(shade));
  const cell = (stat: { mean: number; std: number; n: number } | undefined, byConstruction: boolean): HTMLElement => {
    if (!stat || !Number.isFinite(stat.mean)) return el('td', { 'data-value': '' }, '—');
    const text = `${stat.mean.toFixed(3)}${stat.n > 1 ? ` ± ${stat.std.toFixed(3)}` : ''}`;
    const td = el('td', { 'data-value': String(stat.mean), title: byConstruction ? 'exactly 1: none leaves the images as they are' : `mean ± std over ${stat.n} task${stat.n === 1 ? '' : 's'}` }, text);
    const colour = colourAt(scale, shade(stat.mean));
    td.style.background = colour;
    td.style.color = luminance(colour) > 0.45 ? '#111' : '#fff';
    return td;
  };
  const body = d.rows.map((r) =>
    el(
      'tr',
      { 'data-augmentation': r.augmentation, 'data-rank': String(r.rank) },
      el('th', { scope: 'row' }, r.augmentation),
      cell(r.ratio, r.byConstruction),
      ...d.anomalyTypes.map((t) => cell(r.perType[t], r.byConstruction)),
    ),
  );
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'augmentation'),
    ...columns.map((c, i) => el('th', { scope: 'col' }, c, i > 0 ? el('span', { class: 'tag' }, ' uses labels') : '')),
  );
  const table = el('table', { class: 'matrix-table diagnosis-table', 'data-testid': 'diagnosis-table' }, el('caption', {}, `D(aug(train), test) / D(train, test); ${d.distance === 'mmd' ? 'MMD²' : 'energy distance'} on ${d.feature === 'pixels' ? 'pixels' : 'random-convolution features'}`), el('thead', {}, head), el('tbody', {}, ...body));
  const pick = d.pick ? `label-free pick: ${d.pick.augmentation} (ratio ${d.pick.ratio.toFixed(3)})` : 'no augmentation other than none to pick';
  const name = configFile.split(/[\\/]/).pop() ?? configFile;
  root.append(
    el('header', { class: 'run-header' }, el('h1', {}, `Diagnosis: ${d.config}`), el('p', { class: 'scale' }, `${name} · ${d.tasks} task${d.tasks === 1 ? '' : 's'} · at most ${d.sizes.limit} images per set · ${d.seconds.toFixed(1)} s, before any training`)),
    section(
      'Pre-training alignment diagnostic',
      'diagnosis',
      el('p', { class: 'selection-headline', 'data-testid': 'diagnosis-pick' }, pick),
      el('p', { class: 'hint' }, 'Below 1: the augmentation moves the training normals closer to the unlabeled test set (a label-free hint that it resembles what the test set holds). The per-type columns compare with the test images of one anomaly type and so read the labels. A hint, not a result: train the grid to measure AUROC; the run\'s label-free selection table grades this diagnostic against it.'),
      el('div', { class: 'table-scroll' }, table),
      el('p', { class: 'hint' }, 'Colour: the logarithm of the ratio — blue below 1 (closer), white at 1, orange above 1 (farther); ½ and 2 are equally deep.'),
    ),
  );
}

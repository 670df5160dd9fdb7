import { strict as assert } from 'node:assert';
import { buildRunView } from '../../../../src/extension/results/runView';
import { heatmapSvg } from '../../../../src/shared/resultsView/heatmapSvg';
import { buildMatrix } from '../../../../src/shared/resultsView/matrix';
import { renderReportHtml } from '../../../../src/extension/results/reportHtml';
import { aurocBars, compareLossCurves, lossCurves, matrixDataset } from '../../../../webview/src/model/chartData';
import { CATEGORIES, FIXTURE_RUN, fixtureResults } from '../../../helpers/resultsFixtures';

describe('chart data from a run', () => {
  const results = fixtureResults();
  const run = buildRunView(FIXTURE_RUN, results, { categories: CATEGORIES });

  it('bars: one series per augmentation (rows order), means and stds per column', () => {
    const bars = aurocBars(run);
    assert.deepEqual(bars.columns, ['flip', 'cutout', 'invert', 'all']);
    assert.deepEqual(bars.series.map((s) => s.augmentation), ['none', 'rotate', 'flip', 'noise', 'cutout']);
    const s = results.summary.find((e) => e.augmentation === 'noise' && e.anomalyType === 'invert')!;
    assert.equal(bars.series[3].means[2], s.metrics.auroc.mean);
    assert.equal(bars.series[3].stds[2], s.metrics.auroc.std);
  });

  it('loss curves: one per cell, epochs from 1, second seed dashed, same colour as its bar', () => {
    const curves = lossCurves(run);
    assert.equal(curves.length, results.cells.length);
    const c = curves.find((x) => x.label.startsWith('flip · seed 1'))!;
    assert.ok(c.dash.length > 0, 'dashed');
    assert.deepEqual(curves.find((x) => x.label.startsWith('flip · seed 0'))!.dash, [], 'the first seed is solid');
    assert.deepEqual(c.points[0], { x: 1, y: results.cells.find((x) => x.augmentation === 'flip' && x.seed === 1)!.loss[0] });
    assert.equal(c.colour, aurocBars(run).series[2].colour);
  });

  it('compare: the mean loss per epoch of each augmentation over its cells, A solid, B and C in their own dashes, one colour', () => {
    const shorter = { ...results, cells: results.cells.map((c) => (c.augmentation === 'flip' && c.seed === 1 ? { ...c, loss: c.loss.slice(0, 1) } : c)) };
    const right = buildRunView(FIXTURE_RUN, shorter, { categories: CATEGORIES });
    const series = compareLossCurves([run, right, run]);
    assert.equal(series.length, 3 * results.augmentations.length);
    const a = series.find((x) => x.label.startsWith('A: flip'))!;
    const b = series.find((x) => x.label.startsWith('B: flip'))!;
    const c = series.find((x) => x.label.startsWith('C: flip'))!;
    const flips = results.cells.filter((cell) => cell.augmentation === 'flip');
    assert.deepEqual(a.dash, []);
    assert.ok(b.dash.length > 0 && c.dash.length > 0);
    assert.notDeepEqual(b.dash, c.dash, 'each run has its own dash pattern');
    assert.equal(a.colour, b.colour);
    assert.equal(a.colour, c.colour);
    assert.deepEqual(c.points, a.points);
    assert.deepEqual(a.points.map((p) => p.y), flips[0].loss.map((_, e) => flips.reduce((sum, c) => sum + c.loss[e], 0) / flips.length));
    // Epoch 2 of B has only the cell that reached it.
    const reached = flips.find((c) => c.seed !== 1)!;
    assert.equal(b.points[1].y, reached.loss[1]);
  });

  it('live losses longer than results.json replace a cell curve', () => {
    const cell = results.cells[0];
    const live = new Map([[cell.id, [...cell.loss, 0.01]]]);
    const v = buildRunView(FIXTURE_RUN, results, { categories: CATEGORIES, liveLoss: live });
    assert.equal(v.curves[0].loss.length, cell.loss.length + 1);
  });

  it('the data attributes carry the matrix row-major', () => {
    const d = matrixDataset(buildMatrix(results, CATEGORIES, 'auroc'));
    assert.equal(JSON.parse(d.values).length, 20);
    assert.equal(JSON.parse(d.rows)[0], 'none');
  });

  it('SVG and the HTML report are self-contained', () => {
    const svg = heatmapSvg(buildMatrix(results, CATEGORIES, 'delta'), 'x');
    assert.match(svg, /^<svg xmlns/);
    assert.equal((svg.match(/<rect x=/g) ?? []).length, 20 + 1);
    const html = renderReportHtml(results, CATEGORIES, 'iVBORw0KGgo=');
    assert.match(html, /data:image\/png;base64,iVBORw0KGgo=/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
  });
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReportHtml } from '../../../../src/extension/results/reportHtml';
import { buildRunView } from '../../../../src/extension/results/runView';
import { readRunResults, upgradeResults } from '../../../../src/engine/run/readResults';
import { matrixExportRows, matrixJson } from '../../../../src/shared/resultsView/csv';
import { selectionLines } from '../../../../src/shared/resultsView/selectionText';
import type { RunResults } from '../../../../src/shared/results';
import { FIXTURE_RUN } from '../../../helpers/resultsFixtures';

/** A real small run of the CLI with label-free selection (results schema 2). */
const SELECTION_RUN = join(__dirname, '../../../vscode/workspace/fixtures/runs/20261129-150033-selection-fixture');

describe('label-free selection in the exports and the panel snapshot', () => {
  const results = readRunResults(SELECTION_RUN);

  it('reads a schema 2 run with its selection, and a schema 1 run without', () => {
    assert.equal(results.schemaVersion, 2);
    assert.ok(results.selection && results.cells.every((c) => c.status !== 'completed' || c.selection));
    const old = readRunResults(FIXTURE_RUN);
    assert.equal(old.schemaVersion, 1);
    assert.equal(old.selection, undefined);
    assert.deepEqual(selectionLines(old), []);
  });

  it('the HTML report has one selection table per test set, with each pick', () => {
    const html = renderReportHtml(results, {});
    assert.match(html, /<h2>Label-free selection<\/h2>/);
    const tables = html.match(/<table><caption>(All anomaly types|Normal \+ [^<]*) · best by AUROC/g) ?? [];
    assert.equal(tables.length, 1 + results.anomalyTypes.length);
    for (const c of results.selection?.criteria ?? []) assert.ok(html.includes(`<td>${c.picks.all ?? '—'}</td>`), c.name);
  });

  it('the JSON export carries the selection summary as results.json has it, the panel snapshot too', () => {
    const json = JSON.parse(matrixJson(results, matrixExportRows(results, {})));
    assert.deepEqual(json.selection, results.selection);
    const view = buildRunView(SELECTION_RUN, results, { categories: {} });
    assert.deepEqual(view.results.selection, results.selection);
  });

  it('a crafted selection that readers cannot use is refused with the field named', () => {
    const raw = JSON.parse(readFileSync(join(SELECTION_RUN, 'results.json'), 'utf8')) as RunResults;
    assert.throws(() => upgradeResults({ ...raw, selection: { candidates: 'x', criteria: [] } }, 'results.json'), /selection\.candidates must be a list of strings/);
    const cells = raw.cells.map((c, i) => (i === 1 ? { ...c, selection: { byTestSet: { all: { values: { dsv: 'low' } } } } } : c));
    assert.throws(() => upgradeResults({ ...raw, cells }, 'results.json'), /cells\[1\]\.selection\.byTestSet\["all"\]\.values must map criteria to numbers or null/);
  });
});

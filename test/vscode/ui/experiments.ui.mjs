// The experiments table, checked inside its webview frame: it lists the runs of the runs folder
// with results.json's numbers, sorts by a metric column, filters by text, tag and a metric range,
// compares a multi-selection of three runs (the compare view lists the config fields that differ),
// writes a note from the table, and after a window reload shows the note and keeps its sort and filter.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installRun, workspaceOf } from './results.ui.mjs';

export const title = 'experiments table: rows from results.json, sort, filters, compare a multi-selection, a note from the table survives a reload';

const IDS = ['20261128-232858-shapes-fixture', '20261129-002729-quickstart', '20261129-150033-selection-fixture'];
const fixture = (id) => fileURLToPath(new URL(`../workspace/fixtures/runs/${id}`, import.meta.url));

/** The best mean AUROC of one column, read from the summary directly. */
function bestOf(results, type) {
  return Math.max(...results.summary.filter((e) => e.anomalyType === type).map((e) => e.metrics.auroc.mean));
}

async function shownIds(table) {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')));
}

export default async function check({ ui, assert }) {
  const removers = IDS.map((id) => installRun(ui.page, fixture(id), id));
  try {
    const runs = IDS.map((id) => JSON.parse(readFileSync(join(fixture(id), 'results.json'), 'utf8')));
    // Tag one run before the table opens (the notes sidecar in its folder).
    writeFileSync(join(workspaceOf(ui.page), '.ssad', 'runs', IDS[0], 'notes.json'), JSON.stringify({ note: '', tags: ['paper'] }));
    await ui.page.waitForTimeout(1_000);

    await ui.runCommand('SSAD: Open Experiments Table');
    const frame = ui.webviewFrame();
    const table = frame.locator('[data-testid="experiments-table"]');
    await table.waitFor({ state: 'attached', timeout: 30_000 });
    await frame.locator(`tr[data-run-id="${IDS[2]}"]`).waitFor({ state: 'attached', timeout: 15_000 });

    // Every fixture is a row with its numbers.
    for (const [k, id] of IDS.entries()) {
      const row = table.locator(`tr[data-run-id="${id}"]`);
      assert.equal(await row.count(), 1, `a row for ${id}`);
      const r = runs[k];
      assert.equal(await row.locator('td[data-column="name"]').textContent(), r.name);
      assert.equal(await row.locator('td[data-column="epochs"]').getAttribute('data-value'), String(r.scale.epochs));
      assert.equal(await row.locator('td[data-column="seeds"]').getAttribute('data-value'), String(r.config.seeds.length));
      for (const type of [...r.anomalyTypes, 'all']) {
        const cell = row.locator(`td[data-column="auroc:${type}"]`);
        assert.equal(Number(await cell.getAttribute('data-value')), bestOf(r, type), `${r.name}: AUROC ${type}`);
        assert.equal(await cell.textContent(), bestOf(r, type).toFixed(3));
      }
    }
    assert.equal(await table.locator(`tr[data-run-id="${IDS[0]}"] td[data-column="tags"]`).textContent(), 'paper');

    // Sort by AUROC on all: first descending, then ascending; against the values computed here.
    const byAll = IDS.map((id, k) => ({ id, v: bestOf(runs[k], 'all') }));
    const header = table.locator('th[data-column="auroc:all"] button');
    await header.click();
    await frame.locator('th[data-column="auroc:all"][aria-sort="descending"]').waitFor({ state: 'attached', timeout: 5_000 });
    const ours = (await shownIds(table)).filter((id) => IDS.includes(id));
    assert.deepEqual(ours, [...byAll].sort((a, b) => b.v - a.v).map((x) => x.id), 'descending by AUROC all');
    await frame.locator('th[data-column="auroc:all"] button').click();
    await frame.locator('th[data-column="auroc:all"][aria-sort="ascending"]').waitFor({ state: 'attached', timeout: 5_000 });
    assert.deepEqual((await shownIds(table)).filter((id) => IDS.includes(id)), [...byAll].sort((a, b) => a.v - b.v).map((x) => x.id), 'ascending');

    // Filters: text and tag.
    await frame.locator('[data-testid="filter-text"]').fill('selection');
    assert.deepEqual(await shownIds(table), [IDS[2]]);
    await frame.locator('[data-testid="filter-text"]').fill('');
    await frame.locator('[data-testid="filter-tag"]').selectOption('paper');
    assert.deepEqual(await shownIds(table), [IDS[0]]);
    await frame.locator('[data-testid="filter-tag"]').selectOption('');

    // Compare all three from the table: the compare view shows three runs and a three-column config diff.
    await frame.locator('[data-testid="select-all"]').check();
    await frame.locator('[data-testid="row-count"]', { hasText: '3 selected' }).waitFor({ state: 'attached', timeout: 5_000 });
    await frame.locator('vscode-button[data-action="compare"]').click();
    const compare = ui.webviewFrame();
    const diff = compare.locator('[data-testid="config-diff-table"]');
    await diff.waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await compare.locator('[data-testid="compare-runs"] li').count(), 3);
    const names = diff.locator('tr[data-path="name"] td');
    assert.equal(await names.count(), 3, 'one value per run');
    // In the table's order (ascending AUROC on all), as JSON text.
    const order = [...byAll].sort((a, b) => a.v - b.v).map((x) => runs[IDS.indexOf(x.id)].name);
    assert.deepEqual(await names.allTextContents(), order.map((n) => JSON.stringify(n)));
    assert.equal(await compare.locator('[data-testid="heatmap-diff-2"]').count(), 1, 'C minus the baseline');

    // Back to the table (still sorted, still selected): a range on AUROC all keeps the runs above a threshold.
    await ui.runCommand('SSAD: Open Experiments Table');
    const again = ui.webviewFrame();
    await again.locator('[data-testid="experiments-table"]').waitFor({ state: 'attached', timeout: 30_000 });
    const sorted = [...byAll].sort((a, b) => a.v - b.v);
    const threshold = (sorted[0].v + sorted[1].v) / 2;
    await again.locator('[data-testid="filter-range-column"]').selectOption('auroc:all');
    await again.locator('[data-testid="filter-min"]').fill(String(threshold));
    const kept = (await shownIds(again.locator('[data-testid="experiments-table"]'))).filter((id) => IDS.includes(id));
    assert.deepEqual([...kept].sort(), byAll.filter((x) => x.v >= threshold).map((x) => x.id).sort(), 'the range keeps the runs at or above the threshold');
    assert.ok(!kept.includes(sorted[0].id));
    await ui.screenshot('experiments-table');

    // A note on one run, written from the table (actions take the selected rows the filter shows).
    await again.locator(`tr[data-run-id="${kept[1]}"] td.select-cell input`).uncheck();
    await again.locator('vscode-button[data-action="editNote"]:not([disabled])').click();
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Edit Run Note' }).waitFor({ state: 'visible', timeout: 10_000 });
    await ui.page.locator('.quick-input-widget input.input').fill('ablation: no colour jitter');
    await ui.page.keyboard.press('Enter');
    const note = () => ui.webviewFrame().locator(`tr[data-run-id="${kept[0]}"] td[data-column="note"]`, { hasText: 'ablation: no colour jitter' });
    await note().waitFor({ state: 'attached', timeout: 15_000 });

    await ui.runCommand('Developer: Reload Window');
    await ui.waitForWorkbench();
    await note().waitFor({ state: 'attached', timeout: 30_000 });
    const restored = ui.webviewFrame();
    assert.equal(await restored.locator('[data-testid="filter-min"]').inputValue(), String(threshold), 'the range filter survives the reload');
    assert.equal(await restored.locator('th[data-column="auroc:all"]').getAttribute('aria-sort'), 'ascending', 'so does the sort');
  } finally {
    for (const remove of removers) remove();
  }
}

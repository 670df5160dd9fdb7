// A finished run in the results panel, checked inside the webview frame: the heatmap has
// rows × columns cells with the numbers of results.json, Δ vs none switches them correctly, and
// clicking a cell shows its ROC curves.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const title = 'results panel: heatmap values from results.json, Δ vs none, ROC on click, gallery, restored after reload';

const FIXTURE_ID = '20261128-232858-shapes-fixture';
const FIXTURE = fileURLToPath(new URL(`../workspace/fixtures/runs/${FIXTURE_ID}`, import.meta.url));

/** The workspace folder the workbench has open (its URL says). */
export function workspaceOf(page) {
  const folder = new URL(page.url()).searchParams.get('folder');
  if (!folder) throw new Error(`no folder in the workbench URL ${page.url()}`);
  return folder.replace(/^vscode-remote:\/\/[^/]+/, '');
}

/** Copies a fixture run into the workspace's runs folder; returns the function that removes it. */
export function installRun(page, source, id) {
  const target = join(workspaceOf(page), '.ssad', 'runs', id);
  cpSync(source, target, { recursive: true });
  return () => rmSync(target, { recursive: true, force: true });
}

/** "SSAD: Open Results", picking `name` when other runs make it ask. */
export async function openRun(ui, name) {
  await ui.runCommand('SSAD: Open Results');
  const row = ui.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first();
  const asked = await row.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
  if (asked) {
    await ui.page.locator('.quick-input-widget input.input').fill(name);
    await row.waitFor({ state: 'visible', timeout: 5_000 });
    await ui.page.keyboard.press('Enter');
  }
}

export default async function check({ ui, assert }) {
  const remove = installRun(ui.page, FIXTURE, FIXTURE_ID);
  try {
    const results = JSON.parse(readFileSync(join(FIXTURE, 'results.json'), 'utf8'));
    await ui.page.waitForTimeout(1_000);
    await openRun(ui, 'shapes-fixture');
    const frame = ui.webviewFrame();
    const heatmap = frame.locator('[data-testid="heatmap"]');
    await heatmap.waitFor({ state: 'attached', timeout: 30_000 });

    const rows = JSON.parse(await heatmap.getAttribute('data-rows'));
    const columns = JSON.parse(await heatmap.getAttribute('data-columns'));
    assert.deepEqual(columns, [...results.anomalyTypes, 'all']);
    assert.equal(rows[0], 'none');
    assert.deepEqual([...rows].sort(), [...results.augmentations].sort());
    const summary = (aug, type) => results.summary.find((s) => s.augmentation === aug && s.anomalyType === type);

    // The accessible table has the same rows × columns, with results.json's means.
    const cells = frame.locator('[data-testid="heatmap-table"] td[data-anomaly-type]');
    assert.equal(await cells.count(), rows.length * columns.length);
    const values = JSON.parse(await heatmap.getAttribute('data-values'));
    rows.forEach((aug, r) => columns.forEach((type, c) => assert.equal(values[r * columns.length + c], summary(aug, type).metrics.auroc.mean)));
    const first = frame.locator('[data-testid="heatmap-table"] td[data-augmentation="rotate"][data-anomaly-type="invert"]');
    assert.equal(Number(await first.getAttribute('data-value')), summary('rotate', 'invert').metrics.auroc.mean);
    assert.match(await first.textContent(), new RegExp(summary('rotate', 'invert').metrics.auroc.mean.toFixed(3)));
    // The canvas was drawn by Chart.js.
    await frame.locator('[data-testid="heatmap"] canvas').waitFor({ state: 'visible' });

    // Δ vs none: the none row is 0, the others the paired difference.
    await frame.locator('vscode-button[data-metric="delta"]').click();
    await frame.locator('[data-testid="heatmap"][data-metric="delta"]').waitFor({ state: 'attached', timeout: 10_000 });
    const deltas = JSON.parse(await frame.locator('[data-testid="heatmap"]').getAttribute('data-values'));
    rows.forEach((aug, r) =>
      columns.forEach((type, c) => {
        const expected = aug === 'none' ? 0 : summary(aug, type).deltaAurocVsNone.mean;
        assert.ok(Math.abs(deltas[r * columns.length + c] - expected) < 1e-12, `Δ of ${aug} × ${type}`);
      }),
    );
    await frame.locator('[data-testid="heatmap-legend"] canvas').waitFor({ state: 'attached' });

    // Clicking a cell shows its ROC curves (one per seed), with the AUCs of results.json.
    await frame.locator('[data-testid="heatmap-table"] td[data-augmentation="flip"][data-anomaly-type="cutout"] button').click();
    const roc = frame.locator('[data-testid="roc"][data-augmentation="flip"][data-anomaly-type="cutout"]');
    await roc.waitFor({ state: 'attached', timeout: 15_000 });
    const aucs = JSON.parse(await roc.getAttribute('data-auc'));
    const expected = results.cells.filter((c) => c.augmentation === 'flip').map((c) => c.metrics.cutout.auroc);
    assert.equal(aucs.length, expected.length);
    aucs.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) < 1e-6, `AUC ${a} vs ${expected[i]}`));
    await frame.locator('[data-testid="roc"] canvas').waitFor({ state: 'visible' });
    await frame.locator('[data-testid="histogram"] canvas').waitFor({ state: 'attached' });
    // The gallery serves samples.png from the run folder.
    const img = frame.locator('[data-testid="gallery"] img');
    await img.waitFor({ state: 'attached' });
    // The image may still be on its way: wait for it to load (or fail) rather than sample once.
    const loaded = await img.evaluate(
      (i) =>
        new Promise((resolve) => {
          if (i.complete) return resolve(i.naturalWidth > 0);
          i.addEventListener('load', () => resolve(i.naturalWidth > 0), { once: true });
          i.addEventListener('error', () => resolve(false), { once: true });
          setTimeout(() => resolve(i.complete && i.naturalWidth > 0), 15_000);
        }),
    );
    assert.ok(loaded, 'samples.png loaded in the webview');

    // After a window reload the serializer restores the panel on the same run and metric.
    await ui.runCommand('Developer: Reload Window');
    await ui.waitForWorkbench();
    const restored = ui.webviewFrame().locator('[data-testid="heatmap"][data-metric="delta"]');
    await restored.waitFor({ state: 'attached', timeout: 30_000 });
    assert.deepEqual(JSON.parse(await restored.getAttribute('data-rows')), rows);
    await ui.webviewFrame().locator('[data-testid="run-status"]').waitFor({ state: 'attached', timeout: 10_000 });
  } finally {
    remove();
  }
}

// The screenshots of the README and the walkthrough (`npm run screenshot`), one set per theme, from
// a quickstart trained in the first session through "SSAD: Run Quickstart", as a user would; the
// next session opens a copy of that same run, so light and dark show the same numbers. The
// harness passes `outputDir` (the committed media/screenshots/) and `runStore` (a temp folder that
// outlives the sessions). The file names are fixed: README.md and package.json refer to them.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installRun, openRun, workspaceOf } from './results.ui.mjs';

export const title = 'screenshots for the README and the walkthrough, from a quickstart trained in this session';

/** Training the quickstart takes minutes: far more than a UI check's usual limit. */
export const limitMs = 25 * 60_000;

const TRAINING_TIMEOUT_MS = 20 * 60_000;

/** Finished runs of the test workspace that fill the experiments table next to the new one. */
const OTHER_RUNS = ['20261128-232858-shapes-fixture', '20261129-150033-selection-fixture'];
const fixture = (id) => fileURLToPath(new URL(`../workspace/fixtures/runs/${id}`, import.meta.url));

/** The names of the files one theme writes (`<name>-<theme>.png`), in the order they are taken. */
export const SHOTS = ['results', 'delta', 'cell', 'experiments', 'preview'];

export default async function screenshots({ ui, assert, theme, themeName, outputDir, runStore }) {
  assert.ok(outputDir && runStore, 'the harness passes outputDir and runStore');
  await ui.setColorTheme(themeName);
  const save = async (name, { clip } = {}) => {
    // Fonts, icons and charts settle after the DOM does.
    await ui.page.waitForTimeout(1_000);
    console.log(`    saved ${await ui.screenshot(`${name}-${theme}`, { dir: outputDir, clip })}`);
  };
  const removers = OTHER_RUNS.map((id) => installRun(ui.page, fixture(id), id));
  try {
    const runId = await quickstartRun(ui, runStore);
    assert.match(runId, /-quickstart$/);

    // The runs view in the side bar next to the panel on the AUROC heatmap.
    await ui.runCommand('SSAD Lab: Focus on Runs View');
    await ui.page.locator('.monaco-list-row', { hasText: 'quickstart' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await openRun(ui, runId);
    const frame = ui.webviewFrame();
    await frame.locator('[data-testid="heatmap"][data-metric="auroc"] canvas').waitFor({ state: 'visible', timeout: 60_000 });
    const status = await frame.locator('[data-testid="run-status"]').textContent();
    assert.match(status ?? '', /completed/i, 'the panel shows a completed run');
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await save('results');

    // Δ vs none on the diverging scale: where self-supervision helps (blue) or hurts (orange).
    await frame.locator('vscode-button[data-metric="delta"]').click();
    await frame.locator('[data-testid="heatmap"][data-metric="delta"] canvas').waitFor({ state: 'visible', timeout: 10_000 });
    await save('delta');

    // The aligned cell's ROC curves and score histograms.
    await frame.locator('vscode-button[data-metric="auroc"]').click();
    await frame.locator('[data-testid="heatmap-table"] td[data-augmentation="cutout"][data-anomaly-type="cutout"] button').click();
    await frame.locator('[data-testid="roc"] canvas').waitFor({ state: 'visible', timeout: 15_000 });
    await frame.locator('[data-testid="histogram"] canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
    await frame.locator('[data-testid="cell-detail"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await save('cell');

    // The table and the preview are wide: give them the side bar's room.
    await ui.runCommand('View: Close Primary Side Bar');
    await ui.runCommand('SSAD: Open Experiments Table');
    const table = ui.webviewFrame().locator('[data-testid="experiments-table"]');
    await table.locator(`tr[data-run-id="${runId}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    for (const id of OTHER_RUNS) await table.locator(`tr[data-run-id="${id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    // Below the line that names the runs folder by its path on this machine.
    const heading = await ui.webviewFrame().locator('p.scale', { hasText: 'Runs in' }).boundingBox();
    const bottom = await table.boundingBox();
    const viewport = ui.page.viewportSize();
    assert.ok(heading && bottom && viewport, 'the experiments table is on screen');
    const clip = { x: 0, y: heading.y + heading.height + 2, width: viewport.width };
    clip.height = Math.min(viewport.height, bottom.y + bottom.height + 24) - clip.y;
    await save('experiments', { clip });

    // A catalogue augmentation on real digits: no module of the workspace is run. It opens beside
    // the active editor; alone, it is the only webview on screen.
    await ui.runCommand('View: Close All Editors');
    await ui.runCommand('SSAD: Preview Augmentation');
    await ui.page.locator('.quick-input-widget input.input').fill('cutout');
    await ui.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Random erasing' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await ui.page.keyboard.press('Enter');
    const image = ui.webviewFrame().locator('figure img').first();
    await image.waitFor({ state: 'visible', timeout: 60_000 });
    const decoded = await image.evaluate(async (img) => {
      if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
      return img.naturalWidth > 0;
    });
    assert.ok(decoded, 'the preview image decoded');
    await save('preview');
  } finally {
    for (const remove of removers) remove();
  }
}

/**
 * The quickstart run's id: trained here through the palette when `runStore` has none yet (then
 * kept there), else copied from `runStore` into this workspace's runs folder.
 */
async function quickstartRun(ui, runStore) {
  const runsDir = join(workspaceOf(ui.page), '.ssad', 'runs');
  const stored = existsSync(runStore) ? readdirSync(runStore).filter((name) => name.endsWith('-quickstart')) : [];
  if (stored.length) {
    installRun(ui.page, join(runStore, stored[0]), stored[0]);
    // The runs service sees the new folder through its file watcher.
    await ui.page.waitForTimeout(1_000);
    return stored[0];
  }
  const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);
  await ui.runCommand('SSAD: Run Quickstart');
  console.log('    training the quickstart (a few minutes)…');
  const started = Date.now();
  const runId = await finishedRun(ui.page, runsDir, before);
  const results = readResults(join(runsDir, runId));
  if (results.status !== 'completed') throw new Error(`the quickstart ended ${results.status}: ${results.error ?? ''}`);
  console.log(`    trained ${runId} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  // The end-of-run notification would cover the panel.
  await ui.page.locator('.notification-toast', { hasText: '"quickstart" completed' }).first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
  await ui.runCommand('Notifications: Clear All Notifications');
  cpSync(join(runsDir, runId), join(runStore, runId), { recursive: true });
  return runId;
}

function readResults(runDir) {
  try {
    return JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  } catch {
    return undefined; // not written yet, or being replaced
  }
}

/** The new quickstart run folder, once its results.json says it is no longer running. */
async function finishedRun(page, runsDir, before) {
  const deadline = Date.now() + TRAINING_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const runId = (existsSync(runsDir) ? readdirSync(runsDir) : []).find((name) => !before.has(name) && name.endsWith('-quickstart'));
    const status = runId && readResults(join(runsDir, runId))?.status;
    if (status && status !== 'running') return runId;
    await page.waitForTimeout(2_000);
  }
  throw new Error(`the quickstart did not finish within ${TRAINING_TIMEOUT_MS / 60_000} minutes`);
}

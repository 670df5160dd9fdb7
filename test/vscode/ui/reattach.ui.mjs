// A run outlives the window that started it: a config is run from the editor, the window reloads
// while it trains, and the reloaded window follows the same training process (status bar, the
// run's line in the runs view with the time left), sees it complete, and opens its results.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceOf } from './results.ui.mjs';

export const title = 'a run goes on through a window reload: the reloaded window follows it, sees it complete and opens its results';

const NAME = 'reattach-check';
const CONFIG = {
  name: NAME,
  dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 512, maxTest: 64 },
  testbed: { type: 'synthetic', anomalies: ['flip', 'invert'] },
  detector: { type: 'dae', width: 8, depth: 2, codeSize: 16 },
  augmentations: ['none', 'flip', 'invert'],
  // About half a minute of training with the own wasm kernels: long enough to reload the window
  // in the middle and still see cells left (60 epochs had become short enough to finish first).
  training: { epochs: 150, batchSize: 32, learningRate: 0.003 },
  seeds: [0],
  runtime: { parallelism: 1 },
};

function read(file) {
  return readFileSync(file, 'utf8');
}

export default async function check({ page, ui, assert }) {
  if (await page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).count()) {
    console.log('      (Restricted Mode: runs cannot start; nothing to reattach)');
    return;
  }
  const workspace = workspaceOf(page);
  const configFile = join(workspace, `${NAME}.ssad.json`);
  const runsDir = join(workspace, '.ssad', 'runs');
  const ours = () => (existsSync(runsDir) ? readdirSync(runsDir).filter((id) => id.endsWith(`-${NAME}`)) : []);
  writeFileSync(configFile, `${JSON.stringify(CONFIG, null, 2)}\n`);
  try {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input.input').fill(`${NAME}.ssad.json`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: `${NAME}.ssad.json` }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: `${NAME}.ssad.json` }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await ui.runCommand('SSAD: Run Experiment');

    const spinner = page.locator('.statusbar-item', { hasText: /SSAD cell \d\/3/ });
    await spinner.first().waitFor({ state: 'visible', timeout: 120_000 });
    const [id] = ours();
    assert.ok(id, 'a run folder for the config');
    const runDir = join(runsDir, id);
    const deadline = Date.now() + 120_000;
    while (!(existsSync(join(runDir, 'events.jsonl')) && read(join(runDir, 'events.jsonl')).includes('"epoch"'))) {
      if (Date.now() > deadline) throw new Error('no epoch in the run’s journal within 120 s');
      await page.waitForTimeout(250);
    }
    const owner = JSON.parse(read(join(runDir, 'owner.json'))).pid;
    const before = JSON.parse(read(join(runDir, 'results.json')));
    assert.equal(before.status, 'running');
    assert.ok(before.cells.some((c) => c.status !== 'completed'), 'cells left to train when the window reloads');

    await ui.runCommand('Developer: Reload Window');
    await ui.waitForWorkbench();
    // The reloaded window follows the run: the spinner is back while the same process trains it.
    await spinner.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(JSON.parse(read(join(runDir, 'owner.json'))).pid, owner, 'the same process trains the run after the reload');
    await ui.runCommand('SSAD Lab: Focus on Runs View');
    const row = page.locator('.monaco-list-row', { hasText: NAME }).filter({ hasText: /cell \d\/3 · .* left/ });
    await row.first().waitFor({ state: 'visible', timeout: 60_000 });

    const toast = page.locator('.notification-toast', { hasText: `"${NAME}" completed` });
    await toast.first().waitFor({ state: 'visible', timeout: 300_000 });
    const results = JSON.parse(read(join(runDir, 'results.json')));
    assert.equal(results.status, 'completed');
    assert.ok(results.cells.every((c) => c.status === 'completed'));
    assert.equal(results.resumedAt, undefined, 'not resumed: trained through by one process');
    const log = read(join(runDir, 'run.log'));
    assert.equal((log.match(/ starting "reattach-check" in process /g) ?? []).length, 1, log);
    assert.match(log, new RegExp(`starting "${NAME}" in process ${owner}\\b`));
    assert.match(log, /run completed in/);

    await toast.first().getByRole('button', { name: 'Open Results' }).click();
    const heatmap = ui.webviewFrame().locator('[data-testid="heatmap"]');
    await heatmap.waitFor({ state: 'attached', timeout: 60_000 });
    const columns = JSON.parse(await heatmap.getAttribute('data-columns'));
    const rows = JSON.parse(await heatmap.getAttribute('data-rows'));
    const values = JSON.parse(await heatmap.getAttribute('data-values'));
    const mean = (aug, type) => results.summary.find((s) => s.augmentation === aug && s.anomalyType === type).metrics.auroc.mean;
    rows.forEach((aug, r) => columns.forEach((type, c) => assert.equal(values[r * columns.length + c], mean(aug, type))));
  } finally {
    for (const id of ours()) rmSync(join(runsDir, id), { recursive: true, force: true });
    rmSync(configFile, { force: true });
  }
}

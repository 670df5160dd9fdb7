// As a person would: with a config of a folder data set open in the editor, "SSAD: Preview
// Augmentation" → cutout previews on that config's training images (the panel names the data set
// and the image size); typing a parameter into its control re-renders the sheet and updates the
// config entry shown; a value out of range is refused with the engine's reason; after a window
// reload the panel comes back with the same augmentation, parameter and data, rendered anew.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceOf } from './results.ui.mjs';

export const title = 'preview on the open config’s folder data set: a parameter typed into its control re-renders, a bad one is refused, all restored after a reload';

const INPUT = '.quick-input-widget input.input';
const ROW = '.quick-input-list .monaco-list-row';

export default async function check({ page, ui, assert }) {
  const dir = join(workspaceOf(page), `preview-ui-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const name = 'parts.ssad.json';
  writeFileSync(
    join(dir, name),
    JSON.stringify({
      name: 'preview-ui',
      dataset: { source: 'folder', path: '../fixtures/preview-data', layout: 'mvtec', imageSize: 24 },
      testbed: { type: 'labeled' },
      detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
      augmentations: ['none', 'cutout'],
      training: { epochs: 1, batchSize: 4, learningRate: 0.001 },
      seeds: [0],
      runtime: { backend: 'wasm' },
    }, null, 2),
  );
  try {
    await previewOnConfig({ page, ui, assert, name });
  } finally {
    await ui.runCommand('View: Close All Editors').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function previewOnConfig({ page, ui, assert, name }) {
  // Open the config through Quick Open, as a person would.
  await ui.runCommand('Go to File...');
  await page.locator(INPUT).fill(name);
  await page.locator(ROW, { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });

  await ui.runCommand('SSAD: Preview Augmentation');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Preview which augmentation?' }).waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator(INPUT).fill('cutout');
  await page.locator(ROW, { hasText: 'cutout' }).first().waitFor({ state: 'visible', timeout: 5_000 });
  await page.keyboard.press('Enter');

  const frame = ui.webviewFrame();
  const image = frame.locator('figure img');
  await image.waitFor({ state: 'visible', timeout: 60_000 });
  const source = frame.locator('[data-testid="preview-source"]');
  assert.match(await source.textContent(), /folder '\.\.\/fixtures\/preview-data' \(mvtec\) of preview-ui-\w+\/parts\.ssad\.json, normal class good, training images at 24×24 px, grey/);
  const snippet = frame.locator('[data-testid="param-snippet"]');
  assert.equal(await snippet.textContent(), '"cutout"');
  const before = await image.getAttribute('src');

  // Typing into the fill control: re-rendered after the pause, the config entry follows.
  const fill = frame.locator('input[type="number"][data-param="fill"]');
  await fill.fill('1');
  await frame.locator('[data-testid="param-snippet"]', { hasText: '{"name":"cutout","params":{"fill":1}}' }).waitFor({ state: 'attached', timeout: 30_000 });
  let after = before;
  for (let i = 0; i < 300 && after === before; i++) {
    await page.waitForTimeout(100);
    after = await image.getAttribute('src');
  }
  assert.notEqual(after, before, 'the sheet re-rendered with fill = 1');
  assert.equal(await frame.locator('input[type="range"][data-param="fill"]').inputValue(), '1', 'the slider follows');

  // Out of range: refused, saying why; the image stays.
  await fill.fill('2');
  await frame.locator('[data-testid="param-error"]', { hasText: 'parameter "fill" must be in [0, 1], got 2' }).waitFor({ state: 'attached', timeout: 30_000 });
  assert.equal(await image.getAttribute('src'), after, 'nothing re-rendered');
  const caption = await frame.locator('figcaption').textContent();

  await ui.runCommand('Developer: Reload Window');
  await ui.waitForWorkbench();
  const restored = ui.webviewFrame();
  // Rendered anew by the host (a later time in the caption), not just the saved picture.
  await restored.locator('figcaption', { hasNotText: caption ?? '' }).waitFor({ state: 'attached', timeout: 60_000 });
  assert.match(await restored.locator('figcaption').textContent(), /^cutout\{fill=1\}/);
  assert.equal(await restored.locator('[data-testid="param-snippet"]').textContent(), '{"name":"cutout","params":{"fill":1}}');
  assert.equal(await restored.locator('input[type="number"][data-param="fill"]').inputValue(), '1');
  assert.match(await restored.locator('[data-testid="preview-source"]').textContent(), /of preview-ui-\w+\/parts\.ssad\.json/);
  assert.equal(await restored.locator('figure img').getAttribute('src'), after, 'the same sheet as before the reload');
}

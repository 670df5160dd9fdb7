// As a person would, with `ssad.augmentationsDirectory` set to a folder of the user's own:
// "SSAD: New Augmentation" through its three prompts (name, template, purpose) writes the module
// there and opens it; the editor title's Preview Augmentation button, shown because its
// when-clause follows the setting (not a folder named "augmentations", not a `file` URI scheme),
// previews it. Inside the preview's webview frame: an image that really decoded (natural size > 0)
// and a caption naming the module, under a strict CSP. In Restricted Mode the module is written
// but never run: the preview refuses, saying why.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceOf } from './results.ui.mjs';

export const title = 'New Augmentation through its prompts into ssad.augmentationsDirectory, then its Preview button renders the module in the webview';

const AUGMENTATIONS = 'lab/my-augs';

const INPUT = '.quick-input-widget input.input';
const TITLE = '.quick-input-widget .quick-input-title';

export default async function check({ page, ui, assert }) {
  const settingsDir = join(workspaceOf(page), '.vscode');
  mkdirSync(settingsDir, { recursive: true });
  writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ 'ssad.augmentationsDirectory': AUGMENTATIONS }));
  try {
    await previewOwnFolder({ page, ui, assert });
  } finally {
    rmSync(settingsDir, { recursive: true, force: true });
    rmSync(join(workspaceOf(page), 'lab'), { recursive: true, force: true });
  }
}

async function previewOwnFolder({ page, ui, assert }) {
  // The window reads the workspace settings file it did not have when it opened.
  await ui.runCommand('Developer: Reload Window');
  await ui.waitForWorkbench();
  const name = `ui-patch-x${Date.now().toString(36)}`;
  await ui.runCommand('SSAD: New Augmentation');
  const input = page.locator(INPUT);
  const answer = async (step, text) => {
    await page.locator(TITLE, { hasText: step }).waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(text);
    if (step !== '1/3') await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ state: 'visible', timeout: 5_000 });
    await input.press('Enter');
  };
  await answer('1/3', name);
  await answer('2/3', 'Patch');
  await answer('3/3', 'Both');
  // The module opens in an editor tab.
  await page.locator('.tabs-container .tab', { hasText: `${name}.ts` }).first().waitFor({ state: 'visible', timeout: 20_000 });

  const restricted = await page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).count();
  // The editor's own Preview button, on a module outside any folder named "augmentations".
  const previewButton = page.locator('.editor-actions .action-label[aria-label^="Preview Augmentation"]').first();
  await previewButton.waitFor({ state: 'visible', timeout: 15_000 });
  await previewButton.click();
  if (restricted) {
    await page.locator('.notification-toast', { hasText: 'does not run custom augmentation code in Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    // Other SSAD panels (restored after the reload, kept alive while hidden) may have webviews: look for the preview's tab.
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /^\s*(Preview: |SSAD Preview)/ }).count(), 0, 'no preview panel opened');
    return;
  }
  const frame = ui.webviewFrame();
  const image = frame.locator('figure img');
  await image.waitFor({ state: 'visible', timeout: 60_000 });
  const size = await image.evaluate(async (img) => {
    if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
    return { width: img.naturalWidth, height: img.naturalHeight, src: img.getAttribute('src') ?? '' };
  });
  assert.ok(size.width > 0 && size.height > 0, `the preview image decoded (${size.width}×${size.height})`);
  assert.match(size.src, /^data:image\/png;base64,/);
  const caption = await frame.locator('figcaption').textContent();
  assert.ok(caption?.includes(`./${AUGMENTATIONS}/${name}.ts`), `the caption names the module in the configured folder: ${caption}`);
  assert.match(caption ?? '', /anomaly mode/);

  const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp ?? '', /default-src 'none'/);
  assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);
}

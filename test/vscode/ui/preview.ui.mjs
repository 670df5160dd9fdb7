// As a person would: "SSAD: New Augmentation" through its three prompts (name, template,
// purpose) opens the new module; "SSAD: Preview Augmentation" previews the module open in the
// editor. Inside the preview's webview frame: an image that really decoded (natural size > 0)
// and a caption naming the module, under a strict CSP. In Restricted Mode the module is written
// but never run: the preview refuses, saying why.
export const title = 'New Augmentation through its prompts, then Preview Augmentation renders the module in the webview';

const INPUT = '.quick-input-widget input.input';
const TITLE = '.quick-input-widget .quick-input-title';

export default async function check({ page, ui, assert }) {
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
  await ui.runCommand('SSAD: Preview Augmentation');
  if (restricted) {
    await page.locator('.notification-toast', { hasText: 'does not run custom augmentation code in Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await page.locator('iframe.webview[src*="extensionId=ssad-lab.ssad-lab"]').count(), 0, 'no preview panel opened');
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
  assert.ok(caption?.includes(`./ssad/augmentations/${name}.ts`), `the caption names the module: ${caption}`);
  assert.match(caption ?? '', /anomaly mode/);

  const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp ?? '', /default-src 'none'/);
  assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);
}

// Run on an installed VSIX only (scripts/harness/vsix.mjs): the extension's details page, as a
// user opens it from the Extensions view, renders the shipped README with its screenshots loaded
// (inlined, since the page refuses images from the extension's folder) and the README's text.
export const title = "the installed extension's details page shows the README with its screenshots";

export default async function check({ page, ui, assert }) {
  await ui.runCommand('View: Show Extensions');
  const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'SSAD Lab' }).first();
  await entry.waitFor({ state: 'visible', timeout: 30_000 });
  await entry.click();
  await page.locator('.extension-editor .header .name', { hasText: 'SSAD Lab' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  // The details are a webview of the workbench's own, laid over the editor (outside its DOM
  // subtree) and the only one on screen.
  const details = page.frameLocator('iframe.webview >> visible=true').frameLocator('#active-frame');
  await details.locator('h1', { hasText: 'SSAD Lab' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const images = details.locator('img[src^="data:image/png"]');
  const count = await images.count();
  assert.ok(count >= 1, 'the README shows its screenshots');
  const sizes = await images.evaluateAll((imgs) =>
    Promise.all(
      imgs.map(async (img) => {
        if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
        return img.naturalWidth;
      }),
    ),
  );
  assert.ok(sizes.every((w) => w >= 800), `every screenshot decoded at full width: ${sizes.join(', ')}`);
  assert.match(await details.locator('body').innerText(), /alignment matrix/);
}

// Screenshots of the results panel for the README and for review, one per theme:
// `npm run screenshot` runs this once in a light and once in a dark workbench.
export const title = 'screenshot of the results panel';

/** `theme` names the file (light, dark); `themeName` is the VS Code theme to wear. */
export default async function screenshots({ ui, assert, theme, themeName }) {
  await ui.setColorTheme(themeName);
  await ui.runCommand('SSAD: Open Results');
  const frame = ui.webviewFrame();
  // The panel renders its content from a snapshot sent after `ready`: wait until it is there.
  const heading = frame.locator('h1').first();
  await heading.waitFor({ state: 'visible', timeout: 30_000 });
  assert.ok((await heading.textContent())?.trim(), 'the results panel rendered no heading');
  // Let fonts, icons and charts settle before the picture.
  await ui.page.waitForTimeout(1_000);
  const path = await ui.screenshot(`results-${theme}`);
  console.log(`    saved ${path}`);
}

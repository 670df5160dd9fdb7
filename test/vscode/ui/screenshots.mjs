// Screenshots of the results panel for the README and for review, one per theme:
// `npm run screenshot` runs this once in a light and once in a dark workbench, on a finished MNIST
// quickstart run (7 augmentations × 3 anomaly types) copied into the workspace's runs folder.
import { fileURLToPath } from 'node:url';
import { installRun, openRun } from './results.ui.mjs';

export const title = 'screenshot of the results panel';

const RUN_ID = '20261129-002729-quickstart';
const RUN = fileURLToPath(new URL(`../workspace/fixtures/runs/${RUN_ID}`, import.meta.url));
const OTHER_ID = '20261128-232858-shapes-fixture';
const OTHER = fileURLToPath(new URL(`../workspace/fixtures/runs/${OTHER_ID}`, import.meta.url));

/** `theme` names the file (light, dark); `themeName` is the VS Code theme to wear. */
export default async function screenshots({ ui, assert, theme, themeName }) {
  await ui.setColorTheme(themeName);
  // Both runs are in the runs folder before the panel opens, so "Open Results" asks which one.
  const removeOther = installRun(ui.page, OTHER, OTHER_ID);
  const remove = installRun(ui.page, RUN, RUN_ID);
  try {
    await ui.page.waitForTimeout(1_000);
    await openRun(ui, 'quickstart');
    const frame = ui.webviewFrame();
    await frame.locator('[data-testid="heatmap"] canvas').waitFor({ state: 'visible', timeout: 30_000 });
    // Show a cell's ROC curves and histograms too.
    await frame.locator('[data-testid="heatmap-table"] td[data-augmentation="flip"][data-anomaly-type="flip"] button').click();
    await frame.locator('[data-testid="roc"]').waitFor({ state: 'attached', timeout: 15_000 });
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    const heading = frame.locator('h1').first();
    await heading.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await heading.textContent())?.trim(), 'the results panel rendered no heading');
    // Let fonts, icons and charts settle before the picture.
    await ui.page.waitForTimeout(1_000);
    console.log(`    saved ${await ui.screenshot(`results-${theme}`)}`);
    // The rest of the panel, scrolled: ROC and histograms, bars, curves.
    await frame.locator('[data-testid="cell-detail"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await ui.page.waitForTimeout(500);
    console.log(`    saved ${await ui.screenshot(`results-${theme}-lower`)}`);
    // Δ vs none on the diverging scale: where self-supervision helps (blue) or hurts (orange).
    await frame.locator('vscode-button[data-metric="delta"]').click();
    await frame.locator('[data-testid="heatmap"][data-metric="delta"] canvas').waitFor({ state: 'visible', timeout: 10_000 });
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await ui.page.waitForTimeout(500);
    console.log(`    saved ${await ui.screenshot(`results-${theme}-delta`)}`);

    // Two runs side by side and their difference (quickstart − shapes on the shared rows).
    await ui.runCommand('SSAD: Compare Runs');
    await ui.pickMany(['shapes-fixture', 'quickstart']);
    await frame.locator('[data-testid="heatmap-diff-1"] canvas').waitFor({ state: 'visible', timeout: 15_000 });
    await ui.page.waitForTimeout(800);
    console.log(`    saved ${await ui.screenshot(`results-${theme}-compare`)}`);
  } finally {
    remove();
    removeOther();
  }
}

// Drives the VS Code workbench from Playwright, as a person would: the command palette, the
// webviews, screenshots. Used by the UI checks (*.ui.mjs), the screenshot script and the harness.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const PALETTE_INPUT = '.quick-input-widget input.input';
const PALETTE_ROW = '.quick-input-list .monaco-list-row';

/**
 * @param {import('playwright-core').Page} page a page showing the workbench
 * @param {{ screenshotDir: string }} options
 */
export function createUi(page, { screenshotDir }) {
  /** Resolves once the workbench's layout is on the page. */
  async function waitForWorkbench({ timeout = 60_000 } = {}) {
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  }

  /**
   * With workspace trust on, a fresh folder opens behind a "Do you trust the authors" dialog that
   * blocks the palette: answer it (no: Restricted Mode; yes: trusted). Resolves at once if no
   * dialog comes within `timeout`.
   */
  async function answerTrustPrompt({ trust = false, timeout = 5_000 } = {}) {
    const label = trust ? 'Yes, I trust the authors' : "No, I don't trust the authors";
    const button = page.locator('.monaco-dialog-box').getByRole('button', { name: label });
    try {
      await button.waitFor({ state: 'visible', timeout });
    } catch {
      return false;
    }
    await button.click();
    await button.waitFor({ state: 'hidden', timeout });
    return true;
  }

  /** Opens the command palette (F1) and returns its input. */
  async function openPalette({ timeout = 10_000 } = {}) {
    const input = page.locator(PALETTE_INPUT);
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout });
    return input;
  }

  async function closePalette() {
    await page.keyboard.press('Escape');
    await page.locator(PALETTE_INPUT).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }

  /**
   * Runs a command by its palette title (e.g. "SSAD: Open Results"). The first attempts can come
   * before the extension host has registered the extension's contributions, so it retries.
   */
  async function runCommand(title, { attempts = 8, rowTimeout = 5_000 } = {}) {
    let lastError;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const input = await openPalette();
        await input.fill(`>${title}`);
        const row = page.locator(PALETTE_ROW).filter({
          has: page.locator('.label-name', { hasText: exactly(title) }),
        });
        await row.first().waitFor({ state: 'visible', timeout: rowTimeout });
        await row.first().click();
        // The command list goes away; the palette itself may stay for a command's own quick pick.
        await row.first().waitFor({ state: 'hidden', timeout: rowTimeout });
        return;
      } catch (err) {
        lastError = err;
        if (process.env.SSAD_HARNESS_VERBOSE) console.log(`      palette attempt ${attempt} for "${title}" failed: ${err.message.split('\n')[0]}`);
        await closePalette();
        await page.waitForTimeout(1_000);
      }
    }
    throw new Error(`the command palette did not run "${title}" after ${attempts} attempts: ${lastError?.message}`);
  }

  /**
   * Switches the colour theme through "Preferences: Color Theme", as a person would. An extension
   * development window does not apply workbench.colorTheme from the settings files, so the
   * screenshots set it here. Resolves once the workbench wears the new theme.
   */
  async function setColorTheme(themeName, { attempts = 4, timeout = 10_000 } = {}) {
    const workbench = page.locator('.monaco-workbench');
    const before = await workbench.getAttribute('class');
    let lastError;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await pickTheme(themeName, timeout);
        const deadline = Date.now() + timeout;
        while ((await workbench.getAttribute('class')) === before && Date.now() < deadline) await page.waitForTimeout(100);
        return;
      } catch (err) {
        lastError = err;
        await closePalette();
      }
    }
    throw new Error(`could not switch to the theme "${themeName}" after ${attempts} attempts: ${lastError?.message}`);
  }

  async function pickTheme(themeName, timeout) {
    await runCommand('Preferences: Color Theme');
    // The theme list fills in a moment after the picker opens; typing before that can leave it
    // empty, so wait for its rows first.
    const rows = page.locator(PALETTE_ROW);
    await rows.first().waitFor({ state: 'visible', timeout });
    // A theme's row reads "Light Modern" with "Default Light Modern" beside it, and the list
    // filters on the first only: type the short name, pick the row that shows the full one.
    const input = page.locator(PALETTE_INPUT);
    await input.fill(themeName.replace(/^Default /, ''));
    const row = rows.filter({ hasText: themeName });
    await row.first().click({ timeout });
    await input.waitFor({ state: 'hidden', timeout });
  }

  /**
   * The content frame of the visible webview (an outer `iframe.webview` that hosts an inner
   * `#active-frame`). `extensionId` narrows it to one extension's webviews.
   */
  function webviewFrame({ extensionId = 'ssad-lab.ssad-lab' } = {}) {
    const outer = `iframe.webview[src*="extensionId=${extensionId}"] >> visible=true`;
    return page.frameLocator(outer).frameLocator('#active-frame');
  }

  /**
   * Saves a PNG of the window (or of its `clip` rectangle) as `<dir>/<name>.png` (dir: the
   * screenshots folder) and returns its path.
   */
  async function screenshot(name, { dir = screenshotDir, clip } = {}) {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    await page.screenshot({ path, clip });
    return path;
  }

  /**
   * Ticks the rows of an open multi-select quick pick whose text holds each of `names` (typing a
   * name filters the list; ticks stay when the filter changes), then accepts with Enter.
   */
  async function pickMany(names, { timeout = 10_000 } = {}) {
    const input = page.locator(PALETTE_INPUT);
    await input.waitFor({ state: 'visible', timeout });
    for (const name of names) {
      await input.fill(name);
      const row = page.locator(PALETTE_ROW).filter({ hasText: name }).first();
      await row.waitFor({ state: 'visible', timeout });
      await row.locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first().click();
    }
    await input.fill('');
    await page.keyboard.press('Enter');
  }

  return { page, waitForWorkbench, answerTrustPrompt, openPalette, closePalette, runCommand, pickMany, setColorTheme, webviewFrame, screenshot };
}

function exactly(text) {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

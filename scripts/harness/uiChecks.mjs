// Runs UI checks from the Playwright side: each check gets a freshly loaded workbench, a UI helper
// (test/vscode/ui/workbench.mjs) and node:assert, and passes unless it throws. A failed check
// leaves a screenshot of the window in the screenshots folder.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createUi } from '../../test/vscode/ui/workbench.mjs';
import { withLimit } from './cleanup.mjs';
import { formatMessage, isNoise, verbose } from './logLines.mjs';
import { paths } from './paths.mjs';
import { workbenchUrl } from './workbench.mjs';

const CHECK_LIMIT_MS = 120_000;

/** Removes the failure screenshots of an earlier run, so that those left belong to this one. */
export function clearFailureScreenshots() {
  if (!existsSync(paths.screenshots)) return;
  for (const name of readdirSync(paths.screenshots)) {
    if (/^failed-.*\.png$/.test(name)) rmSync(join(paths.screenshots, name), { force: true });
  }
}

/** Every `test/vscode/ui/*.ui.mjs`, sorted. */
export function findUiChecks() {
  if (!existsSync(paths.uiDir)) return [];
  // SSAD_UI_GREP=experiments runs only the checks whose file name matches (while working on one).
  const only = process.env.SSAD_UI_GREP ? new RegExp(process.env.SSAD_UI_GREP) : undefined;
  return readdirSync(paths.uiDir)
    .filter((name) => name.endsWith('.ui.mjs') && (!only || only.test(name)))
    .sort()
    .map((name) => join(paths.uiDir, name));
}

/**
 * Runs `files` one after the other in `session` and prints one line per check, in the style of
 * Mocha's spec reporter.
 * @param {object} session from startSession
 * @param {string[]} files modules whose default export is `async ({ page, ui, assert, ...extra }) => void`,
 *   and whose optional `limitMs` replaces the default time limit of a check
 * @param {{ heading: string, extensionDevelopmentPath?: string, extra?: object }} options
 * @returns {Promise<{ passed: number, failed: number }>}
 */
export async function runUiChecks(session, files, { heading, extensionDevelopmentPath, extra = {} }) {
  const counts = { passed: 0, failed: 0 };
  console.log(`\n  ${heading}`);
  for (const file of files) {
    const name = basename(file).replace(/(\.ui)?\.m?js$/, '');
    const module = await import(pathToFileURL(file).href);
    const title = module.title ?? name;
    const started = Date.now();
    // A check that fails is run once more from a fresh workbench, and its first failure is printed
    // either way: a browser driving code-server now and then loses a window's state across
    // "Reload Window" (no editor restored at all), which is not what any check is about. A check
    // that fails twice fails.
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        // A check that trains (the screenshots) says how long it may take.
        const limitMs = module.limitMs ?? CHECK_LIMIT_MS;
        await withLimit(runOne(session, module.default, { extensionDevelopmentPath, extra }), limitMs, `did not finish within ${limitMs / 1000} s`);
        counts.passed++;
        console.log(`    ✔ ${title}${attempt > 1 ? ' (on its second attempt; the first failure is above)' : ''} (${Date.now() - started}ms)`);
        break;
      } catch (err) {
        const last = attempt === 2;
        if (last) counts.failed++;
        console.log(`    ${last ? '✘' : '!'} ${title}${last ? '' : ' — failed on its first attempt, running it once more:'}\n      ${String(err?.stack ?? err).split('\n').join('\n      ')}`);
        const shot = await createUi(session.page, { screenshotDir: paths.screenshots })
          .screenshot(`failed-${name}${extra.theme ? `-${extra.theme}` : ''}${last ? '' : '-first'}`)
          .catch(() => undefined);
        if (shot) console.log(`      screenshot: ${shot}`);
      }
    }
  }
  return counts;
}

async function runOne(session, check, { extensionDevelopmentPath, extra }) {
  if (typeof check !== 'function') throw new Error('the module has no default export function');
  const { page, hooks, server, workspaceDir } = session;
  // The workbench's log reaches the terminal only for errors (all of it with SSAD_HARNESS_VERBOSE).
  hooks.log = (level, message) => {
    const line = formatMessage(message);
    if ((level === 'error' || verbose) && !isNoise(line)) console.log(`      [workbench] ${line}`);
  };
  await page.goto(workbenchUrl(server.port, { folder: workspaceDir, extensionDevelopmentPath }), { waitUntil: 'domcontentloaded' });
  const ui = createUi(page, { screenshotDir: paths.screenshots });
  await ui.waitForWorkbench();
  // With --workspace-trust the checks see what a user who declines trust sees: Restricted Mode.
  if (!session.trusted) await ui.answerTrustPrompt({ trust: false });
  // Every check starts from an empty editor area: panels that an earlier suite or check left open
  // are restored with the window (the preview in a second group), and would be a second webview.
  await ui.runCommand('View: Close All Editor Groups');
  await page.locator('iframe.webview >> visible=true').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
  await check({ page, ui, assert, ...extra });
}

// Launches Debian's chromium through playwright-core: a real browser is what makes code-server
// start a workbench, and with it the extension host.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox', // runs as root in CI
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage', // small /dev/shm in containers
];

export const VIEWPORT = { width: 1400, height: 900 };

/**
 * Starts chromium with a fresh profile in `profileDir` and the two hooks the workbench calls in
 * test mode: `codeAutomationLog` (every log line, the extension host's console included) and
 * `codeAutomationExit` (the suites' exit code). They are exposed on the context, before any page
 * loads, and dispatch to whatever `hooks` holds at the time, so each run can plug in its own.
 */
export async function launchBrowser(profileDir, { headless = true, xdgDir } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`chromium not found at ${chromiumPath}: run scripts/setup-vscode-harness.sh (or set SSAD_CHROMIUM)`);
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    // Else chromium keeps its crash-report folder in the home folder's .config.
    env: xdgDir ? { ...process.env, XDG_CONFIG_HOME: join(xdgDir, 'config'), XDG_CACHE_HOME: join(xdgDir, 'cache') } : process.env,
    // The harness stops the browser itself, in order, with code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const hooks = { log: () => {}, exit: () => {} };
  await context.exposeFunction('codeAutomationLog', (level, message) => hooks.log(level, message));
  await context.exposeFunction('codeAutomationExit', (code) => hooks.exit(code));
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, hooks };
}

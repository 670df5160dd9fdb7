// One isolated VS Code session: a fresh state folder, a fresh workspace folder, code-server on a
// free port and a headless chromium, all registered for clean-up as soon as they exist.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { codeServerEnv, freePort, installVsix, listExtensions, startCodeServer } from './codeServer.mjs';
import { paths } from './paths.mjs';
import { stopStrayRuns } from './strayRuns.mjs';

export const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

/**
 * User settings for a quiet, reproducible workbench (no welcome page, tips, or update checks).
 * An extension development window ignores the theme here; test/vscode/ui sets it through the UI.
 */
function userSettings(theme) {
  return {
    'workbench.colorTheme': THEMES[theme] ?? theme,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.commandCenter.enabled': false,
    'window.commandCenter': false,
  };
}

/**
 * @param {object} options
 * @param {ReturnType<import('./cleanup.mjs').createCleanup>} options.cleanup
 * @param {'light'|'dark'|string} [options.theme]
 * @param {string} [options.vsix] a packaged extension to install before start
 * @param {boolean} [options.keepState] leave the temp folders for inspection
 * @param {boolean} [options.trustWorkspace] true: workspace trust off, every folder trusted;
 *   false: trust on, so a fresh folder opens in Restricted Mode
 */
export async function startSession({ cleanup, theme = 'dark', vsix, keepState = false, trustWorkspace = true }) {
  const stateDir = mkdtempSync(join(tmpdir(), 'ssad-vscode-'));
  cleanup.add('remove temp folders', () => {
    if (keepState) console.log(`[harness] kept the state folder ${stateDir}`);
    else rmSync(stateDir, { recursive: true, force: true });
  });
  cleanup.add('stop runs still training', () => {
    const stopped = stopStrayRuns(stateDir);
    if (stopped > 0) console.log(`[harness] stopped ${stopped} run(s) still training when the session ended`);
  });

  const workspaceDir = join(stateDir, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  if (existsSync(paths.workspaceFixture)) cpSync(paths.workspaceFixture, workspaceDir, { recursive: true });

  const userDir = join(stateDir, 'user-data', 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify(userSettings(theme), null, 2));

  mkdirSync(paths.screenshots, { recursive: true });
  const env = codeServerEnv(stateDir, { SSAD_SCREENSHOT_DIR: paths.screenshots });

  let installedExtensions = [];
  if (vsix) {
    console.log(`[harness] installing ${vsix}`);
    installVsix(stateDir, vsix, env);
    installedExtensions = listExtensions(stateDir, env);
  }

  const server = await startCodeServer({ stateDir, port: await freePort(), env, trustWorkspace });
  cleanup.add('stop code-server', () => server.stop());

  const browser = await launchBrowser(join(stateDir, 'chromium'), { xdgDir: join(stateDir, 'chromium-xdg') });
  cleanup.add('close chromium', () => browser.context.close());

  return { stateDir, workspaceDir, installedExtensions, trusted: trustWorkspace, server, ...browser };
}

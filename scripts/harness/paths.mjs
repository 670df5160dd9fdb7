// Paths the harness uses, all computed from this file's location so that the scripts work in any
// checkout (a developer's tree, CI's fresh clone).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const paths = {
  setupScript: join(repoRoot, 'scripts', 'setup-vscode-harness.sh'),
  codeServerEntry: join(repoRoot, '.cache', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  extensionBundle: join(repoRoot, 'dist', 'extension.js'),
  testsIndex: join(repoRoot, 'dist', 'test', 'vscode', 'index.js'),
  workspaceFixture: join(repoRoot, 'test', 'vscode', 'workspace'),
  uiDir: join(repoRoot, 'test', 'vscode', 'ui'),
  // Committed: what `npm run screenshot` writes for README.md and the walkthrough.
  mediaScreenshots: join(repoRoot, 'media', 'screenshots'),
  // Git-ignored (failure screenshots); SSAD_SCREENSHOT_DIR moves it (the extension host gets the same value).
  screenshots: process.env.SSAD_SCREENSHOT_DIR ? resolve(process.env.SSAD_SCREENSHOT_DIR) : join(repoRoot, 'screenshots'),
};

/** Debian's chromium: Playwright's own browser download cannot work offline. */
export const chromiumPath = process.env.SSAD_CHROMIUM ?? '/usr/bin/chromium';

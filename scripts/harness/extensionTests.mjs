// Runs the Mocha suites inside the real extension host: the workbench loads
// dist/test/vscode/index.js as `extensionTestsPath`, forwards the host's console (Mocha's spec
// reporter) through `codeAutomationLog` and reports the exit code through `codeAutomationExit`.
import { createTestLog } from './logLines.mjs';
import { paths, repoRoot } from './paths.mjs';
import { workbenchUrl } from './workbench.mjs';

/**
 * @returns {Promise<{ exitCode: number, result?: { passed: number, failed: number, pending: number } }>}
 */
export async function runExtensionTests(session) {
  const { page, hooks, server, workspaceDir } = session;
  const log = createTestLog();
  hooks.log = log.onLog;
  const exited = new Promise((resolve) => {
    hooks.exit = resolve;
  });

  const url = workbenchUrl(server.port, {
    folder: workspaceDir,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: paths.testsIndex,
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  try {
    const exitCode = await Promise.race([
      exited,
      server.exit.then(() => {
        throw new Error(`code-server stopped during the tests\n${server.logTail()}`);
      }),
      new Promise((_, reject) => page.once('crash', () => reject(new Error('the workbench page crashed')))),
    ]);
    return { exitCode, result: log.result() };
  } finally {
    hooks.log = () => {};
    hooks.exit = () => {};
  }
}

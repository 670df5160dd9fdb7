#!/usr/bin/env node
// Runs the same extension-host suites as `npm run test:vscode`, but in desktop VS Code (Electron)
// through @vscode/test-electron, for machines that have one or can download one.
//
//   SSAD_VSCODE_EXECUTABLE=/path/to/code node scripts/test-electron.mjs   a local VS Code
//   node scripts/test-electron.mjs                                        downloads VS Code first
//
// Where the download cannot work (no network), it says so and fails: it never reports a pass it
// did not see. On Linux without a display, run it under xvfb-run.
import { SilentReporter, downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths, repoRoot } from './harness/paths.mjs';

/** The VS Code the suites are written against (code-server 4.100.3 ships the same). */
const VSCODE_VERSION = '1.100.3';
/** The whole download, not only its idle time, must end within this. */
const DOWNLOAD_LIMIT_MS = 120_000;

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** A local VS Code when SSAD_VSCODE_EXECUTABLE names one, else a downloaded one. */
async function vscodeExecutable() {
  const local = process.env.SSAD_VSCODE_EXECUTABLE;
  if (local) {
    if (!existsSync(local)) fail(`SSAD_VSCODE_EXECUTABLE=${local} does not exist.`);
    return local;
  }
  console.log(`[test-electron] downloading VS Code ${VSCODE_VERSION} (at most ${DOWNLOAD_LIMIT_MS / 1000} s)`);
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_LIMIT_MS / 1000} s`)), DOWNLOAD_LIMIT_MS);
  });
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({
        version: VSCODE_VERSION,
        cachePath: join(repoRoot, '.vscode-test'),
        timeout: 20_000,
        reporter: new SilentReporter(),
      }),
      limit,
    ]);
  } catch (err) {
    // process.exit inside fail() also ends a download that is still hanging.
    fail(
      `test:electron cannot run here: downloading VS Code failed (${err?.message ?? err}). ` +
        'Set SSAD_VSCODE_EXECUTABLE to a local VS Code, or use npm run test:vscode (code-server).',
    );
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  if (!existsSync(paths.testsIndex) || !existsSync(paths.extensionBundle)) {
    fail('[test-electron] dist/ is missing the extension or the test bundles: run `npm run build` first.');
  }
  const executable = await vscodeExecutable();

  const stateDir = mkdtempSync(join(tmpdir(), 'ssad-electron-'));
  const workspaceDir = join(stateDir, 'workspace');
  if (existsSync(paths.workspaceFixture)) cpSync(paths.workspaceFixture, workspaceDir, { recursive: true });
  else mkdirSync(workspaceDir);
  const resultFile = join(stateDir, 'result.json');

  let exitCode;
  try {
    exitCode = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: paths.testsIndex,
      launchArgs: [
        workspaceDir,
        '--user-data-dir', join(stateDir, 'user-data'),
        '--extensions-dir', join(stateDir, 'extensions'),
        // Only the extension under test; runTests adds --disable-workspace-trust, --skip-welcome.
        '--disable-extensions',
      ],
      extensionTestsEnv: { SSAD_MOCHA_RESULT_FILE: resultFile, SSAD_SCREENSHOT_DIR: paths.screenshots },
    });
  } catch (err) {
    // runTests rejects when VS Code exits non-zero, which failing suites do.
    console.error(`[test-electron] ${err?.message ?? err}`);
    exitCode = 1;
  }

  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
  rmSync(stateDir, { recursive: true, force: true });
  if (!result) {
    console.error('[test-electron] the suites reported no result: counted as 1 failure');
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return exitCode === 0 && result.failed === 0 ? 0 : 1;
}

process.exitCode = await main();

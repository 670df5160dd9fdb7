#!/usr/bin/env node
// Tests SSAD Lab in a real VS Code (code-server 4.100.3, i.e. VS Code 1.100.3) driven by a headless
// chromium, offline.
//
//   node scripts/test-vscode.mjs                  Mocha suites in the extension host, then UI checks
//   node scripts/test-vscode.mjs --screenshots    trains the quickstart, then writes the README's and the
//                                                 walkthrough's PNGs (light and dark) to media/screenshots/
//   node scripts/test-vscode.mjs --vsix FILE      install FILE into a clean code-server, run UI checks
//                                                 (FILE a folder: the VSIX `npm run package` wrote there
//                                                 for package.json's name and version)
//
// Options: --timeout SECONDS (whole run, default 900; 1800 with --screenshots, which trains), --workspace-trust (keep workspace trust on,
// for Restricted Mode tests), --keep-state (leave the temp folders). SSAD_* variables reach the
// extension host; SSAD_SCREENSHOT_RUN=DIR photographs that quickstart run instead of training one;
// SSAD_HARNESS_VERBOSE=1 prints the workbench's own log too; SSAD_UI_GREP=REGEX runs
// only the UI checks whose file name matches.
// The last line is always `N passed, N failed`; the exit code is 0 only when nothing failed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCleanup, handleSignals } from './harness/cleanup.mjs';
import { runExtensionTests } from './harness/extensionTests.mjs';
import { paths, repoRoot } from './harness/paths.mjs';
import { THEMES, startSession } from './harness/session.mjs';
import { clearFailureScreenshots, findUiChecks, runUiChecks } from './harness/uiChecks.mjs';
import { runVsixCheck } from './harness/vsix.mjs';

const DEFAULT_TIMEOUT_S = 15 * 60;
const SCREENSHOTS_TIMEOUT_S = 30 * 60;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      screenshots: { type: 'boolean', default: false },
      vsix: { type: 'string' },
      timeout: { type: 'string' },
      'workspace-trust': { type: 'boolean', default: false },
      'keep-state': { type: 'boolean', default: false },
    },
  });
  const mode = values.vsix ? 'vsix' : values.screenshots ? 'screenshots' : 'tests';
  const timeoutS = Number(values.timeout ?? (mode === 'screenshots' ? SCREENSHOTS_TIMEOUT_S : DEFAULT_TIMEOUT_S));
  if (!(timeoutS > 0)) throw new Error(`--timeout wants a number of seconds, got "${values.timeout}"`);
  return {
    mode,
    vsix: values.vsix && vsixFile(resolve(values.vsix)),
    timeoutMs: timeoutS * 1000,
    sessionOptions: { trustWorkspace: !values['workspace-trust'], keepState: values['keep-state'] },
  };
}

/** A folder stands for the VSIX of this version in it, so no script repeats the version number. */
function vsixFile(path) {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return join(path, `${name}-${version}.vsix`);
}

/** Installs code-server and chromium when missing (a no-op taking milliseconds once done). */
function runSetup() {
  const setup = spawnSync('bash', [paths.setupScript], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error(`${paths.setupScript} failed (exit ${setup.status ?? setup.signal})`);
}

/** Building is `npm run build`'s job; a missing bundle here means it was not run. */
function requireInputs(options) {
  if (options.mode === 'vsix') {
    if (!existsSync(options.vsix)) throw new Error(`no such VSIX: ${options.vsix}`);
    return;
  }
  const needed = options.mode === 'tests' ? [paths.extensionBundle, paths.testsIndex] : [paths.extensionBundle];
  const missing = needed.filter((file) => !existsSync(file)).map((file) => relative(repoRoot, file));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run \`npm run build\` first`);
}

/** Mocha suites in the extension host; when they pass, the UI checks in a fresh workbench. */
async function testsMode(options, cleanup, tally) {
  const session = await startSession({ cleanup, ...options.sessionOptions });
  console.log(`[harness] code-server on 127.0.0.1:${session.server.port}; running the extension-host suites`);
  const { exitCode, result } = await runExtensionTests(session);
  if (result) {
    tally.add(result);
  } else {
    console.log('[harness] the suites reported no result (see the errors above): counted as 1 failure');
    tally.add({ failed: 1 });
  }
  if (exitCode !== 0 && tally.failed === 0) tally.add({ failed: 1 });
  if (tally.failed > 0) {
    console.log('\n[harness] UI checks skipped: the extension-host suites failed');
    return;
  }
  const checks = findUiChecks();
  if (checks.length) {
    tally.add(await runUiChecks(session, checks, { heading: 'UI checks (Playwright)', extensionDevelopmentPath: repoRoot }));
  }
}

/**
 * One fresh session per theme, each running test/vscode/ui/screenshots.mjs: the first trains the
 * quickstart and leaves the run in `runStore`, the next ones open that run.
 */
async function screenshotsMode(options, cleanup, tally) {
  const runStore = mkdtempSync(join(tmpdir(), 'ssad-screenshot-run-'));
  cleanup.add('remove the trained run', () => rmSync(runStore, { recursive: true, force: true }));
  // SSAD_SCREENSHOT_RUN=DIR photographs a quickstart run trained earlier instead of training one
  // (the run the last `npm run screenshot` trained stays in screenshots/quickstart-run/).
  const reuse = process.env.SSAD_SCREENSHOT_RUN && resolve(process.env.SSAD_SCREENSHOT_RUN);
  if (reuse) {
    if (!existsSync(join(reuse, 'results.json')) || !basename(reuse).endsWith('-quickstart')) {
      throw harnessError(`SSAD_SCREENSHOT_RUN: ${reuse} is not a quickstart run folder (<id>-quickstart with a results.json)`);
    }
    cpSync(reuse, join(runStore, basename(reuse)), { recursive: true });
  }
  for (const theme of Object.keys(THEMES)) {
    const sessionCleanup = createCleanup();
    cleanup.add(`${theme} session`, () => sessionCleanup.run());
    const session = await startSession({ cleanup: sessionCleanup, theme, ...options.sessionOptions });
    tally.add(
      await runUiChecks(session, [join(paths.uiDir, 'screenshots.mjs')], {
        heading: `screenshots (${theme})`,
        extensionDevelopmentPath: repoRoot,
        extra: { theme, themeName: THEMES[theme], outputDir: paths.mediaScreenshots, runStore },
      }),
    );
    await sessionCleanup.run();
    keepTrainedRun(runStore);
    // Without the trained run the next theme would train again: stop at the first failure.
    if (tally.failed > 0) return;
  }
}

/** A copy of the trained run in the git-ignored screenshots folder, for SSAD_SCREENSHOT_RUN. */
function keepTrainedRun(runStore) {
  const [id] = readdirSync(runStore);
  const kept = join(paths.screenshots, 'quickstart-run', id ?? '');
  if (!id || existsSync(kept)) return;
  rmSync(join(paths.screenshots, 'quickstart-run'), { recursive: true, force: true });
  cpSync(join(runStore, id), kept, { recursive: true });
  console.log(`[harness] the trained run is kept in ${relative(repoRoot, kept)} (SSAD_SCREENSHOT_RUN=<that folder> reuses it)`);
}

function harnessError(message) {
  return Object.assign(new Error(message), { expected: true });
}

function createTally() {
  return {
    passed: 0,
    failed: 0,
    pending: 0,
    add({ passed = 0, failed = 0, pending = 0 }) {
      this.passed += passed;
      this.failed += failed;
      this.pending += pending;
    },
  };
}

function printSummary(tally) {
  if (tally.pending) console.log(`${tally.pending} pending`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
}

async function main() {
  const started = Date.now();
  const cleanup = createCleanup();
  handleSignals(cleanup);
  const tally = createTally();

  let options;
  try {
    options = parseOptions();
    runSetup();
    requireInputs(options);
  } catch (err) {
    console.error(`[harness] ${err.message}`);
    printSummary({ passed: 0, failed: 1 });
    return 1;
  }

  clearFailureScreenshots();
  const modes = { tests: testsMode, screenshots: screenshotsMode, vsix: runVsixCheck };
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(harnessError(`timed out after ${options.timeoutMs / 1000} s (--timeout SECONDS to change)`)),
      options.timeoutMs,
    );
  });
  try {
    await Promise.race([modes[options.mode](options, cleanup, tally), deadline]);
  } catch (err) {
    // After Ctrl-C, errors come from the clean-up stopping code-server: not worth a report.
    if (!cleanup.interrupted) {
      // An expected failure (a timeout) needs its message; anything else, its stack too.
      console.error(`\n[harness] ${err?.expected ? err.message : (err?.stack ?? err)}`);
      tally.add({ failed: 1 });
    }
  } finally {
    clearTimeout(timer);
    await cleanup.run();
  }
  if (cleanup.interrupted) return 130;
  console.log(`\n[harness] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printSummary(tally);
  return tally.failed > 0 ? 1 : 0;
}

// exit() rather than exitCode: after a timeout, work abandoned mid-way must not hold the process.
process.exit(await main());

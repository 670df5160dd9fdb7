// Entry point the extension host loads for `extensionTestsPath` (the same contract as
// @vscode/test-electron): runs every compiled suite in ./suite with Mocha and settles when done.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lines the runner (scripts/harness/logLines.mjs) looks for: keep the two in step. */
export const START_MARKER = 'SSAD_MOCHA_START';
export const RESULT_MARKER = 'SSAD_MOCHA_RESULT';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
}

/**
 * Reports the counts: as a console line, which code-server's workbench forwards to the harness,
 * and, when SSAD_MOCHA_RESULT_FILE names one, as a JSON file (desktop VS Code prints the console
 * to its own stdout, which @vscode/test-electron does not hand back).
 */
function report(result: SuiteResult): void {
  console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
  const file = process.env.SSAD_MOCHA_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(result));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // SSAD_* variables given to the harness reach the extension host: this one picks tests by name.
  const grep = process.env.SSAD_TEST_GREP;
  if (grep) mocha.grep(grep);
  const suiteDir = join(__dirname, 'suite');
  const files = readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(join(suiteDir, name));

  return new Promise((resolve, reject) => {
    console.log(START_MARKER);
    try {
      // `runner` is assigned before Mocha calls back: it starts running on a later tick.
      const runner = mocha.run((failures) => {
        const stats = runner?.stats;
        const result: SuiteResult = {
          passed: stats?.passes ?? 0,
          // A failing hook fails no test by itself but is a failure all the same.
          failed: Math.max(failures, stats?.failures ?? 0),
          pending: stats?.pending ?? 0,
        };
        report(result);
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
    } catch (err) {
      // A suite that throws while loading never reaches the callback above.
      report({ passed: 0, failed: 1, pending: 0 });
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

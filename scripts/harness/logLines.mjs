// Turns the workbench's log calls into terminal lines. The workbench forwards its own start-up
// chatter as well as the extension host's console; only the latter is interesting, so lines
// before test/vscode/index.ts announces the start of Mocha are dropped (errors excepted), unless
// SSAD_HARNESS_VERBOSE is set.
import { format } from 'node:util';

export const verbose = Boolean(process.env.SSAD_HARNESS_VERBOSE);

/** Written by test/vscode/index.ts: the start of the run and its counts. */
const START_LINE = /^SSAD_MOCHA_START\s*$/;
const RESULT_LINE = /^SSAD_MOCHA_RESULT (\{.*\})\s*$/;

const NOISE = [
  /vsda_bg\.wasm/, // VS Code's signing helper, which code-server does not ship
  /a socket was left hanging/i,
  /Long running operations during shutdown are unsupported in the web/, // reloading the page
];

/** Whether a line is known, harmless noise that only a verbose run prints. */
export function isNoise(line) {
  return !verbose && NOISE.some((pattern) => pattern.test(line));
}

/** `message` is the console call's arguments (format string first) or a plain string. */
export function formatMessage(message) {
  return Array.isArray(message) ? format(...message) : String(message);
}

/**
 * A sink for `codeAutomationLog` that prints the suites' output and remembers the result line.
 * @returns {{ onLog: (level: string, message: unknown) => void, result: () => object | undefined }}
 */
export function createTestLog() {
  let started = false;
  let result;
  function onLog(level, message) {
    for (const line of formatMessage(message).split('\n')) {
      if (START_LINE.test(line)) {
        started = true;
        continue;
      }
      const match = RESULT_LINE.exec(line);
      if (match) {
        result = JSON.parse(match[1]);
        continue;
      }
      if (isNoise(line)) continue;
      if (started || verbose || level === 'error') console.log(line);
    }
  }
  return { onLog, result: () => result };
}

/**
 * The process that trains a detached run (bundled as `dist/runHost.js`): started by
 * `startDetachedRun` with the run's `launch.json`, in a session of its own so that the window that
 * started it may close or reload. It writes every event to the run's journal (which windows follow)
 * and its log, and cancels the run when a window asks (`cancel-requested`) or it gets a signal.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resultsLabel } from '../augment';
import { errorMessage } from '../../shared/errorMessage';
import { CANCEL_REQUEST_FILE, LAUNCH_FILE, type DetachedRunSpec } from './detachedRun';
import { startRun, type RunHandle } from './runExperiment';
import { RunJournalWriter } from './runJournal';
import { RunLog } from './runLog';

function main(launchFile: string | undefined): void {
  if (!launchFile) {
    process.stderr.write('usage: runHost <run folder>/launch.json\n');
    process.exit(2);
  }
  const runDir = dirname(launchFile);
  const journal = new RunJournalWriter(runDir);
  let handle: RunHandle;
  try {
    const spec = JSON.parse(readFileSync(launchFile, 'utf8')) as DetachedRunSpec;
    handle = startRun({ ...spec, augmentationLabel: resultsLabel, onEvent: (event) => journal.append(event) });
  } catch (error) {
    const message = `could not start the run: ${errorMessage(error)}`;
    new RunLog(runDir).write('error', message);
    journal.append({ type: 'log', level: 'error', message });
    process.exit(1);
  }
  const cancelFile = join(runDir, CANCEL_REQUEST_FILE);
  const poll = setInterval(() => {
    if (existsSync(cancelFile)) handle.cancel();
  }, 500);
  for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(name, () => handle.cancel());
  void handle.done.then(() => {
    clearInterval(poll);
    for (const file of [cancelFile, join(runDir, LAUNCH_FILE)]) rmSync(file, { force: true });
    process.exit(0);
  });
}

main(process.argv[2]);

// Checks a packaged build the way a user gets it: the VSIX is installed into a clean code-server
// (no extensionDevelopmentPath), which must then list it and run its commands from the palette.
import { startSession } from './session.mjs';
import { findUiChecks, runUiChecks } from './uiChecks.mjs';

const EXTENSION_ID = 'ssad-lab.ssad-lab';

export async function runVsixCheck(options, cleanup, tally) {
  const session = await startSession({ cleanup, vsix: options.vsix, ...options.sessionOptions });

  console.log(`\n  VSIX ${options.vsix}`);
  if (session.installedExtensions.some((entry) => entry.toLowerCase().startsWith(`${EXTENSION_ID}@`))) {
    console.log(`    ✔ code-server lists ${EXTENSION_ID} as installed`);
    tally.add({ passed: 1 });
  } else {
    console.log(`    ✘ code-server does not list ${EXTENSION_ID} (it lists: ${session.installedExtensions.join(', ') || 'nothing'})`);
    tally.add({ failed: 1 });
    return;
  }

  tally.add(await runUiChecks(session, findUiChecks(), { heading: 'UI checks on the installed VSIX' }));
}

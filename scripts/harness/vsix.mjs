// Checks a packaged build the way a user gets it: the VSIX is installed into a clean code-server
// (no extensionDevelopmentPath), which must then list it, run its commands from the palette and
// show its README, screenshots included, on its details page.
import { join } from 'node:path';
import { paths } from './paths.mjs';
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

  // The details page shows the packaged README only for an installed build, not for a development one.
  const only = process.env.SSAD_UI_GREP ? new RegExp(process.env.SSAD_UI_GREP) : undefined;
  const readmeCheck = (!only || only.test('vsixReadme.mjs')) ? [join(paths.uiDir, 'vsixReadme.mjs')] : [];
  tally.add(await runUiChecks(session, [...findUiChecks(), ...readmeCheck], { heading: 'UI checks on the installed VSIX' }));
}

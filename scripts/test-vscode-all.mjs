// `npm run test:vscode`: the real-VS-Code tests in both trust modes, as users meet them —
//   1. every suite and UI check in a trusted workspace;
//   2. the "Restricted Mode" suites and the UI checks with workspace trust on and the folder
//      left untrusted.
// Each session prints its own `N passed, N failed`; this prints the sum last, alone on a line,
// and fails when either session failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runner = join(dirname(fileURLToPath(import.meta.url)), 'test-vscode.mjs');

function session(args, env) {
  return new Promise((resolve) => {
    let tail = '';
    const child = spawn(process.execPath, [runner, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      const m = [...tail.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
      const passed = m ? Number(m[1]) : 0;
      const failed = m ? Number(m[2]) : 1;
      resolve({ passed, failed: code === 0 ? failed : Math.max(failed, 1), signal });
    });
  });
}

const trusted = await session([], {});
console.log('\n[test:vscode] again in Restricted Mode (workspace trust on, folder not trusted)');
const restricted = await session(['--workspace-trust'], { SSAD_TEST_GREP: 'Restricted Mode' });
const passed = trusted.passed + restricted.passed;
const failed = trusted.failed + restricted.failed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

// Builds the production bundles and packages the VSIX (`npm run package`). The bundles already
// contain every JavaScript dependency, so the VSIX ships no node_modules (`--no-dependencies`);
// the wasm binaries are copied next to the bundles by esbuild.mjs. What it ships is the `files`
// field of package.json, which `npm pack` (the installable CLI) uses too; vsce refuses a
// .vscodeignore next to it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outDir = join(root, 'out');
const vsix = join(outDir, `${name}-${version}.vsix`);
mkdirSync(outDir, { recursive: true });

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
  cwd: root,
  stdio: 'inherit',
});
const mb = statSync(vsix).size / 1024 / 1024;
console.log(`VSIX: ${vsix.slice(root.length + 1)} (${mb.toFixed(1)} MB)`);
if (mb > 30) {
  console.error('The VSIX is over 30 MB: check the files field of package.json.');
  process.exit(1);
}

// Builds the production bundles and packages the VSIX (`npm run package`). The bundles already
// contain every JavaScript dependency, so the VSIX ships no node_modules (`--no-dependencies`);
// the wasm binaries are copied next to the bundles by esbuild.mjs. What it ships is the `files`
// field of package.json, which `npm pack` (the installable CLI) uses too; vsce refuses a
// .vscodeignore next to it. The README it ships is README.md with its screenshots inlined
// (scripts/vsixReadme.mjs): vsce only checks that no relative link is left, which that module does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vsixReadme } from './vsixReadme.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outDir = join(root, 'out');
const vsix = join(outDir, `${name}-${version}.vsix`);
mkdirSync(outDir, { recursive: true });

// vsce takes the README from inside the extension's folder; out/ is git-ignored.
const readme = join(outDir, 'README.vsix.md');
try {
  writeFileSync(readme, vsixReadme(readFileSync(join(root, 'README.md'), 'utf8'), (path) => readFileSync(join(root, path))));
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const readmeOptions = ['--readme-path', relative(root, readme).split('\\').join('/'), '--no-rewrite-relative-links'];
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', ...readmeOptions, '--out', vsix], {
  cwd: root,
  stdio: 'inherit',
});
const mb = statSync(vsix).size / 1024 / 1024;
console.log(`VSIX: ${vsix.slice(root.length + 1)} (${mb.toFixed(1)} MB)`);
if (mb > 30) {
  console.error('The VSIX is over 30 MB: check the files field of package.json.');
  process.exit(1);
}

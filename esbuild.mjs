// Builds the bundles of SSAD Lab (extension host, training and preview workers, CLI, and the
// results, experiments and preview webviews) and the test bundles that run inside the real extension host.
//   node esbuild.mjs                 development build (source maps)
//   node esbuild.mjs --watch         rebuild on change
//   node esbuild.mjs --production    minified, no source maps (what the VSIX ships)
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const nodeExternals = [
  'vscode',
  // A native addon: never bundled, loaded at run time when it installed.
  '@tensorflow/tfjs-node',
];

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
};

/** @type {esbuild.BuildOptions} */
const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: nodeExternals,
  loader: { '.json': 'json' },
};

/** Mocha suites that run inside the real extension host; mocha itself stays external. */
function vscodeTestEntries() {
  const dir = 'test/vscode/suite';
  const suites = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f))
    : [];
  return ['test/vscode/index.ts', ...suites];
}

const builds = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { worker: 'src/engine/worker/trainWorker.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { previewWorker: 'src/engine/worker/previewWorker.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { runHost: 'src/engine/run/runHost.ts' }, outdir: 'dist' },
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { webview: 'webview/src/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: { experiments: 'webview/src/experiments/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: { preview: 'webview/src/preview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];
if (!production) {
  builds.push({
    ...nodeCommon,
    entryPoints: vscodeTestEntries(),
    outbase: 'test/vscode',
    outdir: 'dist/test/vscode',
    external: [...nodeExternals, 'mocha'],
  });
}


// Only a production build starts from an empty dist/ (what the VSIX ships); a development build
// overwrites in place, so a build never pulls files from under a test that is running.
if (production) rmSync('dist', { recursive: true, force: true });

/** The wasm backend loads its binaries at run time: ship them next to the bundles. */
function copyWasmBinaries() {
  const require = createRequire(import.meta.url);
  const wasmDist = join(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'), '..', 'dist');
  mkdirSync('dist', { recursive: true });
  // Node never runs the threaded build (no wasm threads there), so it is not shipped.
  for (const f of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm') && !f.includes('threaded'))) copyFileSync(join(wasmDist, f), join('dist', f));
}
copyWasmBinaries();

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching for changes');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

/**
 * The layer boundaries of ARCHITECTURE.md, checked on what ships: the extension host bundle must not
 * contain TensorFlow.js (training runs in child processes), the webview bundle must not contain
 * Node or VS Code APIs. `npm test` builds before the unit tests.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dist = resolve(__dirname, '../../../dist');

function bundle(name: string): string {
  const file = resolve(dist, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  return readFileSync(file, 'utf8');
}

describe('bundle boundaries', () => {
  it('the extension host bundle contains no TensorFlow.js', () => {
    const code = bundle('extension.js');
    // Development bundles mark each bundled module with a `// node_modules/...` path comment.
    assert.doesNotMatch(code, /\/\/ node_modules\/@tensorflow\/|require\(["']@tensorflow\//);
  });

  it('the extension host bundle takes the CLI\'s cluster job writers, never its commands (they print, read argv, set exit codes)', () => {
    const code = bundle('extension.js');
    assert.match(code, /\/\/ src\/cli\/slurmJob\.ts\n/);
    assert.match(code, /\/\/ src\/cli\/k8sJob\.ts\n/);
    assert.doesNotMatch(code, /\/\/ src\/cli\/(main|\w+Command|checkModules|configFile|runReport)\.ts\n/);
  });

  it('the training worker bundle does contain it (the check above can fail)', () => {
    assert.match(bundle('worker.js'), /\/\/ node_modules\/@tensorflow\/tfjs-core\//);
  });

  for (const name of ['webview.js', 'experiments.js', 'preview.js']) {
    it(`the ${name} webview bundle uses no Node or VS Code module and no tfjs`, () => {
      const code = bundle(name);
      assert.doesNotMatch(code, /require\(["'](fs|path|child_process|vscode)["']\)/);
      assert.doesNotMatch(code, /node_modules\/@tensorflow\//);
    });
  }
});

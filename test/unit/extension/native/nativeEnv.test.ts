import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { NATIVE_BACKEND_ENV, NATIVE_BACKEND_FROM_ENV } from '../../../../src/engine/api';
import { nativeBackendEnv, nativeInstallRoot } from '../../../../src/extension/native/nativeEnv';

describe('extension: native backend environment of training processes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ssad-native-env-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the setting wins, named in the message source; ~ is the home folder', () => {
    assert.deepEqual(nativeBackendEnv('~/tf', dir), {
      [NATIVE_BACKEND_ENV]: path.join(homedir(), 'tf'),
      [NATIVE_BACKEND_FROM_ENV]: 'the ssad.nativeBackendPath setting',
    });
  });

  it('else the install of SSAD: Install Native Backend, once active; else nothing', () => {
    const root = nativeInstallRoot(dir);
    assert.equal(root, path.join(dir, 'native-backend'));
    assert.deepEqual(nativeBackendEnv('', root), {});
    assert.deepEqual(nativeBackendEnv(undefined, root), {});
    // A staging folder without active.json (an install that failed or is running) is not used.
    const pkg = path.join(root, 'install-1', 'node_modules', '@tensorflow', 'tfjs-node');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', version: '4.22.0' }));
    assert.deepEqual(nativeBackendEnv('  ', root), {});
    writeFileSync(path.join(root, 'active.json'), JSON.stringify({ dir: 'install-1', package: '@tensorflow/tfjs-node', version: '4.22.0' }));
    assert.deepEqual(nativeBackendEnv('', root), { [NATIVE_BACKEND_ENV]: root, [NATIVE_BACKEND_FROM_ENV]: 'SSAD: Install Native Backend' });
  });
});

import { strict as assert } from 'node:assert';
import { configMapKey, FALLBACK_CONFIG_KEY, moduleMountPath } from '../../../../src/cli/k8s/configMapFiles';

describe('k8s ConfigMap files', () => {
  it('keeps the config file name as its key when Kubernetes accepts it', () => {
    assert.equal(configMapKey('/home/u/exp/quickstart.ssad.json'), 'quickstart.ssad.json');
    assert.equal(configMapKey('my study.ssad.json'), FALLBACK_CONFIG_KEY);
    assert.equal(configMapKey('ねこ.ssad.json'), FALLBACK_CONFIG_KEY);
  });

  it('places a module at its path relative to the config, inside the config folder only', () => {
    assert.deepEqual(moduleMountPath('./ssad/augmentations/soft-scar.ts'), { ok: true, path: 'ssad/augmentations/soft-scar.ts' });
    assert.deepEqual(moduleMountPath('ssad//a/../b.ts'), { ok: true, path: 'ssad/b.ts' });
    const outside = moduleMountPath('../shared/x.ts');
    assert.ok(!outside.ok && /outside the config's folder/.test(outside.why));
    const absolute = moduleMountPath('/home/u/x.ts');
    assert.ok(!absolute.ok && /absolute/.test(absolute.why));
    const windows = moduleMountPath('.\\ssad\\x.ts');
    assert.ok(!windows.ok && /with \//.test(windows.why));
  });
});

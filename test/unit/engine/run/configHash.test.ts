/**
 * The config hash that ties shards to one grid: the same for configs that train the same cells
 * (whatever the key order, the backend or the parallelism), different for anything else.
 */
import { strict as assert } from 'node:assert';
import { validateConfig } from '../../../../src/engine/config';
import { canonicalJson, configHash } from '../../../../src/engine/run/configHash';
import type { ExperimentConfig } from '../../../../src/shared/config';
import { tinyShapesConfig } from '../../../helpers/tinyConfig';

const RAW = tinyShapesConfig('hash', { seeds: [0, 1], runtime: { backend: 'wasm', parallelism: 2 } });

function config(raw: unknown): ExperimentConfig {
  const r = validateConfig(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

/** The same object with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

describe('config hash', () => {
  const base = configHash(config(RAW));

  it('is SHA-256 hex', () => {
    assert.match(base, /^[0-9a-f]{64}$/);
  });

  it('ignores the key order, the runtime block and $schema', () => {
    assert.equal(configHash(config(reversedKeys(RAW))), base);
    assert.equal(configHash(config({ ...RAW, runtime: { backend: 'cpu', parallelism: 7, cellTimeoutSeconds: 99 } })), base);
    const { runtime: _runtime, ...noRuntime } = RAW;
    assert.equal(configHash(config(noRuntime)), base);
    assert.equal(configHash(config({ ...RAW, $schema: 'https://example.org/ssad.schema.json' })), base);
  });

  it('changes with any other field', () => {
    const changes: Array<[string, unknown]> = [
      ['name', { ...RAW, name: 'other' }],
      ['dataset.normalClasses', { ...RAW, dataset: { ...RAW.dataset, normalClasses: [0, 2] } }],
      ['dataset.imageSize', { ...RAW, dataset: { ...RAW.dataset, imageSize: 32 } }],
      ['testbed.anomalies', { ...RAW, testbed: { type: 'synthetic', anomalies: ['invert'] } }],
      ['detector.width', { ...RAW, detector: { ...RAW.detector, width: 8 } }],
      ['augmentations (order)', { ...RAW, augmentations: ['flip', 'none'] }],
      ['training.epochs', { ...RAW, training: { ...RAW.training, epochs: 2 } }],
      ['training.learningRate', { ...RAW, training: { ...RAW.training, learningRate: 0.001 } }],
      ['seeds', { ...RAW, seeds: [0, 2] }],
    ];
    const hashes = new Set([base]);
    for (const [what, raw] of changes) {
      const h = configHash(config(raw));
      assert.notEqual(h, base, `${what} did not change the hash`);
      hashes.add(h);
    }
    assert.equal(hashes.size, changes.length + 1);
  });

  it('writes canonical JSON: sorted keys at every depth, no spaces, arrays in order', () => {
    assert.equal(canonicalJson({ b: [3, { d: 1, c: 2 }], a: 'x', u: undefined }), '{"a":"x","b":[3,{"c":2,"d":1}]}');
  });
});

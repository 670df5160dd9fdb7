import { strict as assert } from 'node:assert';
import { configDifferences } from '../../../../src/shared/resultsView/configDiff';

describe('config differences between compared runs', () => {
  const a = { $schema: 'x', name: 'a', training: { epochs: 10, batchSize: 128 }, augmentations: ['none', 'flip'], runtime: { backend: 'wasm' } };
  const b = { $schema: 'y', name: 'b', training: { epochs: 30, batchSize: 128 }, augmentations: ['none', 'flip'], runtime: { backend: 'wasm', parallelism: 2 } };

  it('lists the differing leaves by dotted path, arrays whole, runtime marked, $schema ignored', () => {
    assert.deepEqual(configDifferences([a, b]), [
      { path: 'name', values: ['"a"', '"b"'], runtime: false },
      { path: 'training.epochs', values: ['10', '30'], runtime: false },
      { path: 'runtime.parallelism', values: ['—', '2'], runtime: true },
    ]);
    assert.deepEqual(configDifferences([{ ...a, augmentations: ['none', 'cutout'] }, a]).map((d) => d.path), ['augmentations']);
  });

  it('finds nothing between equal configs, and works for more than two', () => {
    assert.deepEqual(configDifferences([a, structuredClone(a)]), []);
    assert.deepEqual(configDifferences([a, a, b]).map((d) => d.values), [['"a"', '"a"', '"b"'], ['10', '10', '30'], ['—', '—', '2']]);
  });
});

/**
 * The run's sample sheet shows custom modules too: a row per loadable module (labelled by its
 * path), none for a broken one (its cell reports the error), and built-ins as before.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModuleResolver } from '../../../../src/engine/custom';
import { createBatch } from '../../../../src/engine/image';
import { sampleRows } from '../../../../src/engine/run/sampleRows';
import type { Task } from '../../../../src/engine/testbed/types';
import * as m from '../custom/modules';

describe('sample sheet rows with custom modules', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ssad-rows-'));
    m.writeModules(root, { good: m.GOOD, throws: m.THROWS });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('adds a row per loadable module, skips a broken one, keeps built-ins', () => {
    const test = createBatch(4, 8, 8, 1);
    test.data.fill(0.5);
    const task: Task = { normalClass: '0', train: test, test, sampleType: ['normal', 'normal', 'flip', 'flip'], anomalyTypes: ['flip'] };
    const refs = ['none', './ssad/augmentations/good.ts', './ssad/augmentations/throws.ts'];
    const rows = sampleRows(task, refs, 0, 2, createModuleResolver(root));
    assert.deepEqual(rows.map((r) => r.label), ['normal (class 0)', 'anomaly: flip', 'train aug: none', 'train aug: ./ssad/augmentations/good.ts']);
    assert.ok(rows[3].images.data.every((v) => v === 0.25), 'the module really ran (0.5 × factor 0.5)');
    assert.equal(sampleRows(task, refs, 0, 2).length, 3, 'without a resolver, module rows are left out');
  });
});

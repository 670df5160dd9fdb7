/**
 * Hostile custom modules in process (issue 11, defects 4 and 9): a module that tries to end its
 * process is stopped where it tried, with its line, even when it catches what is thrown; a
 * module's `variants()` is checked like `apply`; every call is told to the call monitor.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyAugmentation, variantCount } from '../../../../src/engine/augment';
import { CustomModuleError, resolveCustomAugmentation } from '../../../../src/engine/custom';
import { setCallMonitor, type ModuleCall } from '../../../../src/engine/custom/monitor';
import { createBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { COPY, moduleSource, writeModule } from '../../../helpers/hostile';

const VARIANT = 'variant(batch,k){ return { n: batch.n, h: batch.h, w: batch.w, c: batch.c, data: batch.data.slice() }; },';

describe('hostile custom modules (in process)', () => {
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), 'ssad-hostile-'))));
  after(() => rmSync(root, { recursive: true, force: true }));
  afterEach(() => setCallMonitor(undefined));

  function failure(run: () => unknown): CustomModuleError {
    try {
      run();
    } catch (error) {
      assert.ok(error instanceof CustomModuleError, `expected a CustomModuleError, got ${String(error)}`);
      return error;
    }
    assert.fail('did not fail');
  }

  const batch = (): ReturnType<typeof createBatch> => createBatch(2, 4, 4, 1);

  it('process.exit in apply throws at its line and leaves the process alive', () => {
    const path = writeModule(root, 'exit.ts', moduleSource('exit', '\nprocess.exit(0);\n'));
    const aug = resolveCustomAugmentation(path, root);
    const error = failure(() => applyAugmentation(aug, batch(), new Rng(0)));
    assert.equal(error.message, 'ssad/augmentations/exit.ts:2: apply (train mode, a batch of 2) called process.exit(0); a custom augmentation must return its result and never end the process');
    assert.equal(typeof process.exit, 'function');
    assert.ok(!/called process\.exit/.test(String(process.exit)), 'process.exit is restored after the call');
  });

  it('an exit that the module catches still fails the call', () => {
    const path = writeModule(root, 'sneaky.ts', moduleSource('sneaky', `try { process.exit(1); } catch {} ${COPY}`));
    const aug = resolveCustomAugmentation(path, root);
    assert.match(failure(() => applyAugmentation(aug, batch(), new Rng(0))).message, /^ssad\/augmentations\/sneaky\.ts:1: .*called process\.exit\(1\)/);
  });

  it('process.kill of its own process and process.abort are stopped too', () => {
    const kill = resolveCustomAugmentation(writeModule(root, 'kill.ts', moduleSource('kill', "process.kill(process.pid, 'SIGKILL');")), root);
    assert.match(failure(() => applyAugmentation(kill, batch(), new Rng(0))).message, /called process\.kill\(\d+, "SIGKILL"\)/);
    const abort = resolveCustomAugmentation(writeModule(root, 'abort.ts', moduleSource('abort', 'process.abort();')), root);
    assert.match(failure(() => applyAugmentation(abort, batch(), new Rng(0))).message, /called process\.abort\(\)/);
  });

  it('a top-level process.exit fails the load with its line', () => {
    const path = writeModule(root, 'top.ts', `const x = 1;\nprocess.exit(3);\n${moduleSource('top', COPY)}`);
    assert.equal(
      failure(() => resolveCustomAugmentation(path, root)).message,
      'ssad/augmentations/top.ts:2: loading the module (its top-level code) called process.exit(3); a custom augmentation must return its result and never end the process',
    );
  });

  it('variants() that throws names its file and line', () => {
    const path = writeModule(root, 'vthrow.ts', moduleSource('vthrow', COPY, `${VARIANT}\nvariants(){ throw new Error('no count'); },\n`));
    const aug = resolveCustomAugmentation(path, root);
    assert.equal(failure(() => variantCount(aug)).message, 'ssad/augmentations/vthrow.ts:2: no count');
  });

  it('variants() returning 2.5, a string or a huge count is a clear error, never a TensorFlow one', () => {
    for (const [name, value, shown] of [
      ['vfrac', '2.5', '2.5'],
      ['vstr', "'4'", 'string'],
      ['vhuge', '1e9', '1000000000'],
    ]) {
      const path = writeModule(root, `${name}.ts`, moduleSource(name, COPY, `${VARIANT}variants(){ return ${value}; },`));
      const aug = resolveCustomAugmentation(path, root);
      assert.equal(
        failure(() => variantCount(aug)).message,
        `ssad/augmentations/${name}.ts:1: variants() returned ${shown}; it must return a whole number of variants from 0 to 64`,
      );
    }
  });

  it('tells the call monitor of every call: loading, apply with its mode, variants()', () => {
    const calls: string[] = [];
    let open = 0;
    setCallMonitor({
      enter: (c: ModuleCall) => {
        open++;
        calls.push(`${c.file}:${c.line ?? '-'} ${c.what}`);
      },
      leave: () => open--,
    });
    const path = writeModule(root, 'watched.ts', moduleSource('watched', COPY, `${VARIANT}variants(){ return 3; },`));
    const aug = resolveCustomAugmentation(path, root);
    applyAugmentation(aug, batch(), new Rng(0), 'anomaly');
    assert.equal(variantCount(aug), 3);
    assert.equal(open, 0, 'every call left');
    assert.deepEqual(calls, [
      'ssad/augmentations/watched.ts:- loading the module (its top-level code)',
      'ssad/augmentations/watched.ts:- checking its definition',
      'ssad/augmentations/watched.ts:1 apply (anomaly mode, a batch of 2)',
      'ssad/augmentations/watched.ts:1 variants()',
    ]);
  });
});

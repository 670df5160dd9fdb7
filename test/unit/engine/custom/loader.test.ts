/**
 * Custom augmentation modules really run: a good module is transpiled, evaluated and applied;
 * every kind of broken module fails with its path and the line to fix.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBatch } from '../../../../src/engine/image';
import { applyAugmentation } from '../../../../src/engine/augment';
import { CustomModuleError, createModuleResolver, loadCustomModule, resolveCustomAugmentation } from '../../../../src/engine/custom';
import { Rng } from '../../../../src/engine/random';
import * as m from './modules';

function batch(n = 3, size = 4): ReturnType<typeof createBatch> {
  const b = createBatch(n, size, size, 1);
  for (let i = 0; i < b.data.length; i++) b.data[i] = (i % 17) / 16;
  return b;
}

describe('custom augmentation loader', () => {
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ssad-custom-'));
    m.writeModules(root, {
      good: m.GOOD,
      throws: m.THROWS,
      'wrong-shape': m.WRONG_SHAPE,
      syntax: m.SYNTAX,
      nan: m.NAN,
      mutates: m.MUTATES,
      pkg: m.IMPORTS_PACKAGE,
      builtin: m.BUILTIN_NAME,
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Applies the module at `path` and returns the CustomModuleError it raises. */
  function failure(path: string): CustomModuleError {
    try {
      const aug = resolveCustomAugmentation(path, root);
      applyAugmentation(aug, batch(), new Rng(0, 'test'));
    } catch (error) {
      assert.ok(error instanceof CustomModuleError, `expected a CustomModuleError, got ${String(error)}`);
      return error;
    }
    assert.fail(`${path} did not fail`);
  }

  it('runs a good module: TypeScript with an `import type` of the interface, output as expected', () => {
    const aug = resolveCustomAugmentation('./ssad/augmentations/good.ts', root);
    assert.equal(aug.id, './ssad/augmentations/good.ts', 'the label is the path as written');
    assert.equal(aug.definition.name, 'darken');
    assert.deepEqual(aug.params, { factor: 0.5 });
    const input = batch();
    const copy = input.data.slice();
    const out = applyAugmentation(aug, input, new Rng(0, 'test'));
    assert.deepEqual(Array.from(out.data), Array.from(copy, (v) => Math.fround(v * 0.5)));
    assert.deepEqual(input.data, copy, 'the input is untouched');
  });

  it('takes parameters from an object reference and labels it with them', () => {
    const aug = resolveCustomAugmentation({ name: './ssad/augmentations/good.ts', params: { factor: 0.25 } }, root);
    assert.equal(aug.id, './ssad/augmentations/good.ts{factor=0.25}');
    const out = applyAugmentation(aug, batch(1), new Rng(0, 'test'));
    assert.equal(out.data[15], Math.fround(Math.fround(15 / 16) * 0.25));
    assert.throws(
      () => resolveCustomAugmentation({ name: './ssad/augmentations/good.ts', params: { factor: 2 } }, root),
      /CustomModuleError: ssad\/augmentations\/good\.ts: .*"factor" must be in \[0, 1\], got 2/,
    );
  });

  it('a module that throws: path, the line of the throw and its message', () => {
    const e = failure('./ssad/augmentations/throws.ts');
    assert.equal(e.message, `ssad/augmentations/throws.ts:${m.THROWS_LINE}: the patch is larger than the image`);
  });

  it('a module that returns the wrong shape: path, the line of apply, both shapes', () => {
    const e = failure('./ssad/augmentations/wrong-shape.ts');
    assert.equal(e.message, `ssad/augmentations/wrong-shape.ts:${m.WRONG_SHAPE_LINE}: apply returned a batch of shape 2×4×4×1, expected 3×4×4×1 (the input's shape)`);
  });

  it('a module with a syntax error: path, line and the parser message', () => {
    const e = failure('./ssad/augmentations/syntax.ts');
    assert.match(e.message, new RegExp(`^ssad/augmentations/syntax\\.ts:${m.SYNTAX_LINE}: syntax error: `));
  });

  it('a module that returns NaN: path, line and where the NaN is', () => {
    const e = failure('./ssad/augmentations/nan.ts');
    assert.equal(e.message, `ssad/augmentations/nan.ts:${m.NAN_LINE}: apply returned NaN at image 0, pixel (y 0, x 0); every value must be a finite number`);
  });

  it('a module that modifies its input batch is caught', () => {
    assert.match(failure('./ssad/augmentations/mutates.ts').message, /^ssad\/augmentations\/mutates\.ts:6: apply modified its input batch/);
  });

  it('imports are limited to Node built-ins; names of built-ins are refused', () => {
    assert.match(failure('./ssad/augmentations/pkg.ts').message, /^ssad\/augmentations\/pkg\.ts:1: error while loading the module: cannot import "left-pad"/);
    assert.match(failure('./ssad/augmentations/builtin.ts').message, /^ssad\/augmentations\/builtin\.ts:1: invalid augmentation: name "flip" is a built-in/);
  });

  it('a missing file is reported with its path', () => {
    assert.match(failure('./ssad/augmentations/missing.ts').message, /^ssad\/augmentations\/missing\.ts: cannot read the module: ENOENT/);
  });

  it('a resolver loads each file once and repeats the same failure', () => {
    const resolveModule = createModuleResolver(root);
    const a = resolveModule('./ssad/augmentations/good.ts');
    const b = resolveModule({ name: './ssad/augmentations/good.ts', params: { factor: 0.1 } });
    assert.equal(a.definition, b.definition);
    assert.throws(() => resolveModule('./ssad/augmentations/syntax.ts'), /syntax\.ts:6:/);
    assert.throws(() => resolveModule('./ssad/augmentations/syntax.ts'), /syntax\.ts:6:/);
    assert.equal(loadCustomModule('ssad/augmentations/good.ts', root).where.displayPath, 'ssad/augmentations/good.ts');
  });
});

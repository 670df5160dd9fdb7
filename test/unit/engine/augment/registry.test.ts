/** Registry: listing, parsing of references, parameter validation, checking definitions, applying. */
import assert from 'node:assert/strict';
import { createBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import {
  applyAugmentation,
  applyVariant,
  augmentationNames,
  definitionProblems,
  isBuiltinAugmentation,
  isModulePath,
  labelWithParams,
  listAugmentations,
  resolveAugmentation,
  resolveParams,
  variantCount,
  type AugmentationDefinition,
} from '../../../../src/engine/augment';
import type { AugmentationRef } from '../../../../src/shared/config';

const ORDER = ['none', 'rotate', 'flip', 'geom', 'crop', 'mask', 'noise', 'blur', 'invert', 'color', 'cutout', 'cutpaste', 'cp-scar', 'simclr'];
const CATEGORY: Record<string, string> = {
  none: 'none', rotate: 'geometric', flip: 'geometric', geom: 'geometric', crop: 'geometric',
  mask: 'noise-like', noise: 'noise-like', blur: 'noise-like', invert: 'colour', color: 'colour',
  cutout: 'patch', cutpaste: 'patch', 'cp-scar': 'patch', simclr: 'composite',
};

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('expected an error');
}

function custom(name: string, extra: Partial<AugmentationDefinition> = {}): AugmentationDefinition {
  return {
    name,
    category: 'custom',
    description: 'Adds a constant.',
    params: { amount: { type: 'number', default: 0.1, min: 0, max: 1, description: 'The constant.' } },
    shorthand: 'amount',
    apply: (b, p) => createBatch(b.n, b.h, b.w, b.c, b.data.map((v) => Math.min(1, v + (p.amount as number)))),
    ...extra,
  };
}

describe('augment registry: catalogue', () => {
  it('lists the 14 built-ins in the order of the study\'s table, with their categories', () => {
    assert.deepEqual(augmentationNames().slice(0, 14), ORDER);
    assert.deepEqual(listAugmentations().slice(0, 14).map((d) => d.name), ORDER);
    for (const d of listAugmentations().slice(0, 14)) {
      assert.equal(d.category, CATEGORY[d.name], d.name);
      assert.ok(isBuiltinAugmentation(d.name));
      assert.match(d.description, /^[A-Z].*\.$/, `${d.name}: one sentence`);
      assert.ok(!d.description.includes('\n'));
      assert.deepEqual(definitionProblems(d), [], d.name);
      for (const [key, spec] of Object.entries(d.params)) assert.ok(spec.description.length > 0, `${d.name}.${key}`);
    }
  });

  it('isBuiltinAugmentation knows exact names only', () => {
    assert.ok(isBuiltinAugmentation('cutout'));
    assert.ok(!isBuiltinAugmentation('cutout-0.2'));
    assert.ok(!isBuiltinAugmentation('Cutout'));
  });

  it('has the documented shorthands', () => {
    const shorthands = Object.fromEntries(listAugmentations().slice(0, 14).map((d) => [d.name, d.shorthand]));
    assert.deepEqual(shorthands, {
      none: undefined, rotate: undefined, flip: 'p', geom: 'shift', crop: 'minScale', mask: 'p', noise: 'std',
      blur: 'sigma', invert: 'p', color: 'strength', cutout: 'area', cutpaste: 'area', 'cp-scar': undefined, simclr: 'strength',
    });
  });

  it('defaults follow the study', () => {
    const p = (n: string) => resolveAugmentation(n).params;
    assert.deepEqual(p('rotate').angles, [-90, 0, 90, 180]);
    assert.equal(p('flip').p, 0.5);
    assert.deepEqual([p('geom').flipP, p('geom').shift], [0.5, 0.25]);
    assert.deepEqual([p('crop').minScale, p('crop').maxScale, p('crop').minRatio, p('crop').maxRatio], [0.08, 1, 3 / 4, 4 / 3]);
    assert.equal(p('mask').p, 0.1);
    assert.deepEqual([p('noise').std, p('noise').clip], [0.1, false]);
    assert.deepEqual([p('blur').sigmaMin, p('blur').sigmaMax, p('blur').padding], [0.1, 2, 'reflect']);
    assert.equal(p('invert').p, 0.5);
    assert.deepEqual([p('color').brightness, p('color').contrast, p('color').saturation, p('color').hue], [0.8, 0.8, 0.8, 0.2]);
    assert.deepEqual([p('cutout').minArea, p('cutout').maxArea, p('cutout').minAspect, p('cutout').maxAspect, p('cutout').fill, p('cutout').p], [0.02, 0.33, 0.3, 3.3, 0, 1]);
    assert.deepEqual([p('cutpaste').minArea, p('cutpaste').maxArea, p('cutpaste').minAspect, p('cutpaste').maxAspect, p('cutpaste').jitter], [0.02, 0.15, 0.3, 3.3, 0.1]);
    assert.deepEqual([p('cp-scar').minLength, p('cp-scar').maxLength, p('cp-scar').minThickness, p('cp-scar').maxThickness, p('cp-scar').maxAngle, p('cp-scar').jitter], [10, 24, 2, 15, 45, 0.1]);
    assert.deepEqual([p('simclr').jitterP, p('simclr').grayP, p('simclr').minScale], [0.8, 0.2, 0.08]);
  });
});

describe('augment registry: resolving references', () => {
  it('resolves plain names with every default filled in', () => {
    const r = resolveAugmentation('cutout');
    assert.equal(r.id, 'cutout');
    assert.equal(r.definition.name, 'cutout');
    assert.deepEqual(Object.keys(r.params).sort(), Object.keys(r.definition.params).sort());
    assert.equal(resolveAugmentation('cp-scar').id, 'cp-scar');
  });

  it('parses shorthands and canonicalises the number in the id', () => {
    const cases: Array<[string, string, string, number]> = [
      ['cutout-0.2', 'cutout-0.2', 'area', 0.2],
      ['cutout-0.20', 'cutout-0.2', 'area', 0.2],
      ['cutout-.5', 'cutout-0.5', 'area', 0.5],
      ['mask-0.3', 'mask-0.3', 'p', 0.3],
      ['color-0.5', 'color-0.5', 'strength', 0.5],
      ['noise-0.2', 'noise-0.2', 'std', 0.2],
      ['blur-1.5', 'blur-1.5', 'sigma', 1.5],
      ['crop-0.5', 'crop-0.5', 'minScale', 0.5],
      ['flip-1', 'flip-1', 'p', 1],
      ['geom-0.125', 'geom-0.125', 'shift', 0.125],
      ['noise-1e-2', 'noise-0.01', 'std', 0.01],
    ];
    for (const [ref, id, key, value] of cases) {
      const r = resolveAugmentation(ref);
      assert.equal(r.id, id, ref);
      assert.equal(r.params[key], value, ref);
    }
  });

  it('resolves objects; the id lists the given params sorted by name', () => {
    const r = resolveAugmentation({ name: 'rotate', params: { angles: [0, 90, 180, 270] } });
    assert.equal(r.id, 'rotate{angles=[0,90,180,270]}');
    assert.deepEqual(r.params.angles, [0, 90, 180, 270]);
    assert.equal(resolveAugmentation({ name: 'cutout', params: { area: 0.2 } }).id, 'cutout{area=0.2}');
    assert.equal(resolveAugmentation({ name: 'blur', params: { sigma: 1.5, padding: 'zero' } }).id, 'blur{padding=zero,sigma=1.5}');
    assert.equal(resolveAugmentation({ name: 'noise', params: { clip: true } }).id, 'noise{clip=true}');
    assert.equal(resolveAugmentation({ name: 'cutout' }).id, 'cutout');
    assert.equal(resolveAugmentation({ name: 'cutout', params: {} }).id, 'cutout');
    const combined = resolveAugmentation({ name: 'cutout-0.2', params: { fill: 1 } });
    assert.equal(combined.id, 'cutout-0.2{fill=1}');
    assert.deepEqual([combined.params.area, combined.params.fill], [0.2, 1]);
    assert.equal(labelWithParams('x', { b: [1, 2], a: 'two words' }), 'x{a="two words",b=[1,2]}');
  });

  it('resolved params are copies: changing them does not change the defaults', () => {
    const a = resolveAugmentation('rotate');
    (a.params.angles as number[]).push(45);
    assert.deepEqual(resolveAugmentation('rotate').params.angles, [-90, 0, 90, 180]);
  });

  it('unknown names: an error with did-you-mean', () => {
    assert.equal(message(() => resolveAugmentation('cutot')), 'Unknown augmentation "cutot" (did you mean "cutout"?)');
    assert.equal(message(() => resolveAugmentation('rotat')), 'Unknown augmentation "rotat" (did you mean "rotate"?)');
    assert.equal(message(() => resolveAugmentation('Cutout')), 'Unknown augmentation "Cutout" (did you mean "cutout"?)');
    assert.equal(message(() => resolveAugmentation('cutot-0.2')), 'Unknown augmentation "cutot-0.2" (did you mean "cutout-0.2"?)');
    assert.equal(message(() => resolveAugmentation({ name: 'blurr' })), 'Unknown augmentation "blurr" (did you mean "blur"?)');
    assert.equal(message(() => resolveAugmentation('zzzzzzzz')), 'Unknown augmentation "zzzzzzzz"');
    assert.match(message(() => resolveAugmentation('')), /Unknown augmentation ""/);
  });

  it('bad shorthands: not a number, or no shorthand to set', () => {
    assert.match(message(() => resolveAugmentation('cutout-big')), /"cutout-big".*must be a number.*"area"/);
    assert.match(message(() => resolveAugmentation('rotate-90')), /"rotate" takes no shorthand.*"angles"/);
    assert.match(message(() => resolveAugmentation('none-1')), /"none" takes no shorthand/);
    assert.match(message(() => resolveAugmentation('cp-scar-3')), /"cp-scar" takes no shorthand/);
    assert.match(message(() => resolveAugmentation({ name: 'cutout-0.2', params: { area: 0.3 } })), /sets "area" twice/);
  });

  it('unknown parameters: an error naming it, with did-you-mean and the list', () => {
    const m = message(() => resolveAugmentation({ name: 'cutout', params: { aera: 0.2 } }));
    assert.match(m, /Augmentation "cutout" has no parameter "aera" \(did you mean "area"\?\)/);
    assert.match(m, /"minArea"/);
    assert.match(message(() => resolveAugmentation({ name: 'none', params: { p: 1 } })), /no parameter "p".*takes no parameters/);
  });

  it('out-of-range and wrong-type values: an error naming the parameter, the value and the allowed range', () => {
    assert.equal(message(() => resolveAugmentation('cutout-1.5')), 'Augmentation "cutout": parameter "area" must be in [0, 1], got 1.5');
    assert.equal(message(() => resolveAugmentation('mask--0.1')), 'Augmentation "mask": parameter "p" must be in [0, 1], got -0.1');
    assert.equal(message(() => resolveAugmentation({ name: 'cutout', params: { area: 'big' } })), 'Augmentation "cutout": parameter "area" must be a number in [0, 1], got "big"');
    assert.match(message(() => resolveAugmentation({ name: 'cp-scar', params: { minLength: 2.5 } })), /"minLength" must be an integer in \[1, 1024\], got 2\.5/);
    assert.match(message(() => resolveAugmentation({ name: 'blur', params: { padding: 'mirror' } })), /"padding" must be one of "reflect", "zero", got "mirror"/);
    assert.match(message(() => resolveAugmentation({ name: 'blur', params: { padding: 'reflekt' } })), /did you mean "reflect"/);
    assert.match(message(() => resolveAugmentation({ name: 'rotate', params: { angles: [0, 400] } })), /"angles" must be a list of numbers in \[-360, 360\], got 400 at index 1/);
    assert.match(message(() => resolveAugmentation({ name: 'rotate', params: { angles: [] } })), /"angles" must be a non-empty list/);
    assert.match(message(() => resolveAugmentation({ name: 'rotate', params: { angles: 90 } })), /"angles" must be a non-empty list of numbers/);
    assert.match(message(() => resolveAugmentation({ name: 'noise', params: { clip: 'yes' } })), /"clip" must be true or false, got "yes"/);
    assert.match(message(() => resolveAugmentation({ name: 'noise', params: { std: Number.NaN } })), /"std" must be a number in \[0, 10\], got NaN/);
  });

  it('inconsistent parameters: the cross-parameter checks', () => {
    assert.match(message(() => resolveAugmentation({ name: 'cutout', params: { minArea: 0.5 } })), /minArea \(0\.5\) must not exceed maxArea \(0\.33\)/);
    assert.match(message(() => resolveAugmentation({ name: 'blur', params: { kernelSize: 4 } })), /kernelSize must be 0 \(automatic\) or odd/);
    assert.match(message(() => resolveAugmentation({ name: 'crop', params: { minRatio: 2, maxRatio: 1 } })), /minRatio/);
    assert.match(message(() => resolveAugmentation({ name: 'cp-scar', params: { minThickness: 20 } })), /minThickness/);
  });

  it('malformed references: a type error', () => {
    for (const bad of [42, null, [], { params: {} }, { name: 3 }] as unknown as AugmentationRef[]) {
      assert.throws(() => resolveAugmentation(bad), TypeError);
    }
    assert.throws(() => resolveAugmentation({ name: 'cutout', params: [] as unknown as Record<string, number> }), /"params" must be an object/);
    assert.throws(() => resolveAugmentation({ name: 'cutout', parms: { area: 1 } } as unknown as AugmentationRef), /unexpected key "parms"/);
  });
});

describe('augment registry: module paths', () => {
  it('recognises paths to custom modules', () => {
    for (const p of ['./ssad/augmentations/x.ts', '../x.js', '/abs/x.ts', 'x.ts', 'lib/y.mjs', 'C:\\aug\\x.ts', '.\\x.ts']) {
      assert.ok(isModulePath(p), p);
    }
    assert.ok(isModulePath({ name: './x.ts', params: { a: 1 } }));
    for (const p of ['cutout', 'cutout-0.2', 'cp-scar', 'none']) assert.ok(!isModulePath(p), p);
    assert.ok(!isModulePath({ name: 'flip' }));
  });

  it('refuses to resolve them, pointing to the module loader', () => {
    assert.match(message(() => resolveAugmentation('./x.ts')), /"\.\/x\.ts" is a path to a custom augmentation module.*module loader/);
    assert.match(message(() => resolveAugmentation({ name: '../y.js' })), /module loader/);
  });
});

// Custom modules are never registered: the module loader checks them with definitionProblems,
// resolves their parameters with resolveParams and applies them with applyAugmentation.
describe('augment registry: custom definitions', () => {
  const resolved = (def: AugmentationDefinition, given: Record<string, number> = {}) => ({ id: def.name, definition: def, params: resolveParams(def, given) });

  it('resolves the parameters of a valid definition and applies it', () => {
    const def = custom('add-const');
    assert.deepEqual(definitionProblems(def), []);
    assert.ok(!isBuiltinAugmentation('add-const'));
    assert.deepEqual(resolveParams(def), { amount: 0.1 });
    const out = applyAugmentation(resolved(def, { amount: 0.5 }), createBatch(1, 2, 2, 1), new Rng(1));
    assert.deepEqual([...out.data], [0.5, 0.5, 0.5, 0.5]);
    assert.match(message(() => resolveParams(def, { amount: 2 })), /Augmentation "add-const": parameter "amount" must be in \[0, 1\], got 2/);
  });

  it('finds invalid names and malformed definitions', () => {
    const problems = (def: AugmentationDefinition) => definitionProblems(def).join('; ');
    for (const bad of ['Bad', 'my_aug', 'x-1', '', 'a--b', '-a', 'a-', 'cut out']) {
      assert.match(problems(custom(bad)), /name .* must be lower-case words/, bad);
    }
    assert.match(problems(custom('other', { shorthand: 'nope' })), /shorthand "nope" is not one of its parameters/);
    assert.match(
      problems(custom('other', { params: { amount: { type: 'number', default: 2, min: 0, max: 1, description: 'x' } } })),
      /the default of parameter "amount" must be in \[0, 1\], got 2/,
    );
    assert.match(problems(custom('other', { category: 'weird' as never })), /category "weird"/);
    assert.match(problems(custom('other', { variants: () => 2 })), /variants and variant must be given together/);
    assert.match(problems(custom('other', { apply: undefined as never })), /apply must be a function/);
  });

  it('applyAugmentation and applyVariant reject an output of the wrong shape', () => {
    const wrong = custom('other', { apply: (b) => createBatch(b.n, b.h + 1, b.w, b.c), variants: () => 2, variant: (b) => createBatch(b.n, b.h, b.w + 1, b.c) });
    assert.match(message(() => applyAugmentation(resolved(wrong), createBatch(2, 4, 4, 1), new Rng(1))), /"other" returned a batch of shape 2×5×4×1, expected 2×4×4×1/);
    assert.match(message(() => applyVariant(resolved(wrong), createBatch(2, 4, 4, 1), 1)), /"other" returned a batch of shape 2×4×5×1, expected 2×4×4×1/);
  });
});

describe('augment registry: variants', () => {
  it('counts the discrete variants of rotate, flip, invert and geom, and none elsewhere', () => {
    const counts = Object.fromEntries(ORDER.map((n) => [n, variantCount(resolveAugmentation(n))]));
    assert.deepEqual(counts, {
      none: 0, rotate: 4, flip: 2, geom: 72, crop: 0, mask: 0, noise: 0, blur: 0, invert: 2, color: 0,
      cutout: 0, cutpaste: 0, 'cp-scar': 0, simclr: 0,
    });
    assert.equal(variantCount(resolveAugmentation('geom-0')), 8);
    assert.match(message(() => applyVariant(resolveAugmentation('cutout'), createBatch(1, 4, 4, 1), 0)), /no discrete variants/);
  });
});

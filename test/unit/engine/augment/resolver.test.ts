/** The one resolver: a reference goes to the catalogue or, when it is a module path, to the caller's module resolver. */
import assert from 'node:assert/strict';
import {
  ModuleResolverMissingError,
  resolveAugmentation,
  resolveAugmentationRef,
  resultsLabel,
  type AugmentationResolver,
  type ResolvedAugmentation,
} from '../../../../src/engine/augment';
import type { AugmentationRef } from '../../../../src/shared/config';

describe('augment resolver', () => {
  const loaded: AugmentationRef[] = [];
  const stub: ResolvedAugmentation = { ...resolveAugmentation('flip'), id: 'loaded' };
  const resolveModule = (ref: AugmentationRef): ResolvedAugmentation => (loaded.push(ref), stub);
  beforeEach(() => (loaded.length = 0));

  it('resolves catalogue references with the registry and never asks the module resolver', () => {
    assert.equal(resolveAugmentationRef('cutout-0.2', resolveModule).id, 'cutout-0.2');
    assert.equal(resolveAugmentationRef({ name: 'rotate', params: { angles: [0, 90] } }).id, 'rotate{angles=[0,90]}');
    assert.throws(() => resolveAugmentationRef('cutot', resolveModule), /Unknown augmentation "cutot" \(did you mean "cutout"\?\)/);
    assert.deepEqual(loaded, []);
  });

  it('hands module paths to the module resolver, and without one says which module it cannot use', () => {
    const ref = { name: './ssad/augmentations/x.ts', params: { size: 0.2 } };
    assert.equal(resolveAugmentationRef(ref, resolveModule), stub);
    assert.deepEqual(loaded, [ref]);
    assert.throws(
      () => resolveAugmentationRef('./ssad/augmentations/x.ts'),
      (error: unknown) =>
        error instanceof ModuleResolverMissingError &&
        error.path === './ssad/augmentations/x.ts' &&
        error.message === 'custom augmentation modules need a module resolver: cannot use "./ssad/augmentations/x.ts"',
    );
  });

  it('takes another resolver for the catalogue side (tests hand in fakes)', () => {
    const fake: AugmentationResolver = {
      isModulePath: (ref) => (typeof ref === 'string' ? ref : ref.name).startsWith('mod:'),
      resolve: (ref) => ({ ...stub, id: `fake ${typeof ref === 'string' ? ref : ref.name}` }),
    };
    assert.equal(resolveAugmentationRef('spin', resolveModule, fake).id, 'fake spin');
    assert.equal(resolveAugmentationRef('mod:x', resolveModule, fake), stub);
  });

  it('labels a reference as results show it, without loading a module', () => {
    assert.equal(resultsLabel('cutout-0.20'), 'cutout-0.2');
    assert.equal(resultsLabel({ name: 'cutout', params: { area: 0.2 } }), 'cutout{area=0.2}');
    assert.equal(resultsLabel('./ssad/augmentations/x.ts'), './ssad/augmentations/x.ts');
    assert.equal(resultsLabel({ name: './ssad/augmentations/x.ts', params: { size: 0.2 } }), './ssad/augmentations/x.ts{size=0.2}');
    assert.equal(resultsLabel({ name: './ssad/augmentations/x.ts', params: {} }), './ssad/augmentations/x.ts');
  });
});

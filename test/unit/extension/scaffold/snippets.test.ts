import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { isAugmentationModule, typedPrefixStart } from '../../../../src/extension/scaffold/snippets';

describe('snippets: where they belong', () => {
  describe('isAugmentationModule', () => {
    const dirs = ['/ws/ssad/augmentations', '/other/augs'];

    it('accepts a .ts module directly in an augmentations folder', () => {
      assert.equal(isAugmentationModule('/ws/ssad/augmentations/soft-scar.ts', dirs, path.posix), true);
      assert.equal(isAugmentationModule('/other/augs/x.mts', dirs, path.posix), true);
    });

    it('refuses declaration files, other extensions, sub-folders and other folders', () => {
      assert.equal(isAugmentationModule('/ws/ssad/augmentations/ssad-augmentation.d.ts', dirs, path.posix), false);
      assert.equal(isAugmentationModule('/ws/ssad/augmentations/notes.json', dirs, path.posix), false);
      assert.equal(isAugmentationModule('/ws/ssad/augmentations/old/x.ts', dirs, path.posix), false);
      assert.equal(isAugmentationModule('/ws/src/x.ts', dirs, path.posix), false);
      assert.equal(isAugmentationModule('/ws/ssad/augmentations-2/x.ts', dirs, path.posix), false);
      assert.equal(isAugmentationModule('/ws/ssad/augmentations/x.ts', [], path.posix), false);
    });

    it('compares normalised paths, and Windows paths without case', () => {
      assert.equal(isAugmentationModule('/ws/ssad/augmentations/x.ts', ['/ws/ssad/./augmentations/'], path.posix), true);
      assert.equal(isAugmentationModule('/WS/ssad/augmentations/x.ts', dirs, path.posix), false);
      assert.equal(isAugmentationModule('c:\\ws\\ssad\\augmentations\\x.ts', ['C:\\WS\\ssad\\augmentations'], path.win32), true);
      assert.equal(isAugmentationModule('c:\\ws\\src\\x.ts', ['C:\\WS\\ssad\\augmentations'], path.win32), false);
    });
  });

  describe('typedPrefixStart', () => {
    it('finds the start of a hyphenated word before the cursor', () => {
      const line = '  "augmentations": [ssad-aug';
      assert.equal(typedPrefixStart(line), line.indexOf('ssad'));
      assert.equal(typedPrefixStart('ssad-config'), 0);
    });

    it('is the cursor itself after a non-word character or on an empty line', () => {
      assert.equal(typedPrefixStart('  "name": '), 10);
      assert.equal(typedPrefixStart(''), 0);
    });
  });
});

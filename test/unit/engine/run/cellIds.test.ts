/**
 * Cell ids never collide (issue 11, defect 2): names in any script, names that differ only by
 * case or by punctuation, long names; and they are readable, safe file names (no hidden dotfiles).
 */
import { strict as assert } from 'node:assert';
import { cellId, idPart, planCells, readableIdPart } from '../../../../src/engine/run/cellPlan';
import type { ExperimentConfig } from '../../../../src/shared/config';

describe('cell ids', () => {
  it('keeps plain catalogue names and classes as they are', () => {
    assert.equal(cellId('none', 0, '7'), 'none__s0__c7');
    assert.equal(cellId('cutout-0.2', 3, 'circle'), 'cutout-0.2__s3__ccircle');
  });

  it('gives names in other scripts distinct, readable ids', () => {
    const cat = cellId('none', 0, '猫');
    const dog = cellId('none', 0, '犬');
    assert.notEqual(cat, dog);
    assert.match(cat, /^none__s0__c猫_[0-9a-f]{12}$/);
    const neko = cellId('./ssad/augmentations/ねこ.ts', 0, '0');
    const inu = cellId('./ssad/augmentations/いぬ.ts', 0, '0');
    assert.notEqual(neko, inu);
    assert.match(neko, /^ssad_augmentations_ねこ\.ts_[0-9a-f]{12}__s0__c0$/, 'a custom module: readable and no leading dot');
  });

  it('never lets two different names meet: case, punctuation, composed and decomposed accents, hash-like names', () => {
    const names = ['a b', 'a_b', 'a-b', 'A-b', 'a/b', 'é', 'e\u0301', 'x', `x_${'0'.repeat(12)}`, '..', '.', '_', '', ' ', '\u0000'];
    const parts = names.map(idPart);
    assert.equal(new Set(parts).size, names.length, parts.join(' | '));
    for (const p of parts) {
      assert.ok(!p.startsWith('.'), `${p} is a hidden file name`);
      assert.ok(!p.includes('__'), `${p} holds the separator`);
      assert.ok(![...'\\/:*?"<>|\u0000'].some((ch) => p.includes(ch)), `${p} is not a safe file name`);
    }
  });

  it('bounds the length of each part (file names stay under 255 bytes)', () => {
    const long = 'ж'.repeat(500);
    const id = cellId(long, 123456, long);
    assert.ok(Buffer.byteLength(`${id}.json`) < 255, `${Buffer.byteLength(id)} bytes`);
    assert.notEqual(idPart(long), idPart(`${long}ж`));
    assert.ok(Buffer.byteLength(readableIdPart(long)) <= 60);
  });

  it('plans a semantic grid over classes named in another script without a clash', () => {
    const config = { augmentations: ['none', 'flip'], seeds: [0] } as unknown as ExperimentConfig;
    const cells = planCells(config, (r) => String(r), ['猫', '犬']);
    assert.equal(new Set(cells.map((c) => c.id)).size, 4);
  });

  it('explains a real duplicate', () => {
    const config = { augmentations: ['none', 'none'], seeds: [0] } as unknown as ExperimentConfig;
    assert.throws(() => planCells(config, (r) => String(r), ['0']), /two cells would share the id "none__s0__c0": the augmentation "none" is listed twice/);
  });
});

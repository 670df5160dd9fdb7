/**
 * Splitting a grid into shards: the `--shard i/n` spec, and an assignment that is balanced,
 * disjoint, complete, independent of the order of the ids, and the same on every machine.
 */
import { strict as assert } from 'node:assert';
import { cellId } from '../../../../src/engine/run/cellPlan';
import { cellsOfShard, parseShardSpec, shardOrder } from '../../../../src/engine/run/shardPlan';

/** augmentations × seeds × classes, as a run plans them. */
function ids(augmentations: string[], seeds: number[], classes: string[]): string[] {
  return seeds.flatMap((s) => classes.flatMap((c) => augmentations.map((a) => cellId(a, s, c))));
}

describe('shard plan', () => {
  describe('parseShardSpec', () => {
    it('accepts a 0-based index below the count', () => {
      assert.deepEqual(parseShardSpec('0/1'), { ok: true, shard: { index: 0, count: 1 } });
      assert.deepEqual(parseShardSpec('2/3'), { ok: true, shard: { index: 2, count: 3 } });
      assert.deepEqual(parseShardSpec('0/3'), { ok: true, shard: { index: 0, count: 3 } });
    });

    const rejected: Array<[string, RegExp]> = [
      ['3/3', /index must be below the count \(shards of 3 are numbered 0 to 2\), got 3/],
      ['-1/2', /index must be a whole number from 0 up, got "-1"/],
      ['1/0', /count must be at least 1, got 0/],
      ['a/b', /index must be a whole number from 0 up, got "a"/],
      ['0/b', /count must be a whole number from 1 up, got "b"/],
      ['1.5/2', /index must be a whole number from 0 up, got "1\.5"/],
      ['1/2.0', /count must be a whole number from 1 up, got "2\.0"/],
      ['2', /expected INDEX\/COUNT \(e\.g\. 0\/4\), got "2"/],
      ['0/2/4', /expected INDEX\/COUNT/],
      ['', /expected INDEX\/COUNT/],
      [' 0/2', /index must be a whole number/],
      ['99999999999999999999/1', /too large/],
    ];
    for (const [text, reason] of rejected) {
      it(`rejects "${text}" saying why`, () => {
        const r = parseShardSpec(text);
        assert.equal(r.ok, false);
        if (!r.ok) assert.match(r.error, reason);
      });
    }
  });

  describe('cellsOfShard', () => {
    const grid = ids(['none', 'flip', 'cutout-0.2', 'invert', 'blur'], [0, 1, 2], ['0', '3', '7']);

    it('splits every grid into balanced, disjoint shards that cover every cell', () => {
      for (const count of [1, 2, 3, 4, 7, 45, 60]) {
        const shards = Array.from({ length: count }, (_, index) => cellsOfShard(grid, { index, count }));
        const sizes = shards.map((s) => s.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${count} shards: sizes ${sizes}`);
        const all = shards.flat();
        assert.equal(all.length, grid.length, `${count} shards: a cell in two shards or none`);
        assert.deepEqual([...all].sort(), [...grid].sort());
      }
    });

    it('does not depend on the order the ids come in', () => {
      const reversed = [...grid].reverse();
      const shuffled = [...grid].sort((a, b) => (a.length - b.length) || b.localeCompare(a));
      for (let index = 0; index < 4; index++) {
        const expected = cellsOfShard(grid, { index, count: 4 });
        assert.deepEqual(cellsOfShard(reversed, { index, count: 4 }), expected);
        assert.deepEqual(cellsOfShard(shuffled, { index, count: 4 }), expected);
      }
    });

    it('gives a fixed grid the same shards on every machine (SHA-256 order)', () => {
      const small = ids(['none', 'flip'], [0, 1], ['0', '1']);
      // The SHA-256 order, computed independently of the engine.
      assert.deepEqual(shardOrder(small), ['flip__s1__c0', 'flip__s1__c1', 'none__s0__c1', 'none__s1__c0', 'flip__s0__c1', 'none__s0__c0', 'none__s1__c1', 'flip__s0__c0']);
      assert.deepEqual(cellsOfShard(small, { index: 0, count: 3 }), ['flip__s1__c0', 'none__s1__c0', 'none__s1__c1']);
      assert.deepEqual(cellsOfShard(small, { index: 1, count: 3 }), ['flip__s1__c1', 'flip__s0__c1', 'flip__s0__c0']);
      assert.deepEqual(cellsOfShard(small, { index: 2, count: 3 }), ['none__s0__c1', 'none__s0__c0']);
    });

    it('leaves shards beyond the number of cells empty', () => {
      const two = ids(['none', 'flip'], [0], ['0']);
      assert.equal(cellsOfShard(two, { index: 2, count: 5 }).length, 0);
      assert.equal([0, 1].flatMap((index) => cellsOfShard(two, { index, count: 5 })).length, 2);
    });
  });
});

import { strict as assert } from 'node:assert';
import {
  groupShardRuns,
  mergedRunId,
  shardGroupDescription,
  shardGroupLabel,
  shardGroupStatus,
  shardsToMerge,
  type ShardRun,
} from '../../../../src/extension/runs/shardGroups';
import type { RunResults, RunStatus } from '../../../../src/shared/results';
import { results } from '../../../helpers/runResultsFixtures';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function plain(runDir: string): ShardRun {
  return { runDir, results: results([]) };
}

function shard(runDir: string, index: number, count: number, options: { hash?: string; status?: RunStatus; name?: string } = {}): ShardRun {
  const r: RunResults = { ...results([]), name: options.name ?? 'grid', status: options.status ?? 'completed' };
  r.shard = { index, count, configHash: options.hash ?? HASH_A, cells: [`cell-${index}`] };
  return { runDir, results: r };
}

describe('runs view: shard runs grouped by config and shard count', () => {
  it('puts the shards of one grid under one group, in the place of its newest run; other runs keep their order', () => {
    // Newest first, as the runs service lists them.
    const list = [plain('new'), shard('s2', 2, 3), plain('middle'), shard('s0', 0, 3), shard('s1', 1, 3), plain('old')];
    const entries = groupShardRuns(list);
    assert.deepEqual(
      entries.map((e) => (e.kind === 'run' ? e.run.runDir : `group:${e.group.runs.map((r) => r.runDir).join(',')}`)),
      ['new', 'group:s0,s1,s2', 'middle', 'old'],
    );
    const group = entries[1].kind === 'shards' ? entries[1].group : assert.fail('a group');
    assert.equal(group.count, 3);
    assert.deepEqual(group.present, [0, 1, 2]);
    assert.deepEqual(group.missing, []);
    assert.equal(shardGroupLabel(group), 'grid · shards 3 of 3');
    assert.equal(shardGroupDescription(group), 'all shards');
    assert.equal(shardGroupStatus(group), 'completed');
  });

  it('keeps grids apart by config hash and by shard count', () => {
    const entries = groupShardRuns([shard('a0', 0, 2), shard('b0', 0, 2, { hash: HASH_B }), shard('a0of3', 0, 3), shard('a1', 1, 2)]);
    const groups = entries.map((e) => (e.kind === 'shards' ? e.group : assert.fail('only groups')));
    assert.deepEqual(
      groups.map((g) => [g.configHash.slice(0, 1), g.count, g.runs.map((r) => r.runDir)]),
      [
        ['a', 2, ['a0', 'a1']],
        ['b', 2, ['b0']],
        ['a', 3, ['a0of3']],
      ],
    );
    assert.equal(new Set(groups.map((g) => g.key)).size, 3);
  });

  it('names the missing shards, the ones training and the ones trained twice', () => {
    const [entry] = groupShardRuns([shard('s1', 1, 4, { status: 'running' })]);
    const group = entry.kind === 'shards' ? entry.group : assert.fail('a group');
    assert.equal(shardGroupLabel(group), 'grid · shards 1 of 4');
    assert.deepEqual(group.missing, [0, 2, 3]);
    assert.equal(shardGroupDescription(group), 'missing shards 0, 2, 3 · 1 training');
    assert.equal(shardGroupStatus(group), 'running');

    const [again] = groupShardRuns([shard('s0-new', 0, 2, { status: 'failed' }), shard('s1', 1, 2), shard('s0-old', 0, 2)]);
    const twice = again.kind === 'shards' ? again.group : assert.fail('a group');
    assert.deepEqual(twice.missing, []);
    assert.deepEqual(twice.repeated, [0]);
    assert.equal(shardGroupDescription(twice), 'all shards · shard 0 trained more than once');
  });

  it('merges one run per shard: a completed one before any other, else the newest', () => {
    const [entry] = groupShardRuns([
      shard('s0-newest-failed', 0, 3, { status: 'failed' }),
      shard('s2-newest-canceled', 2, 3, { status: 'canceled' }),
      shard('s0-completed', 0, 3),
      shard('s2-older-interrupted', 2, 3, { status: 'interrupted' }),
    ]);
    const group = entry.kind === 'shards' ? entry.group : assert.fail('a group');
    assert.deepEqual(
      shardsToMerge(group).map((r) => r.runDir),
      ['s0-completed', 's2-newest-canceled'],
    );
    assert.equal(shardGroupDescription(group), 'missing shard 1 · shards 0, 2 trained more than once');
    // Shard 1 missing: the grid is not whole yet.
    assert.equal(shardGroupStatus(group), 'interrupted');
  });

  it('shows a group whose merged shard failed as failed', () => {
    const [entry] = groupShardRuns([shard('s0', 0, 2, { status: 'failed' }), shard('s1', 1, 2)]);
    assert.equal(shardGroupStatus(entry.kind === 'shards' ? entry.group : assert.fail('a group')), 'failed');
  });

  it('names the merged run folder as a run started then, with -merged', () => {
    assert.equal(mergedRunId('tiny grid', new Date('2026-11-29T10:15:30.000Z')), '20261129-101530-tiny_grid-merged');
  });
});

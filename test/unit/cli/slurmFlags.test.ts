import * as assert from 'node:assert/strict';
import { parseSlurmFlags, type SlurmFlagValues } from '../../../src/cli/slurmFlags';

function error(flags: SlurmFlagValues): string {
  const r = parseSlurmFlags(flags);
  assert.equal(r.ok, false, `expected ${JSON.stringify(flags)} to be refused`);
  return r.ok ? '' : r.error;
}

describe('ssad slurm: flags', () => {
  it('needs --shards, a whole number from 1 up', () => {
    assert.match(error({}), /needs --shards N/);
    for (const bad of ['0', '-1', '1.5', 'three', '', '1e3', '99999999999999999999']) assert.match(error({ shards: bad }), /^--shards must be a whole number from 1 up, got "/);
    const r = parseSlurmFlags({ shards: '3' });
    assert.deepEqual(r, { ok: true, resources: { shards: 3, cpus: 1, partition: undefined, time: undefined, gres: undefined, mem: undefined, ssad: undefined } });
  });

  it('--cpus defaults to 1 and must be a whole number from 1 up', () => {
    assert.match(error({ shards: '2', cpus: '0' }), /^--cpus must be a whole number from 1 up, got "0"/);
    const r = parseSlurmFlags({ shards: '2', cpus: '8' });
    assert.ok(r.ok && r.resources.cpus === 8);
  });

  it('--time takes every form sbatch takes and refuses others', () => {
    for (const good of ['10', '0', '10:30', '1:00:00', '1:75:00', '2-3', '2-3:04', '2-03:04:05', 'UNLIMITED', 'infinite']) {
      assert.ok(parseSlurmFlags({ shards: '1', time: good }).ok, good);
    }
    for (const bad of ['1:2:3:4', 'abc', '1-', '1h', '-5', '1-2-3', '1:']) {
      assert.match(error({ shards: '1', time: bad }), /^--time must be a Slurm time limit: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS/, bad);
    }
  });

  it('--mem, --gres and --partition follow Slurm syntax', () => {
    for (const good of ['4000', '8G', '512m', '1T', '0']) assert.ok(parseSlurmFlags({ shards: '1', mem: good }).ok, good);
    for (const bad of ['1.5G', '8GB', 'lots', '-1']) assert.match(error({ shards: '1', mem: bad }), /^--mem must be/, bad);
    for (const good of ['gpu:1', 'gpu', 'gpu:a100:2', 'gpu:1,shard:2']) assert.ok(parseSlurmFlags({ shards: '1', gres: good }).ok, good);
    for (const bad of ['gpu 1', 'gpu:', ':1', 'gpu;rm']) assert.match(error({ shards: '1', gres: bad }), /^--gres must be name\[:type\]\[:count\]/, bad);
    for (const good of ['debug', 'gpu-a100', 'short,long']) assert.ok(parseSlurmFlags({ shards: '1', partition: good }).ok, good);
    for (const bad of ['', 'my part', "x'y"]) assert.match(error({ shards: '1', partition: bad }), /^--partition must be/, bad);
  });

  it('--ssad is one line of shell, kept as given (trimmed)', () => {
    const r = parseSlurmFlags({ shards: '1', ssad: ' ssad ' });
    assert.ok(r.ok && r.resources.ssad === 'ssad');
    assert.match(error({ shards: '1', ssad: '  ' }), /^--ssad must be one line of shell/);
    assert.match(error({ shards: '1', ssad: 'ssad\nrm -rf x' }), /^--ssad must be one line of shell/);
  });
});

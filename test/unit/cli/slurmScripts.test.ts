import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { shellQuote } from '../../../src/cli/shellQuote';
import { slurmJobName, slurmJobScripts, type SlurmJobOptions } from '../../../src/cli/slurmScripts';

const BASE: SlurmJobOptions = {
  name: 'tiny',
  jobDir: '/shared/exp/.ssad/slurm/20260101-120000-tiny',
  configFile: '/shared/exp/.ssad/slurm/20260101-120000-tiny/config/tiny.ssad.json',
  ssad: '/usr/bin/node /shared/ssad-lab/dist/cli.js',
  shards: 3,
  cpus: 2,
};

describe('ssad slurm: the job scripts', () => {
  it('writes the exact array, merge and submit scripts for given options', () => {
    const s = slurmJobScripts({ ...BASE, partition: 'short', time: '1:00:00', mem: '8G', gres: 'gpu:1' });
    const dir = BASE.jobDir;
    assert.equal(
      s['array.sbatch'],
      [
        '#!/bin/bash',
        '# One task per shard of the grid "tiny": task i trains shard i/3 (ssad slurm).',
        '#SBATCH --job-name=ssad-tiny',
        '#SBATCH --array=0-2',
        '#SBATCH --cpus-per-task=2',
        '#SBATCH --partition=short',
        '#SBATCH --time=1:00:00',
        '#SBATCH --mem=8G',
        '#SBATCH --gres=gpu:1',
        `#SBATCH --output=${dir}/logs/shard-%a.out`,
        `#SBATCH --error=${dir}/logs/shard-%a.err`,
        '# -u: outside an array task SLURM_ARRAY_TASK_ID is unset, and the script stops instead of guessing.',
        'set -eu',
        `exec /usr/bin/node /shared/ssad-lab/dist/cli.js run ${dir}/config/tiny.ssad.json --shard "$SLURM_ARRAY_TASK_ID/3" --out ${dir}/shards --parallel 2`,
        '',
      ].join('\n'),
    );
    assert.equal(
      s['merge.sbatch'],
      [
        '#!/bin/bash',
        '# Merges the shard runs of "tiny" into one run (ssad slurm); submit.sh queues it after the array.',
        '#SBATCH --job-name=ssad-tiny-merge',
        '#SBATCH --cpus-per-task=1',
        '#SBATCH --partition=short',
        '#SBATCH --time=1:00:00',
        `#SBATCH --output=${dir}/logs/merge.out`,
        `#SBATCH --error=${dir}/logs/merge.err`,
        'set -eu',
        `exec /usr/bin/node /shared/ssad-lab/dist/cli.js merge ${dir}/merged ${dir}/shards/*`,
        '',
      ].join('\n'),
    );
    assert.equal(
      s['submit.sh'],
      [
        '#!/bin/sh',
        '# Queues the shard array of "tiny", then its merge job, which starts once every shard succeeded.',
        'set -eu',
        `array=$(sbatch --parsable ${dir}/array.sbatch)`,
        '# --parsable prints "jobid" or "jobid;cluster".',
        'array=${array%%;*}',
        `merge=$(sbatch --parsable --dependency=afterok:"$array" ${dir}/merge.sbatch) || {`,
        `  printf 'submit.sh: the shard array %s is queued, but the merge job is not; queue it with: sbatch --dependency=afterok:%s %s\\n' "$array" "$array" ${dir}/merge.sbatch >&2`,
        '  exit 1',
        '}',
        'merge=${merge%%;*}',
        'echo "Submitted shard array $array (3 tasks) and merge job $merge."',
        `printf 'Logs: %s\\nShard runs: %s\\nMerged run: %s\\n' ${dir}/logs ${dir}/shards ${dir}/merged`,
        '',
      ].join('\n'),
    );
  });

  it('leaves out the #SBATCH lines of absent flags (the cluster defaults apply) and keeps the GPU request off the merge job', () => {
    const s = slurmJobScripts(BASE);
    const sbatch = (text: string) => text.split('\n').filter((l) => l.startsWith('#SBATCH'));
    assert.deepEqual(
      sbatch(s['array.sbatch']).map((l) => l.replace(/=.*/, '')),
      ['#SBATCH --job-name', '#SBATCH --array', '#SBATCH --cpus-per-task', '#SBATCH --output', '#SBATCH --error'],
    );
    assert.deepEqual(
      sbatch(s['merge.sbatch']).map((l) => l.replace(/=.*/, '')),
      ['#SBATCH --job-name', '#SBATCH --cpus-per-task', '#SBATCH --output', '#SBATCH --error'],
    );
    const gpu = slurmJobScripts({ ...BASE, gres: 'gpu:a100:2', mem: '16000' });
    assert.ok(gpu['array.sbatch'].includes('\n#SBATCH --gres=gpu:a100:2\n'));
    assert.ok(gpu['array.sbatch'].includes('\n#SBATCH --mem=16000\n'));
    assert.ok(!gpu['merge.sbatch'].includes('--gres'));
    assert.ok(!gpu['merge.sbatch'].includes('--mem'));
  });

  it('one shard makes an array of one task', () => {
    const s = slurmJobScripts({ ...BASE, shards: 1, cpus: 1 });
    assert.ok(s['array.sbatch'].includes('\n#SBATCH --array=0-0\n'));
    assert.ok(s['array.sbatch'].includes('--shard "$SLURM_ARRAY_TASK_ID/1"'));
    assert.ok(s['submit.sh'].includes('(1 task)'));
  });

  it('quotes paths with spaces and quotes, doubles a % in log patterns, and keeps --ssad as the shell text given', () => {
    const dir = "/shared/my exp/it's 100%";
    const s = slurmJobScripts({ ...BASE, jobDir: dir, configFile: `${dir}/config/a b.ssad.json`, ssad: 'ssad' });
    const q = `'/shared/my exp/it'\\''s 100%`;
    assert.ok(s['array.sbatch'].includes(`\n#SBATCH --output='/shared/my exp/it'\\''s 100%%/logs/shard-%a.out'\n`));
    assert.ok(s['array.sbatch'].includes(`\nexec ssad run ${q}/config/a b.ssad.json' --shard "$SLURM_ARRAY_TASK_ID/3" --out ${q}/shards' --parallel 2\n`));
    assert.ok(s['merge.sbatch'].includes(`\nexec ssad merge ${q}/merged' ${q}/shards'/*\n`));
    assert.ok(s['submit.sh'].includes(`array=$(sbatch --parsable ${q}/array.sbatch')`));
  });

  it('keeps a name with a line break or quotes on its comment line, and makes a job name of plain characters', () => {
    const s = slurmJobScripts({ ...BASE, name: 'two\nlines "x"' });
    assert.ok(s['array.sbatch'].includes('# One task per shard of the grid "two\\nlines \\"x\\"": task i'));
    assert.equal(slurmJobName('two\nlines "x"'), 'ssad-two_lines_x');
    assert.equal(slurmJobName('MNIST flip/cutout'), 'ssad-MNIST_flip_cutout');
    assert.equal(slurmJobName('   '), 'ssad-grid');
  });

  it('shell-quotes so that sh reads back every word exactly', () => {
    const words = ['plain', 'with space', "it's", '$HOME', '`cmd`', 'a\\b', '', '#hash', 'semi;colon', '~user', 'new\nline', '100%'];
    const r = spawnSync('sh', ['-c', `printf '%s\\0' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\0').slice(0, -1), words);
    assert.equal(shellQuote('/a/b-c_d.e:f=g@h+i,j'), '/a/b-c_d.e:f=g@h+i,j');
  });
});

/**
 * Scale-out with the built `ssad` CLI (dist/cli.js): a grid trained as 3 shards (`--shard i/3`)
 * and put together with `ssad merge` equals the same grid trained by one process, cell for cell
 * and in its summary; a missing shard is named (exit 1) and can be trained into the merged folder
 * with --resume; folders that cannot make one grid are refused (exit 2, nothing written); a resumed
 * shard stays its shard. `npm test` builds first; run `npm run build` when running this alone.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunResults } from '../../../src/shared/results';
import { tinyShapesConfig } from '../../helpers/tinyConfig';

const CLI = resolve(__dirname, '../../../dist/cli.js');

/** 2 augmentations (with none) × 2 seeds × 2 normal classes = 8 cells, one epoch each. */
const CONFIG = tinyShapesConfig('shard test', {
  testbed: { type: 'synthetic', anomalies: ['invert', 'cutout'] },
  augmentations: ['none', 'invert'],
  seeds: [0, 1],
  runtime: { backend: 'wasm', parallelism: 1 },
});

function ssad(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
}

function read(runDir: string): RunResults {
  return JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
}

function write(runDir: string, results: RunResults): void {
  writeFileSync(join(runDir, 'results.json'), JSON.stringify(results));
}

/** The one run folder under `parent`. */
function only(parent: string): string {
  const [name, ...more] = readdirSync(parent);
  assert.equal(more.length, 0, `one run folder in ${parent}`);
  return join(parent, name);
}

/** What must agree between two runs of one grid: each cell's numbers and the summary. */
function numbers(r: RunResults): unknown {
  return {
    cells: r.cells.map((c) => ({ id: c.id, status: c.status, metrics: c.metrics, loss: c.loss, scoresFile: c.scoresFile })),
    summary: r.summary,
  };
}

describe('ssad run --shard and ssad merge (built bundle)', function () {
  this.timeout(240_000);
  let dir: string;
  let configFile: string;
  let single: RunResults;
  let shards: string[];

  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
    dir = mkdtempSync(join(tmpdir(), 'ssad-shards-'));
    configFile = join(dir, 'grid.ssad.json');
    writeFileSync(configFile, JSON.stringify(CONFIG));
    const whole = ssad('run', configFile, '--out', join(dir, 'single'), '--quiet');
    assert.equal(whole.status, 0, whole.stderr);
    single = read(only(join(dir, 'single')));
    shards = [0, 1, 2].map((i) => {
      const r = ssad('run', configFile, '--out', join(dir, `shard${i}`), '--shard', `${i}/3`);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`Training \\d cell\\(s\\) \\(shard ${i}/3 of the grid\\)`));
      return only(join(dir, `shard${i}`));
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('trains each shard\'s share into <id>-shard-i-of-n, recording shard', () => {
    const ids = single.cells.map((c) => c.id);
    const owned = shards.map((s) => read(s).shard!.cells);
    assert.deepEqual(owned.flat().sort(), [...ids].sort(), 'every cell in exactly one shard');
    assert.ok(owned.every((o) => o.length === 2 || o.length === 3), `${owned.map((o) => o.length)}`);
    shards.forEach((s, i) => {
      const r = read(s);
      assert.match(s, new RegExp(`-shard_test-shard-${i}-of-3$`));
      assert.equal(r.status, 'completed');
      assert.deepEqual({ index: r.shard!.index, count: r.shard!.count }, { index: i, count: 3 });
      assert.match(r.shard!.configHash, /^[0-9a-f]{64}$/);
      assert.deepEqual(r.cells.map((c) => c.id).sort(), [...r.shard!.cells].sort());
    });
  });

  it('merges the 3 shards into the single-process run: the same AUROC in every cell and the same summary', () => {
    const out = join(dir, 'merged');
    const r = ssad('merge', out, ...shards);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^none\s+\d\.\d{3}/m);
    assert.match(r.stdout, /Merged 3 shards: 8 cells\./);
    const merged = read(out);
    assert.equal(merged.status, 'completed');
    assert.ok(new Set(single.cells.map((c) => c.metrics!.all.auroc)).size > 1, 'the cells differ from one another');
    assert.deepEqual(numbers(merged), numbers(single));
    assert.deepEqual(merged.mergedFrom?.map((m) => m.index), [0, 1, 2]);
    for (const c of merged.cells) assert.deepEqual(readFileSync(join(out, c.scoresFile!), 'utf8'), readFileSync(join(only(join(dir, 'single')), c.scoresFile!), 'utf8'));
  });

  it('names the missing cells of a shard left out (exit 1, status failed); --resume on the merged folder trains just those', () => {
    const out = join(dir, 'partial');
    const missing = read(shards[1]).shard!.cells;
    const r = ssad('merge', out, shards[0], shards[2]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`merge incomplete: ${missing.length} of 8 cells are missing or did not complete \\(shard 1/3 not merged\\)`));
    for (const id of missing) assert.match(r.stderr, new RegExp(`^  ${id}: shard 1/3 was not merged$`, 'm'));
    const partial = read(out);
    assert.equal(partial.status, 'failed');
    assert.ok(missing.every((id) => partial.error!.includes(id)));
    const resumed = ssad('run', '--resume', out, '--quiet');
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.deepEqual(numbers(read(out)), numbers(single));
  });

  it('refuses different configs, a shard given twice and overlapping shards: exit 2, nothing written', () => {
    const other = join(dir, 'other-config');
    cpSync(shards[1], other, { recursive: true });
    write(other, { ...read(other), shard: { ...read(other).shard!, configHash: '0'.repeat(64) } });
    const twice = join(dir, 'twice');
    cpSync(shards[0], twice, { recursive: true });
    const overlapping = join(dir, 'overlapping');
    cpSync(shards[0], overlapping, { recursive: true });
    write(overlapping, { ...read(overlapping), shard: { ...read(overlapping).shard!, index: 1 } });
    const cases: Array<[string[], RegExp]> = [
      [[shards[0], other, shards[2]], /cannot merge: the shards come from different configs \(their config hashes differ\): config [0-9a-f]{12}…: .*shard-0-of-3, .*shard-2-of-3; config 000000000000…: .*other-config/],
      [[shards[0], shards[1], shards[2], twice], /cannot merge: .*shard-0-of-3 and .*twice are both shard 0\/3/],
      [[shards[0], overlapping, shards[2]], /cannot merge: .*shard-0-of-3 \(shard 0\/3\) and .*overlapping \(shard 1\/3\) both hold cell /],
    ];
    for (const [dirs, message] of cases) {
      const out = join(dir, 'refused');
      const r = ssad('merge', out, ...dirs);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(existsSync(out), false, 'nothing written');
    }
  });

  it('resumes a shard as that shard: only its cells, --shard must match', () => {
    const copy = join(dir, 'resume', 'shard-copy');
    cpSync(shards[2], copy, { recursive: true });
    const before = read(copy);
    const redo = before.cells[0].id;
    write(copy, {
      ...before,
      status: 'failed',
      cells: before.cells.map((c) => (c.id === redo ? { ...c, status: 'failed', error: 'killed', metrics: undefined, scoresFile: undefined } : c)),
    });
    const wrong = ssad('run', '--resume', copy, '--shard', '0/3');
    assert.equal(wrong.status, 2, wrong.stderr);
    assert.match(wrong.stderr, /cannot resume: .* it is shard 2\/3, not 0\/3/);
    const r = ssad('run', '--resume', copy, '--shard', '2/3');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /Resuming shard 2\/3 /);
    const after = read(copy);
    assert.deepEqual(after.shard, before.shard);
    assert.deepEqual(numbers(after), numbers(before));
  });

  it('rejects a bad --shard and a merge without shard folders (exit 2, saying why)', () => {
    const cases: Array<[string[], RegExp]> = [
      [['run', configFile, '--shard', '3/3'], /--shard "3\/3": the index must be below the count \(shards of 3 are numbered 0 to 2\), got 3/],
      [['run', configFile, '--shard', '1.5/2'], /--shard "1\.5\/2": the index must be a whole number from 0 up, got "1\.5"/],
      [['run', configFile, '--shard', '1/0'], /--shard "1\/0": the count must be at least 1, got 0/],
      [['merge', join(dir, 'nothing')], /merge needs OUT \(the run folder to create\) and at least one shard run folder DIR/],
      [['merge', join(dir, 'nothing'), join(dir, 'single')], /is not a run folder \(it has no results\.json\)/],
      [['merge', join(dir, 'nothing'), only(join(dir, 'single'))], /is not a shard run \(its results\.json has no "shard"/],
    ];
    for (const [args, message] of cases) {
      const r = ssad(...args);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
    }
    assert.equal(existsSync(join(dir, 'nothing')), false);
  });
});

/**
 * Merging shard runs, on shard folders made here without training: what the merged folder holds,
 * how missing shards and cells are reported, which folders are refused (with nothing written),
 * and that results files with and without the scale-out fields load.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../../../src/engine/config';
import { gridCells } from '../../../../src/engine/run/cellPlan';
import { configHash } from '../../../../src/engine/run/configHash';
import { mergeShards, MergeError, MISSING_NAMED } from '../../../../src/engine/run/mergeShards';
import { readRunResults } from '../../../../src/engine/run/readResults';
import { cellsOfShard } from '../../../../src/engine/run/shardPlan';
import { summarize } from '../../../../src/engine/run/summary';
import type { ExperimentConfig } from '../../../../src/shared/config';
import { RESULTS_SCHEMA_VERSION, type CellResult, type RunResults } from '../../../../src/shared/results';

function config(seeds: number[]): ExperimentConfig {
  const r = validateConfig({
    name: 'merge fixture',
    dataset: { source: 'shapes', normalClasses: [0, 1], imageSize: 16 },
    testbed: { type: 'synthetic', anomalies: ['flip'] },
    detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
    augmentations: ['none', 'flip', 'invert'],
    training: { epochs: 1, batchSize: 16, learningRate: 0.003 },
    seeds,
    runtime: { backend: 'wasm', parallelism: 1 },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

const AUGMENTATIONS = ['none', 'flip', 'invert'];
const CLASSES = ['circle', 'square'];

/** A completed cell with made-up but distinct metrics. */
function completed(plan: { id: string; augmentation: string; seed: number; normalClass: string }, k: number): CellResult {
  const auroc = 0.5 + ((k * 37) % 50) / 100;
  const set = { auroc, ap: auroc, f1AtK: 0.5, precisionAtK: 0.5 };
  return { ...plan, status: 'completed', loss: [0.1], metrics: { flip: set, all: set }, trainSeconds: 1, scoresFile: `scores/${plan.id}.json` };
}

describe('merging shard runs (no training)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-merge-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The whole grid's cells and one shard folder per index, as `ssad run --shard` writes them. */
  function shardFolders(count: number, seeds = [0, 1], backends: string[] = []): { whole: CellResult[]; dirs: string[] } {
    const cfg = config(seeds);
    const grid = gridCells(AUGMENTATIONS, seeds, CLASSES);
    const whole = grid.map((plan, k) => completed({ id: plan.id, augmentation: plan.augmentation, seed: plan.seed, normalClass: plan.normalClass }, k));
    const dirs = Array.from({ length: count }, (_, index) => {
      const owned = cellsOfShard(grid.map((c) => c.id), { index, count });
      const runDir = join(dir, `shard-${index}`);
      mkdirSync(join(runDir, 'scores'), { recursive: true });
      const cells = whole.filter((c) => owned.includes(c.id));
      for (const c of cells) writeFileSync(join(runDir, c.scoresFile!), JSON.stringify({ sampleType: ['normal', 'flip'], score: [0, c.metrics!.all.auroc] }));
      const backend = backends[index] ?? 'wasm';
      const results: RunResults = {
        schemaVersion: RESULTS_SCHEMA_VERSION,
        id: `shard-${index}`,
        name: cfg.name,
        config: cfg,
        status: 'completed',
        backend: { name: backend, requested: 'auto', detail: `${backend} here` },
        createdAt: '2026-11-29T10:00:00.000Z',
        totalSeconds: 10 + index,
        scale: { trainImages: 32, testImages: 32, epochs: 1, parallelism: 2, parameters: 3137 },
        augmentations: AUGMENTATIONS,
        anomalyTypes: ['flip'],
        normalClasses: CLASSES,
        cells,
        summary: summarize(cells, AUGMENTATIONS, ['flip'], 'synthetic'),
        shard: { index, count, configHash: configHash(cfg), cells: owned },
      };
      writeFileSync(join(runDir, 'results.json'), JSON.stringify(results));
      return runDir;
    });
    return { whole, dirs };
  }

  function edit(runDir: string, change: (r: RunResults) => void): void {
    const file = join(runDir, 'results.json');
    const r = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
    change(r);
    writeFileSync(file, JSON.stringify(r));
  }

  it('writes one completed run: every cell in run order, scores copied, summary recomputed, mergedFrom by index', () => {
    const { whole, dirs } = shardFolders(3);
    const out = join(dir, 'merged');
    const merged = mergeShards({ out, shardDirs: [dirs[2], dirs[0], dirs[1]] });
    assert.deepEqual(merged.missing, []);
    const r = readRunResults(out);
    assert.equal(r.status, 'completed');
    assert.equal(r.error, undefined);
    assert.equal(r.shard, undefined);
    assert.deepEqual(r.cells, whole);
    assert.deepEqual(r.summary, summarize(whole, AUGMENTATIONS, ['flip'], 'synthetic'));
    assert.deepEqual(r.mergedFrom, [0, 1, 2].map((index) => ({ runId: `shard-${index}`, index, backend: 'wasm' })));
    assert.deepEqual(r.backend, { name: 'wasm', requested: 'auto', detail: 'wasm here' });
    assert.deepEqual(r.scale, { trainImages: 32, testImages: 32, epochs: 1, parallelism: 6, parameters: 3137 });
    assert.equal(r.totalSeconds, 12);
    assert.deepEqual(readdirSync(join(out, 'scores')).sort(), whole.map((c) => `${c.id}.json`).sort());
  });

  it('names a mixed backend and each shard\'s', () => {
    const { dirs } = shardFolders(2, [0], ['node', 'wasm']);
    const r = mergeShards({ out: join(dir, 'merged'), shardDirs: dirs }).results;
    assert.equal(r.backend?.name, 'mixed');
    assert.equal(r.backend?.detail, 'shard 0/2: node (node here); shard 1/2: wasm (wasm here)');
    assert.deepEqual(r.mergedFrom?.map((m) => m.backend), ['node', 'wasm']);
  });

  it('writes a failed run naming the missing cells (the first 20, then a count) with placeholders a resume can train', () => {
    const { whole, dirs } = shardFolders(2, [0, 1, 2, 3, 4, 5, 6, 7]);
    const out = join(dir, 'merged');
    const merged = mergeShards({ out, shardDirs: [dirs[0]] });
    const owned1 = new Set((JSON.parse(readFileSync(join(dirs[1], 'results.json'), 'utf8')) as RunResults).shard!.cells);
    const expected = whole.filter((c) => owned1.has(c.id)).map((c) => c.id);
    assert.ok(expected.length > MISSING_NAMED);
    assert.deepEqual(merged.missing, expected);
    assert.deepEqual(merged.missingShards, [1]);
    const r = readRunResults(out);
    assert.equal(r.status, 'failed');
    assert.equal(
      r.error,
      `${expected.length} of ${whole.length} cells are missing or did not complete (shard 1/2 not merged): ${expected.slice(0, MISSING_NAMED).join(', ')} and ${expected.length - MISSING_NAMED} more`,
    );
    assert.deepEqual(r.cells.map((c) => c.id), whole.map((c) => c.id), 'the whole grid, in run order');
    for (const c of r.cells.filter((c) => owned1.has(c.id))) {
      assert.equal(c.status, 'canceled');
      assert.equal(c.error, 'shard 1/2 was not merged');
    }
  });

  it('counts a cell that failed or never ran in its shard as missing', () => {
    const { dirs } = shardFolders(2, [0]);
    let failed = '';
    let pending = '';
    edit(dirs[0], (r) => {
      r.status = 'failed';
      r.cells[0] = { ...r.cells[0], status: 'failed', error: 'out of memory', metrics: undefined, scoresFile: undefined };
      r.cells[1] = { ...r.cells[1], status: 'pending', metrics: undefined, scoresFile: undefined };
      [failed, pending] = [r.cells[0].id, r.cells[1].id];
    });
    const merged = mergeShards({ out: join(dir, 'merged'), shardDirs: dirs });
    assert.deepEqual([...merged.missing].sort(), [failed, pending].sort());
    assert.deepEqual(merged.missingShards, []);
    const byId = new Map(merged.results.cells.map((c) => [c.id, c]));
    assert.equal(byId.get(failed)?.status, 'failed');
    assert.equal(byId.get(pending)?.status, 'canceled');
    assert.match(merged.results.error!, /^2 of 6 cells are missing or did not complete: /);
  });

  describe('refuses folders that cannot make one grid, writing nothing', () => {
    function refused(shardDirs: string[], message: RegExp, out = join(dir, 'merged')): void {
      assert.throws(() => mergeShards({ out, shardDirs }), (e: Error) => e instanceof MergeError && message.test(e.message));
      assert.equal(existsSync(join(dir, 'merged')), false, 'nothing written');
    }

    it('different configs', () => {
      const { dirs } = shardFolders(2);
      edit(dirs[1], (r) => (r.shard!.configHash = 'f'.repeat(64)));
      refused(dirs, /the shards come from different configs \(their config hashes differ\): config [0-9a-f]{12}…: .*shard-0; config ffffffffffff…: .*shard-1/);
    });

    it('different shard counts', () => {
      const { dirs } = shardFolders(2);
      edit(dirs[1], (r) => (r.shard!.count = 3));
      refused(dirs, /different numbers of shards: of 2: .*shard-0; of 3: .*shard-1/);
    });

    it('the same shard twice', () => {
      const { dirs } = shardFolders(2);
      refused([dirs[0], dirs[1], dirs[0]], /shard-0 and .*shard-0 are both shard 0\/2/);
    });

    it('a cell in two shards', () => {
      const { dirs } = shardFolders(3);
      const stolen = (JSON.parse(readFileSync(join(dirs[0], 'results.json'), 'utf8')) as RunResults).cells[0];
      edit(dirs[1], (r) => r.cells.push(stolen));
      refused(dirs, new RegExp(`shard-0 \\(shard 0/3\\) and .*shard-1 \\(shard 1/3\\) both hold cell ${stolen.id}`));
    });

    it('a folder that is no shard run, or no run at all', () => {
      const { dirs } = shardFolders(2);
      edit(dirs[1], (r) => delete r.shard);
      refused(dirs, /shard-1 is not a shard run \(its results\.json has no "shard"/);
      refused([dirs[0], join(dir, 'nowhere')], /nowhere is not a run folder \(it has no results\.json\)/);
    });

    it('shards that saw different data', () => {
      const { dirs } = shardFolders(2);
      edit(dirs[1], (r) => (r.normalClasses = ['circle']));
      refused(dirs, /different normalClasses/);
    });

    it('an OUT that is not empty', () => {
      const { dirs } = shardFolders(2);
      const out = join(dir, 'taken');
      mkdirSync(out);
      writeFileSync(join(out, 'x'), '');
      assert.throws(() => mergeShards({ out, shardDirs: dirs }), /taken exists and is not empty/);
      mkdirSync(join(dir, 'empty'));
      assert.equal(mergeShards({ out: join(dir, 'empty'), shardDirs: dirs }).results.status, 'completed', 'an empty folder will do');
    });
  });

  it('loads results with shard and mergedFrom, and reports a broken shard field', () => {
    const { dirs } = shardFolders(2);
    assert.equal(readRunResults(dirs[0]).shard?.count, 2);
    edit(dirs[0], (r) => Object.assign(r.shard!, { index: 2, configHash: 'nope' }));
    assert.throws(() => readRunResults(dirs[0]), /shard\.index must be a whole number from 0 to 1 \(got number 2\); shard\.configHash must be a SHA-256 hex string/);
    edit(dirs[1], (r) => Object.assign(r, { mergedFrom: [{ runId: 'a' }] }));
    assert.throws(() => readRunResults(dirs[1]), /mergedFrom must be a list of \{ runId, index, backend\? \}/);
  });

  it('still loads a results.json written before shards (no shard, no mergedFrom)', () => {
    const { dirs } = shardFolders(1);
    edit(dirs[0], (r) => delete r.shard);
    const r = readRunResults(dirs[0]);
    assert.equal(r.shard, undefined);
    assert.equal(r.mergedFrom, undefined);
    assert.equal(r.cells.length, 12);
  });
});

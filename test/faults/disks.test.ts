/**
 * Fault cases: a disk that fills up or turns read-only under a run (issue 11, defect 3), and
 * writes that fail from the start. Where `mount -t tmpfs` works (root on Linux), a small tmpfs
 * gives real ENOSPC and EROFS; everywhere, the atomic writer's fault hook (SSAD_FAULT_WRITE)
 * injects ENOSPC, EACCES and EIO. The figures say which ran.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunResults } from '../../src/engine/run/readResults';
import { waitUntil } from '../helpers/processes';
import { cli, cliAsync, judge, lostCells, onlyRun, oneLine, requireBuild, writeConfig } from './cli';
import { figures, lost, runEnded, tried } from './tally';

const LONG = {
  augmentations: ['none', 'flip', 'invert', 'noise'],
  training: { epochs: 30, batchSize: 16, learningRate: 0.003, schedule: 'constant' },
};

function mount(dir: string, options: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

function umount(dir: string): void {
  spawnSync('umount', [dir], { stdio: 'ignore' });
}

/** Fills the file system of `dir` until it refuses another byte. */
function fill(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full.
  } finally {
    closeSync(fd);
  }
  return file;
}

describe('faults: full and read-only disks', function () {
  this.timeout(150_000);
  let root: string;
  let tmpfs = false;
  before(() => {
    requireBuild();
    const probe = mkdtempSync(join(tmpdir(), 'ssad-faults-probe-'));
    tmpfs = mount(probe, 'size=1m');
    if (tmpfs) umount(probe);
    rmSync(probe, { recursive: true, force: true });
    figures.disk = tmpfs ? 'a real tmpfs (ENOSPC, EROFS) and injected faults (SSAD_FAULT_WRITE)' : 'injected faults only (SSAD_FAULT_WRITE; mount -t tmpfs is not permitted here)';
  });
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ssad-faults-disk-'))));
  afterEach(() => {
    umount(join(root, 'disk'));
    rmSync(root, { recursive: true, force: true });
  });

  for (const how of ['full', 'read-only'] as const) {
    it(`a disk that turns ${how} after the first cell: the run ends with the path and the reason; after the disk is fixed, --resume completes it`, async function () {
      if (!tmpfs) this.skip();
      tried();
      const disk = join(root, 'disk');
      assert.ok(mount(disk, 'size=16m'));
      const file = writeConfig(root, how, LONG);
      const run = cliAsync(['run', file, '--out', join(disk, 'runs')]);
      await waitUntil(() => /^ {2}done /m.test(run.out.stderr), 60_000, 'a first cell');
      let filler = '';
      if (how === 'full') filler = fill(disk);
      else assert.equal(spawnSync('mount', ['-o', 'remount,ro', disk]).status, 0);
      const r = await run.done;
      const runDir = onlyRun(join(disk, 'runs'));
      const reason = how === 'full' ? /no space left on device \(ENOSPC\)/ : /read-only file system \(EROFS\)/;
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`ssad: run failed: .*cannot write ${runDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(results\\.json|scores/[^:]+): ${reason.source}`));
      // results.json cannot say how it ended (the disk refuses), so readers see it as interrupted.
      const seen = await judge(`${how} disk`, runDir, r, { status: 'interrupted', exit: 1 });
      const done = seen.cells.filter((c) => c.status === 'completed');
      if (how === 'full') unlinkSync(filler);
      else assert.equal(spawnSync('mount', ['-o', 'remount,rw', disk]).status, 0);
      const resumed = cli(['run', '--resume', runDir]);
      const after = await judge(`resume after a ${how} disk`, runDir, resumed, { status: 'completed' });
      for (const c of done) if (after.cells.find((x) => x.id === c.id)?.trainSeconds !== c.trainSeconds) lost(1);
    });
  }

  it('an --out on a read-only disk: one line, exit 2, nothing made', function () {
    if (!tmpfs) this.skip();
    tried();
    const disk = join(root, 'disk');
    assert.ok(mount(disk, 'size=1m,ro'));
    const r = cli(['run', writeConfig(root, 'ro'), '--out', join(disk, 'runs')]);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(oneLine(r.stderr), r.stderr);
    assert.match(r.stderr, /read-only file system \(EROFS\)/);
  });

  const injected: Array<[string, string, RegExp, 'failed' | 'interrupted']> = [
    ['one ENOSPC on the save after the first cell', 'ENOSPC:results.json:2:1', /results\.json: no space left on device \(ENOSPC\); the run stopped/, 'failed'],
    ['EIO on every save of results.json after the first', 'EIO:results.json:1', /results\.json: input\/output error \(EIO\)/, 'interrupted'],
    ['EACCES on every scores file', 'EACCES:scores/*', /scores\/[^:]+\.json: permission denied \(EACCES\)/, 'failed'],
    ['EACCES on every write, the first results.json included', 'EACCES:*', /results\.json: permission denied \(EACCES\)/, 'failed'],
  ];
  for (const [what, spec, message, status] of injected) {
    it(`injected: ${what} ends the run failed with the path and the reason, no temp file left`, async () => {
      tried();
      // Fault only the writes named: the run folder itself is made by mkdir, not the writer.
      const env = { SSAD_FAULT_WRITE: spec };
      const r = cli(['run', writeConfig(root, 'inj'), '--out', join(root, 'runs')], { env });
      const runs = readdirSync(join(root, 'runs'));
      assert.equal(runs.length, 1);
      const runDir = join(root, 'runs', runs[0]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, message);
      let results;
      try {
        results = readRunResults(runDir);
      } catch {
        results = undefined;
      }
      if (spec === 'EACCES:*') {
        // Not even the first results.json could be written: the CLI says why; no folder to show.
        const clear = results === undefined && /ssad: run failed: cannot write .*results\.json: permission denied/.test(r.stderr);
        runEnded(what, clear, r.stderr.slice(-300));
        assert.ok(clear, r.stderr);
        return;
      }
      await judge(`injected ${what}`, runDir, r, { status, exit: 1 });
      lost(results ? lostCells(runDir, results, r.stderr) : 0);
    });
  }
});

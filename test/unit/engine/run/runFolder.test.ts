/**
 * Run folders (issue 11): made exclusively (defect 5), read only within their bounds, symbolic
 * links included (defect 6), owned with a heartbeat so that a run whose process died reads as
 * `interrupted`; atomic writes that fail leave nothing behind.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileWriteError, writeFileAtomic } from '../../../../src/engine/run/atomicFile';
import { readRunResults } from '../../../../src/engine/run/readResults';
import {
  claimRunFolder,
  createRunFolder,
  OWNER_FILE,
  readOwner,
  readRunFile,
  releaseRunFolder,
  resolveInsideRun,
  RunFolderPathError,
} from '../../../../src/engine/run/runFolder';
import { results } from '../../../helpers/runResultsFixtures';

describe('run folders', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-folder-'))));
  afterEach(() => {
    delete process.env.SSAD_FAULT_WRITE;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates run folders exclusively: the same id twice gives two folders', () => {
    const a = createRunFolder(join(dir, 'runs'), '20260101-000000-x');
    const b = createRunFolder(join(dir, 'runs'), '20260101-000000-x');
    assert.equal(a.runId, '20260101-000000-x');
    assert.equal(b.runId, '20260101-000000-x-2');
    assert.deepEqual(readdirSync(join(dir, 'runs')).sort(), [a.runId, b.runId]);
  });

  it('creates distinct folders from many processes at once', () => {
    const runs = join(dir, 'runs');
    const script = `const { createRunFolder } = require(${JSON.stringify(join(__dirname, '../../../../src/engine/run/runFolder.ts'))}); console.log(createRunFolder(${JSON.stringify(runs)}, 'same').runId);`;
    const children = Array.from({ length: 4 }, () => spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' }));
    const ids = children.map((c) => c.stdout.trim());
    assert.equal(new Set(ids).size, 4, ids.join(', '));
  });

  it('says why a run folder cannot be made, in one line', () => {
    writeFileSync(join(dir, 'file'), '');
    assert.throws(() => createRunFolder(join(dir, 'file', 'deeper'), 'x'), /is a file, not a folder$/);
    assert.throws(() => createRunFolder('/proc/ssad-no-such-place', 'x'), /cannot create the runs folder \/proc\/ssad-no-such-place: /);
    assert.throws(() => createRunFolder(join(dir, 'file'), 'x'), (e: Error) => e instanceof RunFolderPathError && /^cannot create the runs folder .*file: it \(or a folder above it\) is a file, not a folder$/.test(e.message));
  });

  it('resolves paths from results.json only inside the run folder', () => {
    const run = join(dir, 'run');
    mkdirSync(join(run, 'scores'), { recursive: true });
    writeFileSync(join(run, 'samples.png'), 'png');
    writeFileSync(join(dir, 'secret'), 'secret');
    assert.equal(resolveInsideRun(run, 'samples.png'), join(run, 'samples.png'));
    assert.equal(resolveInsideRun(run, 'scores/not-yet.json'), join(run, 'scores', 'not-yet.json'));
    assert.equal(readRunFile(run, 'samples.png').toString(), 'png');
    for (const bad of ['../secret', '../../../../../etc/hostname', '/etc/hostname', 'scores/../../secret', '', '.', 'C:\\x', 42, null]) {
      assert.throws(() => readRunFile(run, bad), RunFolderPathError, String(bad));
    }
  });

  it('refuses a symbolic link that leads outside the run folder', () => {
    const run = join(dir, 'run');
    mkdirSync(run);
    writeFileSync(join(dir, 'secret'), 'secret');
    symlinkSync(join(dir, 'secret'), join(run, 'samples.png'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(run, 'scores'));
    assert.throws(() => readRunFile(run, 'samples.png'), /through a symbolic link/);
    assert.throws(() => resolveInsideRun(run, 'scores/a.json'), /through a symbolic link/);
  });

  it('reads a running run whose process is gone as interrupted, and a live one as running', () => {
    const run = join(dir, 'run');
    mkdirSync(run);
    writeFileSync(join(run, 'results.json'), JSON.stringify({ ...results([]), id: 'run' }));
    assert.equal(readRunResults(run).status, 'interrupted', 'no owner file');
    claimRunFolder(run);
    assert.equal(readOwner(run)?.pid, process.pid);
    assert.equal(readRunResults(run).status, 'running', 'this process owns it');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid ?? 0;
    writeFileSync(join(run, OWNER_FILE), JSON.stringify({ pid: dead, host: hostname(), startedAt: new Date().toISOString(), heartbeatAt: new Date().toISOString() }));
    assert.equal(readRunResults(run).status, 'interrupted', 'its process died');
    assert.match(readRunResults(run).error!, /resume it/);
    writeFileSync(join(run, OWNER_FILE), JSON.stringify({ pid: 1, host: 'other-host', startedAt: '2020-01-01T00:00:00Z', heartbeatAt: '2020-01-01T00:00:00Z' }));
    assert.equal(readRunResults(run).status, 'interrupted', 'a stale heartbeat from another machine');
    writeFileSync(join(run, OWNER_FILE), JSON.stringify({ pid: 1, host: 'other-host', startedAt: new Date().toISOString(), heartbeatAt: new Date().toISOString() }));
    assert.equal(readRunResults(run).status, 'running', 'a fresh heartbeat from another machine');
  });

  it('claims a folder only from a dead owner, never from a live one', () => {
    const run = join(dir, 'run');
    mkdirSync(run);
    claimRunFolder(run);
    assert.throws(() => claimRunFolder(run), /still being trained by process \d+/);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid ?? 0;
    writeFileSync(join(run, OWNER_FILE), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2020-01-01T00:00:00Z', heartbeatAt: '2020-01-01T00:00:00Z' }));
    claimRunFolder(run);
    assert.equal(readOwner(run)?.pid, process.pid);
    releaseRunFolder(run);
    assert.ok(!existsSync(join(run, OWNER_FILE)));
    assert.deepEqual(readdirSync(run), [], 'no claim or stale file left');
  });

  it('an atomic write that fails removes its temp file and names the target and the reason', () => {
    process.env.SSAD_FAULT_WRITE = 'EACCES:a.json';
    const error = (() => {
      try {
        writeFileAtomic(join(dir, 'a.json'), 'x');
      } catch (e) {
        return e as FileWriteError;
      }
      return undefined;
    })();
    assert.ok(error instanceof FileWriteError);
    assert.equal(error.message, `cannot write ${join(dir, 'a.json')}: permission denied (EACCES)`);
    assert.deepEqual(readdirSync(dir), []);
    // A real failure half-way (the target is a folder, so the rename fails): the temp file goes too.
    delete process.env.SSAD_FAULT_WRITE;
    mkdirSync(join(dir, 'b.json'));
    assert.throws(() => writeFileAtomic(join(dir, 'b.json'), 'x'), /cannot write .*b\.json/);
    assert.deepEqual(readdirSync(dir), ['b.json']);
  });
});

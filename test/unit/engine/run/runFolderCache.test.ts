import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunFolderCache } from '../../../../src/engine/run/runFolderCache';
import { results } from '../../../helpers/runResultsFixtures';

describe('run folder cache', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-runs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, createdAt: string, status = 'completed', when = new Date()): void {
    mkdirSync(join(dir, name), { recursive: true });
    const file = join(dir, name, 'results.json');
    writeFileSync(file, JSON.stringify({ ...results([]), id: name, status, createdAt }));
    utimesSync(file, when, when);
  }

  it('lists runs newest first, skips folders without results and reports a broken one once', () => {
    write('old', '2026-01-01T00:00:00Z');
    write('new', '2026-02-01T00:00:00Z');
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'results.json'), '{ not json');
    const cache = new RunFolderCache();
    const first = cache.list(dir);
    assert.deepEqual(first.runs.map((r) => r.results.id), ['new', 'old']);
    assert.equal(first.newProblems.length, 1);
    assert.equal(cache.list(dir).newProblems.length, 0, 'an unchanged broken file is reported once');
  });

  it('re-reads only the results.json files that changed, and forgets deleted folders', () => {
    write('a', '2026-01-01T00:00:00Z', 'running', new Date(1_000_000));
    write('b', '2026-01-02T00:00:00Z');
    const cache = new RunFolderCache();
    const first = cache.list(dir);
    const b1 = first.runs.find((r) => r.results.id === 'b')?.results;
    write('a', '2026-01-01T00:00:00Z', 'completed', new Date(2_000_000));
    const second = cache.list(dir);
    assert.equal(second.runs.find((r) => r.results.id === 'a')?.results.status, 'completed');
    assert.equal(second.runs.find((r) => r.results.id === 'b')?.results, b1, 'b was not parsed again');
    rmSync(join(dir, 'b'), { recursive: true });
    assert.deepEqual(cache.list(dir).runs.map((r) => r.results.id), ['a']);
  });

  it('lists nothing for a runs folder that does not exist yet', () => {
    assert.deepEqual(new RunFolderCache().list(join(dir, 'missing')).runs, []);
  });
});

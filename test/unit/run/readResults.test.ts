import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRuns, readRunResults } from '../../../src/engine/run/readResults';
import { RESULTS_SCHEMA_VERSION } from '../../../src/shared/results';

describe('reading run folders', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-runs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeRun(name: string, body: unknown): string {
    const runDir = join(dir, name);
    mkdirSync(runDir);
    writeFileSync(join(runDir, 'results.json'), typeof body === 'string' ? body : JSON.stringify(body));
    return runDir;
  }

  it('reads a current-version folder', () => {
    const runDir = writeRun('a', { schemaVersion: RESULTS_SCHEMA_VERSION, id: 'a', createdAt: '2026-01-01T00:00:00Z', cells: [] });
    assert.equal(readRunResults(runDir).id, 'a');
  });

  it('refuses a folder written by a newer version, saying so', () => {
    const runDir = writeRun('b', { schemaVersion: RESULTS_SCHEMA_VERSION + 1 });
    assert.throws(() => readRunResults(runDir), /newer SSAD Lab/);
  });

  it('names the file of an unreadable results.json', () => {
    const runDir = writeRun('c', '{ truncated');
    assert.throws(() => readRunResults(runDir), (e: Error) => e.message.includes(join(runDir, 'results.json')));
  });

  it('lists runs newest first and reports broken folders without hiding the others', () => {
    writeRun('old', { schemaVersion: 1, id: 'old', createdAt: '2026-01-01T00:00:00Z' });
    writeRun('new', { schemaVersion: 1, id: 'new', createdAt: '2026-02-01T00:00:00Z' });
    writeRun('broken', 'nope');
    const listing = listRuns(dir);
    assert.deepEqual(listing.runs.map((r) => r.results.id), ['new', 'old']);
    assert.equal(listing.problems.length, 1);
  });
});

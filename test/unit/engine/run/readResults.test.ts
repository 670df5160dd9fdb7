import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunResults } from '../../../../src/engine/run/readResults';
import { RunFolderCache } from '../../../../src/engine/run/runFolderCache';
import { RESULTS_SCHEMA_VERSION } from '../../../../src/shared/results';
import { results } from '../../../helpers/runResultsFixtures';
import { fixtureResults, semanticResults } from '../../../helpers/resultsFixtures';

/** A structurally valid results.json with these fields. */
function valid(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...results([]), status: 'completed', ...fields };
}

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
    const runDir = writeRun('a', valid({ schemaVersion: RESULTS_SCHEMA_VERSION, id: 'a', createdAt: '2026-01-01T00:00:00Z', cells: [] }));
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
    writeRun('old', valid({ schemaVersion: 1, id: 'old', createdAt: '2026-01-01T00:00:00Z' }));
    writeRun('new', valid({ schemaVersion: 1, id: 'new', createdAt: '2026-02-01T00:00:00Z' }));
    writeRun('broken', 'nope');
    const listing = new RunFolderCache().list(dir);
    assert.deepEqual(listing.runs.map((r) => r.results.id), ['new', 'old']);
    assert.equal(listing.newProblems.length, 1);
  });

  it('reports a structurally broken results.json per folder, never hiding the other runs (createdAt null, no cells, bad ids)', () => {
    writeRun('good', valid({ id: 'good', createdAt: '2026-02-01T00:00:00Z' }));
    writeRun('null-date', valid({ id: 'null-date', createdAt: null }));
    const noCells: Record<string, unknown> = valid({ id: 'no-cells' });
    delete noCells.cells;
    writeRun('no-cells', noCells);
    writeRun('path-id', valid({ id: '../../etc' }));
    writeRun('bad-cell', valid({ id: 'bad-cell', cells: [{ id: 'x', status: 'weird' }] }));
    writeRun('array', '[]');
    const listing = new RunFolderCache().list(dir);
    assert.deepEqual(listing.runs.map((r) => r.results.id), ['good']);
    const problems = Object.fromEntries(listing.newProblems.map((p) => [p.runDir.slice(dir.length + 1), p.error]));
    assert.match(problems['null-date'], /not a valid results file: createdAt must be a date string \(got null\)/);
    assert.match(problems['no-cells'], /cells must be a list \(got nothing\)/);
    assert.match(problems['path-id'], /id must be a plain name/);
    assert.match(problems['bad-cell'], /cells\[0\]\.augmentation must be a string.*and 2 more/);
    assert.match(problems.array, /not a results object/);
  });

  it('reads an older results.json without pairing, pairs or intervals (method approx), and the current format with them', () => {
    const old = fixtureResults();
    assert.ok(old.summary.every((e) => e.pairing === undefined && e.deltaCi === undefined && e.pairs === undefined));
    assert.deepEqual(readRunResults(writeRun('old', old)).summary, old.summary);
    const current = semanticResults();
    assert.ok(current.summary.some((e) => e.deltaCi && e.pairing === 'seed × class pair'));
    assert.deepEqual(readRunResults(writeRun('current', current)).summary, current.summary);
  });

  it('reports a comparison field a reader could not print', () => {
    const r = semanticResults();
    const i = r.summary.findIndex((e) => e.deltaCi);
    (r.summary[i] as unknown as Record<string, unknown>).deltaCi = { low: 'x' };
    (r.summary[i] as unknown as Record<string, unknown>).pairs = '18';
    assert.throws(() => readRunResults(writeRun('bad', r)), new RegExp(`summary\\[${i}\\]\\.pairs must be a number.*summary\\[${i}\\]\\.deltaCi must be \\{ level, low, high, resamples, seed \\}`));
  });
});


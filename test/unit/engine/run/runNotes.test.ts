import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunNotes, writeRunNotes } from '../../../../src/engine/run/runNotes';
import { notesFrom, notesProblem, parseTags, RUN_NOTES_FILE } from '../../../../src/shared/runNotes';

function runDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ssad-notes-')), 'run');
  mkdirSync(dir);
  writeFileSync(join(dir, 'results.json'), '{"kept": true}\n');
  return dir;
}

describe('run notes and tags (notes.json beside results.json)', () => {
  it('reads none from a run without the file, and writes and reads back what it was given', () => {
    const dir = runDir();
    assert.deepEqual(readRunNotes(dir), { note: '', tags: [] });
    writeRunNotes(dir, { note: 'baseline for table 2\nsecond line', tags: ['paper', 'mnist-16px'] });
    assert.deepEqual(readRunNotes(dir), { note: 'baseline for table 2\nsecond line', tags: ['paper', 'mnist-16px'] });
    assert.equal(readFileSync(join(dir, 'results.json'), 'utf8'), '{"kept": true}\n', 'results.json is not touched');
  });

  it('parses tags as a person types them: commas or spaces, a leading #, no duplicates', () => {
    assert.deepEqual(parseTags(' #paper, mnist  paper,,ablation '), ['paper', 'mnist', 'ablation']);
    assert.deepEqual(parseTags(''), []);
  });

  it('refuses what it cannot store, saying why, and writes nothing', () => {
    const dir = runDir();
    assert.match(notesProblem({ note: '', tags: ['a b'] }) ?? '', /tag "a b" may hold letters, digits/);
    assert.match(notesProblem({ note: 'x'.repeat(10_001), tags: [] }) ?? '', /at most 10000 characters/);
    assert.throws(() => writeRunNotes(dir, { note: '', tags: ['x'.repeat(41)] }), /a tag holds at most 40 characters/);
    assert.ok(!existsSync(join(dir, RUN_NOTES_FILE)));
  });

  it('keeps what is usable of a hand-edited file, and names a file that is not JSON', () => {
    assert.deepEqual(notesFrom({ note: 3, tags: ['ok', 7, 'ok', ' two '] }), { note: '', tags: ['ok', 'two'] });
    const dir = runDir();
    writeFileSync(join(dir, RUN_NOTES_FILE), '{ not json');
    assert.throws(() => readRunNotes(dir), /notes\.json is not readable JSON/);
  });
});

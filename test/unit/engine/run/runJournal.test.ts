import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalReader, parseJournalText, RunJournalWriter, RUN_EVENTS_FILE } from '../../../../src/engine/run/runJournal';
import { describeRunEvent, runLogLine } from '../../../../src/engine/run/runLog';
import type { RunEvent } from '../../../../src/shared/progress';

const log = (message: string): RunEvent => ({ type: 'log', level: 'info', message });

describe('run journal (events.jsonl)', () => {
  it('keeps an unfinished last line for the next read and skips damaged lines', () => {
    const first = parseJournalText('', `${JSON.stringify({ at: 1, event: log('a') })}\n{"at":2,"ev`);
    assert.deepEqual(first.entries, [{ at: 1, event: log('a') }]);
    assert.equal(first.carry, '{"at":2,"ev');
    const second = parseJournalText(first.carry, `ent":${JSON.stringify(log('b'))}}\nnot json\n{"at":3}\n`);
    assert.deepEqual(second.entries, [{ at: 2, event: log('b') }]);
    assert.equal(second.carry, '');
  });

  it('a reader returns what was written since its last poll, whole lines only, and nothing for a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssad-journal-'));
    try {
      const reader = JournalReader.forRun(dir);
      assert.deepEqual(reader.poll(), []);
      const writer = new RunJournalWriter(dir);
      writer.append(log('one'), 10);
      writer.append(log('twø'), 11);
      assert.deepEqual(reader.poll().map((e) => [e.at, (e.event as { message: string }).message]), [[10, 'one'], [11, 'twø']]);
      assert.deepEqual(reader.poll(), []);
      // A writer caught in the middle of a line, and of a multi-byte character.
      const line = Buffer.from(`${JSON.stringify({ at: 12, event: log('drei ü') })}\n`);
      appendFileSync(join(dir, RUN_EVENTS_FILE), line.subarray(0, line.length - 4));
      assert.deepEqual(reader.poll(), []);
      appendFileSync(join(dir, RUN_EVENTS_FILE), line.subarray(line.length - 4));
      assert.deepEqual(reader.poll().map((e) => (e.event as { message: string }).message), ['drei ü']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('run log (run.log)', () => {
  it('words events for a person, with their level, and times every line in UTC', () => {
    assert.deepEqual(describeRunEvent({ type: 'run-started', runId: 'r', runDir: '/runs/r', totalCells: 6, backend: 'wasm', doneCells: 2 }), {
      level: 'info',
      text: 'training 6 cell(s) (2 done before) on backend wasm → /runs/r',
    });
    assert.deepEqual(describeRunEvent({ type: 'epoch', cellId: 'c', epoch: 3, epochs: 8, loss: 0.123456 }), { level: 'debug', text: 'c: epoch 3/8 loss 0.1235' });
    assert.deepEqual(describeRunEvent({ type: 'log', level: 'warn', message: 'w' }), { level: 'warn', text: 'w' });
    assert.equal(runLogLine('warn', 'two\nlines', new Date(Date.UTC(2026, 10, 29, 1, 2, 3, 4))), '2026-11-29T01:02:03.004Z warn  two\n    lines\n');
  });
});

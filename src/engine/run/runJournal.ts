/**
 * The run's event journal, `events.jsonl` in its folder: every RunEvent of a detached run, one JSON
 * line each with the time it happened, so that any window can follow the run — from its start,
 * after a reload, or from a second window — without a pipe to the process that trains it.
 */
import { appendFileSync, closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../shared/progress';

export const RUN_EVENTS_FILE = 'events.jsonl';

export interface JournalEntry {
  /** Milliseconds since the epoch when the event happened. */
  at: number;
  event: RunEvent;
}

/** Appends events to a run's journal; a journal that cannot be written never stops the run. */
export class RunJournalWriter {
  private readonly file: string;
  private broken = false;

  constructor(runDir: string) {
    this.file = join(runDir, RUN_EVENTS_FILE);
  }

  append(event: RunEvent, at = Date.now()): void {
    if (this.broken) return;
    try {
      appendFileSync(this.file, `${JSON.stringify({ at, event } satisfies JournalEntry)}\n`);
    } catch {
      this.broken = true;
    }
  }
}

/**
 * Splits newly read journal text into entries. `carry` is the unfinished last line of the previous
 * read (a writer may be in the middle of it); lines that are not entries are skipped.
 */
export function parseJournalText(carry: string, text: string): { entries: JournalEntry[]; carry: string } {
  const lines = (carry + text).split('\n');
  const rest = lines.pop() ?? '';
  const entries: JournalEntry[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Partial<JournalEntry>;
      if (typeof value.at === 'number' && value.event && typeof (value.event as { type?: unknown }).type === 'string') entries.push(value as JournalEntry);
    } catch {
      // A damaged line (e.g. a disk that filled up mid-write): the next ones still count.
    }
  }
  return { entries, carry: rest };
}

/**
 * Reads a journal as it grows: `poll()` returns the entries written since the last call. Polling,
 * not file watching, because watchers miss writes on network and remote file systems.
 */
export class JournalReader {
  private offset = 0;
  private carry = '';
  private readonly decoder = new TextDecoder();

  constructor(private readonly file: string) {}

  static forRun(runDir: string): JournalReader {
    return new JournalReader(join(runDir, RUN_EVENTS_FILE));
  }

  poll(): JournalEntry[] {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return [];
    }
    const chunks: string[] = [];
    try {
      const buffer = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, this.offset);
        if (n === 0) break;
        this.offset += n;
        chunks.push(this.decoder.decode(buffer.subarray(0, n), { stream: true }));
      }
    } finally {
      closeSync(fd);
    }
    if (chunks.length === 0) return [];
    const { entries, carry } = parseJournalText(this.carry, chunks.join(''));
    this.carry = carry;
    return entries;
  }
}

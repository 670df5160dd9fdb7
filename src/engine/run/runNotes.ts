/** Reading and writing a run's notes sidecar (`notes.json`), only inside the run folder. */
import { existsSync, readFileSync } from 'node:fs';
import { EMPTY_NOTES, notesFrom, notesProblem, RUN_NOTES_FILE, type RunNotes } from '../../shared/runNotes';
import { writeJsonAtomic } from './atomicFile';
import { resolveInsideRun } from './runFolder';
import { errorMessage } from '../../shared/errorMessage';

/** The run's notes; none when the file is missing. A file that is not JSON is an error naming it. */
export function readRunNotes(runDir: string): RunNotes {
  const file = resolveInsideRun(runDir, RUN_NOTES_FILE);
  if (!existsSync(file)) return { ...EMPTY_NOTES, tags: [] };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not readable JSON: ${errorMessage(error)}`);
  }
  return notesFrom(data);
}

/** Writes the notes atomically, after checking them (a problem is thrown, nothing written). */
export function writeRunNotes(runDir: string, notes: RunNotes): void {
  const problem = notesProblem(notes);
  if (problem) throw new Error(problem);
  writeJsonAtomic(resolveInsideRun(runDir, RUN_NOTES_FILE), { note: notes.note, tags: notes.tags });
}

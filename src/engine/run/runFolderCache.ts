/**
 * Reads the run folders of a runs directory (each `results.json` and its `notes.json`), re-parsing
 * only the files that changed since the last read (by modification time and size). While a run
 * trains, its folder changes after every cell; the other runs, however many and large, are not
 * read again, so a refresh of the runs view never stalls the extension host. A broken folder is a
 * problem, never a throw. The one way to list runs: a new cache reads everything once.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newestFirst, readRunResultsFile, withLiveStatus } from './readResults';
import { readRunNotes } from './runNotes';
import type { RunOnDisk, RunResults } from '../../shared/results';
import { EMPTY_NOTES, RUN_NOTES_FILE, type RunNotes } from '../../shared/runNotes';
import { errorMessage } from '../../shared/errorMessage';

interface Entry {
  stamp: string;
  results?: RunResults;
  error?: string;
  notesStamp?: string;
  notes?: RunNotes;
}

export interface RunFolderListing {
  runs: Array<RunOnDisk & { notes: RunNotes }>;
  /** Folders whose results.json could not be read, reported once per version of the file. */
  newProblems: Array<{ runDir: string; error: string }>;
}

export class RunFolderCache {
  private readonly entries = new Map<string, Entry>();

  /** Whether the last listing held a run that trains now (in this process or another). */
  hasRunning = false;

  list(runsDir: string): RunFolderListing {
    const listing: RunFolderListing = { runs: [], newProblems: [] };
    const seen = new Set<string>();
    let names: string[] = [];
    try {
      names = readdirSync(runsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch {
      // No runs folder yet.
    }
    for (const name of names) {
      const runDir = join(runsDir, name);
      const stamp = fileStamp(join(runDir, 'results.json'));
      if (!stamp) continue;
      seen.add(runDir);
      let entry = this.entries.get(runDir);
      if (!entry || entry.stamp !== stamp) {
        try {
          entry = { stamp, results: readRunResultsFile(runDir) };
        } catch (error) {
          entry = { stamp, error: errorMessage(error) };
          listing.newProblems.push({ runDir, error: entry.error ?? '' });
        }
        this.entries.set(runDir, entry);
      }
      const notesStamp = fileStamp(join(runDir, RUN_NOTES_FILE)) ?? '';
      if (entry.notesStamp !== notesStamp) {
        entry.notesStamp = notesStamp;
        entry.notes = readNotes(runDir);
      }
      // A run that says "running" is checked anew each time: its process may have died since.
      if (entry.results) listing.runs.push({ runDir, results: withLiveStatus(runDir, entry.results), notes: entry.notes ?? EMPTY_NOTES });
    }
    for (const dir of [...this.entries.keys()]) if (!seen.has(dir)) this.entries.delete(dir);
    listing.runs.sort(newestFirst);
    this.hasRunning = listing.runs.some((r) => r.results.status === 'running');
    return listing;
  }
}

/** A broken notes.json reads as none here; the panel names it. */
function readNotes(runDir: string): RunNotes {
  try {
    return readRunNotes(runDir);
  } catch {
    return EMPTY_NOTES;
  }
}

function fileStamp(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return undefined;
  }
}

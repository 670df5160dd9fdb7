/**
 * Reading run folders back: the results of any earlier schema version this build understands, a
 * clear error for a folder written by a newer version, and a run list that survives broken
 * folders (each is reported, none hides the others).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_SCHEMA_VERSION, type RunResults } from '../../shared/results';

export class RunFolderError extends Error {
  constructor(
    readonly runDir: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunFolderError';
  }
}

export function readRunResults(runDir: string): RunResults {
  const file = join(runDir, 'results.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RunFolderError(runDir, `${file}: cannot read the results: ${(error as Error).message}`);
  }
  return upgradeResults(data, file, runDir);
}

/** Checks the version and brings an older layout up to the current one. */
export function upgradeResults(data: unknown, file: string, runDir = ''): RunResults {
  if (typeof data !== 'object' || data === null) throw new RunFolderError(runDir, `${file}: not a results object`);
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RunFolderError(runDir, `${file}: missing or invalid schemaVersion (${JSON.stringify(version)})`);
  }
  if (version > RESULTS_SCHEMA_VERSION) {
    throw new RunFolderError(
      runDir,
      `${file}: written by a newer SSAD Lab (results schema ${version}; this version reads up to ${RESULTS_SCHEMA_VERSION}). Update SSAD Lab to open it.`,
    );
  }
  // Version 1 is the current layout; later versions add their upgrades here, oldest first.
  return data as RunResults;
}

export interface RunListing {
  runs: Array<{ dir: string; results: RunResults }>;
  problems: Array<{ dir: string; error: string }>;
}

/** Every run folder under `runsDir`, newest first. */
export function listRuns(runsDir: string): RunListing {
  const listing: RunListing = { runs: [], problems: [] };
  if (!existsSync(runsDir)) return listing;
  for (const entry of readdirSync(runsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(runsDir, entry.name);
    if (!existsSync(join(dir, 'results.json'))) continue;
    try {
      listing.runs.push({ dir, results: readRunResults(dir) });
    } catch (error) {
      listing.problems.push({ dir, error: (error as Error).message });
    }
  }
  listing.runs.sort((a, b) => b.results.createdAt.localeCompare(a.results.createdAt));
  return listing;
}

/**
 * The fault suite's figures: every case adds to them, and the root hook prints them at the end.
 * - cases tried: every fault case;
 * - runs: the runs the cases started, and how many ended in a clear state (a final status in
 *   results.json — or `interrupted` for a process killed on purpose — the matching exit code, an
 *   error that says why when it failed, no training process and no temp file left);
 * - files read outside run folders: canary bytes from outside a crafted run folder that showed up
 *   in anything a reader produced (must be 0);
 * - results lost: cells reported done that results.json does not hold as completed with their
 *   scores file, and completed cells that a kill or a resume took away (must be 0).
 */
export interface Figures {
  cases: number;
  runs: number;
  clearRuns: number;
  outsideReads: number;
  lostResults: number;
  unclear: string[];
  disk: string;
}

export const figures: Figures = { cases: 0, runs: 0, clearRuns: 0, outsideReads: 0, lostResults: 0, unclear: [], disk: 'not tried' };

export function tried(): void {
  figures.cases++;
}

export function runEnded(what: string, clear: boolean, why = ''): void {
  figures.runs++;
  if (clear) figures.clearRuns++;
  else figures.unclear.push(`${what}${why ? `: ${why}` : ''}`);
}

export function readOutside(count: number): void {
  figures.outsideReads += count;
}

export function lost(count: number): void {
  figures.lostResults += Math.max(0, count);
}

export function report(): string {
  const lines = [
    '',
    'Fault suite figures',
    `  cases tried:                      ${figures.cases}`,
    `  runs that ended in a clear state: ${figures.clearRuns} of ${figures.runs}`,
    `  files read outside run folders:   ${figures.outsideReads}`,
    `  results lost:                     ${figures.lostResults}`,
    `  disk faults:                      ${figures.disk}`,
  ];
  for (const u of figures.unclear) lines.push(`  not clear: ${u}`);
  return `${lines.join('\n')}\n`;
}

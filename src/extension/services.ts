/**
 * What the extension's features share. Each feature (runs, results panel, scaffolding) registers
 * itself from `extension.ts` with these services, so features depend on interfaces, not on each
 * other's modules.
 */
import type * as vscode from 'vscode';
import type { RunEvent } from '../shared/progress';
import type { RunOnDisk } from '../shared/results';


/** The runs of the workspace (on disk, rebuilt from the runs folder) and the run in progress. */
export interface RunsService {
  /** Absolute runs folder (`ssad.runsDirectory` in the first workspace folder), if a folder is open. */
  runsDirectory(): string | undefined;
  /** Every readable run, newest first, with its notes; the live snapshot for the run in progress (without notes). */
  runs(): RunOnDisk[];
  /** What the run this window trains or follows is doing now ("cell 3/7 · … · about 2 min left"). */
  progressOf(runDir: string): string | undefined;
  /** Re-reads the runs folder now, for commands a user runs right after files changed on disk. */
  refresh(): void;
  /** Fires when a run folder appears, changes or disappears (also for runs made by the CLI). */
  readonly onDidChangeRuns: vscode.Event<void>;
  /** Every progress event of the runs this window starts (live loss curves, progress). */
  readonly onDidRunEvent: vscode.Event<{ runId: string; event: RunEvent }>;
}

export interface ExtensionServices {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  runs: RunsService;
}

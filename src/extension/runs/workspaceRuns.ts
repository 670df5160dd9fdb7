import * as vscode from 'vscode';
import { listRuns } from '../../engine/api';
import type { RunEvent } from '../../shared/progress';
import type { RunsService, RunSummary } from '../services';
import { resolveRunsDirectory } from './runsDirectory';

/**
 * The runs of the workspace, rebuilt from disk on every change of the runs folder, so runs made
 * by the CLI or another window appear too, and nothing is lost on reload.
 */
export class WorkspaceRuns implements RunsService, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly runEvents = new vscode.EventEmitter<{ runId: string; event: RunEvent }>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.runEvents];
  private cache: RunSummary[] | undefined;
  private debounce: NodeJS.Timeout | undefined;

  readonly onDidChangeRuns = this.changed.event;
  readonly onDidRunEvent = this.runEvents.event;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.watch();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ssad.runsDirectory')) {
          this.watch();
          this.invalidate();
        }
      }),
    );
  }

  runsDirectory(): string | undefined {
    return resolveRunsDirectory();
  }

  runs(): RunSummary[] {
    if (!this.cache) {
      const dir = this.runsDirectory();
      if (!dir) return [];
      const listing = listRuns(dir);
      for (const p of listing.problems) this.output.warn(`Skipping run folder ${p.dir}: ${p.error}`);
      this.cache = listing.runs.map((r) => ({ runDir: r.dir, results: r.results }));
    }
    return this.cache;
  }

  /** Forwards a live event of a run this window started. */
  fireRunEvent(runId: string, event: RunEvent): void {
    this.runEvents.fire({ runId, event });
  }

  /** Drops the cache and tells listeners, at most every 200 ms (a run writes many files). */
  invalidate(): void {
    this.cache = undefined;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.changed.fire(), 200);
  }

  dispose(): void {
    clearTimeout(this.debounce);
    this.watcher?.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private watch(): void {
    this.watcher?.dispose();
    const dir = this.runsDirectory();
    if (!dir) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '**/results.json'));
    const onChange = (): void => this.invalidate();
    this.watcher.onDidCreate(onChange);
    this.watcher.onDidChange(onChange);
    this.watcher.onDidDelete(onChange);
  }
}

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunEvent } from '../../shared/progress';
import type { RunsService } from '../services';
import { RunFolderCache } from '../../engine/api';
import { resolveRunsDirectory } from './runsDirectory';
import type { RunOnDisk } from '../../shared/results';

/** How often the runs list looks again at runs that train in other processes. */
const LIVENESS_CHECK_MS = 15_000;

/**
 * The runs of the workspace, rebuilt from disk on every change of the runs folder, so runs made
 * by the CLI or another window appear too, and nothing is lost on reload.
 */
export class WorkspaceRuns implements RunsService, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly runEvents = new vscode.EventEmitter<{ runId: string; event: RunEvent }>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.runEvents];
  private cache: RunOnDisk[] | undefined;
  private readonly folders = new RunFolderCache();
  private live: RunOnDisk | undefined;
  private readonly progress = new Map<string, string>();
  private debounce: NodeJS.Timeout | undefined;
  private liveness: NodeJS.Timeout | undefined;

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

  runs(): RunOnDisk[] {
    if (!this.cache) {
      const dir = this.runsDirectory();
      const listing = dir ? this.folders.list(dir) : { runs: [], newProblems: [] };
      for (const p of listing.newProblems) this.output.warn(`Skipping run folder ${p.runDir}: ${p.error}`);
      this.cache = listing.runs;
      this.watchLiveness();
    }
    const live = this.live;
    if (!live) return this.cache;
    // The live snapshot replaces what the disk says about the same run (the disk lags behind it).
    return [live, ...this.cache.filter((r) => r.runDir !== live.runDir)];
  }

  /** The run this window is training (its latest snapshot), or undefined when none is. */
  setLiveRun(run: RunOnDisk | undefined): void {
    this.live = run;
    this.scheduleChange();
  }

  /** The line that says what the run in `runDir` is doing now (undefined: nothing to say). */
  setLiveProgress(runDir: string, text: string | undefined): void {
    if (text === undefined) this.progress.delete(runDir);
    else if (this.progress.get(runDir) !== text) this.progress.set(runDir, text);
    else return;
    this.scheduleChange();
  }

  progressOf(runDir: string): string | undefined {
    return this.progress.get(runDir);
  }

  /** Forwards a live event of a run this window started. */
  fireRunEvent(runId: string, event: RunEvent): void {
    this.runEvents.fire({ runId, event });
  }

  refresh(): void {
    this.invalidate();
  }

  /** Drops the cache and tells listeners, at most every 200 ms (a run writes many files). */
  invalidate(): void {
    this.cache = undefined;
    this.scheduleChange();
  }

  /**
   * A run that trains in another process changes nothing on disk when that process is killed: while
   * the list shows one as running, look again every 15 s, so it turns `interrupted` by itself.
   */
  private watchLiveness(): void {
    if (this.liveness || !this.folders.hasRunning) return;
    this.liveness = setTimeout(() => {
      this.liveness = undefined;
      this.invalidate();
    }, LIVENESS_CHECK_MS);
  }

  /** Throttled, not debounced: a steady stream of changes during training still reaches listeners. */
  private scheduleChange(): void {
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.changed.fire();
    }, 200);
  }

  dispose(): void {
    clearTimeout(this.debounce);
    clearTimeout(this.liveness);
    this.watcher?.dispose();
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
  }

  private watch(): void {
    this.watcher?.dispose();
    const dir = this.runsDirectory();
    if (!dir) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(runsPattern(dir));
    const onChange = (): void => this.invalidate();
    this.watcher.onDidCreate(onChange);
    this.watcher.onDidChange(onChange);
    this.watcher.onDidDelete(onChange);
  }
}

/**
 * A runs folder inside the workspace is watched through the workspace folder, because a watcher
 * rooted at a folder that does not exist yet (no run so far) never fires once it is created.
 */
function runsPattern(dir: string): vscode.RelativePattern {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  if (folder) {
    const relative = path.relative(folder.uri.fsPath, dir).split(path.sep).join('/');
    return new vscode.RelativePattern(folder, `${relative}/**/results.json`);
  }
  return new vscode.RelativePattern(vscode.Uri.file(dir), '**/results.json');
}

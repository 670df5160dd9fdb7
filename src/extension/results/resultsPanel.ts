import * as path from 'node:path';
import * as vscode from 'vscode';
import { readRunNotes, readRunResults, resolveInsideRun } from '../../engine/api';
import {
  PANEL_VIEW_TYPE,
  isWebviewToHost,
  type CellDetail,
  type ChartId,
  type HostToWebview,
  type PanelState,
  type RunView,
  type WebviewPersistedState,
  type WebviewToHost,
} from '../../shared/protocol';
import type { Diagnosis } from '../../shared/diagnosis';
import type { RunOnDisk } from '../../shared/results';
import type { RunNotes } from '../../shared/runNotes';
import type { MatrixMetric } from '../../shared/resultsView/matrix';
import type { RunsService } from '../services';
import { throttle } from '../webview/throttle';
import { PanelSlot, panelOptions, WebviewPanelBase } from '../webview/webviewPanel';
import { augmentationCategories } from './categories';
import { readCellDetail } from './cellDetail';
import type { LiveLoss } from './liveLoss';
import { buildRunView } from './runView';
import { errorMessage } from '../../shared/errorMessage';

/** What the panel is asked to show; undefined: the latest run, or the empty state. */
export type PanelTarget =
  | { kind: 'run'; runDir: string }
  /** Two or more run folders; `baseline` indexes the one the differences are taken against. */
  | { kind: 'compare'; runDirs: string[]; baseline: number }
  /** A pre-training diagnosis: computed once by its command, kept as it is (and across reloads). */
  | { kind: 'diagnosis'; diagnosis: Diagnosis; configFile: string };

export interface PanelContext {
  extensionUri: vscode.Uri;
  runs: RunsService;
  live: LiveLoss;
  output: vscode.LogOutputChannel;
  /** Handles the panel's export buttons (the same code as the export command). */
  onExport(message: Extract<WebviewToHost, { type: 'exportData' | 'saveImage' }>): void;
}

/** At most 4 snapshots a second while a run trains. */
const SNAPSHOT_INTERVAL_MS = 250;
// The first load of a webview in a cold workbench can take tens of seconds.
const IMAGE_TIMEOUT_MS = 60_000;

/** The sample sheet's file, only when it lies inside the run folder (never a crafted path elsewhere). */
function samplesUri(runDir: string, samplesFile: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.file(resolveInsideRun(runDir, samplesFile));
  } catch {
    return undefined;
  }
}

/** The target of a restored comparison; a panel saved before N-way compare holds `left` and `right`. */
function compareTargetOf(saved: unknown): PanelTarget | undefined {
  const s = saved as { runs?: Array<{ runDir?: unknown }>; baseline?: unknown; left?: { runDir?: unknown }; right?: { runDir?: unknown } };
  const runs = s.runs ?? (s.left && s.right ? [s.left, s.right] : []);
  const runDirs = runs.map((r) => r.runDir).filter((d): d is string => typeof d === 'string');
  if (runDirs.length < 2) return undefined;
  const baseline = typeof s.baseline === 'number' && s.baseline >= 0 && s.baseline < runDirs.length ? s.baseline : 0;
  return { kind: 'compare', runDirs, baseline };
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

const slot = new PanelSlot<ResultsPanel>();

/**
 * The results webview panel: one per window, revived by the serializer after a reload.
 * It never pushes deltas: every update is a full snapshot, re-sent on each `ready`.
 */
export class ResultsPanel extends WebviewPanelBase<WebviewToHost, HostToWebview> {
  private target: PanelTarget | undefined;
  private detail: CellDetail | undefined;
  private selectionToken = 0;
  private nextRequestId = 1;
  /** Image requests not answered yet; asked again of a webview that reloads. */
  private readonly pendingImages = new Map<number, { chart: ChartId; answer: (dataUrl: string | undefined) => void }>();
  /** The metric the user chose in the panel (for the SVG export and the report). */
  metric: MatrixMetric = 'auroc';
  private readonly sendSoon = throttle(() => void this.sendSnapshot(), SNAPSHOT_INTERVAL_MS);

  /** `target` null: back to the default (the latest run, or the empty state); undefined: keep it. */
  static show(ctx: PanelContext, target?: PanelTarget | null): ResultsPanel {
    const open = slot.current;
    if (open) {
      if (target !== undefined) open.setTarget(target);
      open.panel.reveal();
      open.refreshNow();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('SSAD Results'), vscode.ViewColumn.Active, panelOptions(ctx.extensionUri, ResultsPanel.roots(ctx, target ?? undefined), true));
    return slot.set(new ResultsPanel(panel, ctx, target ?? undefined));
  }

  static revive(panel: vscode.WebviewPanel, ctx: PanelContext, persisted: unknown): ResultsPanel {
    const saved = persisted as Partial<WebviewPersistedState> | undefined;
    let target: PanelTarget | undefined;
    if (saved?.panel?.kind === 'run') target = { kind: 'run', runDir: saved.panel.run.runDir };
    if (saved?.panel?.kind === 'compare') target = compareTargetOf(saved.panel);
    if (saved?.panel?.kind === 'diagnosis') target = { kind: 'diagnosis', diagnosis: saved.panel.diagnosis, configFile: saved.panel.configFile };
    const revived = slot.set(new ResultsPanel(panel, ctx, target));
    if (saved?.metric) revived.metric = saved.metric;
    return revived;
  }

  static get instance(): ResultsPanel | undefined {
    return slot.current;
  }

  /** The workspace, the runs folder and the shown runs' folders (for samples.png), besides the bundles. */
  private static roots(ctx: PanelContext, target: PanelTarget | undefined): vscode.Uri[] {
    const dirs = [
      ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
      ctx.runs.runsDirectory(),
      ...(target?.kind === 'run' ? [target.runDir] : target?.kind === 'compare' ? target.runDirs : []),
    ].filter((d): d is string => !!d);
    return dirs.map((d) => vscode.Uri.file(d));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly ctx: PanelContext,
    target: PanelTarget | undefined,
  ) {
    panel.webview.options = panelOptions(ctx.extensionUri, ResultsPanel.roots(ctx, target), true);
    super(panel, ctx.extensionUri, { script: 'webview.js', title: vscode.l10n.t('SSAD Results'), isMessage: isWebviewToHost });
    this.target = target;
    this.disposables.push(
      // A hidden webview dropped what was sent meanwhile; it says `ready` again when it reloads,
      // and a snapshot on becoming visible covers a retained one.
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.refreshNow();
      }),
    );
  }

  setTarget(target: PanelTarget | null): void {
    const next = target ?? undefined;
    const changed = JSON.stringify(next) !== JSON.stringify(this.target);
    this.target = next;
    if (changed) {
      this.detail = undefined;
      this.panel.webview.options = panelOptions(this.ctx.extensionUri, ResultsPanel.roots(this.ctx, next), true);
    }
  }

  /**
   * The run the panel shows (the latest when none was asked for); of a comparison, the first run
   * other than the baseline (B when A is the baseline).
   */
  currentRun(): RunOnDisk | undefined {
    const target = this.target;
    if (target?.kind === 'compare') return this.loadRun(target.runDirs[target.baseline === 0 ? 1 : 0]);
    if (target?.kind === 'run') return this.loadRun(target.runDir);
    if (target?.kind === 'diagnosis') return undefined;
    return this.ctx.runs.runs()[0];
  }

  /** The compared runs in the panel's order with its baseline, when it shows a comparison. */
  comparedRuns(): { runs: Array<RunOnDisk>; baseline: number } | undefined {
    const target = this.target;
    if (target?.kind !== 'compare') return undefined;
    const runs = target.runDirs.map((dir) => this.loadRun(dir));
    if (runs.some((r) => !r)) return undefined;
    return { runs: runs as Array<RunOnDisk>, baseline: target.baseline };
  }

  /** Whether the panel shows this run (to follow its live events). */
  shows(runDir: string | undefined, runId: string): boolean {
    const target = this.target;
    if (target?.kind === 'compare') return !!runDir && target.runDirs.some((d) => samePath(d, runDir));
    const run = this.currentRun();
    if (!run) return true;
    return run.results.id === runId || (!!runDir && samePath(run.runDir, runDir));
  }

  /** A throttled snapshot: call as often as events arrive. */
  refresh(): void {
    if (this.ready) this.sendSoon();
  }

  refreshNow(): void {
    if (this.ready) {
      this.sendSoon.cancel();
      void this.sendSnapshot();
    }
  }

  /** Asks the webview for a chart as a PNG data URL (undefined if it has no such chart, or does not answer in time). */
  requestImage(chart: ChartId): Promise<string | undefined> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingImages.delete(requestId);
        resolve(undefined);
      }, IMAGE_TIMEOUT_MS);
      this.pendingImages.set(requestId, {
        chart,
        answer: (dataUrl) => {
          clearTimeout(timer);
          this.pendingImages.delete(requestId);
          resolve(dataUrl);
        },
      });
      // The chart exists only in a drawn panel: show it (keeping the focus where it is).
      if (!this.panel.visible) this.panel.reveal(undefined, true);
      // Else onReady asks, once the webview listens.
      if (this.ready) this.post({ type: 'requestImage', requestId, chart });
    });
  }

  /** Shows a cell's ROC curves and histograms, as the webview asks when a heatmap cell is clicked. */
  async selectCell(augmentation: string, anomalyType: string): Promise<void> {
    const run = this.currentRun();
    if (!run) return;
    const token = ++this.selectionToken;
    const detail = await readCellDetail(run.runDir, run.results, augmentation, anomalyType);
    if (token !== this.selectionToken) return;
    this.detail = detail;
    this.refreshNow();
  }

  override dispose(): void {
    slot.release(this);
    this.sendSoon.cancel();
    for (const pending of this.pendingImages.values()) pending.answer(undefined);
    super.dispose();
  }

  private loadRun(runDir: string): RunOnDisk | undefined {
    const known = this.ctx.runs.runs().find((r) => samePath(r.runDir, runDir));
    if (known) return known;
    try {
      return { runDir, results: readRunResults(runDir) };
    } catch (err) {
      this.ctx.output.warn(`Cannot read the run in ${runDir}: ${errorMessage(err)}`);
      return undefined;
    }
  }

  private runView(run: RunOnDisk): RunView {
    const { results, runDir } = run;
    const samples = results.samplesFile ? samplesUri(runDir, results.samplesFile) : undefined;
    return buildRunView(runDir, results, {
      categories: augmentationCategories(results.augmentations),
      samplesUri: samples ? this.panel.webview.asWebviewUri(samples).toString() : undefined,
      liveLoss: this.ctx.live.lossOf(results.id),
      // The runs folder's cache has them; a run opened from elsewhere is read here.
      notes: run.notes ?? this.notesOf(runDir),
    });
  }

  /** The run's notes; a broken notes.json is reported once per refresh and shown as none. */
  private notesOf(runDir: string): RunNotes | undefined {
    try {
      return readRunNotes(runDir);
    } catch (err) {
      this.ctx.output.warn(errorMessage(err));
      return undefined;
    }
  }

  private async state(): Promise<PanelState> {
    const target = this.target;
    if (target?.kind === 'compare') {
      const runs = target.runDirs.map((dir) => this.loadRun(dir));
      const missing = target.runDirs.filter((_, i) => !runs[i]).map((d) => path.basename(d));
      if (missing.length > 0) return { kind: 'message', title: vscode.l10n.t('Cannot compare'), detail: vscode.l10n.t('Cannot read {0} (see the SSAD output).', missing.join(', ')) };
      return { kind: 'compare', runs: runs.map((r) => this.runView(r!)), baseline: target.baseline };
    }
    if (target?.kind === 'diagnosis') return { kind: 'diagnosis', diagnosis: target.diagnosis, configFile: target.configFile };
    const run = this.currentRun();
    if (run) return { kind: 'run', run: this.runView(run), ...(this.detail ? { detail: this.detail } : {}) };
    if (target?.kind === 'run') return { kind: 'message', title: vscode.l10n.t('Cannot read this run'), detail: vscode.l10n.t('{0} has no readable results.json (see the SSAD output).', target.runDir) };
    const commands = await vscode.commands.getCommands(true);
    return { kind: 'empty', canRun: commands.includes('ssad.runQuickstart') && vscode.workspace.isTrusted };
  }

  private async sendSnapshot(): Promise<void> {
    this.post({ type: 'state', state: await this.state() });
  }

  protected onReady(): void {
    this.refreshNow();
    for (const [requestId, { chart }] of this.pendingImages) this.post({ type: 'requestImage', requestId, chart });
  }

  protected onMessage(message: Exclude<WebviewToHost, { type: 'ready' }>): void {
    switch (message.type) {
      case 'command':
        void vscode.commands.executeCommand(message.command);
        break;
      case 'selectCell':
        void this.selectCell(message.augmentation, message.anomalyType);
        break;
      case 'metric':
        this.metric = message.metric;
        break;
      case 'baseline':
        if (this.target?.kind === 'compare' && message.index < this.target.runDirs.length) {
          this.target = { ...this.target, baseline: message.index };
          this.refreshNow();
        }
        break;
      case 'imageReply':
        this.pendingImages.get(message.requestId)?.answer(message.dataUrl);
        break;
      case 'saveImage':
      case 'exportData':
        this.ctx.onExport(message);
        break;
    }
  }
}

/**
 * The experiments table (one per window, restored after a reload): every run of the workspace as
 * a row, re-sent whenever the runs folder or the training run changes, so it updates live. The
 * webview sorts, filters and selects; actions on runs go through the extension's own commands,
 * and only for run folders this window knows.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXPERIMENTS_VIEW_TYPE,
  isExperimentsWebviewToHost,
  type ExperimentAction,
  type ExperimentsHostToWebview,
  type ExperimentsSnapshot,
  type ExperimentsWebviewToHost,
} from '../../shared/experimentsProtocol';
import { columnsFor } from '../../shared/experiments/columns';
import { experimentsTableText } from '../../shared/experiments/tableText';
import { throttle } from '../webview/throttle';
import type { RunsService } from '../services';
import { PanelSlot, panelOptions, WebviewPanelBase } from '../webview/webviewPanel';
import { experimentRow } from './experimentRows';

const SNAPSHOT_INTERVAL_MS = 500;

const ACTION_COMMANDS: Record<ExperimentAction, string> = {
  open: 'ssad.openResults',
  compare: 'ssad.compareRuns',
  delete: 'ssad.deleteRun',
  editNote: 'ssad.editRunNote',
  editTags: 'ssad.editRunTags',
  reveal: 'ssad.revealRun',
};

const slot = new PanelSlot<ExperimentsPanel>();

export class ExperimentsPanel extends WebviewPanelBase<ExperimentsWebviewToHost, ExperimentsHostToWebview> {
  private readonly sendSoon = throttle(() => this.sendSnapshot(), SNAPSHOT_INTERVAL_MS);

  static get instance(): ExperimentsPanel | undefined {
    return slot.current;
  }

  static show(extensionUri: vscode.Uri, runs: RunsService): ExperimentsPanel {
    const open = slot.current;
    if (open) {
      open.panel.reveal();
      open.refresh();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(EXPERIMENTS_VIEW_TYPE, vscode.l10n.t('SSAD Experiments'), vscode.ViewColumn.Active, panelOptions(extensionUri, [], true));
    return slot.set(new ExperimentsPanel(panel, extensionUri, runs));
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runs: RunsService): ExperimentsPanel {
    panel.webview.options = panelOptions(extensionUri, [], true);
    return slot.set(new ExperimentsPanel(panel, extensionUri, runs));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly runs: RunsService,
  ) {
    super(panel, extensionUri, { script: 'experiments.js', title: vscode.l10n.t('SSAD Experiments'), isMessage: isExperimentsWebviewToHost });
    this.disposables.push(
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.refresh();
      }),
      runs.onDidChangeRuns(() => this.refresh()),
    );
  }

  /** The rows as the webview gets them (for tests and scripts). */
  snapshot(): ExperimentsSnapshot {
    const now = Date.now();
    return { rows: this.runs.runs().map((run) => experimentRow(run, now)), ...(this.runs.runsDirectory() ? { runsDirectory: this.runs.runsDirectory() } : {}) };
  }

  refresh(): void {
    if (this.ready) this.sendSoon();
  }

  override dispose(): void {
    slot.release(this);
    this.sendSoon.cancel();
    super.dispose();
  }

  protected onReady(): void {
    this.sendSoon.cancel();
    this.sendSnapshot();
  }

  private sendSnapshot(): void {
    this.post({ type: 'rows', snapshot: this.snapshot() });
  }

  /** The folders of known runs only, in the order asked; anything else is dropped. */
  private knownRunDirs(runDirs: readonly string[]): string[] {
    const known = new Map(this.runs.runs().map((r) => [path.resolve(r.runDir), r.runDir]));
    return runDirs.flatMap((d) => {
      const dir = known.get(path.resolve(d));
      return dir ? [dir] : [];
    });
  }

  protected onMessage(message: Exclude<ExperimentsWebviewToHost, { type: 'ready' }>): void {
    if (message.type === 'action') void this.act(message.action, this.knownRunDirs(message.runDirs));
    else void this.export(message);
  }

  private async act(action: ExperimentAction, runDirs: string[]): Promise<void> {
    if (runDirs.length === 0) return;
    const command = ACTION_COMMANDS[action];
    if (action === 'compare') {
      if (runDirs.length < 2) return void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: select two or more runs to compare.'));
      await vscode.commands.executeCommand(command, runDirs);
    } else if (action === 'delete') {
      await vscode.commands.executeCommand(command, undefined, runDirs);
    } else {
      // Open, notes and reveal act on one run: the first selected.
      await vscode.commands.executeCommand(command, runDirs[0]);
    }
  }

  private async export(message: Extract<ExperimentsWebviewToHost, { type: 'export' }>): Promise<void> {
    const dirs = this.knownRunDirs(message.runDirs);
    const { rows } = this.snapshot();
    const byDir = new Map(rows.map((r) => [path.resolve(r.runDir), r]));
    const chosen = dirs.flatMap((d) => byDir.get(path.resolve(d)) ?? []);
    const catalogue = columnsFor(rows);
    const columns = message.columns.flatMap((id) => catalogue.find((c) => c.id === id) ?? []);
    if (chosen.length === 0 || columns.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: no rows or columns to export.'));
    const text = experimentsTableText(chosen, columns, message.format);
    if (message.clipboard) {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(chosen.length === 1 ? vscode.l10n.t('SSAD: copied 1 run to the clipboard') : vscode.l10n.t('SSAD: copied {0} runs to the clipboard', chosen.length));
      return;
    }
    const extension = { csv: 'csv', markdown: 'md', latex: 'tex' }[message.format];
    const folder = this.runs.runsDirectory() ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('SSAD: Export the experiments table'),
      ...(folder ? { defaultUri: vscode.Uri.file(path.join(folder, `experiments.${extension}`)) } : {}),
      filters: { [message.format === 'csv' ? 'CSV' : message.format === 'latex' ? 'LaTeX' : 'Markdown']: [extension] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: saved {0}', target.fsPath));
  }
}

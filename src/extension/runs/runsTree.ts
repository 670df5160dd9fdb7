import * as vscode from 'vscode';
import type { CellResult, CellStatus, RunResults, RunStatus } from '../../shared/results';
import type { RunsService } from '../services';
import { cellLabel, describeBest, describeCellMetrics, shortDate } from './runSummaryText';

export interface RunNode {
  kind: 'run';
  runDir: string;
  results: RunResults;
}

export interface CellNode {
  kind: 'cell';
  run: RunNode;
  cell: CellResult;
}

export type RunsNode = RunNode | CellNode;

const STATUS_ICONS: Record<RunStatus | CellStatus, [string, string | undefined]> = {
  completed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  canceled: ['circle-slash', 'disabledForeground'],
  interrupted: ['debug-disconnect', 'list.warningForeground'],
  running: ['sync~spin', undefined],
  pending: ['circle-outline', undefined],
};

function statusIcon(status: RunStatus | CellStatus): vscode.ThemeIcon {
  const [id, colour] = STATUS_ICONS[status] ?? ['question', undefined];
  return new vscode.ThemeIcon(id, colour ? new vscode.ThemeColor(colour) : undefined);
}

/**
 * The `SSAD Lab › Runs` view: runs newest first (the live one included), each with its cells.
 * Rebuilt from the runs service, which watches the runs folder, so CLI runs appear too.
 */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runs: RunsService) {
    this.subscription = runs.onDidChangeRuns(() => this.changed.fire(undefined));
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) return this.runs.runs().map((r): RunNode => ({ kind: 'run', runDir: r.runDir, results: r.results }));
    if (node.kind === 'run') return node.results.cells.map((cell): CellNode => ({ kind: 'cell', run: node, cell }));
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    return node.kind === 'run' ? runItem(node) : cellItem(node);
  }

  /** Re-reads the runs folder now (a file watcher can lag behind folders copied in) and redraws. */
  refresh(): void {
    this.runs.refresh();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function runItem(node: RunNode): vscode.TreeItem {
  const r = node.results;
  const item = new vscode.TreeItem(r.name, r.cells.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `run:${node.runDir}`;
  item.iconPath = statusIcon(r.status);
  const best = describeBest(r);
  item.description = [best, shortDate(r.createdAt)].filter(Boolean).join(' · ');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(r.name)}** — ${r.status}\n\n`);
  tooltip.appendMarkdown(`${shortDate(r.createdAt)} · ${r.cells.length} cells · backend ${r.backend?.name ?? '?'}\n\n`);
  if (best) tooltip.appendMarkdown(`${escape(best)}\n\n`);
  if (r.error) tooltip.appendMarkdown(`${escape(r.error)}\n\n`);
  tooltip.appendText(node.runDir);
  item.tooltip = tooltip;
  item.contextValue = `ssad.run.${r.status}`;
  item.command = { title: 'Open Results', command: 'ssad.openResults', arguments: [node.runDir] };
  return item;
}

function cellItem(node: CellNode): vscode.TreeItem {
  const { cell } = node;
  const item = new vscode.TreeItem(cellLabel(cell), vscode.TreeItemCollapsibleState.None);
  item.iconPath = statusIcon(cell.status);
  item.description = describeCellMetrics(cell, node.run.results.anomalyTypes);
  const lines = [`${cellLabel(cell)} — ${cell.status}`];
  for (const [type, m] of Object.entries(cell.metrics ?? {})) lines.push(`${type}: AUROC ${m.auroc.toFixed(3)} · AP ${m.ap.toFixed(3)}`);
  if (cell.trainSeconds !== undefined) lines.push(`trained in ${cell.trainSeconds.toFixed(1)} s`);
  if (cell.error) lines.push(cell.error);
  item.tooltip = lines.join('\n');
  item.contextValue = `ssad.cell.${cell.status}`;
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

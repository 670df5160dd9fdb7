import * as vscode from 'vscode';
import type { CellResult, CellStatus, RunOnDisk, RunResults, RunStatus } from '../../shared/results';
import { EMPTY_NOTES, type RunNotes } from '../../shared/runNotes';
import type { RunsService } from '../services';
import { cellLabel, describeBest, describeCellMetrics, describeNews, shortDate } from './runSummaryText';
import { groupShardRuns, shardGroupDescription, shardGroupLabel, shardGroupStatus, shardsToMerge, type ShardGroup } from './shardGroups';

export interface RunNode {
  kind: 'run';
  runDir: string;
  results: RunResults;
  notes?: RunNotes;
  /** What the run does now, while this window trains or follows it. */
  progress?: string;
}

export interface CellNode {
  kind: 'cell';
  run: RunNode;
  cell: CellResult;
}

/** The shard runs of one grid (one config hash and shard count), shown together. */
export interface ShardGroupNode {
  kind: 'shards';
  group: ShardGroup;
}

export type RunsNode = RunNode | CellNode | ShardGroupNode;

/** The context value of a shard group (menus: Merge Shards). */
export const SHARD_GROUP_CONTEXT = 'ssad.shards';

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
 * The `SSAD Lab › Runs` view: runs newest first (the live one included), each with its cells; the
 * shard runs of one grid under one group node. Rebuilt from the runs service, which watches the
 * runs folder, so CLI runs appear too.
 */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runs: RunsService) {
    this.subscription = runs.onDidChangeRuns(() => this.changed.fire(undefined));
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) {
      return groupShardRuns(this.runs.runs()).map((entry): RunsNode =>
        entry.kind === 'run' ? this.runNode(entry.run) : { kind: 'shards', group: entry.group },
      );
    }
    if (node.kind === 'shards') return node.group.runs.map((r) => this.runNode(r));
    if (node.kind === 'run') return node.results.cells.map((cell): CellNode => ({ kind: 'cell', run: node, cell }));
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    if (node.kind === 'shards') return shardGroupItem(node);
    return node.kind === 'run' ? runItem(node) : cellItem(node);
  }

  private runNode(r: RunOnDisk): RunNode {
    const progress = r.results.status === 'running' ? this.runs.progressOf(r.runDir) : undefined;
    return { kind: 'run', runDir: r.runDir, results: r.results, ...(r.notes ? { notes: r.notes } : {}), ...(progress ? { progress } : {}) };
  }

  /** The shard groups shown now (for Merge Shards without a node: a pick among them). */
  shardGroups(): ShardGroup[] {
    return groupShardRuns(this.runs.runs()).flatMap((entry) => (entry.kind === 'shards' ? [entry.group] : []));
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



function shardGroupItem(node: ShardGroupNode): vscode.TreeItem {
  const { group } = node;
  const item = new vscode.TreeItem(shardGroupLabel(group), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `shards:${group.key}`;
  item.iconPath = statusIcon(shardGroupStatus(group));
  item.description = shardGroupDescription(group);
  const merged = shardsToMerge(group);
  const cells = merged.reduce((sum, r) => sum + r.results.cells.filter((c) => c.status === 'completed').length, 0);
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(group.name)}** — ${vscode.l10n.t('{0} of {1} shards, {2} cells completed', group.present.length, group.count, cells)}\n\n`);
  tooltip.appendMarkdown(`${escape(shardGroupDescription(group))}\n\n`);
  tooltip.appendMarkdown(`${vscode.l10n.t('Merge Shards puts them together as one run (the newest completed run of each shard).')}\n\n`);
  tooltip.appendText(vscode.l10n.t('config {0}…', group.configHash.slice(0, 12)));
  item.tooltip = tooltip;
  item.contextValue = SHARD_GROUP_CONTEXT;
  return item;
}

function runItem(node: RunNode): vscode.TreeItem {
  const r = node.results;
  // Under its group a shard run is named by its shard; the group names the config.
  const label = r.shard ? vscode.l10n.t('shard {0}/{1}', r.shard.index, r.shard.count) : r.name;
  const item = new vscode.TreeItem(label, r.cells.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `run:${node.runDir}`;
  item.iconPath = statusIcon(r.status);
  const news = describeNews(r);
  const best = describeBest(r);
  const notes = node.notes ?? EMPTY_NOTES;
  const tags = notes.tags.map((t) => `#${t}`).join(' ');
  item.description = node.progress ? node.progress : [news, shortDate(r.createdAt), tags].filter(Boolean).join(' · ');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(r.name)}** — ${r.status}\n\n`);
  if (node.progress) tooltip.appendMarkdown(`${escape(node.progress)}\n\n`);
  if (notes.note) tooltip.appendMarkdown(`${escape(notes.note)}\n\n`);
  tooltip.appendMarkdown(`${vscode.l10n.t('{0} · {1} cells · backend {2}', shortDate(r.createdAt), r.cells.length, r.backend?.name ?? '?')}\n\n`);
  if (news) tooltip.appendMarkdown(`${escape(news)}\n\n`);
  if (best && best !== news) tooltip.appendMarkdown(`${vscode.l10n.t('{0} (highest mean AUROC)', escape(best))}\n\n`);
  if (r.error) tooltip.appendMarkdown(`${escape(r.error)}\n\n`);
  tooltip.appendText(node.runDir);
  item.tooltip = tooltip;
  item.contextValue = `ssad.run.${r.status}`;
  item.command = { title: vscode.l10n.t('Open Results'), command: 'ssad.openResults', arguments: [node.runDir] };
  return item;
}

function cellItem(node: CellNode): vscode.TreeItem {
  const { cell } = node;
  const item = new vscode.TreeItem(cellLabel(cell), vscode.TreeItemCollapsibleState.None);
  item.iconPath = statusIcon(cell.status);
  item.description = describeCellMetrics(cell, node.run.results.anomalyTypes);
  const lines = [`${cellLabel(cell)} — ${cell.status}`];
  for (const [type, m] of Object.entries(cell.metrics ?? {})) lines.push(`${type}: AUROC ${m.auroc.toFixed(3)} · AP ${m.ap.toFixed(3)}`);
  if (cell.trainSeconds !== undefined) lines.push(vscode.l10n.t('trained in {0} s', cell.trainSeconds.toFixed(1)));
  if (cell.error) lines.push(cell.error);
  item.tooltip = lines.join('\n');
  item.contextValue = `ssad.cell.${cell.status}`;
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

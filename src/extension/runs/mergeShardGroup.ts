import { rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createRunFolder, mergeShards, MergeError, readRunResults, RunFolderPathError } from '../../engine/api';
import type { RunStatus } from '../../shared/results';
import type { RunsService } from '../services';
import type { ShardGroupNode } from './runsTree';
import { mergedRunId, shardGroupDescription, shardGroupLabel, shardsToMerge, type ShardGroup } from './shardGroups';

/** What Merge Shards settles with (for callers such as tests; the user sees messages). */
export type MergeShardsOutcome =
  | { outcome: 'merged'; runDir: string; status: RunStatus; missing: string[]; shardDirs: string[] }
  | { outcome: 'refused'; message: string };

/**
 * `SSAD: Merge Shards`: the shard runs of one grid (a group of the runs view, or run folders given
 * by a script) merged into a new run folder of the runs folder, `<timestamp>-<name>-merged`, which
 * the runs view and the results panel then show like any run. It writes files and runs no code,
 * so it works in Restricted Mode too.
 */
export async function mergeShardGroup(runs: RunsService, groups: () => ShardGroup[], arg?: unknown): Promise<MergeShardsOutcome | undefined> {
  const target = await pickTarget(groups, arg);
  if (!target) return undefined;
  const runsDir = runs.runsDirectory() ?? path.dirname(target.shardDirs[0]);
  let runDir: string | undefined;
  try {
    runDir = createRunFolder(runsDir, mergedRunId(target.name, new Date())).runDir;
    const merged = mergeShards({ out: runDir, shardDirs: target.shardDirs });
    runs.refresh();
    const open = vscode.l10n.t('Open Results');
    const mergedDir = merged.runDir;
    const show = (choice: string | undefined): void => {
      if (choice === open) void vscode.commands.executeCommand('ssad.openResults', mergedDir);
    };
    if (merged.results.status === 'completed') {
      void vscode.window.showInformationMessage(completedMessage(target, merged.runId, merged.results.cells.length), open).then(show);
    } else {
      void vscode.window.showWarningMessage(failedMessage(target, merged.runId, merged.results.error ?? vscode.l10n.t('cells are missing')), open).then(show);
    }
    return { outcome: 'merged', runDir: mergedDir, status: merged.results.status, missing: merged.missing, shardDirs: target.shardDirs };
  } catch (error) {
    if (!(error instanceof MergeError) && !(error instanceof RunFolderPathError)) throw error;
    // A MergeError wrote nothing into the folder made for it: take the empty folder away again.
    if (runDir) rmSync(runDir, { recursive: true, force: true });
    const message = vscode.l10n.t('SSAD: cannot merge the shards of {0}: {1}', target.name, error.message);
    void vscode.window.showErrorMessage(message);
    return { outcome: 'refused', message };
  }
}

interface MergeTarget {
  name: string;
  shardDirs: string[];
}

// One message per plural form, so that a translation can word each its own way.
function completedMessage(target: MergeTarget, runId: string, cells: number): string {
  return target.shardDirs.length === 1
    ? vscode.l10n.t('SSAD: merged 1 shard of {0} into {1}: {2} cells, completed.', target.name, runId, cells)
    : vscode.l10n.t('SSAD: merged {0} shards of {1} into {2}: {3} cells, completed.', target.shardDirs.length, target.name, runId, cells);
}

function failedMessage(target: MergeTarget, runId: string, why: string): string {
  return target.shardDirs.length === 1
    ? vscode.l10n.t('SSAD: merged 1 shard of {0} into {1}, which is failed: {2}.', target.name, runId, why)
    : vscode.l10n.t('SSAD: merged {0} shards of {1} into {2}, which is failed: {3}.', target.shardDirs.length, target.name, runId, why);
}

/** A group node of the runs view, shard run folders (scripts, tests), or the user's pick among the groups. */
async function pickTarget(groups: () => ShardGroup[], arg: unknown): Promise<MergeTarget | undefined> {
  const node = arg as ShardGroupNode | undefined;
  if (node?.kind === 'shards') return fromGroup(node.group);
  if (Array.isArray(arg) && arg.length > 0 && arg.every((d) => typeof d === 'string')) {
    return { name: runName(arg[0] as string), shardDirs: arg as string[] };
  }
  const all = groups();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: there are no shard runs in the runs folder (they come from ssad run CONFIG --shard i/n, e.g. in a cluster job).'));
    return undefined;
  }
  if (all.length === 1) return fromGroup(all[0]);
  const picked = await vscode.window.showQuickPick(
    all.map((group) => ({ label: shardGroupLabel(group), description: shardGroupDescription(group), group })),
    { placeHolder: vscode.l10n.t('Shards to merge into one run') },
  );
  return picked && fromGroup(picked.group);
}

/** A run folder's config name, or the folder's name when it cannot be read (the merge then says why). */
function runName(runDir: string): string {
  try {
    return readRunResults(runDir).name;
  } catch {
    return path.basename(runDir);
  }
}

function fromGroup(group: ShardGroup): MergeTarget {
  return { name: group.name, shardDirs: shardsToMerge(group).map((r) => r.runDir) };
}

import * as vscode from 'vscode';
import type { RunsService } from '../services';
import type { RunsNode } from './runsTree';
import type { RunOnDisk } from '../../shared/results';

/**
 * Which run a run command is about: the tree node it was invoked on, a run folder (string or Uri,
 * from other features and tests), or the user's pick among the workspace's runs.
 */
export async function pickRunDir(
  runs: RunsService,
  arg: unknown,
  placeHolder: string,
  which: (run: RunOnDisk) => boolean = () => true,
): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  if (arg instanceof vscode.Uri) return arg.fsPath;
  const node = arg as RunsNode | undefined;
  if (node?.kind === 'run') return node.runDir;
  if (node?.kind === 'cell') return node.run.runDir;
  const items = runs.runs().filter(which).map((r) => ({ label: r.results.name, description: `${r.results.status} · ${r.results.createdAt}`, detail: r.runDir, runDir: r.runDir }));
  if (items.length === 0) {
    const none =
      runs.runs().length === 0 ? vscode.l10n.t('SSAD: there are no runs in this workspace yet.') : vscode.l10n.t('SSAD: no run of this workspace fits this command.');
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.runDir;
}

/**
 * The runs of a multi-selection: the runs view passes (clicked node, selected nodes), the
 * experiments table and scripts an array of run folders. Empty when there is no such array.
 */
export function selectedRunDirs(selection: unknown): string[] {
  if (!Array.isArray(selection)) return [];
  const dirs = selection.flatMap((item: unknown): string[] => {
    if (typeof item === 'string') return [item];
    if (item instanceof vscode.Uri) return [item.fsPath];
    const node = item as RunsNode | undefined;
    return node?.kind === 'run' ? [node.runDir] : [];
  });
  return [...new Set(dirs)];
}

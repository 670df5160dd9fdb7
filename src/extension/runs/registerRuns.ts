import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerRunCommands } from './runCommands';
import { ConfigCodeLensProvider, CONFIG_SELECTOR } from '../config/configCodeLens';
import { ConfigDiagnostics } from '../config/configDiagnostics';
import { DidYouMeanFixes } from '../config/didYouMeanFixes';
import { nativeInstallRoot } from '../native/nativeEnv';
import type { ExtensionServices } from '../services';
import { RunStatusBar } from '../status/runStatusBar';
import { mergeShardGroup } from './mergeShardGroup';
import { registerRunNotesCommands } from './runNotesCommands';
import { RunManager, RUNNING_CONTEXT_KEY } from './runManager';
import { RunsTreeProvider } from './runsTree';
import type { WorkspaceRuns } from './workspaceRuns';

/** What the runs feature hands back from `activate` (tests drive the tree and watch the manager). */
export interface RunsFeatureApi {
  runsTree: RunsTreeProvider;
  runManager: RunManager;
}

/**
 * Running experiments from VS Code: the run commands, the run manager (queue, progress, status
 * bar, cancel), the runs view and config editing (diagnostics, CodeLens).
 */
export function registerRunsFeature(services: ExtensionServices, runs: WorkspaceRuns): RunsFeatureApi {
  const { context, output } = services;
  const statusBar = new RunStatusBar();
  const runManager = new RunManager({
    extensionPath: context.extensionPath,
    output,
    runs,
    statusBar,
    fallbackRunsDir: path.join(context.globalStorageUri.fsPath, 'runs'),
    nativeInstallRoot: nativeInstallRoot(context.globalStorageUri.fsPath),
  });
  const runsTree = new RunsTreeProvider(runs);
  const diagnostics = new ConfigDiagnostics();
  void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, false);
  // Rerun, Delete and Reveal show in the palette only when there is a run to act on; Merge Shards
  // when there are shard runs.
  const updateHasRuns = (): void => {
    void vscode.commands.executeCommand('setContext', 'ssad.hasRuns', runs.runs().length > 0);
    void vscode.commands.executeCommand('setContext', 'ssad.hasShardRuns', runs.runs().some((r) => r.results.shard !== undefined));
  };
  updateHasRuns();
  // Runs that went on training while the window reloaded (or that another window started).
  const followed = runManager.reattach([runs.runsDirectory(), path.join(context.globalStorageUri.fsPath, 'runs')].filter((d): d is string => d !== undefined));
  if (followed > 0) output.info(`Following ${followed} run(s) that train in their own process`);
  context.subscriptions.push(
    statusBar,
    // Disposed when the window closes or the extension is disabled: the run goes on in its own
    // process, and the next window on these runs follows it again.
    runManager,
    runsTree,
    vscode.window.createTreeView('ssad.runs', { treeDataProvider: runsTree, showCollapseAll: true, canSelectMany: true }),
    diagnostics,
    runs.onDidChangeRuns(updateHasRuns),
    vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, new ConfigCodeLensProvider()),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new DidYouMeanFixes(), { providedCodeActionKinds: DidYouMeanFixes.kinds }),
    ...registerRunCommands({ context, manager: runManager, runs, diagnostics }),
    vscode.commands.registerCommand('ssad.mergeShards', (arg?: unknown) => mergeShardGroup(runs, () => runsTree.shardGroups(), arg)),
    ...registerRunNotesCommands(runs),
  );
  return { runsTree, runManager };
}

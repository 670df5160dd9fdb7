import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { prepareResume, ResumeError, RUN_LOG_FILE, validateConfig } from '../../engine/api';
import type { ExperimentConfig } from '../../shared/config';
import type { RunStatus } from '../../shared/results';
import quickstartJson from '../../../examples/quickstart.ssad.json';
import { findConfigFiles, summarizeErrors, validateConfigDocument } from '../config/configFiles';
import type { ConfigDiagnostics } from '../config/configDiagnostics';
import { mergeConfig, type JsonObject } from './configOverrides';
import type { RunManager, RunRequest } from './runManager';
import { refuseUntrusted } from './trust';
import type { WorkspaceRuns } from './workspaceRuns';
import { pickConfigUri } from '../config/pickConfig';
import { pickRunDir, selectedRunDirs } from './runTargets';

/** What a run command settles with (for callers such as tests; the user sees messages). */
export type RunCommandOutcome =
  | { outcome: 'refused'; message: string }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'dropped' }
  | { outcome: 'finished'; status: RunStatus; runDir: string };

export interface RunCommandDeps {
  context: vscode.ExtensionContext;
  manager: RunManager;
  runs: WorkspaceRuns;
  diagnostics: ConfigDiagnostics;
}

/** Runs that can be resumed: stopped before every cell completed. */
const RESUMABLE: readonly RunStatus[] = ['interrupted', 'failed', 'canceled'];

/** Which folder each run's config came from, so Rerun resolves relative paths as the first run did. */
const ORIGINS_KEY = 'ssad.runOrigins';

/** The trash where the file system has one (a local disk, most remotes); else the folder is removed. */
async function moveToTrash(dir: string): Promise<'trashed' | 'removed'> {
  try {
    await vscode.workspace.fs.delete(vscode.Uri.file(dir), { recursive: true, useTrash: true });
    return 'trashed';
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return 'removed';
  }
}

/** Whole sentences, one per plural form, so that a translation can word each its own way. */
function validMessage(name: string, warnings: number): string {
  if (warnings === 0) return vscode.l10n.t('SSAD: {0} is valid.', name);
  if (warnings === 1) return vscode.l10n.t('SSAD: {0} is valid (1 warning in the Problems panel).', name);
  return vscode.l10n.t('SSAD: {0} is valid ({1} warnings in the Problems panel).', name, warnings);
}

export function registerRunCommands(deps: RunCommandDeps): vscode.Disposable[] {
  const { manager, runs } = deps;
  const origins = (): Record<string, string> => deps.context.workspaceState.get<Record<string, string>>(ORIGINS_KEY) ?? {};

  /** Restricted Mode: the manifest disables the run commands; this refuses any call that gets here anyway. */
  function refuse(): RunCommandOutcome | undefined {
    const message = refuseUntrusted(vscode.workspace.isTrusted);
    if (!message) return undefined;
    void vscode.window.showErrorMessage(message);
    return { outcome: 'refused', message };
  }

  /** Validates, queues and waits; every refusal is said to the user and returned. */
  async function run(json: unknown, baseDir: string, source: string, configFile?: string): Promise<RunCommandOutcome> {
    const refused = refuse();
    if (refused) return refused;
    const result = validateConfig(json, { baseDir });
    if (!result.ok) {
      const message = vscode.l10n.t('SSAD: {0} is not a valid config: {1}', source, summarizeErrors(result.errors));
      void vscode.window.showErrorMessage(message);
      return { outcome: 'invalid', message };
    }
    const request: RunRequest = { config: result.config, baseDir, source, configFile };
    const finished = await manager.enqueue(request);
    if (!finished) return { outcome: 'dropped' };
    await deps.context.workspaceState.update(ORIGINS_KEY, { ...origins(), [finished.runDir]: baseDir });
    return { outcome: 'finished', status: finished.results.status, runDir: finished.runDir };
  }

  function workspaceBase(): string {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? deps.context.globalStorageUri.fsPath;
  }

  const quickstart = async (overrides?: unknown): Promise<RunCommandOutcome> => {
    const { $schema: _schema, ...embedded } = quickstartJson as JsonObject;
    return run(mergeConfig(embedded, overrides), workspaceBase(), vscode.l10n.t('the quickstart'));
  };

  const runExperiment = async (arg?: unknown): Promise<RunCommandOutcome | undefined> => {
    const refused = refuse();
    if (refused) return refused;
    const uri = await pickConfigUri(arg, findConfigFiles, vscode.l10n.t('Config to run'));
    if (!uri) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    const name = path.basename(uri.fsPath);
    const checked = validateConfigDocument(document);
    deps.diagnostics.update(document);
    if (!checked.ok) {
      const message = vscode.l10n.t('SSAD: {0} is not a valid config: {1}', name, summarizeErrors(checked.errors));
      void vscode.window.showErrorMessage(message);
      return { outcome: 'invalid', message };
    }
    return run(checked.config, path.dirname(uri.fsPath), name, uri.fsPath);
  };

  const rerun = async (arg?: unknown): Promise<RunCommandOutcome | undefined> => {
    const runDir = await pickRunDir(runs, arg, vscode.l10n.t('Run to train again'));
    const previous = runDir && runs.runs().find((r) => r.runDir === runDir);
    if (!runDir || !previous) return undefined;
    const config: ExperimentConfig = previous.results.config;
    return run(config, origins()[runDir] ?? previous.results.origin?.baseDir ?? workspaceBase(), vscode.l10n.t('the config of {0}', path.basename(runDir)), previous.results.origin?.configFile);
  };

  /** Trains again only the cells of an interrupted, failed or canceled run, in its own folder. */
  const resume = async (arg?: unknown): Promise<RunCommandOutcome | undefined> => {
    const refused = refuse();
    if (refused) return refused;
    const runDir = await pickRunDir(runs, arg, vscode.l10n.t('Run to resume'), (r) => RESUMABLE.includes(r.results.status));
    if (!runDir) return undefined;
    if (manager.active?.handle.runDir === runDir || manager.queued.some((r) => r.resumeDir === runDir)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('SSAD: this run is training or queued already.'));
      return undefined;
    }
    let request: RunRequest;
    try {
      const plan = prepareResume(runDir);
      request = { config: plan.config, baseDir: plan.baseDir, configFile: plan.configFile, resumeDir: plan.runDir, source: `the rest of ${path.basename(runDir)}` };
    } catch (error) {
      if (!(error instanceof ResumeError)) throw error;
      const message = vscode.l10n.t('SSAD: cannot resume: {0}', error.message);
      void vscode.window.showErrorMessage(message);
      return { outcome: 'invalid', message };
    }
    const finished = await manager.enqueue(request);
    if (!finished) return { outcome: 'dropped' };
    return { outcome: 'finished', status: finished.results.status, runDir: finished.runDir };
  };

  /**
   * Without an argument (palette, view title): this window's run and its queue. On a run of the
   * runs view (its ⏹ button): that run only, also one that another window started, through its
   * folder.
   */
  const cancel = (arg?: unknown): boolean => {
    const [runDir] = arg === undefined ? [] : selectedRunDirs([arg]);
    // The run's own ⏹ stops that run; the queue behind it goes on.
    if (runDir && manager.active?.handle.runDir === runDir) {
      manager.active.handle.cancel();
      return true;
    }
    if (runDir && !manager.follows(runDir)) {
      const canceled = manager.cancelDetached(runDir);
      if (!canceled) void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: this run is not training in a process SSAD Lab can reach from this window (a CLI run, or another machine).'));
      return canceled;
    }
    const canceled = manager.cancelAll();
    if (!canceled) void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: no run is in progress.'));
    return canceled;
  };

  const forgetOrigins = async (runDirs: readonly string[]): Promise<void> => {
    const remaining = { ...origins() };
    for (const dir of runDirs) delete remaining[dir];
    await deps.context.workspaceState.update(ORIGINS_KEY, remaining);
    runs.invalidate();
  };

  /**
   * Moves run folders to the trash (where the machine has one; else removes them), after one
   * confirmation for all of them; never a run that trains.
   */
  const deleteRuns = async (runDirs: readonly string[]): Promise<boolean> => {
    const training = runDirs.find((d) => manager.active?.handle.runDir === d);
    if (training) {
      void vscode.window.showWarningMessage(vscode.l10n.t('SSAD: {0} is still training; cancel it first.', path.basename(training)));
      return false;
    }
    const one = runDirs.length === 1;
    const remove = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      one ? vscode.l10n.t('Delete the run folder {0}?', path.basename(runDirs[0])) : vscode.l10n.t('Delete {0} run folders?', runDirs.length),
      {
        modal: true,
        detail: `${runDirs.join('\n')}\n${
          one
            ? vscode.l10n.t('Its results, scores and samples go to the trash (or are removed where there is none).')
            : vscode.l10n.t('Their results, scores and samples go to the trash (or are removed where there is none).')
        }`,
      },
      remove,
    );
    if (answer !== remove) return false;
    const removed: string[] = [];
    for (const dir of runDirs) {
      if ((await moveToTrash(dir)) === 'removed') removed.push(path.basename(dir));
    }
    if (removed.length > 0) void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: this machine has no trash; removed {0} for good.', removed.join(', ')));
    await forgetOrigins(runDirs);
    return true;
  };

  const deleteRun = async (arg?: unknown, selection?: unknown): Promise<boolean> => {
    const many = selectedRunDirs(selection);
    const runDirs = many.length > 0 ? many : [await pickRunDir(runs, arg, vscode.l10n.t('Run to delete'))].filter((d): d is string => !!d);
    return runDirs.length > 0 && deleteRuns(runDirs);
  };

  const reveal = async (arg?: unknown): Promise<void> => {
    const runDir = await pickRunDir(runs, arg, vscode.l10n.t('Run folder to reveal'));
    if (!runDir || !existsSync(runDir)) return;
    const uri = vscode.Uri.file(runDir);
    // Inside the workspace the Explorer shows it (also under Remote-SSH); outside, the OS does.
    const command = vscode.workspace.getWorkspaceFolder(uri) ? 'revealInExplorer' : 'revealFileInOS';
    await vscode.commands.executeCommand(command, uri);
  };

  /** The run's own log (run.log in its folder): every cell, epoch, warning and error, with times. */
  const openLog = async (arg?: unknown): Promise<vscode.TextEditor | undefined> => {
    const runDir = await pickRunDir(runs, arg, vscode.l10n.t('Run whose log to open'));
    if (!runDir) return undefined;
    const file = path.join(runDir, RUN_LOG_FILE);
    if (!existsSync(file)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: {0} has no {1} (runs made before SSAD Lab kept one, or merged from shards).', path.basename(runDir), RUN_LOG_FILE));
      return undefined;
    }
    return vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
  };

  const validate = async (arg?: unknown): Promise<{ ok: boolean; errors: string[]; warnings: string[] } | undefined> => {
    const uri = await pickConfigUri(arg, findConfigFiles, vscode.l10n.t('Config to validate'));
    if (!uri) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    deps.diagnostics.update(document);
    const result = validateConfigDocument(document);
    const name = path.basename(uri.fsPath);
    const errors = result.ok ? [] : result.errors.map((e) => e.message);
    const warnings = result.warnings.map((e) => e.message);
    if (result.ok) {
      void vscode.window.showInformationMessage(validMessage(name, warnings.length));
    } else {
      void vscode.window.showErrorMessage(`SSAD: ${name}: ${summarizeErrors(result.errors)}`);
    }
    return { ok: result.ok, errors, warnings };
  };

  return [
    vscode.commands.registerCommand('ssad.runQuickstart', quickstart),
    vscode.commands.registerCommand('ssad.runExperiment', runExperiment),
    vscode.commands.registerCommand('ssad.rerun', rerun),
    vscode.commands.registerCommand('ssad.resumeRun', resume),
    vscode.commands.registerCommand('ssad.cancelRun', cancel),
    vscode.commands.registerCommand('ssad.deleteRun', deleteRun),
    vscode.commands.registerCommand('ssad.revealRun', reveal),
    vscode.commands.registerCommand('ssad.openRunLog', openLog),
    vscode.commands.registerCommand('ssad.validateConfig', validate),
  ];
}

/**
 * `SSAD: Diagnose Alignment`: the pre-training diagnostic of a config (`ssad diagnose`), in
 * seconds and before any training, shown in the results panel. It loads the config's custom
 * augmentation modules, so it runs only in a trusted workspace, and in a child process.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Diagnosis } from '../../shared/diagnosis';
import { pickConfigUri } from '../config/pickConfig';
import { findConfigFiles, summarizeErrors, validateConfigDocument } from '../config/configFiles';
import { refuseUntrusted } from '../runs/trust';
import { diagnoseInChild } from './diagnoseInChild';

/** A data set is loaded and subsampled; minutes would mean something is wrong. */
const DIAGNOSE_TIMEOUT_MS = 5 * 60_000;

export type DiagnoseCommandOutcome =
  | { outcome: 'shown'; diagnosis: Diagnosis }
  | { outcome: 'refused' | 'invalid' | 'failed' | 'canceled'; message: string };

export function registerDiagnoseCommand(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  show: (diagnosis: Diagnosis, configFile: string) => void,
): void {
  const cliScript = path.join(context.extensionPath, 'dist', 'cli.js');
  const diagnose = async (arg?: unknown): Promise<DiagnoseCommandOutcome | undefined> => {
    const refused = refuseUntrusted(vscode.workspace.isTrusted);
    if (refused) {
      void vscode.window.showWarningMessage(`SSAD: ${refused}`);
      return { outcome: 'refused', message: refused };
    }
    const uri = await pickConfigUri(arg, findConfigFiles, vscode.l10n.t('Config to diagnose'));
    if (!uri) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    const name = path.basename(uri.fsPath);
    const checked = validateConfigDocument(document);
    if (!checked.ok) {
      const message = vscode.l10n.t('SSAD: {0} is not a valid config: {1}', name, summarizeErrors(checked.errors));
      void vscode.window.showErrorMessage(message);
      return { outcome: 'invalid', message };
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('SSAD: diagnosing {0} (no training)…', name), cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return diagnoseInChild(cliScript, uri.fsPath, { timeoutMs: DIAGNOSE_TIMEOUT_MS, signal: abort.signal });
      },
    );
    if (!result.ok) {
      if (result.canceled) return { outcome: 'canceled', message: 'canceled' };
      const message = vscode.l10n.t('SSAD: Diagnose Alignment of {0} failed: {1}', name, result.error);
      output.error(message);
      void vscode.window.showErrorMessage(message);
      return { outcome: 'failed', message };
    }
    const d = result.diagnosis;
    output.info(`Diagnosed ${name} in ${d.seconds.toFixed(1)} s: pick ${d.pick ? `${d.pick.augmentation} (ratio ${d.pick.ratio.toFixed(3)})` : 'none'}`);
    show(d, uri.fsPath);
    return { outcome: 'shown', diagnosis: d };
  };
  context.subscriptions.push(vscode.commands.registerCommand('ssad.diagnoseAlignment', diagnose));
}

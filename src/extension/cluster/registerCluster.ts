/**
 * Scale-out from the editor: `SSAD: Export Cluster Job` writes a Slurm job or Kubernetes
 * manifests for a config (the runs view merges the shard runs they make: `SSAD: Merge Shards`).
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { exportClusterJob, type ClusterJobOutcome } from './exportClusterJob';
import { errorMessage } from '../../shared/errorMessage';

export function registerClusterFeature({ context, output }: ExtensionServices): void {
  const deps = { extensionPath: context.extensionPath, output };
  // (config, answers): the config file (Uri or path; else the active *.ssad.json or a pick) and
  // `{ scheduler, shards, image, data, ssad }` for scripts; menus pass the file and their own extras.
  const command = async (target?: unknown, answers?: unknown): Promise<ClusterJobOutcome | undefined> => {
    try {
      return await exportClusterJob(deps, target, answers);
    } catch (error) {
      // A file system error half-way (a full disk, a folder without write permission).
      const message = vscode.l10n.t('SSAD: Export Cluster Job failed: {0}', errorMessage(error));
      output.error(message);
      void vscode.window.showErrorMessage(message);
      return { outcome: 'failed', message };
    }
  };
  context.subscriptions.push(vscode.commands.registerCommand('ssad.exportClusterJob', command));
}

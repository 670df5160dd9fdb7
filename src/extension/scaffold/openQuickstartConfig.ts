/**
 * `SSAD: Open Quickstart Config`: the embedded quickstart as `quickstart.ssad.json` in the
 * workspace, to read, change and run as one's own (with `$schema`, so the editor completes and
 * checks it). An existing copy is opened, never overwritten: it may hold the user's edits.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import quickstartJson from '../../../examples/quickstart.ssad.json';
import { writeSchemaCopy } from './newExperimentConfig';
import { configRelativePath, exists, requireWorkspaceFolder, writeText } from './workspacePaths';

export const QUICKSTART_FILE = 'quickstart.ssad.json';

export async function openQuickstartConfig(): Promise<{ uri: vscode.Uri; created: boolean }> {
  const folder = requireWorkspaceFolder();
  const uri = vscode.Uri.joinPath(folder.uri, QUICKSTART_FILE);
  const created = !(await exists(uri));
  if (created) {
    const schema = await writeSchemaCopy(folder);
    const { $schema: _embedded, ...config } = quickstartJson as Record<string, unknown>;
    const text = JSON.stringify({ $schema: configRelativePath(folder.uri.fsPath, schema.fsPath), ...config }, null, 2);
    await writeText(uri, `${text}\n`);
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: {0} is already in the workspace; opened it as it is.', path.basename(uri.fsPath)));
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return { uri, created };
}

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChartId, DataExportFormat } from '../../shared/protocol';
import type { RunOnDisk } from '../../shared/results';
import { insideFolders } from './exportData';

export { comparisonExport, dataExport, writeExport } from './exportData';

export type ExportFormat = DataExportFormat | 'png';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  csv: { CSV: ['csv'] },
  json: { JSON: ['json'] },
  svg: { SVG: ['svg'] },
  html: { 'HTML report': ['html'] },
  latex: { LaTeX: ['tex'] },
  markdown: { Markdown: ['md'] },
  png: { PNG: ['png'] },
};

const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', json: 'json', svg: 'svg', html: 'html', latex: 'tex', markdown: 'md', png: 'png' };

/** The file a format is written to by default, next to the run. */
function defaultName(run: RunOnDisk, format: ExportFormat, chart?: ChartId): vscode.Uri {
  const stem = format === 'png' ? `${run.results.id}-${chart ?? 'chart'}` : format === 'html' ? `${run.results.id}-report` : `${run.results.id}-matrix`;
  return vscode.Uri.file(path.join(run.runDir, `${stem}.${EXTENSIONS[format]}`));
}

/**
 * Where to save: the caller's path (a script, a test) when it lies inside the workspace; a path
 * elsewhere is written only after the user agrees (a command argument may come from anywhere);
 * without a path, the save dialog.
 */
export async function chooseTarget(
  run: RunOnDisk,
  format: ExportFormat,
  target: string | undefined,
  chart?: ChartId,
): Promise<string | undefined> {
  if (target) {
    const file = path.resolve(target);
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    if (insideFolders(file, folders)) return file;
    const write = vscode.l10n.t('Write');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('SSAD: write the {0} export outside the workspace?', format.toUpperCase()),
      { modal: true, detail: `${file}\n${vscode.l10n.t('A command asked to write this file; it lies outside the open workspace folders.')}` },
      write,
    );
    return answer === write ? file : undefined;
  }
  const uri = await vscode.window.showSaveDialog({ defaultUri: defaultName(run, format, chart), filters: FILTERS[format], title: vscode.l10n.t('Export {0}', format.toUpperCase()) });
  return uri?.fsPath;
}

/** A PNG data URL from the webview's canvas → bytes. */
export function pngBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

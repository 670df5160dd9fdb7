import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOnDisk } from '../../shared/results';

function runItems(runs: readonly RunOnDisk[], exclude: readonly string[]): Array<vscode.QuickPickItem & { run: RunOnDisk }> {
  const excluded = new Set(exclude.map((d) => path.resolve(d)));
  return runs
    .filter((r) => !excluded.has(path.resolve(r.runDir)))
    .map((run) => ({
      label: run.results.name,
      description: `${run.results.status} · ${run.results.createdAt.replace('T', ' ').slice(0, 16)}`,
      detail: vscode.l10n.t('{0} augmentations × {1} anomaly types · {2}', run.results.augmentations.length, run.results.anomalyTypes.length, path.basename(run.runDir)),
      run,
    }));
}

/** A quick pick of the workspace's runs, newest first; undefined when dismissed. */
export async function pickRun(runs: readonly RunOnDisk[], title: string, exclude?: string): Promise<RunOnDisk | undefined> {
  const picked = await vscode.window.showQuickPick(runItems(runs, exclude ? [exclude] : []), { title, placeHolder: vscode.l10n.t('Pick a run'), matchOnDetail: true, ignoreFocusOut: true });
  return picked?.run;
}

/** A multi-select quick pick of runs (newest first); undefined when dismissed. */
export async function pickRuns(runs: readonly RunOnDisk[], title: string, exclude: readonly string[] = []): Promise<RunOnDisk[] | undefined> {
  const picked = await vscode.window.showQuickPick(runItems(runs, exclude), { title, placeHolder: vscode.l10n.t('Tick the runs, then press Enter'), matchOnDetail: true, ignoreFocusOut: true, canPickMany: true });
  return picked?.map((p) => p.run);
}

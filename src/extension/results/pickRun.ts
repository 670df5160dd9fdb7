import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunSummary } from '../services';

/** A quick pick of the workspace's runs, newest first; undefined when dismissed. */
export async function pickRun(runs: readonly RunSummary[], title: string, exclude?: string): Promise<RunSummary | undefined> {
  const items = runs
    .filter((r) => !exclude || path.resolve(r.runDir) !== path.resolve(exclude))
    .map((run) => ({
      label: run.results.name,
      description: `${run.results.status} · ${run.results.createdAt.replace('T', ' ').slice(0, 16)}`,
      detail: `${run.results.augmentations.length} augmentations × ${run.results.anomalyTypes.length} anomaly types · ${path.basename(run.runDir)}`,
      run,
    }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a run', matchOnDetail: true, ignoreFocusOut: true });
  return picked?.run;
}

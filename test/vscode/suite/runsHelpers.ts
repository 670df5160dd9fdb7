// Shared by the runs/config/trust suites (bundled into each by esbuild; not a suite itself).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunsFeatureApi } from '../../../src/extension/runs/registerRuns';

export const EXTENSION_ID = 'ssad-lab.ssad-lab';

/** A grid that trains in seconds: one digit, one seed, a 2-block DAE of width 4, 2 augmentations, 2 epochs. */
export const TINY_QUICKSTART = {
  name: 'tiny-quickstart',
  dataset: { normalClasses: [7], imageSize: 16, maxTrain: 64, maxTest: 16 },
  seeds: [0],
  detector: { width: 4, depth: 2, codeSize: 8 },
  augmentations: ['none', 'flip'],
  training: { epochs: 2, batchSize: 32 },
  runtime: { parallelism: 2 },
};

export async function activateExtension(): Promise<RunsFeatureApi> {
  const extension = vscode.extensions.getExtension<RunsFeatureApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the harness opens a workspace folder; none is open');
  return folder.uri.fsPath;
}

export function runsDir(): string {
  return path.join(workspaceDir(), '.ssad', 'runs');
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 60_000, everyMs = 50): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Remembers what the workspace holds now; the returned function removes the run folders, the
 * `.ssad` folder and the top-level entries that appeared since.
 */
export function workspaceCleanup(): () => void {
  const root = workspaceDir();
  const entriesBefore = new Set(readdirSync(root));
  const runsBefore = new Set(existsSync(runsDir()) ? readdirSync(runsDir()) : []);
  return () => {
    if (existsSync(runsDir())) {
      for (const name of readdirSync(runsDir())) if (!runsBefore.has(name)) rmSync(path.join(runsDir(), name), { recursive: true, force: true });
    }
    for (const name of readdirSync(root)) if (!entriesBefore.has(name)) rmSync(path.join(root, name), { recursive: true, force: true });
  };
}

import * as vscode from 'vscode';
import { registerResultsFeature } from './results/registerResults';
import { WorkspaceRuns } from './runs/workspaceRuns';
import type { ExtensionServices } from './services';

/**
 * Wires the features together. Each feature registers its commands, views and listeners from its
 * own `register*` function, with the shared services.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('SSAD', { log: true });
  const runs = new WorkspaceRuns(output);
  context.subscriptions.push(output, runs);
  const services: ExtensionServices = { context, output, runs };
  registerResultsFeature(services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

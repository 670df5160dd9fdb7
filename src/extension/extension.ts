import * as vscode from 'vscode';
import { registerClusterFeature } from './cluster/registerCluster';
import { registerExperimentsFeature } from './experiments/registerExperiments';
import { registerNativeBackendFeature } from './native/registerNativeBackend';
import { registerPreviewFeature } from './preview/registerPreview';
import { registerResultsFeature } from './results/registerResults';
import { registerRunsFeature, type RunsFeatureApi } from './runs/registerRuns';
import { WorkspaceRuns } from './runs/workspaceRuns';
import { registerScaffoldFeature } from './scaffold/registerScaffold';
import type { ExtensionServices } from './services';

/**
 * Wires the features together. Each feature registers its commands, views and listeners from its
 * own `register*` function, with the shared services.
 */
export function activate(context: vscode.ExtensionContext): RunsFeatureApi {
  const output = vscode.window.createOutputChannel('SSAD', { log: true });
  const runs = new WorkspaceRuns(output);
  context.subscriptions.push(output, runs);
  const services: ExtensionServices = { context, output, runs };
  registerResultsFeature(services);
  registerExperimentsFeature(services);
  registerScaffoldFeature(services);
  registerPreviewFeature(services);
  registerNativeBackendFeature(services);
  registerClusterFeature(services);
  return registerRunsFeature(services, runs);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

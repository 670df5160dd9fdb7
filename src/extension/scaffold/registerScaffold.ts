/**
 * The scaffolding commands: `SSAD: New Augmentation`, `SSAD: New Experiment Config` and `SSAD:
 * Open Quickstart Config`. The first two accept an argument object instead of prompts; all
 * resolve to what they wrote (for tests and for other commands that chain on them). Also the
 * snippets of configs and augmentation modules, offered only in those files.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { newAugmentation, type NewAugmentationArgs } from './newAugmentation';
import { newExperimentConfig, type NewExperimentConfigArgs } from './newExperimentConfig';
import { openQuickstartConfig } from './openQuickstartConfig';
import { registerSnippetCompletions } from './snippetCompletions';
import { errorMessage } from '../../shared/errorMessage';

function reported<A, R>(output: vscode.LogOutputChannel, run: (args: A) => Promise<R>): (args: A) => Promise<R | undefined> {
  return async (args) => {
    try {
      return await run(args);
    } catch (error) {
      const message = errorMessage(error);
      output.error(message);
      void vscode.window.showErrorMessage(message);
      // Callers with an argument object (tests, other commands) get the error itself.
      if (args !== undefined && args !== null && typeof args === 'object' && !(args instanceof vscode.Uri)) throw error;
      return undefined;
    }
  };
}

export function registerScaffoldFeature({ context, output }: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ssad.newAugmentation', reported(output, (args?: NewAugmentationArgs) => newAugmentation(args ?? {}))),
    vscode.commands.registerCommand('ssad.newExperimentConfig', reported(output, (args?: NewExperimentConfigArgs) => newExperimentConfig(args ?? {}))),
    vscode.commands.registerCommand('ssad.openQuickstartConfig', reported(output, () => openQuickstartConfig())),
    registerSnippetCompletions(),
  );
}

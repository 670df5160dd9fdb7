/**
 * `SSAD: Preview Augmentation`: real MNIST test digits before and after an augmentation, built-in
 * or custom. A custom module is user code, so it is previewed only in a trusted workspace. The
 * command resolves to the rendered state (for tests).
 */
import * as vscode from 'vscode';
import { isModulePath } from '../../engine/api';
import type { PreviewState } from '../../shared/previewProtocol';
import type { ExtensionServices } from '../services';
import { trackAugmentationsFolders } from './augmentationsFolders';
import { PreviewPanel } from './previewPanel';
import { previewTarget, type PreviewArgument } from './previewTarget';

export const PREVIEW_UNTRUSTED_MESSAGE =
  'SSAD Lab does not run custom augmentation code in Restricted Mode: trust this workspace to preview it.';

export function registerPreviewFeature({ context, output }: ExtensionServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ssad.previewAugmentation', async (arg?: PreviewArgument): Promise<PreviewState | undefined> => {
      const target = await previewTarget(arg);
      if (!target) return undefined;
      if (isModulePath(target.ref) && !vscode.workspace.isTrusted) {
        void vscode.window.showErrorMessage(PREVIEW_UNTRUSTED_MESSAGE);
        return undefined;
      }
      const state = await PreviewPanel.show(context, target);
      if (state.kind === 'error') output.warn(`preview of ${target.label} failed: ${state.error}`);
      return state;
    }),
    // Not in the palette: what the preview shows now, for tests and automation.
    vscode.commands.registerCommand('ssad.preview.state', (): PreviewState | undefined => PreviewPanel.instance?.currentState),
    trackAugmentationsFolders(),
    { dispose: () => PreviewPanel.instance?.dispose() },
  );
}

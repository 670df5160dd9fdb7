/**
 * `SSAD: Preview Augmentation`: training images of the active (or last active) config's data set
 * — MNIST digits without one — before and after an augmentation, built-in or custom, with its
 * parameters as controls. A custom module is user code, so it is previewed only in a trusted
 * workspace. The panel comes back after a window reload. The command resolves to the rendered
 * state (for tests).
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { isModulePath } from '../../engine/api';
import type { AugmentationParamValue } from '../../shared/config';
import { PREVIEW_VIEW_TYPE, type PreviewState } from '../../shared/previewProtocol';
import type { ExtensionServices } from '../services';
import { trackAugmentationsFolders } from './augmentationsFolders';
import { chooseConfigFile, isConfigFile } from './dataSource';
import { PreviewPanel } from './previewPanel';
import { previewTarget, type PreviewArgument } from './previewTarget';
import { restoredTarget } from './restoredTarget';

// A function, not a constant: a message is translated when it is shown, not when the module loads.
function untrustedMessage(): string {
  return vscode.l10n.t('SSAD Lab does not run custom augmentation code in Restricted Mode: trust this workspace to preview it.');
}

/** The `*.ssad.json` this window had active last (workspace state, so it outlives a reload). */
const LAST_CONFIG_KEY = 'ssad.preview.lastConfig';

function activeFile(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' ? uri.fsPath : undefined;
}

export function registerPreviewFeature({ context, output }: ExtensionServices): void {
  const rememberConfig = (): void => {
    const file = activeFile();
    if (isConfigFile(file)) void context.workspaceState.update(LAST_CONFIG_KEY, file);
  };
  rememberConfig();
  const lastConfig = (): string | undefined => {
    const file = context.workspaceState.get<string>(LAST_CONFIG_KEY);
    return file && existsSync(file) ? file : undefined;
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(rememberConfig),
    vscode.commands.registerCommand('ssad.previewAugmentation', async (arg?: PreviewArgument): Promise<PreviewState | undefined> => {
      const target = await previewTarget(arg);
      if (!target) return undefined;
      if (isModulePath(target.ref) && !vscode.workspace.isTrusted) {
        void vscode.window.showErrorMessage(untrustedMessage());
        return undefined;
      }
      const explicit = arg && typeof arg === 'object' && 'augmentation' in arg ? arg.config : undefined;
      const configFile = chooseConfigFile({ explicit, active: activeFile(), last: lastConfig() });
      const state = await PreviewPanel.show(context, { ...target, ...(configFile ? { configFile } : {}) });
      if (state.kind === 'error') output.warn(`preview of ${target.label} failed: ${state.error}`);
      return state;
    }),
    // Not in the palette: what the preview shows now, and its parameter controls, for tests and automation.
    vscode.commands.registerCommand('ssad.preview.state', (): PreviewState | undefined => PreviewPanel.instance?.currentState),
    vscode.commands.registerCommand('ssad.preview.setParam', (name: string, value: AugmentationParamValue) => PreviewPanel.instance?.setParam(name, value)),
    vscode.commands.registerCommand('ssad.preview.resetParams', () => PreviewPanel.instance?.resetParams()),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
        const target = restoredTarget(saved);
        if (!target) {
          // Nothing to render (a state from an older version): not worth an empty tab.
          panel.dispose();
          return;
        }
        const refusal = isModulePath(target.ref) && !vscode.workspace.isTrusted ? untrustedMessage() : undefined;
        PreviewPanel.revive(panel, context, target, refusal);
      },
    }),
    trackAugmentationsFolders(),
    { dispose: () => PreviewPanel.instance?.dispose() },
  );
}

/**
 * `SSAD: Install Native Backend`: installs native TensorFlow (`@tensorflow/tfjs-node`, or `-gpu`)
 * with the user's own npm into the extension's global storage, with a cancellable progress
 * notification and npm's output in the `SSAD` log. The install itself (staging folder, check in a
 * child process, activation) is the engine's, shared with `ssad backend install`.
 *
 * Not limited to trusted workspaces: it runs no workspace code. npm runs in the install folder
 * (so no .npmrc or package.json of the workspace applies) and the folder it installs into, like
 * `ssad.nativeBackendPath`, is machine-level, which a workspace cannot redirect.
 */
import * as vscode from 'vscode';
import { installNativeBackend, nativePackageName, TFJS_VERSION, type InstallNativeResult } from '../../engine/api';
import type { ExtensionServices } from '../services';
import { NATIVE_BACKEND_SETTING, nativeInstallRoot } from './nativeEnv';

/** Arguments for scripts and tests: `{ gpu: false }` skips the quick pick. */
export interface InstallNativeArgs {
  gpu?: boolean;
}

/** What the command settles with (the user sees the message). */
export type InstallNativeOutcome =
  | { outcome: 'installed'; root: string; message: string }
  | { outcome: 'failed'; root: string; reason: string; message: string }
  | { outcome: 'canceled'; root: string; message: string }
  | { outcome: 'busy'; message: string };

/**
 * The npm to run: `npm` from the PATH, unless the extension host's environment sets `SSAD_NPM`
 * (tests point it at a stand-in). An environment variable, not a command argument, so that a
 * command link cannot choose what runs.
 */
function npmCommand(): string | undefined {
  return process.env.SSAD_NPM || undefined;
}

/** Passes npm's output to the log line by line (a log channel takes whole lines). */
function lineWriter(output: vscode.LogOutputChannel): { write(text: string): void; flush(): void } {
  let pending = '';
  return {
    write(text: string) {
      pending += text.replace(/\r\n?/g, '\n');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') output.info(`npm: ${line}`);
    },
    flush() {
      if (pending.trim() !== '') output.info(`npm: ${pending}`);
      pending = '';
    },
  };
}

async function pickGpu(): Promise<boolean | undefined> {
  const items: Array<vscode.QuickPickItem & { gpu: boolean }> = [
    {
      label: vscode.l10n.t('CPU'),
      description: nativePackageName(false),
      detail: vscode.l10n.t('Native TensorFlow on the CPU: Linux x64, Windows x64, Intel macOS.'),
      gpu: false,
    },
    {
      label: vscode.l10n.t('GPU (CUDA)'),
      description: nativePackageName(true),
      detail: vscode.l10n.t('Needs an NVIDIA GPU with CUDA 11.2 and cuDNN 8.1 installed: Linux x64, Windows x64.'),
      gpu: true,
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('SSAD: Install Native Backend'), placeHolder: vscode.l10n.t('TensorFlow {0} for training', TFJS_VERSION) });
  return picked?.gpu;
}

export function registerNativeBackendFeature(services: ExtensionServices): void {
  const { context, output } = services;
  let running = false;
  /** The install in progress; aborted when the extension is disposed (npm must not outlive it). */
  let current: AbortController | undefined;

  const install = async (args?: InstallNativeArgs): Promise<InstallNativeOutcome | undefined> => {
    if (running) {
      const message = vscode.l10n.t('SSAD: native TensorFlow is being installed already.');
      void vscode.window.showInformationMessage(message);
      return { outcome: 'busy', message };
    }
    const gpu = typeof args?.gpu === 'boolean' ? args.gpu : await pickGpu();
    if (gpu === undefined) return undefined;
    const root = nativeInstallRoot(context.globalStorageUri.fsPath);
    const pkg = nativePackageName(gpu);
    running = true;
    const lines = lineWriter(output);
    let result: InstallNativeResult;
    try {
      output.info(`Installing ${pkg} ${TFJS_VERSION} with npm into ${root}`);
      output.show(true);
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('SSAD: Native TensorFlow'), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          current = controller;
          const listener = token.onCancellationRequested(() => controller.abort());
          try {
            return await installNativeBackend({
              root,
              gpu,
              npmCommand: npmCommand(),
              signal: controller.signal,
              onOutput: (text) => lines.write(text),
              onStep: (_step, message) => {
                output.info(message);
                progress.report({ message });
              },
            });
          } finally {
            listener.dispose();
            current = undefined;
          }
        },
      );
    } finally {
      lines.flush();
      running = false;
    }

    if (result.ok) {
      const setting = vscode.workspace.getConfiguration('ssad').get<string>(NATIVE_BACKEND_SETTING);
      const message =
        setting && setting.trim() !== ''
          ? vscode.l10n.t('SSAD: native TensorFlow ({0} {1}) is installed; runs with backend auto use it from now on (runs use ssad.nativeBackendPath, {2}, while it is set).', result.pkg.name, result.pkg.version, setting)
          : vscode.l10n.t('SSAD: native TensorFlow ({0} {1}) is installed; runs with backend auto use it from now on.', result.pkg.name, result.pkg.version);
      output.info(`${message} ${result.pkg.dir}: ${result.verified}`);
      void vscode.window.showInformationMessage(message);
      return { outcome: 'installed', root, message };
    }
    if (result.canceled) {
      const message = vscode.l10n.t('SSAD: the native TensorFlow install was canceled; nothing was installed.');
      output.warn(message);
      void vscode.window.showInformationMessage(message);
      return { outcome: 'canceled', root, message };
    }
    const message = vscode.l10n.t('SSAD: native TensorFlow was not installed: {0}. Training goes on with WebAssembly.', result.reason);
    output.error(message);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(message, showLog).then((choice) => {
      if (choice === showLog) output.show();
    });
    return { outcome: 'failed', root, reason: result.reason, message };
  };

  context.subscriptions.push(vscode.commands.registerCommand('ssad.installNativeBackend', install), { dispose: () => current?.abort() });
}

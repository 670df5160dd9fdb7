import * as vscode from 'vscode';

/** The config a Run/Validate command is about: the argument, the active `*.ssad.json`, or a pick. */
export async function pickConfigUri(arg: unknown, find: () => Promise<vscode.Uri[]>, placeHolder: string): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.file(arg);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.path.endsWith('.ssad.json')) return active;
  const configs = await find();
  if (configs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: no *.ssad.json config in this workspace. Try SSAD: Run Quickstart.'));
    return undefined;
  }
  if (configs.length === 1) return configs[0];
  const picked = await vscode.window.showQuickPick(
    configs.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder },
  );
  return picked?.uri;
}

import * as vscode from 'vscode';

/**
 * The status-bar item of the run in progress: a spinner and the cell being trained; a click opens
 * the results of that run. Hidden while nothing trains.
 */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ssad.run', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = vscode.l10n.t('SSAD Lab run');
  }

  show(runName: string, progress: string, runDir: string | undefined, queued: number): void {
    const waiting = queued > 0 ? ` ${vscode.l10n.t('(+{0} queued)', queued)}` : '';
    this.item.text = `$(sync~spin) SSAD ${progress.replace(/ · epoch.*$/, '')}${waiting}`;
    this.item.tooltip = `SSAD Lab: ${runName} — ${progress}${waiting}\n${vscode.l10n.t('Click to open its results.')}`;
    this.item.command = { title: vscode.l10n.t('Open Results'), command: 'ssad.openResults', arguments: runDir ? [runDir] : [] };
    this.item.show();
  }

  hide(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}

import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE, isWebviewToHost, type HostToWebview, type PanelState } from '../../shared/protocol';
import { createNonce } from '../util/nonce';
import { renderPanelHtml } from './panelHtml';

/** Computes the snapshot the panel should show now. */
export type PanelStateSource = () => PanelState;

/**
 * The results webview panel: one per window, revived by the serializer after a reload.
 * It never pushes deltas: every update is a full snapshot, re-sent on each `ready`.
 */
export class ResultsPanel implements vscode.Disposable {
  private static current: ResultsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  static show(extensionUri: vscode.Uri, stateSource: PanelStateSource): ResultsPanel {
    if (ResultsPanel.current) {
      ResultsPanel.current.panel.reveal();
      ResultsPanel.current.refresh();
      return ResultsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'SSAD Results', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    ResultsPanel.current = new ResultsPanel(panel, extensionUri, stateSource);
    return ResultsPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, stateSource: PanelStateSource): ResultsPanel {
    ResultsPanel.current?.dispose();
    ResultsPanel.current = new ResultsPanel(panel, extensionUri, stateSource);
    return ResultsPanel.current;
  }

  static get instance(): ResultsPanel | undefined {
    return ResultsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly stateSource: PanelStateSource,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity-bar.svg');
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
    );
  }

  /** Sends the current snapshot if the webview has said it is ready. */
  refresh(): void {
    if (this.ready) this.post({ type: 'state', state: this.stateSource() });
  }

  dispose(): void {
    if (ResultsPanel.current === this) ResultsPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private onMessage(message: unknown): void {
    if (!isWebviewToHost(message)) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        break;
      case 'command':
        void vscode.commands.executeCommand(message.command);
        break;
    }
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const asUri = (...segments: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', 'webview.js'),
      styleUri: asUri('media', 'webview.css'),
      title: 'SSAD Results',
    });
  }
}

/**
 * What every SSAD webview panel shares: one panel per kind and window, the `ready` handshake (a
 * webview that reloads — hidden, restored — says `ready` again and gets a full snapshot), typed
 * messages both ways (anything that fails the protocol's guard is dropped), the strict HTML
 * shell, and one place that disposes what the panel registered.
 */
import * as vscode from 'vscode';
import { createNonce } from './nonce';
import { renderPanelHtml } from './panelHtml';

export interface WebviewPanelSpec<In> {
  /** The bundle in `dist/` the panel loads (`webview.js`, `experiments.js`, `preview.js`). */
  script: string;
  title: string;
  /** The protocol's guard: only messages it accepts reach `onMessage`. */
  isMessage(value: unknown): value is In;
}

/**
 * The panel options every SSAD webview uses: scripts on, resources only from `dist/`, `media/` and
 * `extra`. `retain` keeps the webview alive while its tab is hidden: worth its memory for the one
 * results panel and the one experiments table (no reload, no redraw of every chart on each tab
 * switch, a chart export that works at once), not for the preview.
 */
export function panelOptions(extensionUri: vscode.Uri, extra: readonly vscode.Uri[] = [], retain = false): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: retain,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media'), ...extra],
  };
}

export abstract class WebviewPanelBase<In extends { type: string }, Out> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private isReady = false;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly extensionUri: vscode.Uri,
    private readonly spec: WebviewPanelSpec<In>,
  ) {
    // A tab icon does not follow the theme's colour (currentColor draws black): one per theme kind.
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'panel-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'panel-dark.svg'),
    };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview that is not retained is torn down: what is posted now is lost, so wait
      // for the `ready` of the one that loads when the panel shows again.
      panel.onDidChangeViewState(() => {
        if (!panel.visible && !panel.options.retainContextWhenHidden) this.isReady = false;
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!spec.isMessage(message)) return;
        if (message.type === 'ready') {
          this.isReady = true;
          this.onReady();
        } else {
          this.onMessage(message as Exclude<In, { type: 'ready' }>);
        }
      }),
    );
  }

  /** Whether the webview has said `ready` (before that, posted messages are lost). */
  protected get ready(): boolean {
    return this.isReady;
  }

  /** The webview loaded (or reloaded) and listens: send it a full snapshot. */
  protected abstract onReady(): void;

  /** Every message but `ready`, already checked by the protocol's guard. */
  protected abstract onMessage(message: Exclude<In, { type: 'ready' }>): void;

  protected post(message: Out): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel.dispose();
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
  }

  private html(): string {
    const webview = this.panel.webview;
    const asUri = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', this.spec.script),
      styleUri: asUri('media', 'webview.css'),
      title: this.spec.title,
    });
  }
}

/** The one panel of a kind in this window: showing another disposes the old one. */
export class PanelSlot<T extends vscode.Disposable> {
  private panel: T | undefined;

  get current(): T | undefined {
    return this.panel;
  }

  set(panel: T): T {
    if (this.panel !== panel) this.panel?.dispose();
    this.panel = panel;
    return panel;
  }

  /** Called by a panel as it is disposed. */
  release(panel: T): void {
    if (this.panel === panel) this.panel = undefined;
  }
}

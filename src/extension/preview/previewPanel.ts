/**
 * The augmentation preview panel (one per window): the sheet the preview child rendered, shown
 * as a data: PNG under a strict CSP (the results panel's HTML shell), re-rendered when the
 * previewed module is saved. Every update is a full snapshot, re-sent on each `ready`.
 */
import * as vscode from 'vscode';
import type { AugmentationRef } from '../../shared/config';
import { PREVIEW_VIEW_TYPE, isPreviewWebviewToHost, type PreviewHostToWebview, type PreviewState } from '../../shared/previewProtocol';
import { renderPanelHtml } from '../results/panelHtml';
import { createNonce } from '../util/nonce';
import { renderInChild } from './renderInChild';

export interface PreviewTarget {
  /** The label shown until the child replies (the reference as written). */
  label: string;
  ref: AugmentationRef;
  /** Folder that a module path resolves against. */
  baseDir: string;
  /** The module file, for custom modules: saving it re-renders the preview. */
  file?: string;
}

export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private state: PreviewState;
  private generation = 0;

  static get instance(): PreviewPanel | undefined {
    return PreviewPanel.current;
  }

  /** Shows (or retargets) the panel and resolves with the state once the preview is rendered. */
  static async show(context: vscode.ExtensionContext, target: PreviewTarget): Promise<PreviewState> {
    if (!PreviewPanel.current) {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'SSAD Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
      });
      PreviewPanel.current = new PreviewPanel(panel, context, target);
    } else {
      PreviewPanel.current.target = target;
      PreviewPanel.current.panel.reveal(undefined, true);
    }
    return PreviewPanel.current.render();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private target: PreviewTarget,
  ) {
    this.state = { kind: 'loading', id: target.label };
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'activity-bar.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.target.file && doc.uri.fsPath === this.target.file) void this.render();
      }),
    );
  }

  get currentState(): PreviewState {
    return this.state;
  }

  /** Renders the target in a child process; a newer render wins over an older one. */
  async render(): Promise<PreviewState> {
    const generation = ++this.generation;
    const target = this.target;
    this.panel.title = `Preview: ${target.label}`;
    this.setState({ kind: 'loading', id: target.label });
    const reply = await renderInChild(this.context.extensionPath, { type: 'render', augmentation: target.ref, baseDir: target.baseDir, count: 8, seed: 0 });
    const state: PreviewState =
      reply.type === 'rendered'
        ? {
            kind: 'image',
            id: reply.id,
            description: reply.description,
            imageUri: `data:image/png;base64,${reply.pngBase64}`,
            width: reply.width,
            height: reply.height,
            rows: reply.rows,
            renderedAt: new Date().toISOString(),
          }
        : { kind: 'error', id: target.label, error: reply.error };
    if (generation === this.generation) this.setState(state);
    return state;
  }

  dispose(): void {
    if (PreviewPanel.current === this) PreviewPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private setState(state: PreviewState): void {
    this.state = state;
    if (this.ready) this.post({ type: 'preview', state });
  }

  private onMessage(message: unknown): void {
    if (!isPreviewWebviewToHost(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.post({ type: 'preview', state: this.state });
    } else {
      void this.render();
    }
  }

  private post(message: PreviewHostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const asUri = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...segments)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', 'preview.js'),
      styleUri: asUri('media', 'webview.css'),
      title: 'SSAD Preview',
    });
  }
}

/**
 * The augmentation preview panel (one per window): the sheet the preview child rendered, shown
 * as a data: PNG under a strict CSP (the results panel's HTML shell), re-rendered when the
 * previewed module is saved. Every update is a full snapshot, re-sent on each `ready`.
 */
import * as vscode from 'vscode';
import type { AugmentationRef } from '../../shared/config';
import { PREVIEW_VIEW_TYPE, isPreviewWebviewToHost, type PreviewHostToWebview, type PreviewState, type PreviewWebviewToHost } from '../../shared/previewProtocol';
import { PanelSlot, panelOptions, WebviewPanelBase } from '../webview/webviewPanel';
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

const slot = new PanelSlot<PreviewPanel>();

export class PreviewPanel extends WebviewPanelBase<PreviewWebviewToHost, PreviewHostToWebview> {
  private state: PreviewState;
  private generation = 0;

  static get instance(): PreviewPanel | undefined {
    return slot.current;
  }

  /** Shows (or retargets) the panel and resolves with the state once the preview is rendered. */
  static async show(context: vscode.ExtensionContext, target: PreviewTarget): Promise<PreviewState> {
    let open = slot.current;
    if (!open) {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'SSAD Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(context.extensionUri));
      open = slot.set(new PreviewPanel(panel, context, target));
    } else {
      open.target = target;
      open.panel.reveal(undefined, true);
    }
    return open.render();
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private target: PreviewTarget,
  ) {
    super(panel, context.extensionUri, { script: 'preview.js', title: 'SSAD Preview', isMessage: isPreviewWebviewToHost });
    this.state = { kind: 'loading', id: target.label };
    this.disposables.push(
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

  override dispose(): void {
    slot.release(this);
    super.dispose();
  }

  protected onReady(): void {
    this.post({ type: 'preview', state: this.state });
  }

  /** The webview's Refresh button. */
  protected onMessage(): void {
    void this.render();
  }

  private setState(state: PreviewState): void {
    this.state = state;
    if (this.ready) this.post({ type: 'preview', state });
  }
}

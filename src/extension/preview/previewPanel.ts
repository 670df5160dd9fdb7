/**
 * The augmentation preview panel (one per window): the sheet the preview child rendered, shown
 * as a data: PNG under a strict CSP (the results panel's HTML shell), with a control per
 * parameter. It re-renders when a parameter changes, when the previewed module or the config
 * whose data it shows is saved, and after a window reload (the webview's state holds the target,
 * which the serializer hands back). Every update is a full snapshot, re-sent on each `ready`.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { isModulePath, resolveAugmentation } from '../../engine/api';
import type { AugmentationParamValue, AugmentationRef } from '../../shared/config';
import { errorMessage } from '../../shared/errorMessage';
import { changedParams, withParam } from '../../shared/previewParams';
import {
  PREVIEW_VIEW_TYPE,
  isPreviewWebviewToHost,
  type PreviewHostToWebview,
  type PreviewParams,
  type PreviewRequest,
  type PreviewState,
  type PreviewTargetState,
  type PreviewWebviewToHost,
} from '../../shared/previewProtocol';
import { configRelativePath } from '../scaffold/workspacePaths';
import { PanelSlot, panelOptions, WebviewPanelBase } from '../webview/webviewPanel';
import { dataFromConfig, NO_CONFIG_REASON } from './dataSource';
import { renderInChild } from './renderInChild';

export type PreviewTarget = PreviewTargetState;

/** Images per row of the sheet. */
const IMAGES_PER_ROW = 8;

const slot = new PanelSlot<PreviewPanel>();

function refName(ref: AugmentationRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

/** The reference a render asks for: the parameters changed in the panel on the augmentation's own name. */
export function requestRef(target: PreviewTarget, base: string | undefined): AugmentationRef {
  if (Object.keys(target.params).length === 0) return target.ref;
  return { name: base ?? refName(target.ref), params: target.params };
}

/** The catalogue name of a built-in reference (`cutout-0.2` → `cutout`); a module's path as written. */
function baseOf(ref: AugmentationRef): string | undefined {
  if (isModulePath(ref)) return refName(ref);
  try {
    return resolveAugmentation(ref).definition.name;
  } catch {
    return undefined;
  }
}

function label(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
  return folder ? configRelativePath(folder, file).replace(/^\.\//, '') : file;
}

export class PreviewPanel extends WebviewPanelBase<PreviewWebviewToHost, PreviewHostToWebview> {
  private state: PreviewState;
  private wanted = 0;
  private loop: Promise<PreviewState> | undefined;

  static get instance(): PreviewPanel | undefined {
    return slot.current;
  }

  /** Shows (or retargets) the panel and resolves with the state once the preview is rendered. */
  static async show(context: vscode.ExtensionContext, target: PreviewTarget): Promise<PreviewState> {
    let open = slot.current;
    if (!open) {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('SSAD Preview'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(context.extensionUri));
      open = slot.set(new PreviewPanel(panel, context, target));
    } else {
      open.retarget(target);
      open.panel.reveal(undefined, true);
    }
    return open.render();
  }

  /** A panel VS Code restored after a reload, with the target its webview saved. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, target: PreviewTarget, refusal?: string): PreviewPanel {
    const open = slot.set(new PreviewPanel(panel, context, target));
    if (refusal) open.setState({ kind: 'error', id: target.label, error: refusal, target });
    else void open.render();
    return open;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private target: PreviewTarget,
  ) {
    super(panel, context.extensionUri, { script: 'preview.js', title: vscode.l10n.t('SSAD Preview'), isMessage: isPreviewWebviewToHost });
    this.state = { kind: 'loading', id: target.label, target };
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.fsPath === this.target.file || doc.uri.fsPath === this.target.configFile) void this.render();
      }),
    );
  }

  get currentState(): PreviewState {
    return this.state;
  }

  /** Another augmentation (or data set): the panel's parameters were the old one's. */
  private retarget(target: PreviewTarget): void {
    this.target = target;
    this.setState({ kind: 'loading', id: target.label, target });
  }

  /**
   * Renders the target in a child process, one child at a time: requests made while one renders
   * are merged into one more render with the newest target. Resolves with the state after the
   * last of them.
   */
  render(): Promise<PreviewState> {
    this.wanted++;
    if (!this.loop) this.loop = this.drain();
    return this.loop;
  }

  private async drain(): Promise<PreviewState> {
    let done = 0;
    let state = this.state;
    while (done < this.wanted) {
      done = this.wanted;
      state = await this.renderOnce();
    }
    this.wanted = 0;
    this.loop = undefined;
    return state;
  }

  private async renderOnce(): Promise<PreviewState> {
    const target = this.target;
    const previous = this.state;
    const params = previous.params;
    this.panel.title = vscode.l10n.t('Preview: {0}', target.label);
    this.setState({ ...previous, busy: true });
    const request: PreviewRequest = {
      type: 'render',
      augmentation: requestRef(target, params?.base ?? baseOf(target.ref)),
      baseDir: target.baseDir,
      count: IMAGES_PER_ROW,
      seed: 0,
      ...(await this.dataRequest(target)),
    };
    const reply = await renderInChild(this.context.extensionPath, request);
    if (target !== this.target) return this.state;
    let state: PreviewState;
    if (reply.type === 'rendered') {
      const values = reply.params;
      // The panel's parameters are those that differ from the defaults, whatever the reference
      // set them with (`cutout-0.2` sets `area`).
      this.target = { ...target, params: changedParams(reply.specs, values) };
      state = {
        kind: 'image',
        id: reply.id,
        description: reply.description,
        imageUri: `data:image/png;base64,${reply.pngBase64}`,
        width: reply.width,
        height: reply.height,
        rows: reply.rows,
        renderedAt: new Date().toISOString(),
        source: reply.source,
        target: this.target,
        params: { base: reply.base, specs: reply.specs, values },
      };
    } else if (reply.invalidParams && params && previous.kind === 'image') {
      // Refused parameters: keep the last image and its values, and say why.
      this.target = { ...target, params: changedParams(params.specs, params.values) };
      state = { ...previous, busy: false, target: this.target, params: { ...params, error: reply.error } };
    } else {
      state = { kind: 'error', id: target.label, error: reply.error, target, ...(params ? { params } : {}) };
    }
    this.setState(state);
    return state;
  }

  private async dataRequest(target: PreviewTarget): Promise<Pick<PreviewRequest, 'data' | 'fallbackReason'>> {
    if (!target.configFile) return { fallbackReason: NO_CONFIG_REASON };
    const file = target.configFile;
    const text = await readFile(file, 'utf8').catch((error: unknown) => new Error(errorMessage(error)));
    const choice = dataFromConfig(file, label(file), text);
    return choice.kind === 'config' ? { data: choice.data } : { fallbackReason: choice.reason };
  }

  /**
   * One parameter from the panel's controls. A built-in's parameters are checked here by the
   * engine's own validation (no child needed to refuse them); a module checks its own in the child.
   */
  setParam(name: string, value: AugmentationParamValue): Promise<PreviewState> {
    const params = this.state.params;
    if (!params) return Promise.resolve(this.state);
    if (!Object.prototype.hasOwnProperty.call(params.specs, name)) {
      return Promise.resolve(this.refuse(params, vscode.l10n.t('{0} has no parameter "{1}"', params.base, name)));
    }
    const changed = withParam(params.specs, this.target.params, name, value);
    const values = { ...params.values, [name]: value };
    if (!isModulePath(this.target.ref)) {
      try {
        resolveAugmentation({ name: params.base, params: changed });
      } catch (error) {
        return Promise.resolve(this.refuse(params, errorMessage(error)));
      }
    }
    this.target = { ...this.target, params: changed };
    this.setState({ ...this.state, target: this.target, params: { ...params, values, error: undefined } });
    return this.render();
  }

  /** Every parameter back to its default (a built-in by its plain name: `cutout-0.2` → `cutout`). */
  resetParams(): Promise<PreviewState> {
    const base = this.state.params?.base ?? baseOf(this.target.ref);
    const ref = base !== undefined && !isModulePath(this.target.ref) ? base : refName(this.target.ref);
    this.target = { ...this.target, ref, label: isModulePath(this.target.ref) ? this.target.label : ref, params: {} };
    const params = this.state.params;
    this.setState({ ...this.state, target: this.target, ...(params ? { params: { ...params, error: undefined } } : {}) });
    return this.render();
  }

  override dispose(): void {
    slot.release(this);
    super.dispose();
  }

  protected onReady(): void {
    this.post({ type: 'preview', state: this.state });
  }

  protected onMessage(message: Exclude<PreviewWebviewToHost, { type: 'ready' }>): void {
    switch (message.type) {
      case 'refresh':
        void this.render();
        return;
      case 'setParam':
        void this.setParam(message.name, message.value);
        return;
      case 'resetParams':
        void this.resetParams();
        return;
      case 'copySnippet':
        void vscode.env.clipboard.writeText(message.text).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('SSAD: the augmentation entry was copied'), 3000));
        return;
    }
  }

  private refuse(params: PreviewParams, error: string): PreviewState {
    this.setState({ ...this.state, params: { ...params, error } });
    return this.state;
  }

  private setState(state: PreviewState): void {
    this.state = state;
    if (this.ready) this.post({ type: 'preview', state });
  }
}

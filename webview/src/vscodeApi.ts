import type { PanelState, WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one handle on the host; acquireVsCodeApi may be called only once. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();

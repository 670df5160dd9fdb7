import type { WebviewPersistedState, WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): WebviewPersistedState | undefined;
  setState(state: WebviewPersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one handle on the host; acquireVsCodeApi may be called only once. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();

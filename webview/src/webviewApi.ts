/** The handle VS Code gives a webview, typed by what it posts and what it keeps with setState. */
export interface WebviewApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): unknown;

/** acquireVsCodeApi may be called only once per webview: each bundle calls this once, at load. */
export function acquireWebviewApi<Out, State>(): WebviewApi<Out, State> {
  return acquireVsCodeApi() as WebviewApi<Out, State>;
}

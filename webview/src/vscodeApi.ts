import type { WebviewPersistedState, WebviewToHost } from '../../src/shared/protocol';
import { acquireWebviewApi } from './webviewApi';

/** The results panel's one handle on the host. */
export const vscodeApi = acquireWebviewApi<WebviewToHost, WebviewPersistedState>();

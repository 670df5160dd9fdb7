// The workbench URL: which folder to open and, through `payload`, which extension to develop and
// which suites to run. code-server only accepts these paths as vscode-remote://host:port URIs.
import { URLSearchParams } from 'node:url';

/** A path on the code-server machine as the workbench expects it. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath.split('\\').join('/')}`;
}

/**
 * @param {number} port
 * @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
  const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `http://127.0.0.1:${port}/?${query}`;
}

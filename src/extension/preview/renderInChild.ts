/**
 * Renders a preview in a child process (`dist/previewWorker.js`): the host's thread never loads
 * user code or does pixel work. One child per preview; it is killed if it takes too long.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { PreviewReply, PreviewRequest } from '../../shared/previewProtocol';

export function renderInChild(extensionPath: string, request: PreviewRequest, timeoutMs = 60_000): Promise<PreviewReply> {
  return new Promise((resolve) => {
    const child = fork(path.join(extensionPath, 'dist', 'previewWorker.js'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let settled = false;
    const settle = (reply: PreviewReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill();
      resolve(reply);
    };
    const timer = setTimeout(() => settle({ type: 'failed', error: `the preview took longer than ${timeoutMs / 1000} s and was stopped` }), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.once('message', (reply: PreviewReply) => settle(reply));
    child.once('error', (error) => settle({ type: 'failed', error: `the preview process failed: ${error.message}` }));
    child.once('exit', (code, signal) =>
      settle({ type: 'failed', error: `the preview process exited (${signal ?? `code ${code}`}) before replying${stderr ? `: ${stderr.trim()}` : ''}` }),
    );
    child.send(request);
  });
}

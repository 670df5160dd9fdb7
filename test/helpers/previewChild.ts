import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { PreviewReply, PreviewRequest } from '../../src/shared/previewProtocol';

const WORKER = resolve(__dirname, '../../src/engine/worker/previewWorker.ts');

/** One render by the real preview child (the TypeScript worker through tsx), as the extension asks it. */
export function renderInPreviewChild(request: Omit<PreviewRequest, 'type'>): Promise<PreviewReply> {
  return new Promise((done, fail) => {
    const child = fork(WORKER, [], { execArgv: ['--require', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message: PreviewReply) => done(message));
    child.once('error', fail);
    child.send({ type: 'render', ...request });
  });
}

import { randomBytes } from 'node:crypto';

/** A fresh, unguessable nonce for a webview's Content-Security-Policy. */
export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

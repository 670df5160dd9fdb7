/**
 * The augmentation preview: messages between the extension host and the preview child process
 * (which loads the augmentation — built-in or custom — and renders a PNG), and between the host
 * and the preview webview. Shared by all three; no runtime imports.
 */
import type { AugmentationRef } from './config';

export const PREVIEW_VIEW_TYPE = 'ssad.preview';

/** Host → preview child: render one augmentation on real samples. */
export interface PreviewRequest {
  type: 'render';
  augmentation: AugmentationRef;
  /** Folder that a custom module's relative path resolves against (the workspace folder). */
  baseDir: string;
  /** Images per row. */
  count: number;
  seed: number;
  /** Folder of the embedded MNIST files, when not found next to the bundle. */
  mnistDir?: string;
}

/** Preview child → host. */
export type PreviewReply =
  | { type: 'rendered'; id: string; name: string; description: string; rows: string[]; pngBase64: string; width: number; height: number }
  | { type: 'failed'; error: string };

/** What the preview webview shows: a snapshot, re-sent in full after each `ready`. */
export type PreviewState =
  | { kind: 'loading'; id: string }
  | { kind: 'image'; id: string; description: string; imageUri: string; width: number; height: number; rows: string[]; renderedAt: string }
  | { kind: 'error'; id: string; error: string };

export type PreviewHostToWebview = { type: 'preview'; state: PreviewState };

export type PreviewWebviewToHost = { type: 'ready' } | { type: 'refresh' };

export function isPreviewWebviewToHost(message: unknown): message is PreviewWebviewToHost {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'refresh';
}

/**
 * The typed host ↔ webview protocol of the results panel: one discriminated union each way,
 * imported by both sides. The host sends full snapshots (never deltas) because VS Code drops
 * messages sent to a hidden webview; a snapshot sent after the next `ready` catches it up.
 */

/** What the panel shows; serialisable, so it is also the webview's persisted state. */
export type PanelState =
  | { kind: 'empty'; canRun: boolean }
  | { kind: 'message'; title: string; detail: string };

export type HostToWebview = { type: 'state'; state: PanelState };

export type WebviewToHost =
  /** The webview script loaded and listens: the host answers with a `state` snapshot. */
  | { type: 'ready' }
  /** The user asked for a command that the host runs (buttons in the panel). */
  | { type: 'command'; command: PanelCommand };

export type PanelCommand = 'ssad.runQuickstart' | 'ssad.newExperimentConfig';

export const PANEL_VIEW_TYPE = 'ssad.results';

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const msg = value as { type?: unknown; command?: unknown };
  if (msg.type === 'ready') return true;
  return msg.type === 'command' && (msg.command === 'ssad.runQuickstart' || msg.command === 'ssad.newExperimentConfig');
}

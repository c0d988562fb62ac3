import { NpyHeader } from './npy/header';

/**
 * The messages between the extension host and its webviews. Both sides import these types;
 * the host checks every incoming message with `parseWebviewMessage` and trusts nothing else.
 */
export type HostMessage =
  /** An array to show: its checked header and its data bytes (exactly `header.dataBytes`). */
  | { type: 'showArray'; fileName: string; header: NpyHeader; data: ArrayBuffer }
  /** A file that cannot be shown, and why. */
  | { type: 'showError'; fileName: string; message: string };

export type WebviewMessage = { type: 'ready' };

/** The webview message in `value`, or undefined for anything the protocol does not allow. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  if (type === 'ready') return { type };
  return undefined;
}

/** Small stream helpers shared by the vault and the export spoolers. */
import type { Writable } from 'node:stream';

/**
 * Resolves once a file stream has closed. After a failed pipeline, a file stream whose open was
 * still in flight creates its file only then: removing the file (or its folder) before this
 * would leave it behind. Never rejects (the stream's errors belong to its own 'error' listener).
 */
export function untilClosed(stream: Writable | undefined): Promise<void> {
  if (!stream || stream.closed) return Promise.resolve();
  return new Promise<void>((resolve) => stream.once('close', () => resolve()));
}

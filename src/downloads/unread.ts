/** The download route's watch on a caller that stops reading. */
import type { ServerResponse } from 'node:http';

/**
 * Calls `onUnread` once data has waited unread by the caller for `ms` (the response buffer full,
 * no 'drain'); a caller that reads, however slowly, resets it. Returns the function that stops
 * watching. One unref'd interval per download, checked a few times per `ms`.
 */
export function whenUnread(res: ServerResponse, ms: number, onUnread: () => void): () => void {
  let since: number | undefined;
  const onDrain = () => {
    since = undefined;
  };
  const stop = () => {
    clearInterval(tick);
    res.off('drain', onDrain);
  };
  const tick = setInterval(
    () => {
      if (!res.writableNeedDrain) {
        since = undefined;
        return;
      }
      const now = Date.now();
      since ??= now;
      if (now - since >= ms) {
        stop();
        onUnread();
      }
    },
    Math.max(50, Math.min(1000, Math.floor(ms / 4))),
  );
  tick.unref();
  res.on('drain', onDrain);
  return stop;
}

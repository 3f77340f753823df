/**
 * The download route, `GET|HEAD /downloads/{kind}?…&exp&kid&sig`. It verifies the signature before
 * anything else (bad → 403, expired → 410, no vendor call for either), then streams the file from
 * its source with backpressure (`pipeline`): memory stays flat, a caller that goes away aborts the
 * vendor request, and a vendor failure mid-stream destroys the response instead of ending it, so
 * a truncated file is never delivered as a complete one.
 *
 * Every body a source hands over has exactly one owner from then on: this route's `pipeline` for
 * GET, `discard` (destroy under `finished`) for HEAD or a caller that left before the headers. HEAD
 * answers GET's headers; a source that knows them without opening the file (the vault) opens none.
 *
 * Bounds, so that downloads cannot starve anyone else:
 * - the vendor's headers must arrive within REQUEST_TIMEOUT_MS, as for a GraphQL request (504
 *   `UPSTREAM_TIMEOUT` then); a body that is flowing is never cut by it;
 * - a caller that reads nothing for DOWNLOAD_IDLE_TIMEOUT_MS (data waiting, unread) is cut: the
 *   connection is destroyed, which ends the vendor stream through the same `pipeline`;
 * - one signed link serves at most DOWNLOAD_MAX_PER_LINK GETs of a vendor stream at a time (429
 *   past it; the vault's local files are not counted);
 * - the vendor streams run on their own pool and limit (UPSTREAM_MAX_STREAMS, src/http/send.ts),
 *   so the sockets of the JSON calls are never theirs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isGatewayError } from '../foundations/errors.js';
import { type Authenticator, principalTag } from '../foundations/auth.js';
import { forwardedFrom, forwardingTag } from '../http/forwarding.js';
import type { Logger } from '../observability/logger.js';
import { contentDisposition } from './content-disposition.js';
import { SECURITY_HEADERS, sendError, sendGatewayError, timeoutError } from './route-errors.js';
import type { Signer } from './signer.js';
import { whenUnread } from './unread.js';

export interface DownloadFile {
  /**
   * The bytes exactly as the caller should save them (already decoded from any transfer gzip).
   * Absent only for a HEAD the source could answer without opening the file.
   */
  body: Readable | undefined;
  contentType: string;
  contentLength?: number | undefined;
  /** Untrusted (vendor-supplied) name; sanitized here. */
  fileName: string | undefined;
  /** Fallback name when the vendor's is empty after sanitizing. */
  defaultFileName: string;
}

export interface DownloadSource {
  /**
   * True when the file is served from the gateway's vault, which takes it from the vendor once
   * (`open` resolves when it is kept): the file is flowing in while the caller waits, so the
   * header deadline does not apply (the vault's vendor call has its own timeouts and goes on
   * without the caller), and callers read local bytes, so no per-link bound on vendor streams.
   */
  fromVault?: boolean;
  /**
   * Opens the file selected by the signed parameters. Throws GatewayErrors. For `HEAD` a source
   * may leave `body` out when it knows the headers without opening the file.
   */
  open(
    params: Record<string, string>,
    opts: { signal: AbortSignal; method: 'GET' | 'HEAD'; caller?: string },
  ): Promise<DownloadFile>;
}

export interface DownloadLimits {
  /** REQUEST_TIMEOUT_MS: time until the file's headers (not the body). */
  headersDeadlineMs: number;
  /** DOWNLOAD_IDLE_TIMEOUT_MS: how long data may wait unread by the caller. */
  idleTimeoutMs: number;
  /** DOWNLOAD_MAX_PER_LINK: downloads of one signed link at a time. */
  maxPerLink: number;
}

export function createDownloadRoute(
  signer: Signer,
  sources: Record<string, DownloadSource>,
  logger: Logger,
  authenticator: Authenticator,
  /** The headers that carry forwarded credentials, per vendor (Gateway.forwardingHeaders). */
  forwardingHeaders: Readonly<Record<string, string>>,
  limits: DownloadLimits,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  /** Downloads in progress per signed link (its kind and signature). */
  const perLink = new Map<string, number>();
  return async (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET or HEAD');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway.invalid');
    } catch {
      return sendError(res, 403, 'FORBIDDEN', 'Invalid download link');
    }
    const verdict = signer.verify(method, url.pathname, url.searchParams);
    if (!verdict.ok) {
      return verdict.status === 410
        ? sendError(res, 410, 'LINK_EXPIRED', 'This download link has expired: ask the API for a new one')
        : sendError(res, 403, 'FORBIDDEN', 'Invalid download link');
    }
    const source = sources[verdict.kind];
    if (!source) return sendError(res, 404, 'NOT_FOUND', 'No such download');
    const { caller, fwd, ...params } = verdict.params;
    if (fwd !== undefined && forwardingTag(forwardedFrom(req.headers, forwardingHeaders)) !== fwd) {
      return sendError(
        res,
        403,
        'FORBIDDEN',
        'This download link needs the vendor credentials it was made with',
      );
    }
    if (caller !== undefined) {
      // A link bound to its caller: the download must present the same identity.
      const headers = new Headers();
      for (const h of ['authorization', 'x-api-key']) {
        const v = req.headers[h];
        if (typeof v === 'string') headers.set(h, v);
      }
      const who = await authenticator.authenticate(headers).catch(() => undefined);
      if (!who || principalTag(who) !== caller) {
        return sendError(res, 403, 'FORBIDDEN', 'This download link belongs to another caller');
      }
    }

    // GETs of a vendor stream hold it for as long as the caller reads: at most DOWNLOAD_MAX_PER_LINK
    // of them per link. A HEAD ends its vendor request at the headers; the vault serves local bytes.
    const link =
      method === 'GET' && !source.fromVault
        ? `${verdict.kind}\n${url.searchParams.get('sig') ?? ''}`
        : undefined;
    const running = link === undefined ? 0 : (perLink.get(link) ?? 0);
    if (link !== undefined && running >= limits.maxPerLink) {
      res.setHeader('retry-after', '1');
      return sendError(
        res,
        429,
        'RATE_LIMITED',
        `This link is being downloaded ${running} times already (DOWNLOAD_MAX_PER_LINK): try again later`,
      );
    }
    if (link !== undefined) {
      perLink.set(link, running + 1);
      res.once('close', () => {
        const n = (perLink.get(link) ?? 1) - 1;
        if (n > 0) perLink.set(link, n);
        else perLink.delete(link);
      });
    }

    // The vendor request lives as long as the caller's connection, and must answer its headers
    // within the deadline.
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort(new Error('caller went away'));
    };
    res.on('close', onClose);
    let timedOut = false;
    const deadline = source.fromVault
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          abort.abort(
            new DOMException(
              `The download's deadline of ${limits.headersDeadlineMs} ms passed`,
              'TimeoutError',
            ),
          );
        }, limits.headersDeadlineMs);
    deadline?.unref();

    let file: DownloadFile;
    try {
      file = await source.open(params, { signal: abort.signal, method });
    } catch (err) {
      if (abort.signal.aborted && !timedOut) return; // the caller went away
      const e = timedOut
        ? timeoutError(err, limits.headersDeadlineMs)
        : isGatewayError(err)
          ? err
          : undefined;
      if (!e) logger.error('download failed to open', { kind: verdict.kind, error: String(err) });
      logger.info('download refused by vendor', { kind: verdict.kind, code: e?.code, vendor: e?.vendor });
      return sendGatewayError(res, e);
    } finally {
      clearTimeout(deadline);
    }
    if (timedOut) {
      // Opened as the deadline passed: the answer is the deadline's, the body nobody's.
      if (file.body) discard(file.body);
      res.off('close', onClose);
      return sendGatewayError(res, timeoutError(undefined, limits.headersDeadlineMs));
    }
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.fileName, file.defaultFileName),
    };
    if (file.contentLength !== undefined) headers['content-length'] = file.contentLength;
    const body = file.body;
    if (method === 'HEAD' || abort.signal.aborted || !body) {
      if (body) discard(body);
      res.off('close', onClose);
      if (!abort.signal.aborted) {
        res.writeHead(200, headers);
        res.end();
      }
      return;
    }
    res.writeHead(200, headers);
    // The server's, the access log's and this route's 'close' listeners plus the ones pipeline()
    // adds pass Node's leak-warning threshold (10) on one streamed response; each ends with it.
    res.setMaxListeners(20);
    // A caller that stops reading is cut: destroying the response fails the pipeline, which
    // destroys the body and so ends the vendor stream.
    const stopWatching = whenUnread(res, limits.idleTimeoutMs, () => {
      logger.info('download cut: the caller read nothing', {
        kind: verdict.kind,
        idleTimeoutMs: limits.idleTimeoutMs,
      });
      res.destroy();
    });
    try {
      await pipeline(body, res);
    } catch (err) {
      // Headers are out: the only honest signal left is to cut the connection, not to end cleanly.
      if (!abort.signal.aborted) {
        logger.warn('download failed mid-stream', { kind: verdict.kind, error: String(err) });
      }
      res.destroy();
    } finally {
      stopWatching();
      res.off('close', onClose);
    }
  };
}

/** Ends a body nobody will read: its errors (the vendor request being cut) are expected. */
function discard(body: Readable): void {
  finished(body, () => undefined);
  body.destroy();
}

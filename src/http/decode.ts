import { PassThrough, pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { VendorResponse } from './vendor-http.js';

/**
 * The response body as the file's own bytes: a `Content-Encoding` the vendor applied for transfer
 * (gzip, deflate, br) is decoded, so what the caller saves is the file itself. The length is known
 * only when nothing had to be decoded.
 *
 * The raw undici body never leaves this function: it is joined to the returned stream by one
 * `pipeline`, which owns the errors of both. A vendor reset or a corrupt gzip stream destroys the
 * returned stream with that error (its consumer's `pipeline`/`finished` sees it, even if it starts
 * later); a consumer that destroys the returned stream (HEAD, a caller that went away) ends the
 * vendor request. No 'error' event is ever left without a listener.
 *
 * Why not undici's `interceptors.decompress` (undici 7.30, checked against its source):
 * - it would not remove this function's job: the caller still gets a raw undici body to own,
 *   join to its consumer and destroy on HEAD/hang-up, which is all the code below does;
 * - it is per dispatcher: it would decode every answer of the vendor's Agent (JSON and error
 *   bodies too) under one `maxSize`, whereas the caps differ per call (`maxJsonBytes` for JSON,
 *   the archive and download limits of their consumers, which count the decoded bytes here);
 * - it is marked experimental and emits a process `ExperimentalWarning` on first use.
 * Its error path would keep one owner (decoder errors reach undici's body, which has its own
 * listener), so it stays an option once it is stable and the caps can be set per request.
 */
export function decodedBody(res: VendorResponse): { body: Readable; contentLength: number | undefined } {
  const encoding = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let decoder: Transform | undefined =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  let contentLength: number | undefined;
  if (!decoder) {
    const len = Number(res.headers['content-length']);
    contentLength = Number.isSafeInteger(len) && len >= 0 ? len : undefined;
    decoder = new PassThrough();
  }
  // The pipeline's callback is where an early end lands when nobody reads any more; the
  // consumer of `decoder` reports real failures itself.
  pipeline(res.body, decoder, () => undefined);
  return { body: decoder, contentLength };
}

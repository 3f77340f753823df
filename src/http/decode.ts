import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { VendorResponse } from './vendor-http.js';

/**
 * The response body as the file's own bytes: a `Content-Encoding` the vendor applied for transfer
 * (gzip, deflate, br) is decoded, so what the caller saves is the file itself. The length is known
 * only when nothing had to be decoded.
 */
export function decodedBody(res: VendorResponse): { body: Readable; contentLength: number | undefined } {
  const encoding = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) {
    const len = Number(res.headers['content-length']);
    return { body: res.body, contentLength: Number.isSafeInteger(len) && len >= 0 ? len : undefined };
  }
  // Errors on either side end both: a vendor reset or a corrupt gzip stream fails the download.
  res.body.on('error', (err) => decoder.destroy(err));
  decoder.on('close', () => {
    if (!res.body.destroyed) res.body.destroy();
  });
  return { body: res.body.pipe(decoder), contentLength: undefined };
}

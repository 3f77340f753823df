/** Reading a vendor's 2xx body: capped in bytes, and as JSON. */
import { UpstreamInvalidResponseError, type VendorName } from '../foundations/errors.js';
import type { JsonRead } from './cache-store.js';
import { scrubAnswer } from './scrub.js';
import type { VendorResponse } from './types.js';

/**
 * A 2xx body read as JSON: of a JSON content type (or none), parseable, with the credentials the
 * request carried scrubbed out; else UPSTREAM_INVALID_RESPONSE.
 */
export function parseJsonAnswer(
  res: VendorResponse,
  text: string,
  vendor: VendorName,
  label: string,
): JsonRead {
  const contentType = String(res.headers['content-type'] ?? '');
  if (contentType && !/json/i.test(contentType)) {
    throw new UpstreamInvalidResponseError(`${label} answered ${contentType}, not JSON`, {
      vendor,
      httpStatus: res.statusCode,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    throw new UpstreamInvalidResponseError(`${label} sent a malformed JSON body`, {
      vendor,
      httpStatus: res.statusCode,
    });
  }
  // A vendor may reflect the credentials it was sent in a 2xx too: scrubbed before the answer is
  // cached or passed on, as in errors.
  data = scrubAnswer(data, text, res.credentials?.() ?? []);
  return { data, headers: res.headers, bytes: text.length };
}

/**
 * Reads a body up to `cap` bytes; past it the connection is destroyed and the read fails with
 * `tooLarge()`; a body cut short or failing fails with `transport(err)`.
 * Plain 'data'/'end' listeners, not `for await`: the async iterator made about a dozen promises
 * per body (each one also runs Node 20's AsyncLocalStorage hooks). The 'error' listener stays
 * on after the read settles, so a body destroyed here (undici then emits RequestAbortedError)
 * or cut later never raises an unhandled 'error'.
 */
export function readCapped(
  res: VendorResponse,
  cap: number,
  tooLarge: () => Error,
  transport: (err: unknown) => Error,
): Promise<string> {
  const { body } = res;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = () => {
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) {
        chunks.push(chunk);
        return;
      }
      done();
      body.destroy();
      reject(tooLarge());
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const fail = (err: unknown) => {
      if (settled) return;
      done();
      reject(transport(err));
    };
    // Closed without 'end' or 'error' (or before this read began): the body was cut short.
    const onClose = () => fail(body.errored ?? new Error('the body closed before its end'));
    body.on('error', fail);
    if (body.destroyed) return onClose();
    body.once('close', onClose);
    body.on('data', onData);
    body.once('end', onEnd);
  });
}

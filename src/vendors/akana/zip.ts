/**
 * Reads an export zip without holding it in memory: the body is spooled to a private temporary
 * file (size-capped), then yauzl reads only the central directory and the one small entry we parse.
 * The table of contents kept is capped (`maxEntries`); the count of entries is always whole.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { untilClosed } from '../../shared/streams.js';

export interface ZipSummary {
  /** The first `maxEntries` files of the central directory, in its order. */
  entries: { path: string; size: number }[];
  /** How many files the zip holds (more than `entries` when the list was cut). */
  entryCount: number;
  /** The contents of the entries asked for by name (each capped at `maxEntryBytes`). */
  texts: Record<string, string>;
  size: number;
}

export class ZipTooLargeError extends Error {}
export class NotAZipError extends Error {}
/** The gateway's temporary storage failed (ENOSPC, EACCES…): not the vendor's doing. */
export class SpoolStorageError extends Error {
  readonly errno: string | undefined;
  constructor(cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`temporary storage failed${code ? ` (${code})` : ''}`, { cause });
    this.errno = code;
  }
}

export async function summarizeZip(
  body: Readable,
  opts: { maxBytes: number; read: string[]; maxEntryBytes?: number; maxEntries?: number },
): Promise<ZipSummary> {
  // The body is ours from the first line: a vendor reset while the temp dir is being made must
  // fail this call, not reach the process as an unhandled 'error' event.
  let early: unknown;
  const onEarlyError = (err: unknown) => {
    early ??= err;
  };
  body.on('error', onEarlyError);
  let dir: string;
  try {
    dir = await mkdtemp(join(tmpdir(), 'vendor-gateway-zip-'));
  } catch (err) {
    body.off('error', onEarlyError);
    body.destroy(); // nobody will read it: end the vendor request now
    throw new SpoolStorageError(err);
  }
  const file = join(dir, 'export.zip');
  let out: WriteStream | undefined;
  try {
    if (early !== undefined) throw early;
    let size = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > opts.maxBytes) cb(new ZipTooLargeError(`export is larger than ${opts.maxBytes} bytes`));
        else cb(null, chunk);
      },
    });
    // The pipeline hands a failing source's error on to the file: only the file's own are storage's.
    out = createWriteStream(file, { mode: 0o600 });
    let storageFailure: unknown;
    out.once('error', (err) => {
      if (err !== body.errored && err !== cap.errored) storageFailure ??= err;
    });
    try {
      await pipeline(body, cap, out);
    } catch (err) {
      throw storageFailure === undefined ? err : new SpoolStorageError(storageFailure);
    }
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(file, {
        autoClose: false,
        strictFileNames: false,
        validateEntrySizes: true,
      });
    } catch (err) {
      throw new NotAZipError(`not a zip archive: ${(err as Error).message}`);
    }
    try {
      const entries: ZipSummary['entries'] = [];
      const texts: Record<string, string> = {};
      const maxEntries = opts.maxEntries ?? Number.POSITIVE_INFINITY;
      let entryCount = 0;
      // yauzl reads the central directory one record at a time: past `maxEntries` only the count
      // grows, so a zip of 100,000 entries costs no more memory than one of `maxEntries`.
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        if (++entryCount <= maxEntries) entries.push({ path: entry.fileName, size: entry.uncompressedSize });
        if (opts.read.includes(entry.fileName)) {
          const max = opts.maxEntryBytes ?? 1024 * 1024;
          if (entry.uncompressedSize > max) continue;
          const stream = await zip.openReadStreamPromise(entry);
          const chunks: Buffer[] = [];
          for await (const c of stream) chunks.push(c as Buffer);
          texts[entry.fileName] = Buffer.concat(chunks).toString('utf8');
        }
      }
      return { entries, entryCount, texts, size };
    } catch (err) {
      if (err instanceof ZipTooLargeError) throw err;
      throw new NotAZipError(`corrupt zip archive: ${(err as Error).message}`);
    } finally {
      zip.close();
    }
  } finally {
    body.off('error', onEarlyError);
    // A source that fails at once can beat the file's own (asynchronous) open.
    await untilClosed(out);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Download callers that stop reading, and vendors that never answer a download: paused readers
 * of a large Akana export must not take the sockets of other callers' JSON lookups of the same
 * vendor (streams run on their own pool, UPSTREAM_MAX_STREAMS), are cut once they read nothing
 * for DOWNLOAD_IDLE_TIMEOUT_MS, and one signed link serves at most DOWNLOAD_MAX_PER_LINK at once.
 * A hanging vendor answers 504 within REQUEST_TIMEOUT_MS; a body that flows is not cut by it.
 */
import { get, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AKANA_APP_VERSIONS, LARGE_APP_VERSION } from '../../../src/vendors/akana/fixtures.js';
import type { AkanaSandbox } from '../../../src/vendors/akana/sandbox.js';
import type { GoogleSandbox } from '../../../src/vendors/google/sandbox.js';
import { googleFixtures } from '../../../src/vendors/google/fixtures.js';
import { codes, startGateway, type TestGateway } from '../../helpers.js';

const fixtures = googleFixtures();

interface Paused {
  res: IncomingMessage;
  /**
   * Reads what is left and resolves when the connection closes: true when the whole body arrived.
   * (A paused reader learns that the gateway cut it only once it reads the bytes still buffered.)
   */
  finish: () => Promise<boolean>;
}

/** Starts a download and reads nothing of its body. */
function pausedDownload(url: string): Promise<Paused> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false }, (res) => {
      res.pause();
      res.on('error', () => undefined);
      const closed = new Promise<boolean>((done) => res.once('close', () => done(res.complete)));
      resolve({
        res,
        finish: () => {
          res.resume();
          return closed;
        },
      });
    });
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with `value` when `p` settles, or 'timeout' after `ms`. */
const within = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);

async function downloadUrl(gw: TestGateway, name: string): Promise<string> {
  const res = await gw.query<{ integrationVersion: { download: { url: string } } }, { n: string }>(
    'query($n: String!) { integrationVersion(name: $n) { download { url } } }',
    { n: name },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.integrationVersion.download.url ?? '';
}

/** A signed link to the ~200 MB Akana export; `expiresIn` makes distinct links. */
async function akanaLink(gw: TestGateway, expiresIn: number): Promise<string> {
  const res = await gw.query<{ appVersionExport: { download: { url: string } } }, { id: string; e: number }>(
    'query($id: ID!, $e: Int) { appVersionExport(appVersionId: $id) { download(expiresIn: $e) { url } } }',
    { id: LARGE_APP_VERSION, e: expiresIn },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.appVersionExport.download.url ?? '';
}

describe('hostile: paused download readers', () => {
  let gw: TestGateway;
  let akana: AkanaSandbox;
  beforeAll(async () => {
    gw = await startGateway({
      UPSTREAM_RETRIES: '0',
      UPSTREAM_MAX_CONCURRENCY: '4',
      UPSTREAM_MAX_STREAMS: '2',
      DOWNLOAD_MAX_PER_LINK: '2',
      DOWNLOAD_IDLE_TIMEOUT_MS: '2000',
      // Downloads waiting for the stream lane wait for the paused ones to be cut: within this.
      REQUEST_TIMEOUT_MS: '15000',
    });
    akana = gw.sandboxes.akana?.server as AkanaSandbox;
    // The large export streamed as is (no gzip): far more than the socket buffers between us hold.
    akana.gzip = false;
  });
  afterAll(async () => {
    akana.gzip = true;
    await gw.close();
  });

  const lookups = () =>
    Promise.all(
      AKANA_APP_VERSIONS.slice(0, 4).map((a) =>
        gw.query<{ appVersionExport: { appVersionId: string } }, { id: string }>(
          'query($id: ID!) { appVersionExport(appVersionId: $id) { appVersionId } }',
          { id: a.id },
        ),
      ),
    );

  it('other callers’ JSON lookups of the same vendor succeed while readers are paused, and the paused ones are cut', async () => {
    const urls = [await akanaLink(gw, 100), await akanaLink(gw, 101)];
    // Four paused readers: as many as the vendor's whole JSON pool (UPSTREAM_MAX_CONCURRENCY).
    // The stream lane holds 2: the other two wait for it until the first are cut.
    const all = [...urls, ...urls].map((u) => pausedDownload(u));
    const first = await within(Promise.race(all), 10_000);
    if (first === 'timeout') throw new Error('no download started');
    await new Promise((r) => setTimeout(r, 500)); // the buffers between us fill up
    const started = Date.now();
    for (const l of await lookups()) expect(codes(l)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The lookups were served while the reader was still paused, not after it was cut.
    expect(first.res.complete).toBe(false);
    expect(first.res.destroyed).toBe(false);
    // Each paused reader is cut after DOWNLOAD_IDLE_TIMEOUT_MS of unread data: read afterwards,
    // its body ends incomplete. The waiting ones then start, and are cut in turn.
    const ends = await Promise.all(
      all.map(async (p) => {
        const opened = await within(p, 20_000);
        if (opened === 'timeout') return 'never started';
        await sleep(4_000);
        return within(opened.finish(), 30_000);
      }),
    );
    expect(ends).toEqual([false, false, false, false]);
  });

  it('cuts a reader that reads nothing, frees its vendor stream, and serves the next download', async () => {
    const url = await akanaLink(gw, 102);
    const before = akana.calls('exportPackage').length;
    const a = await pausedDownload(url);
    const b = await pausedDownload(url);
    // Cut while paused: the vendor requests are ended by the gateway, not by these callers.
    await expect
      .poll(
        () =>
          akana
            .calls('exportPackage')
            .slice(before)
            .filter((c) => c.aborted).length,
        {
          timeout: 10_000,
        },
      )
      .toBe(2);
    expect(await within(a.finish(), 30_000)).toBe(false);
    expect(await within(b.finish(), 30_000)).toBe(false);
    // Both stream sockets are free again: a reading caller gets the file flowing at once.
    const next = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    expect(next.status).toBe(200);
    const reader = next.body?.getReader();
    let got = 0;
    while (got < 32 * 1024 * 1024) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      got += chunk.value.length;
    }
    await reader?.cancel();
    expect(got).toBeGreaterThanOrEqual(32 * 1024 * 1024);
  });

  it('serves one signed link at most DOWNLOAD_MAX_PER_LINK times at once (429 RATE_LIMITED past it)', async () => {
    const url = await akanaLink(gw, 103);
    const a = await pausedDownload(url);
    const b = await pausedDownload(url);
    const third = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    a.res.destroy();
    b.res.destroy();
  });
});

describe('download deadline (REQUEST_TIMEOUT_MS for the headers)', () => {
  let gw: TestGateway;
  let google: GoogleSandbox;
  beforeAll(async () => {
    gw = await startGateway({
      REQUEST_TIMEOUT_MS: '1500',
      DOWNLOAD_IDLE_TIMEOUT_MS: '500',
      UPSTREAM_RETRIES: '2',
    });
    google = gw.sandboxes.google?.server as GoogleSandbox;
  });
  afterAll(() => gw.close());

  it('answers 504 UPSTREAM_TIMEOUT within the deadline when the vendor hangs', async () => {
    const url = await downloadUrl(gw, fixtures[0]?.name ?? '');
    google.setFault('downloadJsonPackage', { hang: true });
    try {
      const started = Date.now();
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      expect(res.status).toBe(504);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UPSTREAM_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(1500 + 1500);
    } finally {
      google.clearFaults();
    }
  });

  it('does not cut a body that flows past the deadline (nor a slow vendor as an idle reader)', async () => {
    const url = await downloadUrl(gw, fixtures[0]?.name ?? '');
    const size = (await (await fetch(url)).text()).length;
    // The package trickles out over ~3 s: twice the deadline, six idle timeouts.
    google.setFault('downloadJsonPackage', { dripBytesPer100ms: Math.ceil(size / 30) });
    try {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text.length).toBe(size);
    } finally {
      google.clearFaults();
    }
  });
});

/**
 * Limits an attacker leans on: `nodes(ids:)` amplification (a cap, and ids counted in the cost,
 * both before any vendor call), and slow-loris callers that stall mid-headers or mid-body over raw
 * sockets (closed after REQUEST_RECEIVE_TIMEOUT_MS), while a slow download (a response) is not cut.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../../src/schema/global-id.js';
import { googleFixtures } from '../../../src/vendors/google/fixtures.js';
import { codes, startGateway, type TestGateway } from '../../helpers.js';
import { resetVendorLogs, vendorCalls } from './doors-helpers.js';

const packageIds = (n: number) =>
  Array.from({ length: n }, (_, i) => encodeGlobalId('PackageVersion', `2133526/${3_000_000 + i}`));

describe('hostile: nodes(ids:) amplification', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ UPSTREAM_RETRIES: '0' });
  });
  afterAll(() => gw.close());

  it('refuses more than NODES_MAX_IDS (default 100) ids with QUERY_TOO_COMPLEX and no vendor call', async () => {
    for (const n of [101, 2000]) {
      resetVendorLogs(gw);
      const res = await gw.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: packageIds(n) });
      expect(codes(res), `${n} ids`).toEqual(['QUERY_TOO_COMPLEX']);
      expect(res.data ?? null).toBeNull();
      expect(vendorCalls(gw), `${n} ids`).toBe(0);
    }
    // Literal ids too (the 88 KB request of the report).
    resetVendorLogs(gw);
    const literal = await gw.query(`{ nodes(ids: ${JSON.stringify(packageIds(1500))}) { id } }`);
    expect(codes(literal)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(vendorCalls(gw)).toBe(0);
  });

  it('takes up to the cap', async () => {
    resetVendorLogs(gw);
    const res = await gw.query<{ nodes: unknown[] }, { ids: string[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: packageIds(100) },
    );
    expect(codes(res)).not.toContain('QUERY_TOO_COMPLEX');
    expect(res.data?.nodes).toHaveLength(100);
  });

  it('honours NODES_MAX_IDS', async () => {
    await using small = await startGateway({ NODES_MAX_IDS: '3' }, { sandboxes: gw.sandboxes });
    resetVendorLogs(small);
    const over = await small.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: packageIds(4) });
    expect(codes(over)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(vendorCalls(small)).toBe(0);
    const ok = await small.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: packageIds(3) });
    expect(codes(ok)).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('counts the ids in the complexity cost, so aliases cannot multiply the cap', async () => {
    await using cheap = await startGateway({ LIMIT_COST: '800' }, { sandboxes: gw.sandboxes });
    const sel = '{ id ... on PackageVersion { name version status } }';
    resetVendorLogs(cheap);
    const aliased = await cheap.query(
      `query($ids: [ID!]!) { a: nodes(ids: $ids) ${sel} b: nodes(ids: $ids) ${sel} c: nodes(ids: $ids) ${sel} }`,
      { ids: packageIds(60) },
    );
    expect(codes(aliased)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(vendorCalls(cheap)).toBe(0);
    const literal = await cheap.query(`{ nodes(ids: ${JSON.stringify(packageIds(100))}) ${sel} }`);
    expect(codes(literal)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(vendorCalls(cheap)).toBe(0);
    const one = await cheap.query(`{ nodes(ids: ${JSON.stringify(packageIds(5))}) ${sel} }`);
    expect(codes(one)).not.toContain('QUERY_TOO_COMPLEX');
  });
});

/** Resolves with what the server sent once it closes the connection, or 'open' after `guardMs`. */
function untilClosed(socket: Socket, guardMs: number): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const guard = setTimeout(() => resolve('open'), guardMs);
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      resolve(got || 'closed');
    });
  });
}

async function rawSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

describe('hostile: slow bodies and slow headers', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ REQUEST_RECEIVE_TIMEOUT_MS: '1000', UPSTREAM_RETRIES: '0' });
  });
  afterAll(() => gw.close());

  it('closes connections that stall mid-body with 408 (many at once)', async () => {
    const sockets = await Promise.all(Array.from({ length: 16 }, () => rawSocket(gw.url)));
    const closed = sockets.map((s) => untilClosed(s, 15_000));
    for (const s of sockets) {
      s.write(
        'POST /graphql HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":',
      );
    }
    const answers = await Promise.all(closed);
    for (const a of answers) {
      expect(a).not.toBe('open');
      expect(a).toMatch(/^HTTP\/1\.1 408/);
    }
  });

  it('closes connections that stall mid-headers', async () => {
    const s = await rawSocket(gw.url);
    const closed = untilClosed(s, 10_000);
    s.write('POST /graphql HTTP/1.1\r\nHost: gw\r\nX-Slow: ');
    expect(await closed).not.toBe('open');
  });

  it('still serves a request whose body arrives in time, and a download slower than the timeout', async () => {
    const ok = await gw.query('{ vendors { vendor } }');
    expect(ok.errors).toBeUndefined();
    const name = googleFixtures()[0]?.name ?? '';
    const res = await gw.query<{ integrationVersion: { download: { url: string } } }, never>(
      `{ integrationVersion(name: "${name}") { download { url } } }`,
    );
    const google = gw.sandboxes.google?.server;
    // The package trickles out over several receive timeouts: a response, not a request.
    google?.setFault('downloadJsonPackage', { dripBytesPer100ms: 32 });
    try {
      const file = await fetch(res.data?.integrationVersion.download.url ?? '');
      expect(file.status).toBe(200);
      const text = await file.text();
      expect(text.length).toBeGreaterThan(32 * 10 * 3); // over 3 s of drip: 3 receive timeouts
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    } finally {
      google?.clearFaults();
    }
  });
});

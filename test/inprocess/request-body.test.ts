/**
 * The JSON body of a small POST is read by the server before Yoga sees the request (server.ts,
 * `isSmallJsonPost`), so Yoga does not stream it through its byte-counting TransformStream. Every
 * edge of that path over a raw socket: a body in pieces, an empty or odd body, a caller who leaves
 * mid-body, and the request's context (its id, its access line) kept.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ REQUEST_RECEIVE_TIMEOUT_MS: '2000' });
});
afterAll(() => gw.close());

function open(): Promise<Socket> {
  const { hostname, port } = new URL(gw.url);
  const socket = connect(Number(port), hostname);
  socket.setNoDelay(true);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the gateway sends until it closes the connection (the request asks it to). */
function answer(socket: Socket): Promise<{ status: number; head: string; body: string }> {
  let got = '';
  socket.on('data', (d: Buffer) => (got += d.toString('utf8')));
  return new Promise((resolve) => {
    socket.on('close', () => {
      const [head = '', body = ''] = got.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    });
  });
}

function head(length: number, extra = ''): string {
  return `POST /graphql HTTP/1.1\r\nHost: gw\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;
}

describe('a small JSON POST read by the server', () => {
  it('answers a body that arrives in three pieces', async () => {
    const body = JSON.stringify({ query: '{ vendors { vendor } }' });
    const s = await open();
    const done = answer(s);
    s.write(head(Buffer.byteLength(body)));
    s.write(body.slice(0, 5));
    await new Promise((r) => setTimeout(r, 60));
    s.write(body.slice(5, 15));
    await new Promise((r) => setTimeout(r, 60));
    s.write(body.slice(15));
    const res = await done;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      data: { vendors: expect.arrayContaining([{ vendor: 'TORQ' }]) },
    });
  });

  it('answers every body exactly as Yoga does when it reads the body itself (chunked)', async () => {
    const bodies = [
      JSON.stringify({ query: '{ vendors { vendor } }' }),
      JSON.stringify({ query: 'query Q($v: String) { vendors { vendor } }', variables: { v: 'x' } }),
      '{}',
      '[]',
      'null',
      '"x"',
      '{"query":',
      '\ufeff{"query":"{ vendors { vendor } }"}',
    ];
    for (const body of bodies) {
      const read = await open();
      const byServer = answer(read);
      read.end(head(Buffer.byteLength(body)) + body);
      // No Content-Length: the server leaves the body to Yoga.
      const chunked = await open();
      const byYoga = answer(chunked);
      const size = Buffer.byteLength(body).toString(16);
      chunked.end(
        head(0).replace('Content-Length: 0\r\n', 'Transfer-Encoding: chunked\r\n') +
          `${size}\r\n${body}\r\n0\r\n\r\n`,
      );
      const [a, b] = await Promise.all([byServer, byYoga]);
      expect(a.status, JSON.stringify(body)).toBe(b.status);
      expect(a.body, JSON.stringify(body)).toBe(b.body);
    }
  });

  it('never hangs on an odd body: each gets a documented BAD_REQUEST', async () => {
    for (const body of ['{}', '[]', 'null', '"x"', '{"query":']) {
      const s = await open();
      const done = answer(s);
      s.end(head(Buffer.byteLength(body)) + body);
      const res = await done;
      const codes = (JSON.parse(res.body) as { errors: { extensions: { code: string } }[] }).errors.map(
        (e) => e.extensions.code,
      );
      expect(codes, JSON.stringify(body)).toEqual(['BAD_REQUEST']);
    }
  });

  it('keeps the request context: the caller’s request id is echoed and logged with the operation', async () => {
    const body = JSON.stringify({ query: 'query Ctx { vendors { vendor } }' });
    const s = await open();
    const done = answer(s);
    s.end(head(Buffer.byteLength(body), 'X-Request-Id: body-read-0001\r\n') + body);
    const res = await done;
    expect(res.status).toBe(200);
    expect(res.head).toMatch(/x-request-id: body-read-0001/i);
    await new Promise((r) => setTimeout(r, 50));
    const line = gw.logs.find((l) => l.includes('body-read-0001') && l.includes('"msg":"request"'));
    expect(line).toContain('"operation":"Ctx"');
  });

  it('survives callers that leave mid-body, and serves the next one', async () => {
    for (let i = 0; i < 8; i++) {
      const s = await open();
      s.write(head(500) + '{"query":"{ vend');
      await new Promise((r) => setTimeout(r, 10));
      s.destroy();
    }
    const ok = await gw.query('{ vendors { vendor } }');
    expect(ok.errors).toBeUndefined();
  });

  it('leaves an oversized Content-Length to Yoga’s limit (QUERY_TOO_COMPLEX), unread', async () => {
    const s = await open();
    const done = answer(s);
    s.end(head(200 * 1024) + '{"query":"{ vendors { vendor } }"}');
    const res = await done;
    expect(res.status).toBe(413);
    expect(res.body).toContain('QUERY_TOO_COMPLEX');
  });
});

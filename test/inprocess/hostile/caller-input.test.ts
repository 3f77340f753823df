/**
 * What a caller's own mistakes (or probes) get back in production: a stable caller code, no
 * internal detail, no gateway-fault log line. `@stream(initialCount:)` below 0 is BAD_USER_INPUT
 * (literal or variable); a malformed body is BAD_REQUEST without Yoga's `extensions.originalError`;
 * `__typename` aliases count against LIMIT_ALIASES like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startGateway, type TestGateway } from '../../helpers.js';

const faults = (gw: TestGateway) => gw.logs.filter((l) => l.includes('"level":"error"'));

describe('hostile: caller input in production', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ NODE_ENV: 'production', SANDBOX: 'on', LIMIT_ALIASES: '3' });
  });
  afterAll(() => gw.close());

  it('answers a negative @stream initialCount with BAD_USER_INPUT and logs no fault', async () => {
    const before = faults(gw).length;
    const literal = await gw.query(
      '{ integrations(first: 2) { edges @stream(initialCount: -1) { cursor } } }',
    );
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    expect(literal.errors?.[0]?.message).toMatch(/initialCount/);
    const variable = await gw.query(
      'query($n: Int!) { integrations(first: 2) { edges @stream(initialCount: $n) { cursor } } }',
      { n: -5 },
    );
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
    expect(faults(gw).slice(before)).toEqual([]);
    // No vendor was asked for a request refused as input.
    const torq = gw.sandboxes.torq?.server;
    expect(torq?.calls().length ?? 0).toBe(0);
    // 0 and more still stream.
    const zero = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({
        query: '{ integrations(first: 2) { edges @stream(initialCount: 0) { cursor } } }',
      }),
    });
    expect(zero.status).toBe(200);
    const parts = await zero.text();
    expect(parts).toContain('cursor');
    expect(parts).not.toContain('"errors"');
  });

  it('answers a malformed body BAD_REQUEST without extensions.originalError', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(res.status).toBe(400);
    expect(codes(body)).toEqual(['BAD_REQUEST']);
    expect(body.errors[0]?.extensions).not.toHaveProperty('originalError');
    expect(JSON.stringify(body)).not.toMatch(/SyntaxError|not valid JSON/);
  });

  it('counts __typename aliases against LIMIT_ALIASES', async () => {
    const four = '{ a: __typename b: __typename c: __typename d: __typename }';
    expect(codes(await gw.query(four))).toEqual(['QUERY_TOO_COMPLEX']);
    const three = await gw.query('{ a: __typename b: __typename c: __typename }');
    expect(three.errors).toBeUndefined();
    // Unaliased __typename is not an alias.
    expect((await gw.query('{ __typename vendors { __typename } }')).errors).toBeUndefined();
  });
});

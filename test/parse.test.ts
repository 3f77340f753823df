/**
 * Parse at the edge, once (issue 19): the shared parsing of vendor bodies. A body is parsed once
 * per body object (the vendor-response cache serves the same object on every hit), a misshapen
 * one names the field and never echoes the vendor's values.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  bodyParser,
  date,
  issuePath,
  list,
  nonEmpty,
  scalar,
  text,
  toDate,
  url,
} from '../src/vendors/parse.js';

const W = { vendor: 'TORQ', label: 'Torq', what: 'an integration list' } as const;

describe('bodyParser', () => {
  it('parses a fetched body once: a second read of the same answer costs no parse', () => {
    let builds = 0;
    const parse = bodyParser(z.object({ items: list(z.object({ id: z.string() })) }), W, (typed) => {
      builds++;
      return typed.items.map((i) => i.id);
    });
    const answer = { data: { items: [{ id: 'a' }, { id: 'b' }] } };
    const first = parse(answer);
    expect(parse(answer)).toBe(first); // the same parsed value, shared like the cached answer
    expect(builds).toBe(1);
    expect(parse({ data: { items: [{ id: 'a' }, { id: 'b' }] } })).toEqual(first); // a new fetch: parsed again
    expect(builds).toBe(2);
    expect(answer).toEqual({ data: { items: [{ id: 'a' }, { id: 'b' }] } }); // the body as sent is untouched
    expect(Object.keys(answer)).toEqual(['data']); // what is remembered is not an enumerable field
  });

  it('names the bad field and what was expected, never the value sent', () => {
    const parse = bodyParser(z.object({ integrations: list(z.object({ id: z.string() })) }), W);
    const bad = { integrations: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: { token: 'Bearer s3cr3t' } }] };
    let caught: unknown;
    try {
      parse({ data: bad });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({
      code: 'UPSTREAM_INVALID_RESPONSE',
      vendor: 'TORQ',
      details: { field: 'integrations[3].id', problem: 'expected string' },
    });
    expect((caught as Error).message).toBe(
      'Torq sent an integration list with integrations[3].id: expected string',
    );
    expect(JSON.stringify(caught)).not.toContain('s3cr3t');
    expect(() => parse({ data: bad })).toThrow(); // a failed parse is not remembered as a success
  });

  it('refuses a body that is not an object at all', () => {
    const parse = bodyParser(z.object({ integrations: list(z.unknown()) }), W);
    expect(() => parse({ data: ['x'] })).toThrow(/\(body\): expected object/);
    expect(() => parse({ data: { integrations: 'x' } })).toThrow(/integrations: expected array/);
  });
});

describe('the one set of coercion helpers', () => {
  it('reads optional fields as documented: absent and null are none', () => {
    const s = z.object({ a: text, b: nonEmpty, c: scalar, d: url, e: date, f: list(z.string()) });
    expect(s.parse({})).toEqual({ a: null, b: null, c: null, d: null, e: null, f: [] });
    expect(s.parse({ a: '', b: '', c: 3084832, d: 'not a url', e: 'not a date', f: null })).toEqual({
      a: '',
      b: null,
      c: '3084832',
      d: null,
      e: null,
      f: [],
    });
    expect(s.parse({ c: false, d: 'https://x.example/a b' }).d).toBe('https://x.example/a%20b');
  });

  it('reads every documented edition of a time: RFC 3339, epoch seconds and milliseconds', () => {
    expect(toDate('2019-12-06T06:49:04Z')?.toISOString()).toBe('2019-12-06T06:49:04.000Z');
    expect(toDate(1_575_614_944)?.toISOString()).toBe('2019-12-06T06:49:04.000Z');
    expect(toDate('1575615004000')?.toISOString()).toBe('2019-12-06T06:50:04.000Z');
    expect(toDate('')).toBeNull();
    expect(toDate(0)).toBeNull();
  });

  it('writes paths without the keys a vendor could choose', () => {
    expect(issuePath(['a', 0, 'b-c', 2])).toBe('a[0]["b-c"][2]');
    expect(issuePath([])).toBe('(body)');
  });
});

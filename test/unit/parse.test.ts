/**
 * Parse at the edge, once: the shared parsing of vendor bodies. A body is parsed once
 * per body object (the vendor-response cache serves the same object on every hit), a misshapen
 * one names the field and never echoes the vendor's values.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { SEED_PACKAGE_JSON } from '../../src/vendors/oracle/fixtures.js';
import { packageShape as oraclePackageShape } from '../../src/vendors/oracle/parse.js';
import { torqFixtures } from '../../src/vendors/torq/fixtures.js';
import { listShape as torqListShape } from '../../src/vendors/torq/parse.js';
import {
  bodyParser,
  compiledCheck,
  date,
  issuePath,
  list,
  nonEmpty,
  scalar,
  text,
  toDate,
  url,
} from '../../src/vendors/parse.js';
import { TORQ } from '../../src/vendors/torq/ref.js';

const W = { vendor: TORQ.vendor, label: TORQ.name, what: 'an integration list' };

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

describe('compiledCheck: the fast accept of a check-only schema', () => {
  /** Every value a JSON body can hold in a field, and some it cannot hold in this one. */
  const VALUES: unknown[] = [
    undefined, // the key left out
    null,
    '',
    'x',
    '2024-01-02T03:04:05Z',
    0,
    -1,
    1.5,
    JSON.parse('1e400'), // JSON.parse reads an overflowing number as Infinity
    true,
    false,
    [],
    ['x'],
    [1],
    [null],
    {},
    { trigger: null },
    { trigger: { webhook_url: 1 } },
    { trigger: { webhook_url: 'https://x.example' } },
    { direction: 'incoming', workspace_ids: ['a'] },
    { direction: 1 },
    { workspace_ids: [2] },
  ];

  /** `item` with the value at `path` replaced by `v` (undefined: removed). */
  function withValue(item: Record<string, unknown>, path: string[], v: unknown): Record<string, unknown> {
    const copy = structuredClone(item);
    let at: Record<string, unknown> = copy;
    for (const p of path.slice(0, -1)) {
      if (typeof at[p] !== 'object' || at[p] === null) at[p] = {};
      at = at[p] as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    if (v === undefined) delete at[last];
    else at[last] = v;
    return copy;
  }

  it('accepts exactly what zod accepts, for Torq’s list and every misshapen field of an item', () => {
    const accepts = compiledCheck(torqListShape);
    const items = torqFixtures(12) as unknown as Record<string, unknown>[];
    const paths = [
      ['id'],
      ['name'],
      ['display_name'],
      ['type_id'],
      ['created_at'],
      ['created_by'],
      ['last_used_at'],
      ['details'],
      ['details', 'trigger'],
      ['details', 'trigger', 'webhook_url'],
      ['sharing_data'],
      ['sharing_data', 'direction'],
      ['sharing_data', 'workspace_ids'],
      ['unknown_field'],
    ];
    let accepted = 0;
    let refused = 0;
    const bodies: unknown[] = [
      null,
      [],
      'x',
      {},
      { integrations: null },
      { integrations: {} },
      { integrations: 'x' },
      { integrations: [null] },
      { integrations: [[]] },
      { integrations: items },
    ];
    for (const path of paths) {
      for (const v of VALUES) {
        bodies.push({
          integrations: [...items.slice(0, 5), withValue(items[5] as Record<string, unknown>, path, v)],
        });
      }
    }
    for (const body of bodies) {
      const zod = torqListShape.safeParse(body).success;
      expect({ body, fast: accepts(body) }).toEqual({ body, fast: zod });
      if (zod) accepted++;
      else refused++;
    }
    // Both answers occur often: the comparison is not one-sided.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(100);
  });

  it('accepts exactly what zod accepts, for Oracle’s package version and every misshapen value in it', () => {
    const accepts = compiledCheck(oraclePackageShape);
    const seed = SEED_PACKAGE_JSON;
    /** Every path of the seed package (its nested lists' items included), and a key it lacks in each object. */
    const paths: string[][] = [];
    const walk = (v: unknown, at: string[]) => {
      if (at.length > 0) paths.push(at);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, String(i)]));
      else if (typeof v === 'object' && v !== null) {
        for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
        paths.push([...at, 'unknown_field']);
      }
    };
    walk(seed, []);
    paths.push(['downloadablePackageResource'], ['dependentServices', '0', 'standardProperties']);
    const oracleValues = [...VALUES, { code: 'X', displayName: 1 }, { code: [] }, [{ sequenceNumber: '1' }]];
    let accepted = 0;
    let refused = 0;
    const bodies: unknown[] = [null, [], 'x', {}, seed];
    for (const path of paths) {
      for (const v of oracleValues) bodies.push(withValue(seed, path, v));
    }
    for (const body of bodies) {
      const zod = oraclePackageShape.safeParse(body).success;
      expect({ body, fast: accepts(body) }).toEqual({ body, fast: zod });
      if (zod) accepted++;
      else refused++;
    }
    expect(paths.length).toBeGreaterThan(80);
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });

  it('refuses a schema that converts: a fast accept must not skip a transform or a default', () => {
    expect(() => compiledCheck(z.object({ a: text }))).toThrow(/Transforms cannot be represented/);
    expect(() => compiledCheck(z.object({ a: date }))).toThrow();
    expect(() => compiledCheck(z.object({ a: z.string().default('x') }))).toThrow(/converts/);
    expect(() => compiledCheck(torqListShape)).not.toThrow();
    expect(() => compiledCheck(oraclePackageShape)).not.toThrow();
  });

  it('a check-only bodyParser gives the same answers and errors as zod alone', () => {
    const schema = z.object({ integrations: z.array(z.object({ id: z.string() })).nullish() });
    const fast = bodyParser(schema, W, (t) => t.integrations?.map((i) => i.id), { checkOnly: true });
    const slow = bodyParser(schema, W, (t) => t.integrations?.map((i) => i.id));
    const good = { integrations: [{ id: 'a', extra: 1 }, { id: 'b' }] };
    expect(fast({ data: good })).toEqual(slow({ data: good }));
    const bad = { integrations: [{ id: 'a' }, { id: 2 }] };
    expect(() => fast({ data: bad })).toThrow(
      'Torq sent an integration list with integrations[1].id: expected string',
    );
    expect(() => slow({ data: bad })).toThrow(
      'Torq sent an integration list with integrations[1].id: expected string',
    );
  });
});

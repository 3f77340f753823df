/**
 * The mechanical parts of docs/naming.md, enforced on the introspected schema (what a client sees):
 * ids, times, statuses, and connections that offer only the arguments their resolvers serve.
 */
import { createHash } from 'node:crypto';
import {
  buildClientSchema,
  getNamedType,
  type GraphQLField,
  type GraphQLObjectType,
  introspectionFromSchema,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { startGateway, type TestGateway } from '../helpers.js';

const introspected = buildClientSchema(introspectionFromSchema(schema));

/**
 * Fields kept for older clients, each `@deprecated(reason: "use …")` (the test checks that) and
 * allowed to break the rules below for one release.
 */
const LEGACY = new Set([
  'AkanaApp.pubDate',
  'AssetJob.beginTime',
  'AssetJob.endTime',
  'GoogleIntegration.createTime',
  'GoogleIntegration.updateTime',
  'IntegrationVersion.createTime',
  'IntegrationVersion.updateTime',
  'IntegrationVersion.status',
  'OracleApplication.lastUpdateDate',
  'RomaApp.createTime',
  'RomaApp.updateTime',
  'RomaTask.createdDate',
  'RomaTask.lastModifiedTime',
  'RomaTask.status',
]);

type Field = GraphQLField<unknown, unknown>;

function fields(): { type: GraphQLObjectType; field: Field; name: string }[] {
  const out: { type: GraphQLObjectType; field: Field; name: string }[] = [];
  for (const type of Object.values(introspected.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields()))
      out.push({ type, field, name: `${type.name}.${field.name}` });
  }
  return out;
}

const live = () => fields().filter((f) => !LEGACY.has(f.name));

describe('naming conventions (docs/naming.md)', () => {
  it('lists only deprecated fields as legacy, each saying what to use', () => {
    const byName = new Map(fields().map((f) => [f.name, f.field]));
    for (const name of LEGACY) {
      const field = byName.get(name);
      expect(field, `${name} is gone: drop it from LEGACY`).toBeDefined();
      expect(field?.deprecationReason, name).toMatch(/\buse [A-Za-z`]/);
    }
  });

  it('every object type with `id: ID!` implements Node', () => {
    const offenders = live()
      .filter(({ field }) => field.name === 'id' && String(field.type) === 'ID!')
      .filter(({ type }) => !type.getInterfaces().some((i) => i.name === 'Node'))
      .map((f) => f.type.name);
    expect(offenders).toEqual([]);
  });

  it('times are DateTime fields named …At', () => {
    const offenders = live()
      .filter(({ field }) => {
        const isTime = getNamedType(field.type).name === 'DateTime';
        return isTime !== /At$/.test(field.name);
      })
      .map((f) => `${f.name}: ${String(f.field.type)}`);
    expect(offenders).toEqual([]);
  });

  it('statuses are enums, with the vendor’s text as a vendor…Status String beside them', () => {
    const offenders = live()
      .filter(({ field }) => /(^s|S)tatus$|(^s|S)tate$/.test(field.name))
      .filter(({ field }) => {
        const named = getNamedType(field.type);
        return field.name.startsWith('vendor')
          ? !(isScalarType(named) && named.name === 'String')
          : !isEnumType(named);
      })
      .map((f) => `${f.name}: ${String(f.field.type)}`);
    expect(offenders).toEqual([]);
  });

  it('enums of vendor statuses have a member for values the gateway does not know', () => {
    const offenders = live()
      .filter(({ field }) => /(^s|S)tatus$|(^s|S)tate$/.test(field.name) && !field.name.startsWith('vendor'))
      .filter(({ type }) => Object.keys(type.getFields()).some((n) => n.startsWith('vendor')))
      .map(({ field, name }) => ({ name, e: getNamedType(field.type) }))
      .filter(
        ({ e }) => isEnumType(e) && !e.getValues().some((v) => v.name === 'OTHER' || v.name === 'UNKNOWN'),
      )
      .map((f) => f.name);
    expect(offenders).toEqual([]);
  });

  it('FORBIDDEN names the scope the caller lacks, once per request and field', async () => {
    const key = 'vg_naming_5b8f0c2e9d4a41b7a6c3e1f0d2b9a877';
    await using gw = await startGateway({
      AUTH_MODE: 'api-key',
      API_KEYS: `reader:${createHash('sha256').update(key).digest('hex')}:torq:read`,
    });
    const res = await gw.query(
      '{ vendors { vendor baseUrl } oracleApplications(first: 1) { edges { cursor } } }',
      undefined,
      { authorization: `Bearer ${key}` },
    );
    const forbidden = (res.errors ?? []).filter((e) => e.extensions?.['code'] === 'FORBIDDEN');
    expect(forbidden.map((e) => e.message).sort()).toEqual([
      'Not allowed to read Query.oracleApplications: needs the oracle:read scope',
      'Not allowed to read VendorStatus.baseUrl: needs the admin scope',
    ]);
  });

  describe('connections offer last/before only where the resolver serves them', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startGateway();
    });
    afterAll(() => gw?.close());

    const isConnection = (f: Field) => /Connection$/.test(getNamedType(f.type).name);
    const nodeTypeOf = (f: Field) => {
      const conn = getNamedType(f.type) as GraphQLObjectType;
      const edge = getNamedType(conn.getFields()['edges']!.type) as GraphQLObjectType;
      return getNamedType(edge.getFields()['node']!.type).name;
    };
    const required = (f: Field) => f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

    /** A query that reaches `field` of `type` through a root connection listing `type`. */
    function queryFor(type: GraphQLObjectType, field: Field): string | null {
      const inner = `${field.name}(last: 1) { edges { cursor } }`;
      if (type.name === 'Query') return `{ ${inner} }`;
      const root = Object.values(introspected.getQueryType()!.getFields()).find(
        (r) => isConnection(r) && !required(r) && nodeTypeOf(r) === type.name,
      );
      return root ? `{ ${root.name}(first: 1) { edges { node { ${inner} } } } }` : null;
    }

    it('answers `last: 1` without BAD_USER_INPUT on every connection that offers it', async () => {
      const offering = fields().filter(
        ({ type, field }) =>
          (isObjectType(type) || isInterfaceType(type)) &&
          isConnection(field) &&
          field.args.some((a) => a.name === 'last'),
      );
      expect(offering.length).toBeGreaterThan(0);
      const refused: string[] = [];
      for (const { type, field, name } of offering) {
        const query = queryFor(type, field);
        expect(query, `${name}: no root connection reaches it; extend the test`).not.toBeNull();
        const res = await gw.query(query!);
        const bad = (res.errors ?? []).filter((e) => e.extensions?.['code'] === 'BAD_USER_INPUT');
        if (bad.length) refused.push(`${name}: ${bad[0]!.message}`);
      }
      expect(refused).toEqual([]);
    });
  });
});

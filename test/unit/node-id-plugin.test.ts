import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import { execute, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { syncNodeIdsPlugin } from '../../src/schema/node-id-plugin.js';

interface Item {
  key: string;
}

/** A schema of its own: Relay with and without the plugin, one sync and one async node id. */
function build(withPlugin: boolean) {
  const options = {
    plugins: withPlugin ? [RelayPlugin, syncNodeIdsPlugin] : [RelayPlugin],
    relay: { encodeGlobalID: (type: string, id: string | number | bigint) => encodeGlobalId(type, id) },
  };
  // The gateway's plugins declare their options globally (scopeAuth, complexity…): this builder
  // has only Relay and the plugin under test, so its options are not checked against all of them.
  const builder = new SchemaBuilder<{ Context: object }>(options as never);
  const Plain = builder.node(builder.objectRef<Item>('Plain'), {
    id: { resolve: (i) => i.key.toUpperCase() },
    fields: (t) => ({ key: t.exposeString('key') }),
  });
  const Awaited = builder.node(builder.objectRef<Item>('Awaited'), {
    id: { resolve: async (i) => Promise.resolve(i.key) },
    fields: (t) => ({ key: t.exposeString('key') }),
  });
  builder.queryType({
    fields: (t) => ({
      plain: t.field({ type: [Plain], resolve: () => [{ key: 'a' }, { key: 'b' }] }),
      awaited: t.field({ type: Awaited, resolve: () => ({ key: 'c' }) }),
    }),
  });
  return builder.toSchema();
}

describe('node ids without promises (schema/node-id-plugin.ts)', () => {
  const query = parse('{ plain { id key } awaited { id } }');

  it('answers the same global ids as plugin-relay, synchronously when id.resolve is synchronous', async () => {
    const relay = await execute({ schema: build(false), document: query });
    const synced = build(true);
    const answer = await execute({ schema: synced, document: query });
    expect(answer).toEqual(relay);
    expect(answer.data).toEqual({
      plain: [
        { id: encodeGlobalId('Plain', 'A'), key: 'a' },
        { id: encodeGlobalId('Plain', 'B'), key: 'b' },
      ],
      awaited: { id: encodeGlobalId('Awaited', 'c') },
    });
    const plainId = synced.getType('Plain');
    const awaitedId = synced.getType('Awaited');
    if (!isObjectType(plainId) || !isObjectType(awaitedId)) throw new Error('types missing');
    const info = {} as never;
    expect(plainId.getFields().id!.resolve!({ key: 'x' }, {}, {}, info)).toBe(encodeGlobalId('Plain', 'X'));
    await expect(awaitedId.getFields().id!.resolve!({ key: 'y' }, {}, {}, info)).resolves.toBe(
      encodeGlobalId('Awaited', 'y'),
    );
  });

  it("is in the gateway's builder: Integration.id answers a string, not a promise", () => {
    const type = schema.getType('Integration');
    if (!isObjectType(type)) throw new Error('Integration missing');
    const id = type.getFields().id!.resolve!({ id: 'ABC-1' }, {}, {}, {} as never);
    expect(id).toBe(encodeGlobalId('Integration', 'abc-1'));
  });
});

/**
 * Forward-only connections: a connection field whose vendor pages forward only (an offset or a page
 * token) is declared with `extensions: { forwardOnly: true }`, and this plugin removes the `last`
 * and `before` arguments Relay's `t.connection` adds, so the schema never offers an argument its
 * resolver refuses (docs/naming.md, "Connections").
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

export const FORWARD_ONLY = { forwardOnly: true } as const;

export class ForwardOnlyPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(field: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (field.extensions?.['forwardOnly'] !== true) return field;
    const { last: _last, before: _before, ...args } = field.args;
    return { ...field, args };
  }
}

declare global {
  // Pothos' documented way to name a plugin in the builder's `plugins` list (a global namespace).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      forwardOnly: ForwardOnlyPlugin<Types>;
    }
  }
}

export const forwardOnlyPlugin = 'forwardOnly' as const;
SchemaBuilder.registerPlugin(forwardOnlyPlugin, ForwardOnlyPlugin);

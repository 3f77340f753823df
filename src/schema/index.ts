/** Imports every type (cross-vendor and per vendor) and builds the schema. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from '../graphql/builder.js';
import { vendorModules } from '../vendors/index.js';
import './downloads.js';
import './nodes.js';
import './vendors.js';
import { buildSubgraphSchema } from './federation.js';

// Every registered vendor module adds its types and root fields, one after the other (the order
// is the modules' order: stable, so the schema is the same on every start).
for (const m of vendorModules()) await m.schema();
// The catalog over every vendor's registered lists.
await import('./catalog.js');

builder.queryType({ description: 'Read the five vendors through one API.' });

/** The stand-alone schema (schema/schema.graphql). */
export const schema = lexicographicSortSchema(builder.toSchema());
/** The same + Federation v2 (`_service`, `_entities`, `@key`): /graphql serves it with FEDERATION=on. */
export const subgraphSchema = buildSubgraphSchema();

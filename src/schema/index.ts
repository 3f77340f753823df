/** Imports every type (cross-vendor and per vendor) and builds the schema. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './downloads.js';
import './nodes.js';
import './vendors.js';
import '../vendors/schema.js';
import './vault.js';
import { buildSubgraphSchema } from './federation.js';

builder.queryType({ description: 'Read the five vendors through one API.' });

/** The stand-alone schema (schema/schema.graphql). */
export const schema = lexicographicSortSchema(builder.toSchema());
/** The same + Federation v2 (`_service`, `_entities`, `@key`): /graphql serves it with FEDERATION=on. */
export const subgraphSchema = buildSubgraphSchema();

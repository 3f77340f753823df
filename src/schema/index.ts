/** Imports every type (cross-vendor and per vendor) and builds the schema. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './downloads.js';
import './nodes.js';
import './vendors.js';
import '../vendors/schema.js';

builder.queryType({ description: 'Read the five vendors through one API.' });

export const schema = lexicographicSortSchema(builder.toSchema());

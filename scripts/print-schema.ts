/**
 * Prints the sorted SDL to schema/schema.graphql and the Federation subgraph SDL (what `_service
 * { sdl }` answers, with @link/@key/@shareable) to schema/subgraph.graphql; with --check, fails
 * when a checked-in copy is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { schema, subgraphSchema } from '../src/schema/index.js';

const outputs = [
  { file: 'schema/schema.graphql', printed: `${printSchema(schema)}\n` },
  { file: 'schema/subgraph.graphql', printed: `${printSubgraphSchema(subgraphSchema)}\n` },
];

let stale = false;
for (const { file, printed } of outputs) {
  const target = fileURLToPath(new URL(`../${file}`, import.meta.url));
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== printed) {
      process.stderr.write(`${file} is stale: run \`npm run schema\` and commit the result.\n`);
      stale = true;
    } else {
      process.stdout.write(`${file} is up to date\n`);
    }
  } else {
    writeFileSync(target, printed);
    process.stdout.write(`wrote ${target}\n`);
  }
}
if (stale) process.exit(1);

/**
 * Composes a Federation v2 supergraph (for Hive Gateway, Apollo Router, Cosmo) from subgraphs, with
 * The Guild's composition library. Each argument is `name=URL` (the SDL is read from the running
 * subgraph's `_service { sdl }`) or `name=FILE@URL` (the SDL from a file, e.g. schema/subgraph.graphql;
 * URL is where the router sends that subgraph's requests). Prints the supergraph SDL on stdout.
 *
 *   npm run -s supergraph -- vendors=schema/subgraph.graphql@http://vendor-gateway:4000/graphql \
 *     teams=http://teams:4001/graphql > supergraph.graphql
 */
import { readFileSync } from 'node:fs';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** The supergraph SDL, or an Error listing every composition problem. */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (!result.supergraphSdl) {
    throw new Error(`composition failed:\n${(result.errors ?? []).map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

async function source(arg: string): Promise<SubgraphSource> {
  const m = /^([A-Za-z][\w-]*)=(?:(.+)@)?(https?:\/\/.+)$/.exec(arg);
  if (!m) throw new Error(`"${arg}" is not name=URL or name=FILE@URL`);
  const [, name = '', file, url = ''] = m;
  if (file) return { name, url, sdl: readFileSync(file, 'utf8') };
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeader() },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = body.data?._service?.sdl;
  if (!sdl)
    throw new Error(`${name}: no _service.sdl from ${url}: ${JSON.stringify(body.errors ?? res.status)}`);
  return { name, url, sdl };
}

/** SUBGRAPH_AUTHORIZATION: sent as Authorization when reading `_service` from a subgraph that needs it. */
function authHeader(): Record<string, string> {
  const v = process.env.SUBGRAPH_AUTHORIZATION;
  return v ? { authorization: v } : {};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const args = process.argv.slice(2);
    if (args.length === 0) throw new Error('usage: compose-supergraph name=URL | name=FILE@URL …');
    process.stdout.write(`${composeSupergraph(await Promise.all(args.map(source)))}\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}

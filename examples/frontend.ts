// A typed frontend call, no framework: `npm run codegen` keeps client/gql in step with the schema.
import { print } from 'graphql';
import { TorqIntegrationsPageDocument, type TorqIntegrationsPageQuery } from '../client/gql/graphql.js';

export async function loadIntegrations(gateway: string, typeId?: string): Promise<TorqIntegrationsPageQuery> {
  const res = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(TorqIntegrationsPageDocument), variables: { typeId, first: 20 } }),
  });
  const { data, errors } = (await res.json()) as { data: TorqIntegrationsPageQuery; errors?: unknown[] };
  if (errors) throw new Error(JSON.stringify(errors));
  return data; // data.integrations?.edges[0]?.node.name is typed
}

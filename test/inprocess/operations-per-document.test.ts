/**
 * A document with several operations (what GraphiQL sends with a tab's operationName) runs the
 * operation its `operationName` names, every time and whichever ran first: graphql-jit keeps one
 * compiled operation per document, so such documents must not reach it.
 */
import { expect, it } from 'vitest';
import { startGateway } from '../helpers.js';

const DOCUMENT = `
  query Vendors { vendors { vendor } }
  query Typename { __typename }
`;

it('runs the operation operationName names, in any order, over POST and GET', async () => {
  await using gw = await startGateway({});
  const post = async (operationName: string) => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DOCUMENT, operationName }),
    });
    return (await res.json()) as { data?: Record<string, unknown> };
  };
  const get = async (operationName: string) => {
    const url = new URL(`${gw.url}/graphql`);
    url.searchParams.set('query', DOCUMENT);
    url.searchParams.set('operationName', operationName);
    const res = await fetch(url, { headers: { 'x-graphql-yoga-csrf': '1' } });
    return (await res.json()) as { data?: Record<string, unknown> };
  };
  for (const ask of [post, get]) {
    for (const name of ['Vendors', 'Typename', 'Vendors', 'Typename']) {
      const { data } = await ask(name);
      expect(Object.keys(data ?? {}), `${ask.name} ${name}`).toEqual(
        name === 'Vendors' ? ['vendors'] : ['__typename'],
      );
    }
  }
});

/**
 * GraphiQL opens with the catalog example, then the live subscription example: both run as they
 * are against the sandbox (the subscription over real HTTP/SSE).
 */
import { describe, expect, it } from 'vitest';
import { exampleQueries } from '../../src/graphql/example.js';
import { vendorModules } from '../../src/vendors/index.js';
import { readSse } from '../fixtures/sse.js';
import { startGateway } from '../helpers.js';

const examples = await exampleQueries(vendorModules());

describe('GraphiQL examples', () => {
  it('opens on the catalog example, with the subscription example in the next tab', async () => {
    await using gw = await startGateway({ GRAPHIQL: 'true' });
    const page = await (await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const catalogAt = page.indexOf('query Catalog');
    expect(catalogAt).toBeGreaterThan(0);
    expect(page.indexOf('subscription FollowExport')).toBeGreaterThan(catalogAt);
  });

  it('the catalog example runs as it is: items of every vendor, no errors', async () => {
    await using gw = await startGateway();
    const res = await gw.query<
      { catalog: { errors: unknown[]; edges: { node: { vendor: string } }[] } },
      never
    >(examples.catalog);
    expect(res.errors).toBeUndefined();
    expect(res.data?.catalog.errors).toEqual([]);
    expect(res.data?.catalog.edges).toHaveLength(20);
  });

  it('the subscription example runs as it is: progress, then the archive', async () => {
    await using gw = await startGateway({ ROMA_JOB_POLL_MS: '300' });
    type Job = { assetJobProgress: { status: string; archive: { download: { url: string } } | null } };
    const { events, completed } = await readSse<Job>(gw.url, examples.subscription!, {});
    expect(completed).toBe(true);
    expect(events.flatMap((e) => e.errors ?? [])).toEqual([]);
    expect(events.at(-1)?.data?.assetJobProgress.status).toBe('SUCCEEDED');
    expect(events.at(-1)?.data?.assetJobProgress.archive?.download.url).toMatch(/\/downloads\//);
  });
});

/**
 * The 4th contender of `npm run bench` (gateway case): Hive Gateway serving GraphQL Mesh's
 * composition of two small OpenAPI specs — Torq's `GET /v1alpha/integrations` and Oracle's
 * package-version `GET` — written from the vendors' documentation (/work/shared/seeds), pointed at
 * the same emulators with the same credentials. Composed at start-up (@omnigraph/openapi +
 * fusion composition), served by @graphql-hive/gateway-runtime on node:http with
 * @graphql-mesh/transport-rest. Run as a child process like the others; prints `listening on <url>`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeSubgraphs } from '@graphql-mesh/fusion-composition';
import { DefaultLogger } from '@graphql-mesh/utils';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

const env = (k: string) => process.env[k] ?? '';

const str = { type: 'string' };
/** Torq `GET /v1alpha/integrations` (v1alphaIntegration), as documented. */
const torqSpec = {
  openapi: '3.0.3',
  info: { title: 'Torq', version: 'v1alpha' },
  paths: {
    '/v1alpha/integrations': {
      get: {
        operationId: 'listIntegrations',
        parameters: [{ name: 'type_id', in: 'query', schema: str }],
        responses: {
          200: {
            description: 'A successful response.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    integrations: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/v1alphaIntegration' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      v1alphaIntegration: {
        type: 'object',
        properties: {
          id: str,
          name: str,
          display_name: str,
          type_id: str,
          created_at: str,
          created_by: str,
          last_used_at: str,
          details: {
            type: 'object',
            properties: { trigger: { type: 'object', properties: { webhook_url: str } } },
          },
        },
      },
    },
  },
};

/** Oracle Marketplace `GET /appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}`. */
const oracleSpec = {
  openapi: '3.0.3',
  info: { title: 'Oracle Marketplace', version: 'v1' },
  paths: {
    '/appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}': {
      get: {
        operationId: 'packageVersion',
        parameters: [
          { name: 'listingVersionId', in: 'path', required: true, schema: str },
          { name: 'packageVersionId', in: 'path', required: true, schema: str },
        ],
        responses: {
          200: {
            description: 'Successful Operation',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  title: 'PackageVersion',
                  properties: { id: { type: 'integer' }, name: str, version: str, status: str, type: str },
                },
              },
            },
          },
        },
      },
    },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'vg-bench-hive-'));
writeFileSync(join(dir, 'torq.json'), JSON.stringify(torqSpec));
writeFileSync(join(dir, 'oracle.json'), JSON.stringify(oracleSpec));

const logger = new DefaultLogger('bench-hive');
const ctx = { fetch, cwd: dir, logger };
const subgraphs = [
  loadOpenAPISubgraph('Torq', {
    source: join(dir, 'torq.json'),
    endpoint: env('HIVE_TORQ_URL'),
    operationHeaders: { authorization: `Bearer ${env('HIVE_TORQ_TOKEN')}` },
  })(ctx),
  loadOpenAPISubgraph('Oracle', {
    source: join(dir, 'oracle.json'),
    endpoint: env('HIVE_ORACLE_URL'),
    operationHeaders: {
      authorization: `Bearer ${env('HIVE_ORACLE_TOKEN')}`,
      'x-oracle-userid': env('HIVE_ORACLE_USER'),
    },
  })(ctx),
];
const composed = composeSubgraphs(
  await Promise.all(subgraphs.map(async (s) => ({ name: s.name, schema: await s.schema$ }))),
);
if (composed.errors?.length) throw new Error(`composition failed: ${composed.errors.join('\n')}`);

const gateway = createGatewayRuntime({ supergraph: composed.supergraphSdl, logging: false });
const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => process.exit(0));

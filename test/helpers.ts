/**
 * Test harness: a whole gateway (sandboxes, vendor clients, Yoga, node:http) on 127.0.0.1:0, and
 * a typed client that sends operations over real HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';
import { type App, createApp } from '../src/app/app.js';
import { createLogger, type Logger } from '../src/observability/logger.js';
import { Signer } from '../src/downloads/signer.js';
import { type Env, loadSettings, Secret } from '../src/settings/load.js';
import { ROMA_SANDBOX } from '../src/vendors/roma/sandbox.js';
import type { StartedSandboxes } from '../src/vendors/index.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef-0123456789';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface TestGateway {
  app: App;
  url: string;
  sandboxes: StartedSandboxes;
  logs: string[];
  query<R, V extends Record<string, unknown>>(
    doc: TypedDocumentNode<R, V> | string,
    variables?: V,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<R>>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startGateway(
  env: Env = {},
  opts: { sandboxes?: StartedSandboxes } = {},
): Promise<TestGateway> {
  // Each gateway gets a private vault unless the test shares one on purpose.
  const ownVault = env.VAULT_DIR === undefined ? await mkdtemp(join(tmpdir(), 'vg-vault-')) : undefined;
  const settings = loadSettings({
    LOG_LEVEL: 'debug',
    HOST: '127.0.0.1',
    PORT: '0',
    SIGNING_SECRET: TEST_SIGNING_SECRET,
    UPSTREAM_RETRIES: '2',
    // Suites inject many failures in a row; the circuit has tests of its own.
    UPSTREAM_CIRCUIT_THRESHOLD: '1000',
    // Suites count vendor calls per request: the vendor-response cache has its own tests (cache.test.ts).
    CACHE: 'off',
    // Suites inject a failure and clear it for the next request: the failure memory has its own tests.
    CACHE_FAILURE_TTL_MS: '0',
    // Most suites point LIVE vendors at emulators; the security suite tests refusal on its own.
    ALLOW_ANONYMOUS: 'true',
    VAULT_DIR: ownVault,
    ...env,
  });
  const logs: string[] = [];
  const logger: Logger = createLogger(settings.logLevel, (line) => logs.push(line));
  const app = await createApp(settings, { logger, sandboxes: opts.sandboxes });
  const url = await app.server.listen(0, '127.0.0.1');
  const close = async () => {
    await app.close();
    if (ownVault) await rm(ownVault, { recursive: true, force: true });
  };
  return {
    app,
    url,
    sandboxes: app.sandboxes,
    logs,
    async query(doc, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...headers,
        },
        body: JSON.stringify({ query: typeof doc === 'string' ? doc : print(doc), variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse<never>, 'status' | 'headers'>;
      return { ...body, status: res.status, headers: res.headers } as GraphQLResponse<never>;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The `extensions.code` of every error, in order. */
export function codes(res: { errors?: { extensions?: Record<string, unknown> }[] }): unknown[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}

/** Each query is answered with BAD_USER_INPUT alone, and `vendor` has seen no call at all. */
export async function expectRefusedBeforeAnyCall(
  gw: Pick<TestGateway, 'query'>,
  vendor: { calls(): unknown[] },
  queries: string[],
): Promise<void> {
  for (const q of queries) expect(codes(await gw.query(q)), q).toEqual(['BAD_USER_INPUT']);
  expect(vendor.calls()).toHaveLength(0);
}

/**
 * A signed link to a ROMA archive the gateway at `baseUrl` has not taken yet (as an old link or a
 * node id would give): signed with the test secret, for the sandbox's project and instance.
 */
export function untakenRomaLink(baseUrl: string, archiveId: string): string {
  return new Signer({
    secret: new Secret(TEST_SIGNING_SECRET),
    publicUrl: () => baseUrl,
    defaultExpiresIn: 600,
    maxExpiresIn: 3600,
  }).sign('roma-archive', {
    projectId: ROMA_SANDBOX.projectId,
    instanceId: ROMA_SANDBOX.instanceId,
    archiveId,
  }).url;
}

/** The `extensions.cacheControl` hint of a response (the vendor-response and response caches). */
export type CacheHint = { maxAge: number; age: number; stale: boolean };
export const cacheHint = (r: object): CacheHint | undefined =>
  (r as { extensions?: { cacheControl?: CacheHint } }).extensions?.cacheControl;

/** Waits until `cond()` holds (polled every 20 ms), failing after `ms`. */
export async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

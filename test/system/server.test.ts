import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { gatewayArgs } from '../fixtures/child-gateway.js';
import { startGateway, until } from '../helpers.js';

describe('HTTP server', () => {
  it('answers /healthz and /readyz', async () => {
    await using gw = await startGateway();
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('says at / where GraphQL is, and serves GraphQL only at /graphql', async () => {
    await using gw = await startGateway();
    const root = await fetch(`${gw.url}/`);
    expect(root.status).toBe(200);
    expect(await root.json()).toMatchObject({
      graphql: '/graphql',
      health: '/healthz',
      readiness: '/readyz',
    });
    const body = JSON.stringify({ query: '{ vendors { vendor } }' });
    const headers = { 'content-type': 'application/json' };
    for (const path of ['/nope/graphql', '/graphql/x', '/x']) {
      const res = await fetch(`${gw.url}${path}`, { method: 'POST', headers, body });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({
        error: expect.stringContaining('GraphQL is served at /graphql'),
      });
    }
    const ok = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body });
    expect(ok.status).toBe(200);
  });

  it('exports gateway_build_info with the version and the Node release', async () => {
    await using gw = await startGateway();
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    const { version } = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect(text).toContain(`gateway_build_info{version="${version}",node="${process.version}"} 1`);
  });

  it('answers a GET query without the CSRF header with a 403 naming the header to send', async () => {
    await using gw = await startGateway();
    const url = `${gw.url}/graphql?query=${encodeURIComponent('{ vendors { vendor } }')}`;
    const refused = await fetch(url, { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(403);
    const { errors } = (await refused.json()) as { errors: { message: string }[] };
    expect(errors[0]?.message).toContain('X-GraphQL-Yoga-CSRF');
    const allowed = await fetch(url, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(allowed.status).toBe(200);
  });

  it('does not count an unreachable DATABASE_URL in /readyz when no configured vendor uses the vault', async () => {
    // No vendor configured (sandbox off): ROMA, the vault's only user, is not there.
    await using gw = await startGateway({
      SANDBOX: 'off',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test',
    });
    const ready = await fetch(`${gw.url}/readyz`);
    const report = (await ready.json()) as {
      status: string;
      checks: Record<string, Record<string, unknown>>;
    };
    expect(ready.status).toBe(200);
    expect(report.checks.vault).toMatchObject({ ok: false, critical: false, used: false });
  });

  it('serves GraphiQL from the gateway itself, with no CDN and the example query', async () => {
    await using gw = await startGateway();
    const res = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>vendor-gateway</title>');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|esm\.sh/);
    expect(html).toContain('query CrossVendor');
  });

  it('lets an in-flight request finish on shutdown, then refuses new connections', async () => {
    const gw = await startGateway();
    const sandbox = gw.sandboxes.torq?.server as TorqSandbox;
    sandbox.setFault('listIntegrations', { latencyMs: 300 });
    const inFlight = gw.query('{ integrations(first: 1) { edges { node { name } } } }');
    // In flight once the vendor has it (its answer then takes 300 ms), whatever the machine's load.
    await until(() => sandbox.calls('listIntegrations').length === 1);
    const closing = gw.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    await closing;
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
  });

  it('reports 503 on /readyz while draining, still serving, then stops', async () => {
    const gw = await startGateway({ SHUTDOWN_DRAIN_DELAY_MS: '400' });
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);
    const closing = gw.close();
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    const res = await gw.query('{ vendors { vendor } }');
    expect(res.errors).toBeUndefined();
    await closing;
    await expect(fetch(`${gw.url}/readyz`)).rejects.toThrow();
  });

  it('force-closes a request that outlives the grace period', async () => {
    const gw = await startGateway({ SHUTDOWN_TIMEOUT_MS: '200' });
    const sandbox = gw.sandboxes.torq?.server as TorqSandbox;
    sandbox.setFault('listIntegrations', { hang: true });
    const inFlight = gw.query('{ integrations(first: 1) { edges { node { name } } } }').then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 100));
    await gw.close();
    expect(await inFlight).toBe('cut');
  });

  it('cuts a download still running after the grace period, never ending it as complete', async () => {
    const gw = await startGateway({ SHUTDOWN_TIMEOUT_MS: '300' });
    const link = await gw.query<{ appVersionExport: { download: { url: string } } }, never>(
      '{ appVersionExport(appVersionId: "large-export.acmepaymentscorp") { download { url } } }',
    );
    const akana = gw.sandboxes.akana?.server as TorqSandbox;
    akana.setFault('exportPackage', { dripBytesPer100ms: 256 * 1024 });
    const res = await fetch(link.data?.appVersionExport.download.url ?? '');
    expect(res.status).toBe(200);
    const body = res.arrayBuffer().then(
      () => 'complete',
      () => 'cut',
    );
    await gw.close();
    expect(await body).toBe('cut');
  });

  it('exits 1 with a message naming the variable on bad settings', async () => {
    const child = spawn(process.execPath, await gatewayArgs(), {
      env: { ...process.env, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('PORT must be a whole number');
    expect(stderr).not.toContain('    at '); // no stack trace
  });
});

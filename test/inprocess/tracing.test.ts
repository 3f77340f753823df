/**
 * Traces: a gateway with OTEL_EXPORTER_OTLP_ENDPOINT exports over OTLP/HTTP (JSON) to a small
 * receiver on loopback; one query's spans form one tree under the caller's `traceparent`, and the
 * vendors receive the trace context of the call that reached them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { AKANA_SANDBOX } from '../../src/vendors/akana/sandbox.js';
import { TORQ_SANDBOX } from '../../src/vendors/torq/sandbox.js';
import { startGateway, TEST_SIGNING_SECRET } from '../helpers.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number };
}

async function startReceiver() {
  const spans: OtlpSpan[] = [];
  const types: string[] = [];
  const raw: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      types.push(String(req.headers['content-type']));
      raw.push(Buffer.concat(chunks).toString('utf8'));
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    types,
    raw,
    close: () => new Promise((r) => server.close(r)),
  };
}

const attr = (s: OtlpSpan | undefined, key: string): unknown => {
  const v = s?.attributes.find((a) => a.key === key)?.value;
  return v ? Object.values(v)[0] : undefined;
};

describe('tracing over OTLP/HTTP', () => {
  it('exports one span tree per request under the caller’s traceparent, with vendor calls and loaders', async () => {
    const receiver = await startReceiver();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const gw = await startGateway({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, UPSTREAM_RETRIES: '1' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { status: 503, times: 1 }); // one retry: attempt 2 succeeds
    const res = await gw.query(
      `query Traced {
        integrations(first: 2) { edges { node { name } } }
        appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } download { url } }
      }`,
      {},
      { traceparent: `00-${traceId}-${callerSpan}-01` },
    );
    expect(res.errors).toBeUndefined();
    const url = (res.data as { appVersionExport: { download: { url: string } } }).appVersionExport.download
      .url;
    const file = await fetch(url);
    expect(file.status).toBe(200);
    await file.arrayBuffer();
    const torqCalls = torq.calls('listIntegrations');
    await gw.close(); // flushes the batch processor
    await receiver.close();

    expect(receiver.types.every((t) => t.startsWith('application/json'))).toBe(true);
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const named = (n: string) => spans.filter((s) => s.name === n);
    const root = named('POST /graphql')[0];
    expect(root?.parentSpanId).toBe(callerSpan);
    expect(attr(root, 'http.response.status_code')).toBe(200);
    for (const phase of ['graphql.parse', 'graphql.validate', 'graphql.execute'])
      expect(named(phase).map((s) => s.parentSpanId)).toEqual([root?.spanId]);
    const execute = named('graphql.execute')[0];
    expect(attr(execute, 'graphql.operation.name')).toBe('Traced');

    const underExecute = (s: OtlpSpan): boolean => {
      for (let p = s.parentSpanId; p; p = byId.get(p)?.parentSpanId) if (p === execute?.spanId) return true;
      return false;
    };
    // Loader batches, under execute.
    const batches = spans.filter((s) => s.name.startsWith('dataloader '));
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.every(underExecute)).toBe(true);
    // Vendor calls: CLIENT spans under execute, one per attempt, with vendor, method, template, status.
    const torqSpans = spans.filter((s) => s.kind === 3 && attr(s, 'vendor.name') === 'TORQ');
    expect(torqSpans.map((s) => [attr(s, 'vendor.attempt'), attr(s, 'http.response.status_code')])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    expect(torqSpans[0]?.status?.code).toBe(2); // ERROR
    expect(attr(torqSpans[0], 'http.request.method')).toBe('GET');
    expect(String(attr(torqSpans[0], 'url.template'))).toMatch(/^\/[\w/{}.-]+$/);
    expect(torqSpans.every(underExecute)).toBe(true);
    // Torq names its responses (x-request-id): the id is on the span that got it.
    expect(String(attr(torqSpans[1], 'vendor.request_id'))).toMatch(/^[0-9a-f]{16}$/);
    const akana = spans.filter((s) => s.kind === 3 && attr(s, 'vendor.name') === 'AKANA_API_PLATFORM');
    expect(akana.length).toBeGreaterThanOrEqual(1);

    // The vendor received the trace context of the very span that called it.
    expect(torqCalls.map((c) => c.headers.traceparent)).toEqual(
      torqSpans.map((s) => `00-${traceId}-${s.spanId}-01`),
    );

    // The download: its own request (its own trace), with a download span under the server span.
    const download = receiver.spans.find((s) => s.name === 'download');
    expect(download).toBeDefined();
    const downloadRoot = receiver.spans.find((s) => s.spanId === download?.parentSpanId);
    expect(downloadRoot?.name).toMatch(/^GET \/downloads\//);

    // Nothing secret rides along: not the signing secret, not a download link's token, no credential.
    const exported = receiver.raw.join('\n');
    const linkToken = new URL(url).searchParams.get('sig') ?? '';
    expect(linkToken.length).toBeGreaterThan(20);
    for (const secret of [TEST_SIGNING_SECRET, linkToken, TORQ_SANDBOX.token, AKANA_SANDBOX.password])
      expect(exported).not.toContain(secret);
  });
});

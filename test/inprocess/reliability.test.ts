import { describe, expect, it } from 'vitest';
import { RetryBudget } from '../../src/http/retry-budget.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway } from '../helpers.js';

describe('retry budget', () => {
  it('never lets retries exceed ratio × first attempts plus its reserve', () => {
    const budget = new RetryBudget(0.5, 10);
    let retries = 0;
    for (let i = 0; i < 1000; i++) {
      budget.onAttempt();
      // A vendor that fails every call: every call wants two retries.
      for (let r = 0; r < 2; r++) if (budget.trySpend()) retries++;
    }
    expect(retries).toBeLessThanOrEqual(0.5 * 1000 + 10 + 100 * 0.5);
    expect(retries).toBeGreaterThan(400);
  });

  it('stops retrying a failing vendor once the budget is spent (sandbox attempts counted)', async () => {
    await using gw = await startGateway({ TORQ_RETRY_BUDGET: '0', UPSTREAM_RETRIES: '2' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { status: 503 });
    // Reserve of 10 retries, none earned back: 10 calls x 3 attempts would be 30 without a budget.
    for (let i = 0; i < 10; i++) await gw.query('{ integrations(first: 1) { edges { cursor } } }');
    expect(torq.calls('listIntegrations').length).toBe(10 + 10);
  });
});

describe('concurrency limit', () => {
  it('queues up to the bound, then answers RATE_LIMITED instead of growing memory', async () => {
    await using gw = await startGateway({
      TORQ_MAX_CONCURRENCY: '1',
      TORQ_MAX_QUEUE: '1',
      TORQ_MAX_RPS: '0',
    });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { latencyMs: 300 });
    // Four different calls (identical ones in flight would share one call: coalesce.test.ts).
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        gw.query(`{ integrations(first: 1, typeId: "type${i}") { edges { cursor } } }`),
      ),
    );
    const all = results.flatMap((r) => codes(r));
    expect(all.filter((c) => c === 'RATE_LIMITED').length).toBe(2);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(2);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('spaces calls to a vendor’s documented rate (Torq: 50/s by default)', async () => {
    await using gw = await startGateway({ TORQ_MAX_RPS: '5' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `t${i}: integrations(typeId: "type${i}") { edges { cursor } }`);
    await gw.query(`{ ${ids(8).join(' ')} }`);
    const at = torq.calls('listIntegrations').map((c) => c.at);
    expect(at).toHaveLength(8);
    // A burst of 5 goes at once; the other 3 wait for tokens (≈200 ms apart).
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(400);
  });
});

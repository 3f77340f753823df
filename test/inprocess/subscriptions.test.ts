/**
 * `assetJobProgress` over real HTTP with GraphQL over SSE, against the ROMA emulator: progress
 * events then the archive; one ROMA poll per interval for two subscribers on two replicas sharing
 * Redis; a subscriber that goes away stops the polling it alone caused; scopes checked first.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { dropRedisPrefix, TEST_REDIS_URL, uniquePrefix } from '../fixtures/shared-state.js';
import { readSse } from '../fixtures/sse.js';
import { startGateway, type TestGateway } from '../helpers.js';

const POLL_MS = 200;
/** The emulator's export job runs this long (its default is 3 s): several polls, then the end. */
const JOB_MS = 1200;

const SUBSCRIPTION = `subscription ($jobId: String!) {
  assetJobProgress(jobId: $jobId) {
    jobId status progress vendorStatus
    archive { archiveId size download { url } }
    reasons { errorMsg }
  }
}`;

interface JobEvent {
  jobId: string;
  status: string;
  progress: number | null;
  archive: { archiveId: string; size: number; download: { url: string } } | null;
  reasons: { errorMsg: string | null }[];
}

/** Opens the subscription over SSE and reads it to `complete` (or `stopAfter` events). */
const subscribe = (
  gw: TestGateway,
  jobId: string,
  opts: { stopAfter?: number; headers?: Record<string, string> } = {},
) => readSse<{ assetJobProgress: JobEvent | null }>(gw.url, SUBSCRIPTION, { jobId }, opts);

async function startJob(gw: TestGateway, appIds = ['app-orders']): Promise<string> {
  const res = await gw.query<{ exportAssets: { jobId: string } }, { input: { appIds: string[] } }>(
    'mutation ($input: ExportAssetsInput!) { exportAssets(input: $input) { jobId } }',
    { input: { appIds } },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.exportAssets.jobId;
}

const romaOf = (gw: TestGateway) => gw.sandboxes.roma?.server as RomaSandbox;

/** A gateway whose ROMA emulator runs JOB_MS-long export jobs. */
async function gatewayWithShortJobs(env: Record<string, string>, opts?: Parameters<typeof startGateway>[1]) {
  const gw = await startGateway(env, opts);
  romaOf(gw).jobMs = JOB_MS;
  return gw;
}

const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropRedisPrefix(p);
});

describe('assetJobProgress (GraphQL over SSE)', () => {
  it('streams progress, then the archive, and completes', async () => {
    await using gw = await gatewayWithShortJobs({ ROMA_JOB_POLL_MS: String(POLL_MS) });
    const jobId = await startJob(gw);
    const { events, completed } = await subscribe(gw, jobId);
    expect(completed).toBe(true);
    const jobs = events.map((e) => e.data?.assetJobProgress);
    const running = jobs.filter((j) => j?.status === 'RUNNING');
    expect(running.length).toBeGreaterThanOrEqual(2);
    // Only changes are sent: each progress differs from the one before.
    for (let i = 1; i < running.length; i++) expect(running[i]!.progress).not.toBe(running[i - 1]!.progress);
    const last = jobs.at(-1)!;
    expect(last.status).toBe('SUCCEEDED');
    expect(last.archive?.archiveId).toBeTruthy();
    expect(last.archive?.download.url).toMatch(/\/downloads\//);
    const file = await fetch(last.archive!.download.url);
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBe(last.archive!.size);
  });

  it('ends with the failure reason when the job fails', async () => {
    await using gw = await gatewayWithShortJobs({ ROMA_JOB_POLL_MS: String(POLL_MS) });
    const jobId = await startJob(gw, ['fail-app']);
    const { events, completed } = await subscribe(gw, jobId);
    expect(completed).toBe(true);
    const last = events.at(-1)?.data?.assetJobProgress;
    expect(last?.status).toBe('FAILED');
    expect(last?.archive).toBeNull();
    expect(last?.reasons.length).toBeGreaterThan(0);
  });

  it('needs roma:read, checked before any ROMA call', async () => {
    const key = 'vg_torq_5b8f0c2e9d4a41b7a6c3e1f0d2b9a877';
    await using gw = await startGateway({
      AUTH_MODE: 'api-key',
      API_KEYS: `torq:${createHash('sha256').update(key).digest('hex')}:torq:read`,
    });
    romaOf(gw).resetLog();
    const { events } = await subscribe(gw, 'job-1', { headers: { authorization: `Bearer ${key}` } });
    expect(events[0]?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(romaOf(gw).calls()).toHaveLength(0);
  });

  it('a subscriber that disconnects stops the polling it alone caused', async () => {
    await using gw = await gatewayWithShortJobs({ ROMA_JOB_POLL_MS: String(POLL_MS) });
    const jobId = await startJob(gw);
    romaOf(gw).resetLog();
    const { events } = await subscribe(gw, jobId, { stopAfter: 1 });
    expect(events).toHaveLength(1);
    await sleep(POLL_MS); // the server sees the disconnect
    const after = romaOf(gw).calls('job').length;
    await sleep(POLL_MS * 4);
    expect(romaOf(gw).calls('job').length).toBe(after);
    // Let the job end so the emulator accepts the next export.
    await sleep(JOB_MS);
  });

  it('two replicas on Redis make one ROMA poll per interval for two subscribers', async () => {
    const prefix = uniquePrefix('jobs');
    prefixes.push(prefix);
    // Replicas of one deployment: one Redis prefix, one vault (ROMA's archive is downloaded once).
    const vault = await mkdtemp(join(tmpdir(), 'vg-jobs-'));
    const env = {
      ROMA_JOB_POLL_MS: String(POLL_MS),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      VAULT_DIR: vault,
    };
    await using a = await gatewayWithShortJobs(env);
    await using b = await startGateway(env, { sandboxes: a.sandboxes });
    const jobId = await startJob(a);
    romaOf(a).resetLog();
    const started = Date.now();
    const [fromA, fromB] = await Promise.all([subscribe(a, jobId), subscribe(b, jobId)]);
    const elapsed = Date.now() - started;
    for (const r of [fromA, fromB]) {
      expect(r.completed).toBe(true);
      expect(r.events.at(-1)?.data?.assetJobProgress?.status).toBe('SUCCEEDED');
      expect(r.events.at(-1)?.data?.assetJobProgress?.archive?.archiveId).toBeTruthy();
    }
    // Both saw the same archive (the vault took ROMA's one download once).
    expect(fromA.events.at(-1)?.data?.assetJobProgress?.archive?.archiveId).toBe(
      fromB.events.at(-1)?.data?.assetJobProgress?.archive?.archiveId,
    );
    // One poll per interval in all (two independent pollers would make twice as many).
    const polls = romaOf(a).calls('job').length;
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 1);
    await rm(vault, { recursive: true, force: true });
  });
});

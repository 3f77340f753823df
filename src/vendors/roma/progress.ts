/**
 * Followed ROMA export jobs (`assetJobProgress`): one poll of a job per ROMA_JOB_POLL_MS however
 * many subscribers follow it. In process, a job's watch polls while it has subscribers and hands
 * every answer to each of them; the last subscriber leaving stops it. With REDIS_URL the replicas
 * share it: before each poll a replica takes the job's poll slot for the interval (`SET NX PX`),
 * so one replica polls ROMA per interval, and publishes the answer on the job's channel, which
 * every replica following the job receives and hands to its own subscribers.
 */
import type { Redis } from 'ioredis';
import { requestDeadline } from '../../graphql/context.js';
import { type GatewayError, isGatewayError } from '../../foundations/errors.js';
import type { Gateway } from '../../graphql/gateway-types.js';
import type { ExportJob, JobStatus, Scope } from './parse.js';
import { ROMA } from './ref.js';

/** What a poll answered: the job, or the error a query of `assetJob` would have answered. */
export type JobMessage = { job: ExportJob } | { gone: true } | { error: { code: string; message: string } };

/** Statuses after which the job no longer changes. */
export const FINAL: ReadonlySet<JobStatus> = new Set(['SUCCEEDED', 'FAILED', 'FINISHED']);

type Listener = (m: JobMessage) => void;

interface Watch {
  scope: Scope;
  jobId: string;
  listeners: Set<Listener>;
  timer: NodeJS.Timeout;
}

const encode = (m: JobMessage) => JSON.stringify(m);

function decode(text: string): JobMessage | undefined {
  try {
    const m = JSON.parse(text) as JobMessage;
    if ('job' in m) {
      const j = m.job as ExportJob & { beginTime: unknown; endTime: unknown };
      j.beginTime = typeof j.beginTime === 'string' ? new Date(j.beginTime) : null;
      j.endTime = typeof j.endTime === 'string' ? new Date(j.endTime) : null;
    }
    return m;
  } catch {
    return undefined;
  }
}

export class JobFollower {
  readonly #gateway: Gateway;
  readonly #intervalMs: number;
  readonly #watches = new Map<string, Watch>();
  /** The replica's subscriber connection (pub/sub mode), opened on the first follow with REDIS_URL. */
  #sub: Redis | undefined;
  /** ROMA polls this replica made (for tests and metrics). */
  polls = 0;

  constructor(gateway: Gateway, intervalMs: number) {
    this.#gateway = gateway;
    this.#intervalMs = intervalMs;
  }

  get #redis() {
    const r = this.#gateway.shared.redis;
    return r?.ready() ? r : undefined;
  }

  #channel(key: string): string {
    return `${this.#gateway.shared.redis?.prefix ?? ''}roma-job:${key}`;
  }

  /** Follows a job: `listener` gets every poll's answer until the returned function is called. */
  follow(scope: Scope, jobId: string, listener: Listener): () => void {
    const key = `${scope.projectId}/${scope.instanceId}/${jobId}`;
    let watch = this.#watches.get(key);
    if (!watch) {
      const timer = setInterval(() => void this.#tick(key), this.#intervalMs);
      timer.unref();
      watch = { scope, jobId, listeners: new Set(), timer };
      this.#watches.set(key, watch);
      void this.#subscribe(key).then(() => this.#tick(key));
    }
    watch.listeners.add(listener);
    return () => {
      const w = this.#watches.get(key);
      if (!w) return;
      w.listeners.delete(listener);
      if (w.listeners.size === 0) this.#stop(key, w);
    };
  }

  #stop(key: string, w: Watch): void {
    clearInterval(w.timer);
    this.#watches.delete(key);
    this.#sub?.unsubscribe(this.#channel(key)).catch(() => undefined);
  }

  async #subscribe(key: string): Promise<void> {
    const redis = this.#redis;
    if (!redis) return;
    if (!this.#sub) {
      const sub = redis.client.duplicate({ keyPrefix: '' });
      // The subscriber connection's one owner: errors are logged, the watches then poll alone.
      sub.on('error', (err: Error) => this.#gateway.logger.warn('roma job channel', { error: err.message }));
      sub.on('message', (channel: string, text: string) => {
        const k = channel.slice(this.#channel('').length);
        const m = decode(text);
        if (m) this.#deliver(k, m);
      });
      this.#sub = sub;
    }
    await this.#sub.subscribe(this.#channel(key)).catch(() => undefined);
  }

  #deliver(key: string, m: JobMessage): void {
    const w = this.#watches.get(key);
    if (!w) return;
    for (const l of [...w.listeners]) l(m);
  }

  /** One interval: poll when this replica holds the job's slot (always, without Redis). */
  async #tick(key: string): Promise<void> {
    const w = this.#watches.get(key);
    if (!w) return;
    const redis = this.#redis;
    if (redis) {
      const slot = await redis.client
        .set(`roma-job-poll:${key}`, '1', 'PX', Math.max(50, this.#intervalMs - 50), 'NX')
        .catch(() => 'ERR');
      if (slot === null) return; // another replica polls this interval
      if (slot === 'ERR') {
        this.#deliver(key, await this.#poll(w));
        return;
      }
      const m = await this.#poll(w);
      const sent = await redis.client.publish(this.#channel(key), encode(m)).catch(() => 0);
      if (sent === 0) this.#deliver(key, m); // not even our own subscription heard it
      return;
    }
    this.#deliver(key, await this.#poll(w));
  }

  async #poll(w: Watch): Promise<JobMessage> {
    const deadline = requestDeadline(this.#gateway.settings.requestTimeoutMs);
    this.polls++;
    try {
      const client = this.#gateway.vendors.client(ROMA);
      return { job: await client.getJob(w.scope, w.jobId, deadline.signal) };
    } catch (err) {
      if (isGatewayError(err) && err.code === 'NOT_FOUND') return { gone: true };
      const e = isGatewayError(err) ? err : undefined;
      return {
        error: {
          code: (e as GatewayError | undefined)?.code ?? 'INTERNAL_SERVER_ERROR',
          message: String((err as Error).message),
        },
      };
    } finally {
      deadline.end();
    }
  }

  /** Stops every watch and closes the subscriber connection (gateway shutdown). */
  async close(): Promise<void> {
    for (const [key, w] of this.#watches) this.#stop(key, w);
    await this.#sub?.quit().catch(() => this.#sub?.disconnect());
  }
}

const followers = new WeakMap<Gateway, JobFollower>();

/** The gateway's one JobFollower (closed with the gateway). */
export function jobFollower(gateway: Gateway): JobFollower {
  let f = followers.get(gateway);
  if (!f) {
    f = gateway.disposer.use(
      'roma:job-follower',
      new JobFollower(gateway, gateway.settings.roma.jobPollMs),
      (x) => x.close(),
    );
    followers.set(gateway, f);
  }
  return f;
}

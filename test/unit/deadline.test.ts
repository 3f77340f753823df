/**
 * The request deadline survives garbage collection. `AbortSignal.any([AbortSignal.timeout(ms), …])`
 * does not in Node 20 (nodejs/node#57736): the collected timeout clears its timer and the deadline
 * never fires, which let a dripping vendor body run for 28 s in CI. A real full GC, no fake clock.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { type Context, endContext, requestCache, requestDeadline } from '../../src/graphql/context.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('requestDeadline', () => {
  it('fires its deadline even after a full garbage collection', async () => {
    const caller = new AbortController();
    const signal = requestDeadline(150, caller.signal).signal;
    let reason: unknown;
    signal.addEventListener('abort', () => (reason = signal.reason), { once: true });
    await new Promise((r) => setTimeout(r, 20)); // off this stack, then a full collection
    gc();
    await vi.waitFor(() => expect(signal.aborted).toBe(true), { timeout: 5_000, interval: 20 });
    expect((reason as Error).name).toBe('TimeoutError');
  });

  it("aborts with the caller's reason when the caller goes away first", () => {
    const caller = new AbortController();
    const signal = requestDeadline(60_000, caller.signal).signal;
    expect(signal.aborted).toBe(false);
    const why = new Error('caller went away');
    caller.abort(why);
    expect(signal.reason).toBe(why);
  });

  it('is aborted at once when the caller already is', () => {
    const caller = new AbortController();
    caller.abort(new Error('gone'));
    expect(requestDeadline(60_000, caller.signal).signal.aborted).toBe(true);
  });
});

describe('the end of a request (endContext)', () => {
  it('clears the deadline: it no longer fires, nor follows the caller', async () => {
    const caller = new AbortController();
    const deadline = requestDeadline(40, caller.signal);
    deadline.end();
    caller.abort(new Error('caller went away after the response'));
    await new Promise((r) => setTimeout(r, 120));
    expect(deadline.signal.aborted).toBe(false);
  });

  it('deletes the request’s requestCache entries, so its loaders go with it', () => {
    let made = 0;
    const loaders = requestCache(() => ({ n: ++made }));
    const caller = new AbortController();
    const { signal, end } = requestDeadline(60_000, caller.signal);
    const ctx = { signal, [Symbol.for('test')]: end } as unknown as Context;
    const first = loaders(ctx);
    expect(loaders(ctx)).toBe(first); // one per request while it runs
    endContext(ctx);
    expect(loaders(ctx)).not.toBe(first); // the entry is gone: a new one would be made
    expect(made).toBe(2);
  });
});

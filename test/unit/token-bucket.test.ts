/** `TokenBucket` (src/foundations/token-bucket.ts): refill with time, earned tokens, the wait. */
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/foundations/token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, refills at its rate up to its capacity, and says how long until a token', () => {
    let now = 0;
    const b = new TokenBucket(2, 4, () => now);
    expect([b.tryTake(), b.tryTake(), b.tryTake()]).toEqual([true, true, false]);
    expect(b.secondsUntil()).toBeCloseTo(0.25);
    now += 250;
    expect(b.tryTake()).toBe(true);
    now += 10_000;
    expect(b.tokens()).toBe(2);
    expect(b.refilledAt).toBe(10_250);
  });

  it('without a rate, holds what was added and no more than its capacity', () => {
    const b = new TokenBucket(3, 0, () => 0, 0);
    expect(b.tryTake()).toBe(false);
    expect(b.secondsUntil()).toBe(Number.POSITIVE_INFINITY);
    b.add(0.5);
    b.add(0.5);
    expect(b.tryTake()).toBe(true);
    b.add(10);
    expect(b.tokens()).toBe(3);
  });
});

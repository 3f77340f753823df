/** `memoize`: the kept answers of the normalisers vendors' repeated values go through (src/foundations/memo.ts). */
import { describe, expect, it } from 'vitest';
import { memoize } from '../../src/foundations/memo.js';

describe('memoize', () => {
  it('computes a key once, keeps null answers, and keeps nothing from a call that throws', () => {
    const calls: string[] = [];
    const f = memoize((k: string) => {
      calls.push(k);
      if (k === 'bad') throw new TypeError('Invalid URL');
      return k === 'none' ? null : k.toUpperCase();
    });
    expect([f('a'), f('a'), f('none'), f('none')]).toEqual(['A', 'A', null, null]);
    expect(() => f('bad')).toThrow('Invalid URL');
    expect(() => f('bad')).toThrow('Invalid URL');
    expect(calls).toEqual(['a', 'none', 'bad', 'bad']);
  });

  it('is bounded by count and by the characters it keeps', () => {
    const byCount = memoize((k: number) => String(k), { max: 3 });
    let n = 0;
    const counted = memoize(
      (k: number) => {
        n++;
        return byCount(k);
      },
      { max: 3 },
    );
    for (const k of [1, 2, 3, 4, 1]) counted(k);
    expect(n).toBe(5); // 1 was evicted by 4: computed again
    let m = 0;
    const long = memoize(
      (k: string) => {
        m++;
        return k;
      },
      { maxChars: 100 },
    );
    long('x'.repeat(30));
    long('y'.repeat(30));
    long('x'.repeat(30));
    expect(m).toBe(3); // 61 + 61 characters do not fit in 100: the first was let go
  });
});

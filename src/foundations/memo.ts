/**
 * Answers of a pure function of one text or number, kept: vendors send the same times and URLs
 * on every read of a list, and normalising them (`new URL(…).toString()`, `toISOString()`) costs
 * time for every field of every item of every page (docs/performance.md).
 * Bounded by count and by the characters kept (a long URL counts its length); an answer that
 * throws is not kept, so it throws again.
 */
import { LRUCache } from 'lru-cache';

export function memoize<K extends string | number, V extends string | null>(
  fn: (key: K) => V,
  { max = 10_000, maxChars = 4_000_000 } = {},
): (key: K) => V {
  // Boxed: lru-cache keeps no null values.
  const kept = new LRUCache<K, { v: V }>({
    max,
    maxSize: maxChars,
    sizeCalculation: (box, key) => (typeof key === 'string' ? key.length : 8) + (box.v?.length ?? 0) + 1,
  });
  return (key) => {
    const hit = kept.get(key);
    if (hit) return hit.v;
    const v = fn(key);
    kept.set(key, { v });
    return v;
  };
}

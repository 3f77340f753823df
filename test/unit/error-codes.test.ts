/** docs/api.md's error table and the paragraph under it name exactly the codes src/foundations/errors.ts lists. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWERED_CODES, ERROR_CODES } from '../../src/foundations/errors.js';

const api = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const errors = api.slice(api.indexOf('\n## Errors'), api.indexOf('\n## ', api.indexOf('\n## Errors') + 1));
/** The backquoted codes of the table's first column. */
const tableCodes = errors
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]));

describe('error codes', () => {
  it("docs/api.md's table holds every code of ERROR_CODES, and UNAUTHENTICATED besides", () => {
    expect(new Set(tableCodes)).toEqual(new Set([...ERROR_CODES, 'UNAUTHENTICATED']));
  });

  it('every other code a caller can receive is named under the table', () => {
    const others = ANSWERED_CODES.filter((c) => !tableCodes.includes(c));
    expect(others.length).toBeGreaterThan(0);
    for (const code of others) expect(errors, code).toContain(`\`${code}\``);
  });
});

/**
 * No production file grows past ~300 lines unnoticed: one over 320 lines says why near its top
 * ("Longer than 300 lines: …"), or is split by job.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;
const LIMIT = 320;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it(`every src file over ${LIMIT} lines gives its reason at its top`, () => {
  const unexplained = tsFiles(SRC).flatMap((file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines.length <= LIMIT) return [];
    const top = lines.slice(0, 20).join('\n');
    return /Longer than 300 lines: \S/.test(top) ? [] : [`${file.slice(SRC.length)} (${lines.length} lines)`];
  });
  expect(unexplained).toEqual([]);
});

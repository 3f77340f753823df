/**
 * A vendor is one folder: no file of `src/` outside `src/vendors/` names a real vendor, in code or
 * in comments. Whatever generic code needs to know about a vendor it reads from the vendor modules
 * (`vendorModules()`) or the vendors' settings list; a sixth vendor then needs no edit here.
 *
 * The words checked are the five vendors' keys (case-insensitive, as whole words: `torq`, `TORQ`,
 * `Torq` but not `torqueWrench`), and `huawei` (ROMA's maker, the prefix of its IAM settings). Their
 * labels and enum values contain the key, so they are caught too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const VENDORS = join(SRC, 'vendors');
const REAL_VENDORS = /\b(torq|google|oracle|akana|roma|huawei)\b/i;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === VENDORS ? [] : tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the vendor boundary', () => {
  it('no file of src/ outside src/vendors/ names a real vendor', () => {
    const files = tsFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          REAL_VENDORS.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });
});

/** The developer scripts: hash-key makes keys the gateway accepts; the settings page check catches drift. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/settings/load.js';

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsx = (script: string, args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', join(repo, 'scripts', script), ...args], { cwd: repo });

describe('npm run hash-key', () => {
  it('hashes a given key and prints an API_KEYS entry the settings accept', async () => {
    const { stdout } = await tsx('hash-key.ts', ['my-secret-key']);
    expect(stdout).toContain(`sha256: ${createHash('sha256').update('my-secret-key').digest('hex')}`);
    const entry = /API_KEYS entry: (\S+)/.exec(stdout)?.[1] ?? '';
    const s = loadSettings({ AUTH_MODE: 'api-key', API_KEYS: entry });
    expect(s.auth.apiKeys[0]?.sha256).toBe(createHash('sha256').update('my-secret-key').digest('hex'));
  });

  it('makes a new key when given none', async () => {
    const { stdout } = await tsx('hash-key.ts', []);
    const key = /new key[^:]*: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(key.length).toBeGreaterThan(30);
    expect(stdout).toContain(`sha256: ${createHash('sha256').update(key).digest('hex')}`);
  });
});

describe('npm run settings:check', () => {
  it('passes on docs/settings.md and fails once its settings table drifts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vg-settings-page-'));
    try {
      const readme = await readFile(join(repo, 'docs', 'settings.md'), 'utf8');
      const copy = join(dir, 'settings.md');
      await writeFile(copy, readme);
      await expect(tsx('settings-table.ts', ['--check', copy])).resolves.toBeDefined();
      await writeFile(copy, readme.replace('| `PORT` ', '| `PORTS` '));
      await expect(tsx('settings-table.ts', ['--check', copy])).rejects.toThrow(/stale/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run bench / npm run soak', () => {
  const bench = (script: string, args: string[]) =>
    exec(process.execPath, ['--import', 'tsx', join(repo, 'bench', script), ...args], {
      cwd: repo,
      timeout: 60_000,
    });

  it('print their usage with --help instead of running', async () => {
    const b = await bench('index.ts', ['--help']);
    expect(b.stdout).toContain('Usage: npm run bench');
    expect(b.stdout).toContain('BENCH_SECONDS');
    const s = await bench('soak.ts', ['--help']);
    expect(s.stdout).toContain('Usage: npm run soak');
    expect(s.stdout).toContain('SOAK_SECONDS');
  });

  it('refuse an unknown case with the usage, exit 64', async () => {
    await expect(bench('index.ts', ['gatewya'])).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringContaining('unknown case: gatewya'),
    });
  });
});

/**
 * Attacker's suite, the archive vault: a vault that cannot hold the archive (too little space,
 * not a directory, failing mid-write), a changed encryption key, a caller's deadline shorter than
 * the download, a crash that leaves a lock behind, and shutdown while an archive is being taken
 * (real gateway processes receiving SIGTERM / SIGKILL). ROMA allows one download per archive:
 * every case counts the vendor downloads.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RomaSandbox, startRomaSandbox } from '../../../src/vendors/roma/sandbox.js';
import { type ChildGateway, startChildGateway } from '../../fixtures/child-gateway.js';
import { romaEnv as romaSandboxEnv } from '../../fixtures/roma-env.js';
import { codes, startGateway, untakenRomaLink, type TestGateway } from '../../helpers.js';
import { cleanupAfterEach, sha256 } from '../../fixtures/cleanup.js';

const ARCHIVE = `query($archiveId: String!) {
  assetArchive(archiveId: $archiveId) { archiveId size sha256 download(expiresIn: 600) { url } }
}`;
type ArchiveData = { assetArchive: { size: number; sha256: string; download: { url: string } } | null };

const cleanup = cleanupAfterEach();

async function romaSandbox(): Promise<RomaSandbox> {
  const s = await startRomaSandbox();
  cleanup.push(() => s.close());
  return s;
}
function romaEnv(sandbox: RomaSandbox, vaultDir: string): Record<string, string> {
  return { ...romaSandboxEnv(sandbox), VAULT_DIR: vaultDir };
}
async function gateway(env: Record<string, string>): Promise<TestGateway> {
  const gw = await startGateway(env);
  cleanup.push(() => gw.close());
  return gw;
}
async function child(env: Record<string, string>): Promise<ChildGateway> {
  const c = await startChildGateway(env);
  cleanup.push(() => c.stop());
  return c;
}
function vaultDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vg-hostile-vault-${tag}-`));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
/** A signed link to an archive the gateway has not taken yet. */
const untakenLink = (gw: TestGateway, archiveId: string) => untakenRomaLink(gw.url, archiveId);
/** Waits until the vault holds a partly written archive (the take is mid-body). */
async function midBody(dir: string): Promise<void> {
  await expect
    .poll(
      () =>
        readdirSync(dir).some(
          (f) => f.startsWith('.tmp-') && !f.endsWith('.taking') && statSync(join(dir, f)).size > 0,
        ),
      { timeout: 15_000, interval: 20 },
    )
    .toBe(true);
}

describe('a vault that cannot hold the archive', () => {
  it.each([
    [
      'less free space than VAULT_MIN_FREE_BYTES',
      'LOW_SPACE',
      (dir: string) => ({ VAULT_DIR: dir, VAULT_MIN_FREE_BYTES: '1000000000000000000' }),
    ],
    [
      'a VAULT_DIR whose parent is a file',
      'NOT_WRITABLE',
      (dir: string) => {
        writeFileSync(join(dir, 'file'), 'not a directory');
        return { VAULT_DIR: join(dir, 'file', 'vault') };
      },
    ],
  ] as const)(
    'with %s: no ROMA call, VAULT_UNAVAILABLE (%s), /readyz 503 with the reason',
    async (_, reason, setup) => {
      const sandbox = await romaSandbox();
      const gw = await gateway({ ...romaEnv(sandbox, ''), ...setup(vaultDir('small')) });
      const archiveId = sandbox.addArchive(randomBytes(10 * 1024), 'application/octet-stream');

      const res = await gw.query(ARCHIVE, { archiveId });
      expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
      expect(res.errors?.[0]?.extensions).toMatchObject({ reason });
      expect(res.errors?.[0]?.extensions?.vendor).toBeUndefined(); // the gateway's fault, not ROMA's
      const dl = await fetch(untakenLink(gw, archiveId));
      expect(dl.status).toBe(503);
      expect(((await dl.json()) as { error: { code: string } }).error.code).toBe('VAULT_UNAVAILABLE');

      const ready = await fetch(`${gw.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as {
        status: string;
        reason: string;
        checks: Record<string, { ok: boolean; reason?: string }>;
      };
      expect(body.status).toBe('unready');
      expect(body.reason).toMatch(/vault:capacity: /);
      expect(body.checks['vault:capacity']).toMatchObject({ ok: false, reason });
      // ROMA was never asked: the once-only archive is still there to take.
      expect(sandbox.calls('downloadArchive')).toHaveLength(0);
      expect(sandbox.archives.get(archiveId)?.consumed).toBe(false);
    },
  );

  it('reports a storage failure during the write as VAULT_UNAVAILABLE, never as a vendor error', async () => {
    const sandbox = await romaSandbox();
    const dir = vaultDir('fail');
    const gw = await gateway({ ...romaEnv(sandbox, dir), REQUEST_TIMEOUT_MS: '30000' });
    const archiveId = sandbox.addArchive(randomBytes(1024 * 1024), 'application/octet-stream');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 64 * 1024 });
    const pending = gw.query(ARCHIVE, { archiveId });
    await midBody(dir);
    // The vault's storage goes away under the write (as a failing disk would).
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'the vault directory is gone');
    const res = await pending;
    expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'STORAGE_ERROR' });
    expect(res.errors?.[0]?.extensions?.vendor).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/vault/);
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(503);
    rmSync(dir, { force: true });
  });
});

/** A real 1 MB file system (tmpfs), where this machine allows mounting one; else undefined. */
function tinyFileSystem(): string | undefined {
  const dir = vaultDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  cleanup.push(() => execFileSync('umount', ['-l', dir], { stdio: 'ignore' }));
  return dir;
}
const canMount = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'vg-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

describe.skipIf(!canMount)('a vault on a real 1 MB file system (needs mount rights)', () => {
  it('with the default minimum (the archive size limit): VAULT_UNAVAILABLE before any ROMA call', async () => {
    const sandbox = await romaSandbox();
    const dir = tinyFileSystem() ?? '';
    const gw = await gateway(romaEnv(sandbox, join(dir, 'vault')));
    const archiveId = sandbox.addArchive(randomBytes(2 * 1024 * 1024), 'application/octet-stream');
    const res = await gw.query(ARCHIVE, { archiveId });
    expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'LOW_SPACE' });
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(503);
    expect(sandbox.calls('downloadArchive')).toHaveLength(0);
  });

  it('when the disk fills mid-write (ENOSPC): VAULT_UNAVAILABLE, never ROMA blamed, and a record of the loss', async () => {
    const sandbox = await romaSandbox();
    const dir = tinyFileSystem() ?? '';
    const gw = await gateway({ ...romaEnv(sandbox, join(dir, 'vault')), VAULT_MIN_FREE_BYTES: '1kb' });
    const archiveId = sandbox.addArchive(randomBytes(2 * 1024 * 1024), 'application/octet-stream');
    const res = await gw.query(ARCHIVE, { archiveId });
    expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'STORAGE_ERROR' });
    expect(res.errors?.[0]?.extensions?.vendor).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/ENOSPC/);
    const again = await gw.query(ARCHIVE, { archiveId });
    expect(codes(again)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
    expect(again.errors?.[0]?.message).toMatch(/ENOSPC/);
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  });
});

describe('a changed VAULT_ENCRYPTION_KEY', () => {
  it('answers VAULT_UNAVAILABLE (KEY_MISMATCH) instead of a truncated file behind a success', async () => {
    const sandbox = await romaSandbox();
    const dir = vaultDir('key');
    const body = randomBytes(200 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    const first = await startGateway({
      ...romaEnv(sandbox, dir),
      VAULT_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    });
    const kept = await first.query(ARCHIVE, { archiveId });
    expect(kept.errors).toBeUndefined();
    const url = (kept.data as ArchiveData).assetArchive?.download.url ?? '';
    await first.close();

    const second = await gateway({
      ...romaEnv(sandbox, dir),
      VAULT_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    });
    const res = await second.query(ARCHIVE, { archiveId });
    expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'KEY_MISMATCH' });
    const dl = await fetch(url.replace(/^http:\/\/[^/]+/, second.url));
    expect(dl.status).toBe(503);
    expect(((await dl.json()) as { error: { code: string; reason: string } }).error).toMatchObject({
      code: 'VAULT_UNAVAILABLE',
      reason: 'KEY_MISMATCH',
    });
    expect(sandbox.calls('downloadArchive')).toHaveLength(1); // ROMA not asked again
  });
});

describe('a vault file changed on disk', () => {
  it('is checked against its recorded sha256 on read and never delivered complete', async () => {
    const sandbox = await romaSandbox();
    const dir = vaultDir('tamper');
    const gw = await gateway(romaEnv(sandbox, dir));
    const body = randomBytes(300 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    const kept = await gw.query(ARCHIVE, { archiveId });
    expect(kept.errors).toBeUndefined();
    const bin = readdirSync(dir).find((f) => f.endsWith('.bin')) ?? '';
    const onDisk = readFileSync(join(dir, bin));
    onDisk[1000] = (onDisk[1000] ?? 0) ^ 0xff; // same size, other bytes
    writeFileSync(join(dir, bin), onDisk);
    const res = await fetch((kept.data as ArchiveData).assetArchive?.download.url ?? '');
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });
});

describe('ROMA and the request deadline', () => {
  it('answers UPSTREAM_TIMEOUT (archive still being taken) by the deadline; a later ask gets it from the vault', async () => {
    const sandbox = await romaSandbox();
    const gw = await gateway({ ...romaEnv(sandbox, vaultDir('deadline')), REQUEST_TIMEOUT_MS: '1000' });
    const body = randomBytes(640 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 32 * 1024 }); // about 2 s of body
    const first = await gw.query(ARCHIVE, { archiveId });
    expect(codes(first)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(first.errors?.[0]?.extensions).toMatchObject({ archiveState: 'FETCHING' });
    await expect
      .poll(
        async () =>
          ((await gw.query(ARCHIVE, { archiveId })).data as ArchiveData | undefined)?.assetArchive?.sha256,
        {
          timeout: 15_000,
          interval: 200,
        },
      )
      .toBe(sha256(body));
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  });
});

describe('crash and shutdown (real processes)', () => {
  it('after a crash mid-take, takes the stale lock over at once and says the archive was lost', async () => {
    const sandbox = await romaSandbox();
    const dir = vaultDir('crash');
    const env = romaEnv(sandbox, dir);
    const body = randomBytes(1024 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 16 * 1024 }); // several seconds of body
    const a = await child({ ...env, REQUEST_TIMEOUT_MS: '500' });
    const asking = a.query(ARCHIVE, { archiveId }, AbortSignal.timeout(2000)).catch(() => undefined);
    await midBody(dir);
    a.child.kill('SIGKILL');
    await a.exited;
    await asking;
    expect(readdirSync(dir).some((f) => f.endsWith('.lock'))).toBe(true); // the dead process's lock

    sandbox.clearFaults();
    const b = await gateway({ ...env, REQUEST_TIMEOUT_MS: '5000' });
    const res = await b.query(ARCHIVE, { archiveId });
    // Not a wait on the dead lock, not a second download: the record says what happened.
    expect(codes(res)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
    expect(res.errors?.[0]?.message).toMatch(/gateway took/);
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
    expect(readdirSync(dir).some((f) => f.endsWith('.bin'))).toBe(false); // nothing half-written is served
  }, 90_000);

  it('on SIGTERM, finishes the archive still being taken after its caller left, then exits 0', async () => {
    const sandbox = await romaSandbox();
    const dir = vaultDir('term');
    const env = romaEnv(sandbox, dir);
    const body = randomBytes(1024 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 32 * 1024 }); // about 3 s of body
    const a = await child({ ...env, VAULT_SHUTDOWN_GRACE_MS: '20000' });
    const leaving = new AbortController();
    const asking = a.query(ARCHIVE, { archiveId }, leaving.signal).catch(() => 'left');
    await midBody(dir);
    leaving.abort(); // the caller went away
    expect(await asking).toBe('left');
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });

    sandbox.clearFaults();
    const b = await gateway(env);
    const res = await b.query(ARCHIVE, { archiveId });
    expect(res.errors).toBeUndefined();
    expect((res.data as ArchiveData).assetArchive?.sha256).toBe(sha256(body));
    const file = await fetch((res.data as ArchiveData).assetArchive?.download.url ?? '');
    expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(sha256(body));
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  }, 90_000);

  it('on SIGTERM past VAULT_SHUTDOWN_GRACE_MS, leaves a record that the archive was lost, never a half file', async () => {
    const sandbox = await romaSandbox();
    const dir = vaultDir('grace');
    const env = romaEnv(sandbox, dir);
    const archiveId = sandbox.addArchive(randomBytes(2 * 1024 * 1024), 'application/octet-stream');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 16 * 1024 }); // far longer than the grace
    const a = await child({ ...env, VAULT_SHUTDOWN_GRACE_MS: '200', REQUEST_TIMEOUT_MS: '500' });
    const asking = a.query(ARCHIVE, { archiveId }).catch(() => undefined);
    await midBody(dir);
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    await asking;

    sandbox.clearFaults();
    const b = await gateway(env);
    const res = await b.query(ARCHIVE, { archiveId });
    expect(codes(res)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
    expect(res.errors?.[0]?.message).toMatch(/SHUTDOWN/);
    expect(readdirSync(dir).some((f) => f.endsWith('.bin') || f.startsWith('.tmp-'))).toBe(false);
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  }, 90_000);
});

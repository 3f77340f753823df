import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  fileNameFromDisposition,
  safeFileName,
} from '../../src/downloads/content-disposition.js';
import { Signer } from '../../src/downloads/signer.js';
import { Secret } from '../../src/settings/load.js';

const secret = new Secret('unit-test-signing-secret-0123456789abcdefghij');

describe('signer', () => {
  const signer = new Signer({
    secret,
    publicUrl: () => 'https://gw.example',
    defaultExpiresIn: 300,
    maxExpiresIn: 3600,
  });

  it('signs every selecting parameter and the expiry, and verifies its own URLs', () => {
    const { url, expiresAt } = signer.sign('akana-export', { appVersionId: 'a.b', options: '0011' });
    const u = new URL(url);
    expect(u.origin).toBe('https://gw.example');
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(290_000);
    const ok = signer.verify('GET', u.pathname, u.searchParams);
    expect(ok).toMatchObject({
      ok: true,
      kind: 'akana-export',
      params: { appVersionId: 'a.b', options: '0011' },
    });
    expect(signer.verify('HEAD', u.pathname, u.searchParams).ok).toBe(true);
    expect(signer.verify('POST', u.pathname, u.searchParams).ok).toBe(false);
    expect(url).not.toContain(secret.reveal());
  });

  it('does not accept a URL from another secret, even with the same key id slot', () => {
    const other = new Signer({
      secret: new Secret('another-secret-0123456789abcdefghijklmnopqrs'),
      publicUrl: () => 'https://gw.example',
      defaultExpiresIn: 300,
      maxExpiresIn: 3600,
    });
    const u = new URL(other.sign('akana-export', { appVersionId: 'a.b' }).url);
    expect(signer.verify('GET', u.pathname, u.searchParams)).toMatchObject({ ok: false, status: 403 });
  });

  it('reports expiry only for a genuine signature', () => {
    const past = new Signer({
      secret,
      publicUrl: () => 'https://gw.example',
      defaultExpiresIn: 300,
      maxExpiresIn: 3600,
      now: () => Date.now() - 3_600_000,
    });
    const u = new URL(past.sign('akana-export', { appVersionId: 'a.b' }).url);
    expect(signer.verify('GET', u.pathname, u.searchParams)).toMatchObject({ ok: false, status: 410 });
    u.searchParams.set('sig', 'x'.repeat(43));
    expect(signer.verify('GET', u.pathname, u.searchParams)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('Content-Disposition', () => {
  it('strips CR/LF, quotes, separators and keeps a UTF-8 filename*', () => {
    const h = contentDisposition('../../a"\r\nSet-Cookie: x=1;.zip', 'fallback.zip');
    expect(h).not.toMatch(/[\r\n]/);
    expect(h.startsWith('attachment; filename="')).toBe(true);
    expect((h.match(/"/g) ?? []).length).toBe(2);
    expect(contentDisposition('été.zip', 'f.zip')).toBe(
      `attachment; filename="_t_.zip"; filename*=UTF-8''%C3%A9t%C3%A9.zip`,
    );
    expect(contentDisposition(undefined, 'appversion-export.zip')).toBe(
      'attachment; filename="appversion-export.zip"',
    );
    expect(contentDisposition('...', 'f.zip')).toBe('attachment; filename="f.zip"');
    expect(safeFileName('C:\\Windows\\evil.zip', 'f')).toBe('evil.zip');
  });

  it('reads the vendor file name from plain and RFC 5987 forms', () => {
    expect(fileNameFromDisposition('attachment;filename="appversion-export.zip"')).toBe(
      'appversion-export.zip',
    );
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%C3%A9t%C3%A9.zip")).toBe('été.zip');
    expect(fileNameFromDisposition('attachment; filename=plain.zip; size=3')).toBe('plain.zip');
    expect(fileNameFromDisposition(undefined)).toBeUndefined();
  });
});

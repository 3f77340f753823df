/**
 * Attacker's suite, the admin door to the vault: `deleteVaultArchive` needs the `admin` scope for
 * every caller and both vault kinds (VAULT_DIR and PostgreSQL), refuses before touching the vault,
 * answers a malformed id with BAD_USER_INPUT, and never calls ROMA.
 */
import { describe, expect, it } from 'vitest';
import { ROMA_SANDBOX, startRomaSandbox } from '../../../src/vendors/roma/sandbox.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../fixtures/shared-state.js';
import { codes, startGateway, type TestGateway } from '../../helpers.js';
import { apiKeysEnv, auth, type Caller, scopeSets } from './doors-helpers.js';
import { cleanupAfterEach } from '../../fixtures/cleanup.js';

const ARCHIVE = `query($archiveId: String!) { assetArchive(archiveId: $archiveId) { size sha256 } }`;
const DELETE = `mutation($archiveId: String!) { deleteVaultArchive(archiveId: $archiveId) { archiveId deleted } }`;
type Deleted = { deleteVaultArchive: { archiveId: string; deleted: boolean } | null };

const cleanup = cleanupAfterEach();

const callers = scopeSets();
const admin = callers.find((c) => c.name === 'only-admin') as Caller;
const all = callers.find((c) => c.name === 'all') as Caller;

const kinds: [string, () => Record<string, string>][] = [
  ['a directory vault', () => ({})],
  [
    'a PostgreSQL vault',
    () => {
      const schema = uniqueSchema('admin');
      cleanup.push(() => dropSchema(schema));
      return { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
    },
  ],
];

describe.each(kinds)('hostile: deleteVaultArchive on %s', (_, vaultEnv) => {
  it('needs admin on every caller, before the vault; an admin deletes it for good, with no ROMA call', async () => {
    const sandbox = await startRomaSandbox();
    cleanup.push(() => sandbox.close());
    const gw: TestGateway = await startGateway({
      ROMA_BASE_URL: sandbox.url,
      ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
      ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
      ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
      AUTH_MODE: 'api-key',
      API_KEYS: apiKeysEnv(callers),
      ...vaultEnv(),
    });
    cleanup.push(() => gw.close());
    const archiveId = sandbox.addArchive(Buffer.from('{"apps":[]}'), 'application/json');
    const taken = await gw.query(ARCHIVE, { archiveId }, auth(all));
    expect(taken.errors).toBeUndefined();
    sandbox.resetLog();

    for (const c of callers.filter((c) => !c.scopes.includes('admin'))) {
      const res = await gw.query<Deleted, { archiveId: string }>(DELETE, { archiveId }, auth(c));
      expect(codes(res), c.name).toEqual(['FORBIDDEN']);
      expect(res.data?.deleteVaultArchive ?? null).toBeNull();
    }
    const anonymous = await gw.query(DELETE, { archiveId });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    // Still kept: served from the vault, ROMA not asked.
    const still = await gw.query(ARCHIVE, { archiveId }, auth(all));
    expect(still.errors).toBeUndefined();

    const bad = await gw.query(DELETE, { archiveId: '../x' }, auth(admin));
    expect(codes(bad), JSON.stringify(bad.errors)).toEqual(['BAD_USER_INPUT']);

    const del = await gw.query<Deleted, { archiveId: string }>(DELETE, { archiveId }, auth(admin));
    expect(del.errors).toBeUndefined();
    expect(del.data?.deleteVaultArchive).toEqual({ archiveId, deleted: true });
    expect(sandbox.calls()).toHaveLength(0);
    const again = await gw.query<Deleted, { archiveId: string }>(DELETE, { archiveId }, auth(admin));
    expect(again.data?.deleteVaultArchive).toEqual({ archiveId, deleted: false });
    expect(gw.logs.some((l) => l.includes('"vault.delete"') && l.includes('key:only-admin'))).toBe(true);

    // Gone for good: ROMA gave its one download already.
    const after = await gw.query(ARCHIVE, { archiveId }, auth(all));
    expect(codes(after)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
  });
});

describe('hostile: deleteVaultArchive and the anonymous default', () => {
  it('is FORBIDDEN to AUTH_MODE=none callers (admin is never an anonymous scope by default)', async () => {
    await using gw = await startGateway();
    const res = await gw.query<Deleted, { archiveId: string }>(DELETE, { archiveId: 'arc-1' });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data?.deleteVaultArchive ?? null).toBeNull();
  });
});

/**
 * The leak test: a gateway configured with known secret values runs a broad set of queries,
 * downloads and failures; every response body, response header and log line is captured and
 * none of the secrets (nor any token a vendor issued) may appear anywhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { AKANA_SANDBOX } from '../../src/vendors/akana/sandbox.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { GOOGLE_SANDBOX, type GoogleSandbox } from '../../src/vendors/google/sandbox.js';
import { startSandboxes } from '../../src/vendors/index.js';
import { ORACLE_SANDBOX, type OracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import { ROMA_SANDBOX, type RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { TORQ_SANDBOX, type TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { startGateway } from '../helpers.js';

describe('nothing leaks', () => {
  it('keeps every configured secret and issued token out of responses, headers and logs', async () => {
    const sandboxes = await startSandboxes(['torq', 'google', 'oracle', 'akana', 'roma']);
    const adminKey = `vg_${randomBytes(16).toString('hex')}`;
    const secrets = {
      SIGNING_SECRET: `signing-${randomBytes(24).toString('hex')}`,
      VAULT_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
      GOOGLE_ACCESS_TOKEN: GOOGLE_SANDBOX.token,
      ORACLE_CLIENT_SECRET: ORACLE_SANDBOX.clientSecret,
      AKANA_PASSWORD: AKANA_SANDBOX.password,
      HUAWEI_IAM_PASSWORD: ROMA_SANDBOX.iamPassword,
    };
    const url = (k: keyof typeof sandboxes) => sandboxes[k]?.server.url ?? '';
    const gw = await startGateway(
      {
        ...secrets,
        AUTH_MODE: 'api-key',
        API_KEYS: `admin:${createHash('sha256').update(adminKey).digest('hex')}:torq:read,google:read,oracle:read,akana:export,roma:read,roma:export`,
        TORQ_BASE_URL: url('torq'),
        TORQ_AUTH_URL: `${url('torq')}/v1/auth/token`,
        TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
        GOOGLE_INTEGRATIONS_BASE_URL: url('google'),
        ORACLE_MARKETPLACE_BASE_URL: url('oracle'),
        ORACLE_USER_ID: ORACLE_SANDBOX.userId,
        ORACLE_CLIENT_ID: ORACLE_SANDBOX.clientId,
        AKANA_BASE_URL: url('akana'),
        AKANA_FED_MEMBER_ID: AKANA_SANDBOX.fedMemberId,
        AKANA_EMAIL: AKANA_SANDBOX.email,
        ROMA_BASE_URL: url('roma'),
        ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
        ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
        HUAWEI_IAM_URL: url('roma'),
        HUAWEI_IAM_USER: ROMA_SANDBOX.iamUser,
        HUAWEI_IAM_DOMAIN: ROMA_SANDBOX.iamDomain,
        LOG_LEVEL: 'debug',
      },
      { sandboxes },
    );
    const captured: string[] = [];
    const auth = { 'x-api-key': adminKey };
    const query = async (q: string, headers: Record<string, string> = auth) => {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: q }),
      });
      const text = await res.text();
      captured.push(text, JSON.stringify([...res.headers]));
      return JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const download = async (u: string) => {
      const res = await fetch(u);
      captured.push(JSON.stringify([...res.headers]));
      const body = Buffer.from(await res.arrayBuffer());
      if (res.headers.get('content-type')?.includes('json')) captured.push(body.toString('utf8'));
    };
    const roma = sandboxes.roma?.server as RomaSandbox;
    roma.jobMs = 0;
    const archiveId = roma.addArchive(Buffer.from('{"apps":"x","tasks":[]}'));
    const cross = `{
      vendors { vendor mode circuit }
      integrations(first: 3) { edges { node { name webhookUrl } } }
      integrationVersion(name: "${googleFixtures()[0]?.name}") { state integrationConfig download { url } }
      packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name actions { requestProperties { name value masked } } }
      appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } properties download { url } }
      assetArchive(archiveId: "${archiveId}") { sha256 apps download { url } }
    }`;
    const ok = await query(cross);
    expect(ok.errors).toBeUndefined();
    const data = ok.data as Record<string, { download?: { url: string } } | null>;
    for (const k of ['integrationVersion', 'appVersionExport', 'assetArchive'])
      await download(data[k]?.download?.url ?? '');
    await query(`mutation { exportAssets(input: { appIds: ["a"] }) { jobId } }`);

    // Failures of every kind, including refused credentials and a bad API key.
    for (const s of Object.values(sandboxes)) s?.server.setFault('*', { status: 401 });
    await query(cross);
    for (const s of Object.values(sandboxes)) s?.server.setFault('*', { status: 500 });
    await query(cross);
    for (const s of Object.values(sandboxes)) s?.server.setFault('*', { malformedJson: true });
    await query(cross);
    for (const s of Object.values(sandboxes)) s?.server.clearFaults();
    await query(cross, { 'x-api-key': `${adminKey}x` });
    await query(cross, { authorization: `Bearer ${secrets.SIGNING_SECRET}` });
    await gw.close();

    const issued = [
      ...(sandboxes.torq?.server as TorqSandbox).issued.keys(),
      ...(sandboxes.google?.server as GoogleSandbox).issued,
      ...(sandboxes.oracle?.server as OracleSandbox).issued,
      ...roma.issuedTokens,
      ...[...(sandboxes.akana?.server as unknown as { sessions: Map<string, number> }).sessions.keys()],
    ];
    expect(issued.length).toBeGreaterThan(3); // the credential flows really ran
    const haystack = [...captured, ...gw.logs].join('\n');
    expect(gw.logs.length).toBeGreaterThan(20);
    for (const [name, value] of Object.entries({ ...secrets, adminKey })) {
      expect(haystack.includes(value), `${name} leaked`).toBe(false);
    }
    for (const token of issued)
      expect(haystack.includes(token), `issued token ${token.slice(0, 12)}… leaked`).toBe(false);
    expect(haystack.includes('Welcome1'), 'masked vendor secret leaked').toBe(false);
    for (const s of Object.values(sandboxes)) await s?.server.close();
  });
});

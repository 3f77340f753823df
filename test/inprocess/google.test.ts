import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { type GoogleSandbox, startGoogleSandbox } from '../../src/vendors/google/sandbox.js';
import { graphql } from '../gql/index.js';
import { codes, startGateway, type TestGateway } from '../helpers.js';

const fixtures = googleFixtures();
const [v1, v2] = fixtures as [(typeof fixtures)[0], (typeof fixtures)[0]];

const Everything = graphql(`
  query GoogleEverything($name: String!) {
    integrationVersion(name: $name) {
      id
      name
      projectId
      location
      integration
      version
      description
      state
      snapshotNumber
      createTime
      updateTime
      lastModifierEmail
      userLabel
      triggers {
        label
        triggerType
        triggerId
        startTaskIds
      }
      tasks {
        taskId
        task
        displayName
        nextTaskIds
        parameterKeys
      }
      parameters {
        key
        dataType
        inputOutputType
      }
      integrationVersion
      integrationConfig
      files(types: [INTEGRATION]) {
        type
        content
      }
    }
  }
`);

const TypedOnly = graphql(`
  query GoogleTypedOnly($name: String!) {
    integrationVersion(name: $name) {
      state
      description
      tasks {
        taskId
      }
    }
  }
`);

const Download = graphql(`
  query GoogleDownload($name: String!) {
    integrationVersion(name: $name) {
      download(expiresIn: 60) {
        url
      }
    }
  }
`);

describe('Google Application Integration versions', () => {
  let gw: TestGateway;
  let sandbox: GoogleSandbox;
  beforeAll(async () => {
    gw = await startGateway();
    sandbox = gw.sandboxes.google?.server as GoogleSandbox;
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    sandbox.resetLog();
    sandbox.clearFaults();
  });

  it('types what users look at and merges every field into one downloadJsonPackage call', async () => {
    const res = await gw.query(Everything, { name: v1.name });
    expect(res.errors).toBeUndefined();
    const v = res.data?.integrationVersion;
    const iv = v1.integrationVersion as Record<string, unknown>;
    expect(v).toMatchObject({
      name: v1.name,
      projectId: 'acme-prod',
      location: 'us-central1',
      integration: 'order-sync',
      description: iv.description,
      state: iv.state,
      snapshotNumber: '1',
      lastModifierEmail: iv.lastModifierEmail,
      userLabel: null,
    });
    expect(v?.triggers[0]).toMatchObject({ label: 'API Trigger', triggerType: 'API', startTaskIds: ['1'] });
    expect(v?.tasks.map((t) => t.taskId)).toEqual(['1', '2']);
    expect(v?.tasks[0]?.parameterKeys).toEqual(['FieldMappingConfigTaskParameterKey']);
    expect(v?.integrationVersion).toEqual(iv);
    expect(v?.integrationConfig).toEqual(v1.integrationConfig);
    expect(v?.files).toEqual([{ type: 'INTEGRATION', content: iv }]);
    const calls = sandbox.calls('downloadJsonPackage');
    expect(calls).toHaveLength(1);
    // INTEGRATION + INTEGRATION_CONFIG_VARIABLES = every file: no filter at all.
    expect(calls[0]?.query.getAll('files')).toEqual([]);
    expect(calls[0]?.rawUrl).toContain(':downloadJsonPackage');
  });

  it('asks only for the files the query needs, with repeated files= parameters', async () => {
    // Typed fields come from versions.get (the existence check): no package download at all.
    const res = await gw.query(TypedOnly, { name: v1.name });
    expect(res.errors).toBeUndefined();
    expect(res.data?.integrationVersion?.state).toBe((v1.integrationVersion as { state: string }).state);
    expect(sandbox.calls().map((c) => c.route)).toEqual(['getVersion']);
    sandbox.resetLog();
    await gw.query(`{ integrationVersion(name: "${v1.name}") { integrationVersion } }`);
    expect(sandbox.calls('downloadJsonPackage')[0]?.query.getAll('files')).toEqual(['INTEGRATION']);
    sandbox.resetLog();
    await gw.query(
      `{ integrationVersion(name: "${v1.name}") { integrationConfig files(types: [INTEGRATION_CONFIG_VARIABLES]) { type } } }`,
    );
    expect(sandbox.calls('downloadJsonPackage')[0]?.query.getAll('files')).toEqual([
      'INTEGRATION_CONFIG_VARIABLES',
    ]);
    sandbox.resetLog();
    const both = await gw.query(
      `{ integrationVersion(name: "${v1.name}") { files(types: [INTEGRATION, INTEGRATION_CONFIG_VARIABLES]) { type } } }`,
    );
    expect(both.errors).toBeUndefined();
    expect(sandbox.calls('downloadJsonPackage')).toHaveLength(1);
  });

  it('makes one call of each kind per version per request, whatever the aliases', async () => {
    const res = await gw.query(`{
      a: integrationVersion(name: "${v1.name}") { state }
      b: integrationVersion(name: "${v1.name}") { tasks { taskId } integrationConfig }
      c: integrationVersion(name: "${v2.name}") { state }
    }`);
    expect(res.errors).toBeUndefined();
    // One versions.get per version (existence + typed fields), one package call where a package
    // field is asked (b's integrationConfig).
    expect(
      sandbox
        .calls('getVersion')
        .map((c) => c.path)
        .sort(),
    ).toEqual([`/v1/${v1.name}`, `/v1/${v2.name}`].sort());
    const calls = sandbox.calls('downloadJsonPackage');
    expect(calls.map((c) => c.path)).toEqual([`/v1/${v1.name}:downloadJsonPackage`]);
  });

  it('refuses malformed names with BAD_USER_INPUT and no vendor call', async () => {
    const bad = [
      'projects/p/locations/l/integrations/i',
      'projects/p/locations/l/integrations/i/versions/v/extra',
      'projects//locations/l/integrations/i/versions/v',
      'projects/p/locations/l/integrations/../versions/v',
      'projects/p/locations/l/integrations/i/versions/..',
      'projects/p/locations/l/integrations/i/versions/v?x=1',
      'projects/p/locations/l/integrations/i/versions/v#frag',
      'projects/p%2Fq/locations/l/integrations/i/versions/v',
      'projects/p/locations/l/integrations/i/versions/v:downloadJsonPackage',
      'folders/p/locations/l/integrations/i/versions/v',
      '/projects/p/locations/l/integrations/i/versions/v',
      'projects/p/locations/l/integrations/i/versions/v\n',
      '',
    ];
    for (const name of bad) {
      const res = await gw.query(TypedOnly, { name });
      expect(codes(res), JSON.stringify(name)).toEqual(['BAD_USER_INPUT']);
    }
    expect(sandbox.calls()).toHaveLength(0);
  });

  const faults: [number, string, string][] = [
    [401, 'UPSTREAM_UNAUTHENTICATED', 'UNAUTHENTICATED'],
    [403, 'UPSTREAM_FORBIDDEN', 'PERMISSION_DENIED'],
    [400, 'BAD_USER_INPUT', 'INVALID_ARGUMENT'],
    [429, 'RATE_LIMITED', 'RESOURCE_EXHAUSTED'],
    [500, 'UPSTREAM_UNAVAILABLE', 'INTERNAL'],
    [504, 'UPSTREAM_TIMEOUT', 'DEADLINE_EXCEEDED'],
  ];
  for (const [status, code, vendorCode] of faults) {
    it(`maps Google ${status} to ${code} with status ${vendorCode} as vendorCode`, async () => {
      sandbox.setFault('downloadJsonPackage', { status, retryAfter: '0' });
      const res = await gw.query<{ vendors: unknown[] }, never>(
        `{ vendors { vendor } integrationVersion(name: "${v1.name}") { name integrationConfig } }`,
      );
      expect(res.data?.vendors).toBeDefined();
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code,
        vendor: 'GOOGLE_APPLICATION_INTEGRATION',
        httpStatus: status,
        vendorCode,
      });
    });
  }

  it('resolves an unknown version to null with no error and no package call (versions.get says 404)', async () => {
    const name = 'projects/acme-prod/locations/us-central1/integrations/order-sync/versions/nope';
    const res = await gw.query(TypedOnly, { name });
    expect(res.errors).toBeUndefined();
    expect(res.data?.integrationVersion).toBeNull();
    expect(sandbox.calls('getVersion')).toHaveLength(1);
    expect(sandbox.calls('downloadJsonPackage')).toHaveLength(0);
  });

  it('downloads the JSON package as {integration}-{version}.json', async () => {
    const res = await gw.query(Download, { name: v2.name });
    // Only the existence check (versions.get); the package is fetched when the link is used.
    expect(sandbox.calls().map((c) => c.route)).toEqual(['getVersion']);
    const file = await fetch(res.data?.integrationVersion?.download.url ?? '');
    expect(file.status).toBe(200);
    const parts = v2.name.split('/');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="${parts[5]}-${parts[7]}.json"`,
    );
    expect(file.headers.get('content-type')).toBe('application/json');
    expect(await file.json()).toEqual({
      files: [
        { type: 'INTEGRATION', integrationVersion: v2.integrationVersion },
        { type: 'INTEGRATION_CONFIG_VARIABLES', integrationConfig: v2.integrationConfig },
      ],
    });
    expect(sandbox.calls('downloadJsonPackage')[0]?.query.getAll('files')).toEqual([]);
  });
});

describe('Google credentials through google-auth-library', () => {
  function serviceAccountKeyFile(tokenUri: string) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = mkdtempSync(join(tmpdir(), 'vg-google-'));
    const file = join(dir, 'key.json');
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(
      file,
      JSON.stringify({
        type: 'service_account',
        project_id: 'acme-prod',
        private_key_id: 'test-key-1',
        private_key: privatePem,
        client_email: 'gateway@acme-prod.iam.gserviceaccount.com',
        client_id: '1234567890',
        token_uri: tokenUri,
      }),
    );
    return { file, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem };
  }

  it('signs a JWT with a service-account key, exchanges it at token_uri once, and reuses the token', async () => {
    await using sandbox = await startGoogleSandbox();
    const key = serviceAccountKeyFile(`${sandbox.url}/token`);
    sandbox.trustedKeys.push(key.publicPem);
    await using gw = await startGateway({
      GOOGLE_INTEGRATIONS_BASE_URL: sandbox.url,
      GOOGLE_APPLICATION_CREDENTIALS: key.file,
    });
    for (const v of [v1, v2]) {
      const res = await gw.query(TypedOnly, { name: v.name });
      expect(res.errors).toBeUndefined();
    }
    expect(sandbox.calls('token')).toHaveLength(1);
    const calls = sandbox.calls('getVersion');
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => String(c.headers.authorization).startsWith('Bearer ya29.sandbox-'))).toBe(true);
    const logs = gw.logs.join('\n');
    expect(logs).not.toContain('PRIVATE KEY');
  });

  it('reports a key Google does not accept as UPSTREAM_UNAUTHENTICATED, with nothing secret', async () => {
    await using sandbox = await startGoogleSandbox();
    const key = serviceAccountKeyFile(`${sandbox.url}/token`); // not trusted by the sandbox
    await using gw = await startGateway({
      GOOGLE_INTEGRATIONS_BASE_URL: sandbox.url,
      GOOGLE_APPLICATION_CREDENTIALS: key.file,
      UPSTREAM_RETRIES: '0',
    });
    const res = await gw.query(TypedOnly, { name: v1.name });
    expect(new Set(codes(res))).toEqual(new Set(['UPSTREAM_UNAUTHENTICATED']));
    expect(JSON.stringify(res)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(res)).not.toContain(key.file);
    expect(sandbox.calls('downloadJsonPackage')).toHaveLength(0);
  });
});

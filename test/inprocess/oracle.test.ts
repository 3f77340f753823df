import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { SEED_LISTING, SEED_PACKAGE } from '../../src/vendors/oracle/fixtures.js';
import { ORACLE_SANDBOX, type OracleSandbox, startOracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import { graphql } from '../gql/index.js';
import { codes, startGateway, type TestGateway } from '../helpers.js';

const Package = graphql(`
  query OraclePackage($listing: ID!, $pkg: ID!) {
    packageVersion(listingVersionId: $listing, packageVersionId: $pkg) {
      id
      packageVersionId
      listingVersionId
      name
      description
      version
      type
      namespacePrefix
      displayName
      listingImageUrl
      status
      statusDisplayName
      dependentServices {
        tag
        serviceName
        minVersion
        maxVersion
        isDedicatedToApp
        minSize
        maxSize
      }
      actions {
        tag
        dependentServiceTag
        actionName
        type
        requestProperties {
          name
          source
          value
          masked
        }
        authentication {
          type
          authHeader
        }
      }
      operations {
        type
        actionExecutionSequence {
          sequenceNumber
          actionTag
        }
      }
      accessUrls {
        name
        description
        staticUrl
        dynamicUrl
        parameters {
          name
          value
        }
      }
      links {
        rel
        href
      }
    }
  }
`);

describe('Oracle Marketplace package versions', () => {
  let gw: TestGateway;
  let sandbox: OracleSandbox;
  beforeAll(async () => {
    gw = await startGateway();
    sandbox = gw.sandboxes.oracle?.server as OracleSandbox;
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    sandbox.resetLog();
    sandbox.clearFaults();
  });

  it('types every field of the seed example, in camelCase, with secrets masked', async () => {
    const res = await gw.query(Package, { listing: SEED_LISTING, pkg: SEED_PACKAGE });
    expect(res.errors).toBeUndefined();
    const p = res.data?.packageVersion;
    expect(p).toMatchObject({
      packageVersionId: SEED_PACKAGE,
      listingVersionId: SEED_LISTING,
      name: 'Add credential package : soude - 2016-01-29 [try #1]_3084831',
      description: 'Rest Package Snippet',
      version: '1.0',
      type: 'UNMANAGED',
      namespacePrefix: 'Rest Package Snippet',
      displayName: null,
      listingImageUrl: 'https://ocm-apis.cloud.oracle.com/marketplace/content?contentId=2133542',
      status: 'VALIDATION_SUCCEEDED',
      statusDisplayName: null,
      dependentServices: [
        {
          tag: 'Java Service',
          serviceName: 'JAVA',
          minVersion: '1',
          maxVersion: '10',
          isDedicatedToApp: true,
          minSize: '1311',
          maxSize: '',
        },
      ],
      operations: [
        { type: 'INSTALL', actionExecutionSequence: [{ sequenceNumber: 1, actionTag: 'Add credential' }] },
        {
          type: 'UNINSTALL',
          actionExecutionSequence: [{ sequenceNumber: 1, actionTag: 'Delete credential' }],
        },
      ],
      accessUrls: [
        {
          name: 'static',
          description: 'Test URL',
          staticUrl: 'https://www.oracle.co.in/?gws_rd=ssl',
          dynamicUrl: null,
          parameters: [],
        },
      ],
      links: [
        {
          rel: 'CANONICAL',
          href: `https://ocm-apis.cloud.oracle.com/appstore/publisher/v1/applications/${SEED_LISTING}/packages/${SEED_PACKAGE}`,
        },
      ],
    });
    const props = p?.actions[0]?.requestProperties ?? [];
    expect(props).toEqual([
      { name: 'CREDENTIAL_MAP_NAME', source: 'BLUEPRINT_STATIC', value: 'user.custom.map', masked: false },
      {
        name: 'DESCRIPTION',
        source: 'BLUEPRINT_STATIC',
        value: 'Test action for addcredential - soude',
        masked: false,
      },
      // Masked by what the value is: KEY names the credential-map entry, KEY_USER a user name.
      { name: 'KEY', source: 'BLUEPRINT_STATIC', value: 'ADD_CRED_TEST', masked: false },
      { name: 'KEY_USER', source: 'BLUEPRINT_STATIC', value: 'ADD_CRED_TEST_SOUDE', masked: false },
      { name: 'KEY_PASSWORD', source: 'BLUEPRINT_STATIC', value: '********', masked: true },
    ]);
    expect(p?.actions[0]?.authentication).toEqual({ type: '', authHeader: '' });
    expect(JSON.stringify(res)).not.toContain('Welcome1');
    const call = sandbox.calls('packageVersion')[0];
    expect(call?.headers['x-oracle-userid']).toBe(ORACLE_SANDBOX.userId);
    expect(call?.headers.authorization).toBe(`Bearer ${ORACLE_SANDBOX.token}`);
  });

  it('accepts the v2 status object and leaves references unmasked', async () => {
    const res = await gw.query(Package, { listing: '2200000', pkg: '3100001' });
    expect(res.errors).toBeUndefined();
    const p = res.data?.packageVersion;
    expect(p?.status).toBe('PUBLISHED');
    expect(p?.statusDisplayName).toBe('Published');
    const props = Object.fromEntries((p?.actions[0]?.requestProperties ?? []).map((x) => [x.name, x]));
    expect(props.ADMIN_PASSWORD).toMatchObject({ value: '${adminPassword}', masked: false });
    expect(props.API_TOKEN).toMatchObject({ value: '********', masked: true });
    expect(props.CLIENT_SECRET).toMatchObject({ value: '', masked: false });
    expect(p?.accessUrls[0]?.parameters).toEqual([
      { name: 'host', value: 'db.example.com' },
      { name: 'port', value: '7002' },
    ]);
  });

  it('checks both ids are numeric before any call', async () => {
    for (const [listing, pkg] of [
      ['abc', '1'],
      ['1', '../2'],
      ['1', '1e5'],
      ['-1', '2'],
      ['0', '2'],
      ['1'.repeat(30), '2'],
    ]) {
      const res = await gw.query(Package, { listing: listing as string, pkg: pkg as string });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    }
    expect(sandbox.calls()).toHaveLength(0);
  });

  it('returns null for an unknown package and maps 400/401/500', async () => {
    const unknown = await gw.query(Package, { listing: '999', pkg: '888' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.packageVersion).toBeNull();
    for (const [status, code] of [
      [400, 'BAD_USER_INPUT'],
      [401, 'UPSTREAM_UNAUTHENTICATED'],
      [500, 'UPSTREAM_UNAVAILABLE'],
    ] as const) {
      sandbox.setFault('packageVersion', { status });
      const res = await gw.query(Package, { listing: SEED_LISTING, pkg: SEED_PACKAGE });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code,
        vendor: 'ORACLE_CLOUD_MARKETPLACE',
        httpStatus: status,
        vendorCode: `OCM-${status}`,
      });
      expect(res.errors?.[0]?.extensions?.requestId).toMatch(/^[0-9a-f]{16}$/);
      sandbox.clearFaults();
    }
  });

  it('calls once per distinct package and resolves node ids', async () => {
    const res = await gw.query(`{
      a: packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") { id name }
      b: packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") { name }
      c: packageVersion(listingVersionId: "2200000", packageVersionId: "3100000") { name }
    }`);
    expect(res.errors).toBeUndefined();
    expect(sandbox.calls('packageVersion')).toHaveLength(2);
    const id = (res.data as { a: { id: string } }).a.id;
    expect(id).toBe(encodeGlobalId('PackageVersion', `${SEED_LISTING}/${SEED_PACKAGE}`));
    const node = await gw.query(`{ node(id: "${id}") { ... on PackageVersion { packageVersionId } } }`);
    expect(node.data).toEqual({ node: { packageVersionId: SEED_PACKAGE } });
    const bad = await gw.query(`{ node(id: "${encodeGlobalId('PackageVersion', 'x/y')}") { id } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Oracle client credentials', () => {
  it('authenticates once with HTTP Basic and reuses the token', async () => {
    await using sandbox = await startOracleSandbox();
    await using gw = await startGateway({
      ORACLE_MARKETPLACE_BASE_URL: sandbox.url,
      ORACLE_USER_ID: ORACLE_SANDBOX.userId,
      ORACLE_CLIENT_ID: ORACLE_SANDBOX.clientId,
      ORACLE_CLIENT_SECRET: ORACLE_SANDBOX.clientSecret,
    });
    const all = await Promise.all(
      ['3100000', '3100001', '3100002'].map((pkg) => gw.query(Package, { listing: '2200000', pkg })),
    );
    for (const r of all) expect(r.errors).toBeUndefined();
    expect(sandbox.calls('authenticate')).toHaveLength(1);
    expect(sandbox.calls('authenticate')[0]?.headers.authorization).toMatch(/^Basic /);
    expect(sandbox.calls('packageVersion')).toHaveLength(3);
    expect(gw.logs.join('\n')).not.toContain(ORACLE_SANDBOX.clientSecret);
  });
});

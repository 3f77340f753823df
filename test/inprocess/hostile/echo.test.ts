/**
 * Echoing vendors: every emulator can answer an error whose text repeats the credentials it was
 * sent (Authorization, Cookie, X-Auth-Token, CSRF headers, the login body). Whatever the vendor
 * and whatever the credential (static token, session cookie, CSRF value, client secret in HTTP
 * Basic, login or IAM password, a caller's forwarded token), it never reaches a response or a log
 * line: the error says `[redacted]` where the vendor quoted it. The same holds for a 200 answer
 * that reflects them (typed fields and raw JSON passed through alike).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxServer } from '../../../src/sandbox/harness.js';
import { AKANA_SANDBOX } from '../../../src/vendors/akana/sandbox.js';
import { googleFixtures } from '../../../src/vendors/google/fixtures.js';
import { GOOGLE_SANDBOX } from '../../../src/vendors/google/sandbox.js';
import { type StartedSandboxes, startSandboxes } from '../../../src/vendors/index.js';
import { ORACLE_SANDBOX } from '../../../src/vendors/oracle/sandbox.js';
import { ROMA_SANDBOX } from '../../../src/vendors/roma/sandbox.js';
import { TORQ_SANDBOX, type TorqSandbox } from '../../../src/vendors/torq/sandbox.js';
import { type GraphQLResponse, startGateway, type TestGateway } from '../../helpers.js';
import { probeFor, type ProbeVendor, vendorProbes } from '../../probes.js';

type VendorKey = ProbeVendor;

const PROBES = await vendorProbes('job-echo');

const basic = (user: string, pass: string) => Buffer.from(`${user}:${pass}`).toString('base64');
const CSRF = 'csrf-value-7f3a9c1e5b';
const FORWARDED = 'callers-own-torq-token-4d2e8b';

/** Every credential value any gateway below sends to an emulator. */
const SECRETS = [
  TORQ_SANDBOX.token,
  TORQ_SANDBOX.clientSecret,
  basic(TORQ_SANDBOX.clientId, TORQ_SANDBOX.clientSecret),
  GOOGLE_SANDBOX.token,
  ORACLE_SANDBOX.token,
  ORACLE_SANDBOX.clientSecret,
  basic(ORACLE_SANDBOX.clientId, ORACLE_SANDBOX.clientSecret),
  AKANA_SANDBOX.session,
  'akana-sandbox-session',
  AKANA_SANDBOX.password,
  ROMA_SANDBOX.token,
  ROMA_SANDBOX.iamPassword,
  CSRF,
  FORWARDED,
];

function expectScrubbed(gw: TestGateway, res: GraphQLResponse<unknown>, label: string): void {
  const message = res.errors?.[0]?.message ?? '';
  expect(message, label).toContain('[redacted]'); // the vendor did echo, and we scrubbed it
  const seen = `${JSON.stringify(res)}\n${gw.logs.join('\n')}`;
  for (const s of SECRETS) expect(seen, `${label}: ${s}`).not.toContain(s);
}

describe('hostile: echoing vendors, sandbox credentials', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ UPSTREAM_RETRIES: '0' });
  });
  afterAll(() => gw.close());

  for (const vendor of Object.keys(PROBES) as VendorKey[]) {
    for (const status of [401, 403, 400, 500]) {
      it(`${vendor}: a ${status} that echoes the credential is scrubbed`, async () => {
        const sandbox = gw.sandboxes[vendor]?.server as SandboxServer;
        sandbox.resetLog();
        sandbox.setFault(probeFor(PROBES, vendor).route, { echoCredentials: true, status });
        try {
          const res = await gw.query(probeFor(PROBES, vendor).query);
          expect(sandbox.calls(probeFor(PROBES, vendor).route).length).toBeGreaterThan(0);
          expectScrubbed(gw, res, `${vendor} ${status}`);
        } finally {
          sandbox.clearFaults();
        }
      });
    }
  }

  it('torq: credential values quoted in the error `details` are scrubbed there too', async () => {
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.errorDetails = [
      {
        '@type': 'type.googleapis.com/google.rpc.DebugInfo',
        detail: `request had Authorization: Bearer ${TORQ_SANDBOX.token}`,
        [`seen-${TORQ_SANDBOX.token}`]: 42,
        stackEntries: [TORQ_SANDBOX.token],
      },
    ];
    torq.resetLog();
    torq.setFault(probeFor(PROBES, 'torq').route, { echoCredentials: true, status: 400 });
    try {
      const res = await gw.query(probeFor(PROBES, 'torq').query);
      expect(torq.calls(probeFor(PROBES, 'torq').route).length).toBeGreaterThan(0);
      expectScrubbed(gw, res, 'torq details');
      expect(res.errors?.[0]?.extensions?.details).toEqual([
        {
          '@type': 'type.googleapis.com/google.rpc.DebugInfo',
          // The whole header value is the longest secret: scrubbed whole.
          detail: 'request had Authorization: [redacted]',
          // A secret in a key is scrubbed too (and this key also reads as credential-like).
          'seen-[redacted]': '[REDACTED]',
          stackEntries: ['[redacted]'],
        },
      ]);
    } finally {
      torq.errorDetails = [];
      torq.clearFaults();
    }
  });
});

describe('hostile: echoing token endpoints, logins, CSRF and forwarded credentials', () => {
  let sandboxes: StartedSandboxes;
  const url = (k: VendorKey) => sandboxes[k]?.server.url ?? '';
  const server = (k: VendorKey) => sandboxes[k]?.server as SandboxServer;
  beforeAll(async () => {
    sandboxes = await startSandboxes(['torq', 'google', 'oracle', 'akana', 'roma']);
  });
  afterAll(async () => {
    await Promise.all(Object.values(sandboxes).map((s) => s?.server.close()));
  });

  const cases: { name: string; vendor: VendorKey; route: string; env: () => Record<string, string> }[] = [
    {
      name: 'Torq client secret (HTTP Basic) at the token endpoint',
      vendor: 'torq',
      route: 'token',
      env: () => ({
        TORQ_BASE_URL: url('torq'),
        TORQ_AUTH_URL: `${url('torq')}/v1/auth/token`,
        TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
        TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
      }),
    },
    {
      name: 'Oracle client secret (HTTP Basic) at authenticate',
      vendor: 'oracle',
      route: 'authenticate',
      env: () => ({
        ORACLE_MARKETPLACE_BASE_URL: url('oracle'),
        ORACLE_USER_ID: ORACLE_SANDBOX.userId,
        ORACLE_CLIENT_ID: ORACLE_SANDBOX.clientId,
        ORACLE_CLIENT_SECRET: ORACLE_SANDBOX.clientSecret,
      }),
    },
    {
      name: 'Akana password in the login body',
      vendor: 'akana',
      route: 'login',
      env: () => ({
        AKANA_BASE_URL: url('akana'),
        AKANA_FED_MEMBER_ID: AKANA_SANDBOX.fedMemberId,
        AKANA_EMAIL: AKANA_SANDBOX.email,
        AKANA_PASSWORD: AKANA_SANDBOX.password,
      }),
    },
    {
      name: 'Akana session cookie and CSRF token',
      vendor: 'akana',
      route: 'exportPackage',
      env: () => ({
        AKANA_BASE_URL: url('akana'),
        AKANA_FED_MEMBER_ID: AKANA_SANDBOX.fedMemberId,
        AKANA_AUTH_TOKEN: AKANA_SANDBOX.session,
        AKANA_CSRF_TOKEN: CSRF,
      }),
    },
    {
      name: 'Huawei IAM password in the token body',
      vendor: 'roma',
      route: 'iamToken',
      env: () => ({
        ROMA_BASE_URL: url('roma'),
        ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
        ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
        HUAWEI_IAM_URL: url('roma'),
        HUAWEI_IAM_USER: ROMA_SANDBOX.iamUser,
        HUAWEI_IAM_PASSWORD: ROMA_SANDBOX.iamPassword,
        HUAWEI_IAM_DOMAIN: ROMA_SANDBOX.iamDomain,
      }),
    },
    {
      name: 'Google static access token',
      vendor: 'google',
      route: 'getVersion',
      env: () => ({ GOOGLE_INTEGRATIONS_BASE_URL: url('google'), GOOGLE_ACCESS_TOKEN: GOOGLE_SANDBOX.token }),
    },
  ];

  for (const c of cases) {
    it(`${c.name} is scrubbed`, async () => {
      await using gw = await startGateway({ ...c.env(), UPSTREAM_RETRIES: '0' }, { sandboxes });
      server(c.vendor).resetLog();
      server(c.vendor).setFault(c.route, { echoCredentials: true });
      try {
        const res = await gw.query(probeFor(PROBES, c.vendor).query);
        expect(server(c.vendor).calls(c.route).length).toBeGreaterThan(0);
        expectScrubbed(gw, res, c.name);
      } finally {
        server(c.vendor).clearFaults();
      }
    });
  }

  it("a caller's forwarded credential is scrubbed too", async () => {
    await using gw = await startGateway(
      { TORQ_BASE_URL: url('torq'), TORQ_TOKEN: TORQ_SANDBOX.token, CREDENTIAL_FORWARDING: 'true' },
      { sandboxes },
    );
    server('torq').setFault('listIntegrations', { echoCredentials: true });
    try {
      const res = await gw.query(probeFor(PROBES, 'torq').query, undefined, { 'x-torq-token': FORWARDED });
      expect(server('torq').calls('listIntegrations').at(-1)?.headers.authorization).toBe(
        `Bearer ${FORWARDED}`,
      );
      expectScrubbed(gw, res, 'forwarded');
    } finally {
      server('torq').clearFaults();
    }
  });
});

describe('hostile: 200 answers that reflect the credentials', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ UPSTREAM_RETRIES: '0' });
  });
  afterAll(() => gw.close());

  const cases: { name: string; vendor: VendorKey; route: string; field: string; query: string }[] = [
    {
      name: 'Oracle raw (the whole answer passed through)',
      vendor: 'oracle',
      route: 'packageVersion',
      field: 'debugRequest',
      query: '{ packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { raw } }',
    },
    {
      name: 'Oracle typed field',
      vendor: 'oracle',
      route: 'packageVersion',
      field: 'name',
      query: '{ packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name } }',
    },
    {
      name: 'Google typed field',
      vendor: 'google',
      route: 'getVersion',
      field: 'description',
      query: `{ integrationVersion(name: "${googleFixtures()[0]?.name}") { description } }`,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: the reflected credential is scrubbed`, async () => {
      const sandbox = gw.sandboxes[c.vendor]?.server as SandboxServer;
      sandbox.resetLog();
      sandbox.setFault(c.route, { reflectCredentials: { field: c.field } });
      try {
        const res = await gw.query(c.query);
        expect(res.errors, c.name).toBeUndefined();
        expect(sandbox.calls(c.route).length).toBeGreaterThan(0);
        const seen = `${JSON.stringify(res)}\n${gw.logs.join('\n')}`;
        // The vendor did reflect it (the header's name survives), and the value is gone.
        expect(JSON.stringify(res.data), c.name).toMatch(/authorization: \[redacted\]/);
        for (const s of SECRETS) expect(seen, `${c.name}: ${s}`).not.toContain(s);
      } finally {
        sandbox.clearFaults();
      }
    });
  }
});

/** The seed's example package, verbatim, plus generated variety (v1 and v2 status shapes). */
import type { SandboxProbe } from '../types.js';
/** A package version as Oracle sends it (JSON). */
type PackageJson = Record<string, unknown>;

export const SEED_LISTING = '2133526';
export const SEED_PACKAGE = '3084832';

export const SEED_PACKAGE_JSON: PackageJson = {
  id: 3084832,
  listingVersionId: 2133526,
  name: 'Add credential package : soude - 2016-01-29 [try #1]_3084831',
  description: 'Rest Package Snippet',
  version: '1.0',
  type: 'UNMANAGED',
  namespacePrefix: 'Rest Package Snippet',
  displayName: '',
  listingImageURL: 'https://ocm-apis.cloud.oracle.com/marketplace/content?contentId=2133542',
  status: 'VALIDATION_SUCCEEDED',
  dependentServices: [
    {
      tag: 'Java Service',
      serviceName: 'JAVA',
      minVersion: '1',
      maxVersion: '10',
      isDedicatedToAppFlag: true,
      minSize: '1311',
      maxSize: '',
    },
  ],
  actions: [
    {
      tag: 'Add credential',
      dependentServiceTag: 'Java Service',
      actionName: 'addcredential',
      type: 'OUT_OF_THE_BOX_ACTION',
      requestProperties: [
        { name: 'CREDENTIAL_MAP_NAME', source: 'BLUEPRINT_STATIC', value: 'user.custom.map' },
        { name: 'DESCRIPTION', source: 'BLUEPRINT_STATIC', value: 'Test action for addcredential - soude' },
        { name: 'KEY', source: 'BLUEPRINT_STATIC', value: 'ADD_CRED_TEST' },
        { name: 'KEY_USER', source: 'BLUEPRINT_STATIC', value: 'ADD_CRED_TEST_SOUDE' },
        { name: 'KEY_PASSWORD', source: 'BLUEPRINT_STATIC', value: 'Welcome1' },
      ],
      authentication: { type: '', authHeader: '' },
    },
    {
      tag: 'Delete credential',
      dependentServiceTag: 'Java Service',
      actionName: 'deletecredential',
      type: 'OUT_OF_THE_BOX_ACTION',
      requestProperties: [
        { name: 'CREDENTIAL_MAP_NAME', source: 'BLUEPRINT_STATIC', value: 'user.custom.map' },
        { name: 'KEY', source: 'BLUEPRINT_STATIC', value: 'ADD_CRED_TEST' },
      ],
      authentication: { type: '', authHeader: '' },
    },
  ],
  operations: [
    { type: 'INSTALL', actionExecutionSequence: [{ sequenceNumber: 1, actionTag: 'Add credential' }] },
    { type: 'UNINSTALL', actionExecutionSequence: [{ sequenceNumber: 1, actionTag: 'Delete credential' }] },
  ],
  accessURLs: [
    { name: 'static', description: 'Test URL', staticURL: 'https://www.oracle.co.in/?gws_rd=ssl' },
  ],
  links: [
    {
      rel: 'CANONICAL',
      href: 'https://ocm-apis.cloud.oracle.com/appstore/publisher/v1/applications/2133526/packages/3084832',
    },
  ],
};

export function oracleFixtures(): Map<string, PackageJson> {
  const out = new Map<string, PackageJson>([[`${SEED_LISTING}/${SEED_PACKAGE}`, SEED_PACKAGE_JSON]]);
  for (let l = 0; l < 22; l++) {
    const listing = 2200000 + l * 17;
    for (let p = 0; p < 4; p++) {
      const pkg = 3100000 + l * 100 + p;
      const v2 = (l + p) % 2 === 1;
      out.set(`${listing}/${pkg}`, {
        id: pkg,
        listingVersionId: listing,
        name: `Connector pack ${l + 1}.${p}`,
        description: `Deploys connector ${l + 1} on Oracle Cloud (package ${p})`,
        version: `${p + 1}.0`,
        type: p % 2 ? 'MANAGED' : 'UNMANAGED',
        namespacePrefix: `conn${l + 1}`,
        displayName: `Connector ${l + 1}`,
        listingImageURL: `https://ocm-apis.cloud.oracle.com/marketplace/content?contentId=${listing + 16}`,
        code: `CONN${l + 1}-${p}`,
        deploymentMode: p % 2 ? 'MANAGED' : 'SELF_DEPLOYED',
        owner: 'partner@acme.example',
        partnerName: 'Acme Connectors',
        resources: [
          { id: `${pkg}01`, name: 'install-guide.pdf', type: 'DOCUMENT', description: 'Installation guide' },
        ],
        downloadablePackageResource: {
          id: `${pkg}02`,
          name: `connector-${l + 1}.${p}.zip`,
          type: 'PACKAGE',
          description: 'The package archive',
        },
        status: v2 ? { code: 'PUBLISHED', displayName: 'Published' } : 'VALIDATION_SUCCEEDED',
        dependentServices: [
          {
            tag: 'DB',
            serviceName: 'DBCS',
            minVersion: '19',
            maxVersion: '23',
            isDedicatedToAppFlag: false,
            minSize: '1',
            maxSize: '4',
            standardProperties: [
              { name: 'DB_VERSION', value: '19c' },
              { name: 'SYS_PASSWORD', value: `sys-${pkg}` },
            ],
          },
        ],
        actions: [
          {
            tag: 'Provision',
            dependentServiceTag: 'DB',
            actionName: 'provision',
            type: 'CUSTOM_ACTION',
            requestProperties: [
              { name: 'DB_NAME', source: 'BLUEPRINT_STATIC', value: `conn${l}db` },
              { name: 'ADMIN_PASSWORD', source: 'USER_INPUT', value: '${adminPassword}' },
              { name: 'API_TOKEN', source: 'BLUEPRINT_STATIC', value: `tok-${listing}-${pkg}` },
              { name: 'CLIENT_SECRET', source: 'BLUEPRINT_STATIC', value: '' },
              {
                name: 'TOKEN_URL',
                source: 'BLUEPRINT_STATIC',
                value: 'https://idcs.example.com/oauth2/v1/token',
              },
              { name: 'SSH_PRIVATE_KEY', source: 'BLUEPRINT_STATIC', value: `pk-${pkg}` },
            ],
            authentication: { type: 'BASIC', authHeader: 'Authorization' },
          },
        ],
        operations: [
          { type: 'INSTALL', actionExecutionSequence: [{ sequenceNumber: 1, actionTag: 'Provision' }] },
        ],
        accessURLs: [
          {
            name: 'console',
            description: 'Admin console',
            staticURL: '',
            dynamicURL: 'https://{host}:{port}/console',
            parameters: [
              { name: 'host', value: 'db.example.com' },
              { name: 'port', value: '7002' },
            ],
          },
        ],
        links: [
          {
            rel: 'CANONICAL',
            href: `https://ocm-apis.cloud.oracle.com/appstore/publisher/v1/applications/${listing}/packages/${pkg}`,
          },
        ],
      });
    }
  }
  return out;
}

const APP_STATUSES = ['PUBLISHED', 'NEW', 'PUBLISHED', 'PENDING_APPROVAL', 'PUBLISHED', 'WITHDRAWN'] as const;

/**
 * The publisher's applications (`GET /appstore/publisher/v1/applications` items): one per listing
 * version of the package fixtures, each a listing summary (`id` = listingVersionId, `listingId`,
 * `name`, `status`, `lastUpdateDate`…).
 */
export function oracleApplicationFixtures(packages: Map<string, PackageJson>): Record<string, unknown>[] {
  const listings = [...new Set([...packages.values()].map((p) => String(p.listingVersionId)))];
  return listings.map((id, i) => {
    const first = [...packages.values()].find((p) => String(p.listingVersionId) === id) ?? {};
    const status = id === SEED_LISTING ? 'PUBLISHED' : (APP_STATUSES[i % APP_STATUSES.length] as string);
    return {
      id: Number(id),
      listingId: Number(id) - 11,
      name: id === SEED_LISTING ? 'Rest Package Snippet' : `Acme ${String(first.displayName ?? id)}`,
      shortDescription: String(first.description ?? ''),
      versionNumber: '1.0',
      status: {
        code: status,
        displayName: status.charAt(0) + status.slice(1).toLowerCase().replace('_', ' '),
      },
      lastUpdateDate: new Date(Date.UTC(2024, 2, 1 + i)).toISOString(),
      publisher: { name: 'Acme Connectors' },
    };
  });
}

/** The sandbox probe (SandboxProbe): the seed package version. */
export function sandboxProbe(): SandboxProbe {
  return {
    route: 'packageVersion',
    select: `packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") { name }`,
    field: ['packageVersion'],
    kind: 'json',
    misshapen: {
      body: {
        id: 3084832,
        listingVersionId: 2133526,
        actions: [{ requestProperties: [{ name: 'KEY_PASSWORD', value: { secret: 'secret-ish' } }] }],
      },
      field: 'actions[0].requestProperties[0].value',
    },
  };
}

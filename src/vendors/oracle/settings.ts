/** Oracle's settings (a leaf: spec.ts reads it; no client code here). */
import { int, placed, secret, text, url } from '../../settings/kinds.js';
import { type SectionOf, vendorSettings } from '../../settings/vendor.js';

export const ORACLE_SETTINGS = vendorSettings({
  key: 'oracle',
  prefix: 'ORACLE',
  ownPrefixes: ['ORACLE_'],
  entries: {
    ORACLE_MARKETPLACE_BASE_URL: placed(
      'oracle.baseUrl',
      url({ doc: 'Oracle Cloud Marketplace partner API' }),
    ),
    ORACLE_USER_ID: placed(
      'oracle.userId',
      text({
        doc: 'Oracle Marketplace user id, required when Oracle is LIVE (sent as `X-Oracle-UserId` on every call)',
      }),
    ),
    ORACLE_ACCESS_TOKEN: placed(
      'oracle.accessToken',
      secret({ doc: 'Oracle bearer token (or `ORACLE_CLIENT_ID` + `ORACLE_CLIENT_SECRET`)' }),
    ),
    ORACLE_CLIENT_ID: placed('oracle.clientId', text({ doc: 'Oracle OAuth client id' })),
    ORACLE_CLIENT_SECRET: placed('oracle.clientSecret', secret({ doc: 'Oracle OAuth client secret' })),
  },
  groups: {
    cache: {
      ORACLE_CACHE_TTL_MS: placed(
        'cache.ttlMs.oracle',
        int({
          min: 0,
          max: 86_400_000,
          fallback: 300_000,
          doc: 'how long an Oracle package version stays fresh (`0` = not cached)',
        }),
      ),
    },
  },
  scopes: [{ name: 'oracle:read' }],
  credential: [
    'ORACLE_MARKETPLACE_BASE_URL',
    'ORACLE_USER_ID',
    'ORACLE_ACCESS_TOKEN',
    'ORACLE_CLIENT_ID',
    'ORACLE_CLIENT_SECRET',
  ],
  live: ['ORACLE_MARKETPLACE_BASE_URL', 'ORACLE_ACCESS_TOKEN', 'ORACLE_CLIENT_ID', 'ORACLE_CLIENT_SECRET'],
  together: [['ORACLE_CLIENT_ID', 'ORACLE_CLIENT_SECRET']],
  whenLive: (s) =>
    s.userId
      ? []
      : ['ORACLE_USER_ID must be set when Oracle is configured (every call sends it as X-Oracle-UserId)'],
});

/** Oracle's section of the settings (`settings.oracle`). */
export type OracleSettings = SectionOf<typeof ORACLE_SETTINGS>;

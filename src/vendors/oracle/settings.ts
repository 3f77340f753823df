/** Oracle's settings (a leaf: spec.ts reads it; no client code here). */
import { placed, secret, text, url } from '../../settings/kinds.js';
import { vendorSettings } from '../../settings/vendor.js';

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
  live: ['ORACLE_MARKETPLACE_BASE_URL', 'ORACLE_ACCESS_TOKEN', 'ORACLE_CLIENT_ID', 'ORACLE_CLIENT_SECRET'],
  together: [['ORACLE_CLIENT_ID', 'ORACLE_CLIENT_SECRET']],
  whenLive: (s) =>
    s.userId
      ? []
      : ['ORACLE_USER_ID must be set when Oracle is configured (every call sends it as X-Oracle-UserId)'],
});

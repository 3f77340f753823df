/** Torq's settings (a leaf: spec.ts reads it; no client code here). */
import { placed, secret, text, url } from '../../settings/kinds.js';
import { vendorSettings } from '../../settings/vendor.js';

export const TORQ_SETTINGS = vendorSettings({
  key: 'torq',
  prefix: 'TORQ',
  ownPrefixes: ['TORQ_'],
  // Torq documents a limit of 50 requests per second.
  httpDefaults: { ratePerSecond: 50 },
  entries: {
    TORQ_BASE_URL: placed(
      'torq.baseUrl',
      url({ doc: 'Torq API, e.g. `https://api.torq.io/public` (EU: `https://api.eu.torq.io/public`)' }),
    ),
    TORQ_TOKEN: placed(
      'torq.token',
      secret({ doc: 'Torq bearer token (or `TORQ_CLIENT_ID` + `TORQ_CLIENT_SECRET`)' }),
    ),
    TORQ_CLIENT_ID: placed('torq.clientId', text({ doc: 'Torq OAuth client id' })),
    TORQ_CLIENT_SECRET: placed('torq.clientSecret', secret({ doc: 'Torq OAuth client secret' })),
    TORQ_AUTH_URL: placed(
      'torq.authUrl',
      url({ fallback: 'https://auth.torq.io/v1/auth/token', doc: 'Torq token endpoint' }),
    ),
  },
  live: ['TORQ_BASE_URL', 'TORQ_TOKEN', 'TORQ_CLIENT_ID', 'TORQ_CLIENT_SECRET'],
  together: [['TORQ_CLIENT_ID', 'TORQ_CLIENT_SECRET']],
});

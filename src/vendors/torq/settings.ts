/** Torq's settings (a leaf: spec.ts reads it; no client code here). */
import { int, placed, secret, size, text, url } from '../../settings/kinds.js';
import { type SectionOf, vendorSettings } from '../../settings/vendor.js';

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
    TORQ_MAX_LIST_ITEMS: placed(
      'torq.maxListItems',
      int({
        min: 1,
        max: 10_000_000,
        fallback: 250_000,
        doc: 'most integrations one Torq list may hold (Torq does not page it); past it the list fails with `UPSTREAM_INVALID_RESPONSE` (`details.limit`). The list is kept compact (about 90 bytes an integration, docs/performance.md “Scale”)',
      }),
    ),
    TORQ_MAX_LIST_BYTES: placed(
      'torq.maxListBytes',
      size({
        fallback: 256 * 1024 ** 2,
        doc: 'largest Torq integration list body, read as a stream (not `MAX_JSON_BYTES`); past it the list fails with `UPSTREAM_INVALID_RESPONSE` (`details.limit`)',
      }),
    ),
    TORQ_AUTH_URL: placed(
      'torq.authUrl',
      url({ fallback: 'https://auth.torq.io/v1/auth/token', doc: 'Torq token endpoint' }),
    ),
  },
  groups: {
    cache: {
      TORQ_CACHE_TTL_MS: placed(
        'cache.ttlMs.torq',
        int({
          min: 0,
          max: 86_400_000,
          fallback: 5_000,
          doc: 'how long a Torq integration list stays fresh (`0` = not cached)',
        }),
      ),
    },
  },
  scopes: [{ name: 'torq:read' }],
  credential: ['TORQ_BASE_URL', 'TORQ_AUTH_URL', 'TORQ_TOKEN', 'TORQ_CLIENT_ID', 'TORQ_CLIENT_SECRET'],
  live: ['TORQ_BASE_URL', 'TORQ_TOKEN', 'TORQ_CLIENT_ID', 'TORQ_CLIENT_SECRET'],
  together: [['TORQ_CLIENT_ID', 'TORQ_CLIENT_SECRET']],
});

/** Torq's section of the settings (`settings.torq`). */
export type TorqSettings = SectionOf<typeof TORQ_SETTINGS>;

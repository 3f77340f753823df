/** Akana's settings (a leaf: spec.ts reads it; no client code here). */
import { bool, matching, placed, secret, text, url } from '../../settings/kinds.js';
import { type SectionOf, vendorSettings } from '../../settings/vendor.js';

export const AKANA_SETTINGS = vendorSettings({
  key: 'akana',
  prefix: 'AKANA',
  ownPrefixes: ['AKANA_'],
  entries: {
    AKANA_BASE_URL: placed(
      'akana.baseUrl',
      url({ doc: 'the Akana tenant host (required when Akana credentials are given)' }),
    ),
    AKANA_FED_MEMBER_ID: placed(
      'akana.fedMemberId',
      matching(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"', {
        doc: 'Akana tenant (federation member) id',
      }),
    ),
    AKANA_AUTH_TOKEN: placed(
      'akana.authToken',
      secret({ doc: 'Akana `AtmoAuthToken` (or `AKANA_EMAIL` + `AKANA_PASSWORD`)' }),
    ),
    AKANA_EMAIL: placed('akana.email', text({ doc: 'Akana login' })),
    AKANA_PASSWORD: placed('akana.password', secret({ doc: 'Akana password' })),
    AKANA_CSRF_TOKEN: placed(
      'akana.csrfToken',
      secret({ doc: 'Akana CSRF token, when the tenant requires one' }),
    ),
    AKANA_USER_ID: placed(
      'akana.userId',
      text({
        doc: 'browse default: whose apps `akanaApps` lists (`GET /api/users/{UserID}/apps`; the sandbox sets it)',
      }),
    ),
  },
  groups: {
    auth: {
      AKANA_ALLOW_PKI_EXPORT: placed(
        'akana.allowPkiExport',
        bool({
          fallback: false,
          doc: 'adds `akana:pki` to the default `ANONYMOUS_SCOPES`',
        }),
      ),
    },
  },
  scopes: [
    { name: 'akana:export' },
    // Exports with private keys: anonymous callers only on a gateway that says so.
    { name: 'akana:pki', anonymous: (s) => s.allowPkiExport === true },
  ],
  credential: [
    'AKANA_BASE_URL',
    'AKANA_FED_MEMBER_ID',
    'AKANA_AUTH_TOKEN',
    'AKANA_EMAIL',
    'AKANA_PASSWORD',
    'AKANA_CSRF_TOKEN',
  ],
  live: ['AKANA_BASE_URL', 'AKANA_AUTH_TOKEN', 'AKANA_EMAIL', 'AKANA_PASSWORD'],
  together: [['AKANA_EMAIL', 'AKANA_PASSWORD']],
  whenLive: (s) => [
    ...(s.baseUrl ? [] : ['AKANA_BASE_URL must be set (the tenant host) when Akana credentials are given']),
    ...(s.fedMemberId ? [] : ['AKANA_FED_MEMBER_ID must be set when Akana credentials are given']),
  ],
});

/** Akana's section of the settings (`settings.akana`). */
export type AkanaSettings = SectionOf<typeof AKANA_SETTINGS>;

/** Google's settings (a leaf: spec.ts reads it; no client code here). */
import { int, placed, secret, text, url } from '../../settings/kinds.js';
import { type SectionOf, vendorSettings } from '../../settings/vendor.js';

export const GOOGLE_SETTINGS = vendorSettings({
  key: 'google',
  prefix: 'GOOGLE',
  // Not `GOOGLE_`: GOOGLE_APPLICATION_CREDENTIALS and friends belong to every Google tool.
  ownPrefixes: [],
  entries: {
    GOOGLE_INTEGRATIONS_BASE_URL: placed(
      'google.baseUrl',
      url({ doc: 'Application Integration API; a `{location}` in it selects regional endpoints' }),
    ),
    GOOGLE_ACCESS_TOKEN: placed(
      'google.accessToken',
      secret({ doc: 'Google access token (or a credentials file, ADC, metadata server)' }),
    ),
    GOOGLE_APPLICATION_CREDENTIALS: placed(
      'google.credentialsFile',
      text({ doc: 'service-account JSON file (google-auth-library)' }),
    ),
    GOOGLE_PROJECT_ID: placed(
      'google.projectId',
      text({
        doc: 'browse default: the project of `projects/{p}/locations/{l}` the Google list fields use (the sandbox sets it)',
      }),
    ),
    GOOGLE_LOCATION: placed(
      'google.location',
      text({ doc: 'browse default: the location (region) of the Google list fields (the sandbox sets it)' }),
    ),
  },
  groups: {
    cache: {
      GOOGLE_CACHE_TTL_MS: placed(
        'cache.ttlMs.google',
        int({
          min: 0,
          max: 86_400_000,
          fallback: 600_000,
          doc: 'how long a Google integration version stays fresh (`0` = not cached)',
        }),
      ),
    },
  },
  scopes: [{ name: 'google:read' }],
  credential: ['GOOGLE_INTEGRATIONS_BASE_URL', 'GOOGLE_ACCESS_TOKEN', 'GOOGLE_APPLICATION_CREDENTIALS'],
  live: ['GOOGLE_INTEGRATIONS_BASE_URL', 'GOOGLE_ACCESS_TOKEN', 'GOOGLE_APPLICATION_CREDENTIALS'],
  ambientCredential: true, // google-auth-library: ADC, the metadata server
});

/** Google's section of the settings (`settings.google`). */
export type GoogleSettings = SectionOf<typeof GOOGLE_SETTINGS>;

/** The toy vendor's settings, scope and cache TTL (a leaf: the settings layer reads it once registered). */
import { int, placed, secret, url } from '../../src/settings/kinds.js';
import type { Scope } from '../../src/settings/load.js';
import { type SectionOf, vendorSettings } from '../../src/settings/vendor.js';

/**
 * The toy vendor's one scope. `Scope` is typed from the built-in vendors' declarations; a vendor
 * registered at run time is known to the gateway (`allScopes()`) but not to that type, hence the cast.
 */
export const TOY_READ = 'toy:read' as Scope;

export const TOY_SETTINGS = vendorSettings({
  key: 'toy',
  prefix: 'TOY',
  ownPrefixes: ['TOY_'],
  // Tests see each failure at once.
  httpDefaults: { retries: 0 },
  entries: {
    TOY_BASE_URL: placed('toy.baseUrl', url({ doc: 'the toy vendor’s API' })),
    TOY_TOKEN: placed('toy.token', secret({ doc: 'the toy vendor’s bearer token' })),
  },
  groups: {
    cache: {
      TOY_CACHE_TTL_MS: placed(
        'cache.ttlMs.toy',
        int({
          min: 0,
          max: 86_400_000,
          fallback: 60_000,
          doc: 'how long a toy widget stays fresh (`0` = not cached)',
        }),
      ),
    },
  },
  scopes: [{ name: TOY_READ }],
  credential: ['TOY_BASE_URL', 'TOY_TOKEN'],
  live: ['TOY_BASE_URL', 'TOY_TOKEN'],
});

/** The toy vendor's section of the settings. */
export type ToySettings = SectionOf<typeof TOY_SETTINGS>;

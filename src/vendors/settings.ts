/**
 * Every built-in vendor's settings, in the order `--help` and docs/settings.md show them. A leaf list for
 * the settings layer (spec.ts cannot import the vendor modules: they import the settings); each
 * vendor module refers to its own entry here, and test/inprocess/vendor-modules.test.ts checks that the two
 * lists agree.
 */
import { AKANA_SETTINGS } from './akana/settings.js';
import { GOOGLE_SETTINGS } from './google/settings.js';
import { ORACLE_SETTINGS } from './oracle/settings.js';
import { ROMA_SETTINGS } from './roma/settings.js';
import { TORQ_SETTINGS } from './torq/settings.js';

export const VENDOR_SETTINGS = [
  TORQ_SETTINGS,
  GOOGLE_SETTINGS,
  ORACLE_SETTINGS,
  AKANA_SETTINGS,
  ROMA_SETTINGS,
] as const;

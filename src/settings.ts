/**
 * Environment → one typed, validated Settings object. This is the only module that reads the
 * environment. Every problem is reported at once, each naming its variable; secret values are
 * wrapped in `Secret` so that they never print, log or serialize by accident.
 *
 * The settings themselves are declared once in `settings/spec.ts` (kinds in `settings/kinds.ts`);
 * `settings/assemble.ts` turns the parsed values into the `Settings` shape below.
 */
import { existsSync } from 'node:fs';
import { assemble, crossChecks } from './settings/assemble.js';
import { SettingsError } from './settings/secret.js';
import { SPEC, type Values } from './settings/spec.js';
import { VENDOR_SETTINGS } from './vendors/settings.js';
import type { Env, Settings } from './settings/types.js';

export { vendorIsLive } from './settings/assemble.js';
export { Secret, SettingsError } from './settings/secret.js';
export * from './settings/types.js';

/** Reads and validates `env`. Throws `SettingsError` naming every bad variable (never its value if secret). */
export function loadSettings(env: Env = process.env): Settings {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const [name, entry] of Object.entries(SPEC)) {
    const raw = env[name]?.trim() || undefined;
    if (raw !== undefined) given.add(name);
    const parsed = entry.schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const noEcho = entry.secret || (issue.code === 'custom' && issue.params?.noEcho);
      problems.push(`${name} ${issue.message}${noEcho ? '' : ` (got "${raw}")`}`);
    }
    // Go on with the default, so that checks spanning several settings still report at once.
    values[name] = entry.schema.parse(undefined);
  }
  const settings = assemble(values as Values);
  problems.push(...crossChecks(values as Values, settings, given));
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/** Prefixes of this gateway's settings: an unknown variable under one of them is likely a typo. */
const OWN_PREFIXES = [
  ...VENDOR_SETTINGS.flatMap((v) => v.ownPrefixes),
  'UPSTREAM_',
  'LIMIT_',
  'JWT_',
  'VAULT_',
  'SIGNING_',
  'DOWNLOAD',
  'SHUTDOWN_',
  'AUTH_',
  'API_KEY',
  'NODES_',
  'FEDERATION',
  'CACHE',
  'METRICS',
  'RATE_LIMIT',
];

/**
 * Variables in `env` that look like settings of this gateway but are not declared (a typo, or a
 * setting of another version), each with the closest declared name when there is one.
 */
export function unknownSettings(env: Env = process.env): string[] {
  const names = Object.keys(SPEC);
  return Object.keys(env)
    .filter((k) => !(k in SPEC) && OWN_PREFIXES.some((p) => k.startsWith(p)))
    .sort()
    .map((k) => {
      const near = names.find((n) => editDistance(n, k) <= 2);
      return near ? `${k} (did you mean ${near}?)` : k;
    });
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * Loads `.env` from the working directory into `process.env` when there is one (variables already
 * set win). The production container has none: it gets its settings from its environment.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}

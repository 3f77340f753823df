/**
 * Environment → one typed, validated Settings object. This is the only module that reads the
 * environment. Every problem is reported at once, each naming its variable; secret values are
 * wrapped in `Secret` so that they never print, log or serialize by accident.
 *
 * The settings themselves are declared once in `settings/spec.ts` (kinds in `settings/kinds.ts`);
 * `settings/assemble.ts` turns the parsed values into the `Settings` shape below.
 */
import { existsSync } from 'node:fs';
import { distance } from 'fastest-levenshtein';
import { assemble, crossChecks, liveVendors, vendorsWithoutCredential } from './assemble.js';
import { SettingsError } from './secret.js';
import { allSpec, type Values, vendorSpecs } from './spec.js';
import type { Env, Settings } from './types.js';

export { liveVendors, sectionOf, vendorIsLive } from './assemble.js';
export { Secret, SettingsError } from './secret.js';
export * from './types.js';

/**
 * Reads and validates `env`. Throws `SettingsError` naming every bad variable (never its value if
 * secret). What is suspicious but may be meant (a variable that looks like a misspelt setting, a
 * vendor with a base URL and no credential) is a warning in `settings.warnings`, and a refusal to
 * start with NODE_ENV=production, where a silent mistake costs most.
 */
export function loadSettings(env: Env = process.env): Settings {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  const invalid = new Set<string>();
  for (const [name, entry] of Object.entries(allSpec())) {
    const raw = env[name]?.trim() || undefined;
    if (raw !== undefined) given.add(name);
    const parsed = entry.schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
      continue;
    }
    invalid.add(name);
    for (const issue of parsed.error.issues) {
      const noEcho = entry.secret || (issue.code === 'custom' && issue.params?.noEcho);
      problems.push(`${name} ${issue.message}${noEcho ? '' : ` (got "${raw}")`}`);
    }
    // Go on with the default, so that checks spanning several settings still report at once.
    values[name] = entry.schema.parse(undefined);
  }
  const settings = assemble(values as Values);
  problems.push(...crossChecks(values as Values, settings, given, invalid));

  const production = settings.nodeEnv === 'production';
  const doubtful = [
    ...suspectSettings(env, settings.settingsIgnore).map(
      ({ name, meant }) =>
        `${name} is not a setting of this gateway${meant ? `: did you mean ${meant}?` : ''} (a variable of another program: add it to SETTINGS_IGNORE)`,
    ),
    ...vendorsWithoutCredential(given),
  ];
  const warnings: string[] = [];
  (production ? problems : warnings).push(...doubtful);
  if (production && settings.sandbox === 'off' && liveVendors(settings).length === 0)
    warnings.push(
      'NODE_ENV=production and no vendor is configured: every vendor field answers VENDOR_NOT_CONFIGURED (see docs/settings.md, "Vendors")',
    );
  if (problems.length > 0) throw new SettingsError(problems);
  settings.warnings = warnings;
  return settings;
}

/**
 * Prefixes of this gateway's settings: an undeclared variable under one of them is likely a typo.
 * Not `OTEL_` (the OpenTelemetry SDK reads its own), nor a vendor prefix that other tools share
 * (each vendor lists its own `ownPrefixes`).
 */
const OWN_PREFIXES = [
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
  'REDIS_',
  'DATABASE_',
  'CORS_',
];

/**
 * Edits a name may be away from a declared one and still be taken for it: none for names of four
 * letters (HOST and HOME, PORT and PATH are different variables), one up to eight, two beyond
 * (REDIS_ULR, OTEL_EXPORTER_OTLP_ENDPIONT: a swap is two edits).
 */
function allowedEdits(declared: string): number {
  return declared.length <= 4 ? 0 : declared.length <= 8 ? 1 : 2;
}

/** The declared name `name` most likely means (case aside, a few edits away), if any. */
function meantName(name: string): string | undefined {
  const upper = name.toUpperCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const declared of Object.keys(allSpec())) {
    const d = distance(upper, declared);
    if (d <= allowedEdits(declared) && d < bestDistance) {
      best = declared;
      bestDistance = d;
    }
  }
  return best;
}

function ignored(name: string, ignore: readonly string[]): boolean {
  return ignore.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

/**
 * Variables in `env` that are not declared but look like a setting of this gateway: a few edits
 * from a declared name (then `meant` names it), or under one of its prefixes. Those in `ignore`
 * (SETTINGS_IGNORE: names, or prefixes ending in `*`) are left alone.
 */
export function suspectSettings(
  env: Env = process.env,
  ignore: readonly string[] = [],
): { name: string; meant?: string }[] {
  const spec = allSpec();
  const prefixes = [...vendorSpecs().flatMap((v) => v.ownPrefixes), ...OWN_PREFIXES];
  return Object.keys(env)
    .filter((k) => !(k in spec) && !ignored(k, ignore))
    .sort()
    .flatMap((k) => {
      const meant = meantName(k);
      if (meant) return [{ name: k, meant }];
      return prefixes.some((p) => k.startsWith(p)) ? [{ name: k }] : [];
    });
}

/** `suspectSettings` as one line each: `NAME (did you mean DECLARED?)`. */
export function unknownSettings(env: Env = process.env, ignore: readonly string[] = []): string[] {
  return suspectSettings(env, ignore).map(({ name, meant }) =>
    meant ? `${name} (did you mean ${meant}?)` : name,
  );
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

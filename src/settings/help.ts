/** `--help` and the tables of docs/settings.md, both printed from the spec. */
import { allGroups, isVendorOverride, vendorPrefixes, vendorSpecs } from './spec.js';
import type { Entry } from './kinds.js';
import { vendorIsLive } from './assemble.js';
import type { Env, Settings } from './types.js';

interface Row {
  name: string;
  default: string;
  doc: string;
}

function rows(entries: Record<string, Entry>): Row[] {
  const out: Row[] = [];
  for (const [name, e] of Object.entries(entries)) {
    if (isVendorOverride(name)) continue;
    out.push({ name, default: e.default ?? '', doc: e.doc });
  }
  return out;
}

/** The per-vendor overrides as one row. */
function overrides(): Row {
  const [first = 'VENDOR', last = first] = [vendorPrefixes()[0], vendorPrefixes().at(-1)];
  return {
    name: `${vendorPrefixes()
      .map((p) => `${p}_*`)
      .join(', ')}`,
    default: 'the `UPSTREAM_*` value',
    doc: `any \`UPSTREAM_\` setting for one vendor only, e.g. \`${first}_MAX_RPS\`, \`${last}_RETRIES\``,
  };
}

function groups(): { title: string; rows: Row[] }[] {
  return allGroups().map((g) => ({
    title: g.title,
    rows: g.id === 'upstream' ? [...rows(g.entries), overrides()] : rows(g.entries),
  }));
}

/** Markdown: one table per group (Prettier aligns it; the check compares after formatting). */
export function settingsMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return groups()
    .map(
      (g) =>
        `**${g.title}**\n\n| name | default | meaning |\n| --- | --- | --- |\n` +
        g.rows.map((r) => `| \`${r.name}\` | ${cell(r.default)} | ${cell(r.doc)} |`).join('\n'),
    )
    .join('\n\n');
}

/** How the entry point is called. */
export const USAGE = [
  'Usage: node dist/main.js                      start (settings from the environment, and from ./.env when present)',
  '       node dist/main.js --check              validate the settings, print the effective configuration, exit',
  '       node dist/main.js --help               this text',
  '       node dist/main.js --hash-key [KEY|-]   make an API key, or hash KEY (- reads it from stdin), for API_KEYS',
  '',
].join('\n');

/** Plain text for `node dist/main.js --help`. */
export function settingsHelp(): string {
  const plain = (s: string) => s.replace(/`/g, '');
  const lines = [
    `vendor-gateway: one GraphQL API over ${vendorSpecs().length} vendors (${vendorSpecs()
      .map((v) => v.key)
      .join(', ')}).`,
    '',
    USAGE,
  ];
  for (const g of groups()) {
    lines.push(`${g.title}:`);
    for (const r of g.rows) {
      lines.push(`  ${r.name}${r.default ? `  [default: ${plain(r.default)}]` : ''}`);
      lines.push(`      ${plain(r.doc)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * `node dist/main.js --check`: every setting's effective value — as given (secrets as `********`)
 * or its default —, each vendor's mode, and the warnings a start would log.
 */
export function effectiveSettings(env: Env, settings: Settings): string {
  const plain = (s: string) => s.replace(/`/g, '');
  const lines = [`vendor-gateway: the settings are valid (NODE_ENV=${settings.nodeEnv}).`, ''];
  for (const g of allGroups()) {
    lines.push(`${g.title}:`);
    for (const [name, e] of Object.entries(g.entries) as [string, Entry][]) {
      const raw = env[name]?.trim() || undefined;
      if (raw === undefined && isVendorOverride(name)) continue;
      const value =
        raw !== undefined
          ? e.secret
            ? '********'
            : raw
          : e.default !== undefined
            ? `${plain(e.default)} (default)`
            : '(unset)';
      lines.push(`  ${name}=${value}`);
    }
    lines.push('');
  }
  lines.push('Vendors:');
  for (const spec of vendorSpecs()) {
    const mode = vendorIsLive(spec.key, settings)
      ? 'LIVE'
      : settings.sandbox === 'auto'
        ? 'SANDBOX (built-in emulator)'
        : 'NOT_CONFIGURED';
    lines.push(`  ${spec.key}: ${mode}`);
  }
  lines.push('');
  if (settings.warnings.length > 0) {
    lines.push('Warnings:', ...settings.warnings.map((w) => `  - ${w}`), '');
  }
  return `${lines.join('\n')}\n`;
}

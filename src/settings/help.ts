/** `--help` and the tables of docs/settings.md, both printed from the spec. */
import { GROUPS, isVendorOverride, VENDOR_PREFIXES } from './spec.js';
import type { Entry } from './kinds.js';

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

const OVERRIDES: Row = {
  name: `${VENDOR_PREFIXES.map((p) => `${p}_*`).join(', ')}`,
  default: 'the `UPSTREAM_*` value',
  doc: 'any `UPSTREAM_` setting for one vendor only, e.g. `TORQ_MAX_RPS`, `ROMA_RETRIES`',
};

function groups(): { title: string; rows: Row[] }[] {
  return GROUPS.map((g) => ({
    title: g.title,
    rows: g.title === 'Vendor HTTP layer' ? [...rows(g.entries), OVERRIDES] : rows(g.entries),
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

/** Plain text for `node dist/main.js --help`. */
export function settingsHelp(): string {
  const plain = (s: string) => s.replace(/`/g, '');
  const lines = [
    'vendor-gateway: one GraphQL API over Torq, Google Application Integration, Oracle Marketplace, Akana and Huawei ROMA.',
    '',
    'Usage: node dist/main.js            (settings come from the environment, and from ./.env when present)',
    '       node dist/main.js --help     (this text)',
    '',
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

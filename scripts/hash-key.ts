/**
 * `npm run hash-key -- <key>`: the sha256 of an API key, for API_KEYS (the gateway only ever holds
 * hashes). Without an argument it makes a new random key and prints both. The key can also come on
 * standard input (`echo -n "$KEY" | npm run hash-key -- -`), which keeps it out of the shell history.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const arg = process.argv[2];
const generated = arg === undefined;
const key = generated
  ? `vg_${randomBytes(24).toString('base64url')}`
  : arg === '-'
    ? readFileSync(0, 'utf8').trim()
    : arg;
if (!key) {
  process.stderr.write('empty key\n');
  process.exit(1);
}
const sha256 = createHash('sha256').update(key).digest('hex');
if (generated) process.stdout.write(`new key (give it to the caller, then forget it): ${key}\n`);
process.stdout.write(`sha256: ${sha256}\n`);
process.stdout.write(
  `API_KEYS entry: my-client:${sha256}:torq:read,google:read,oracle:read,akana:export,roma:read,roma:export\n`,
);

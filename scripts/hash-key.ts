/**
 * `npm run hash-key -- <key>`: the sha256 of an API key, for API_KEYS (the gateway only ever holds
 * hashes). Without an argument it makes a new random key and prints both. The key can also come on
 * standard input (`echo -n "$KEY" | npm run hash-key -- -`), which keeps it out of the shell history.
 * The same as `node dist/main.js --hash-key [key|-]`, which the container image can run.
 */
import { readFileSync } from 'node:fs';
import { hashKeyReport } from '../src/settings/hash-key.js';

const arg = process.argv[2];
const report = hashKeyReport(arg === '-' ? readFileSync(0, 'utf8').trim() : arg);
if (report === undefined) {
  process.stderr.write('empty key\n');
  process.exit(1);
}
process.stdout.write(report);

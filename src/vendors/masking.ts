/**
 * The one masking rule for vendor values (Oracle action properties, every `raw` field): mask by
 * what a value is, not by a word somewhere in its name.
 */
const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

/**
 * Masking by what a value is, not by a word somewhere in its name. A property is secret when the
 * last word of its name (the noun: `KEY_PASSWORD` is a password, `KEY_USER` a user name) is a
 * password, secret, token, passphrase or credential, or when its last words are a private/API/
 * access/signing/encryption key (`PRIVATE_KEY`, `apiKey`, `API_KEY_VALUE`); or when the value
 * itself is a PEM private key. A value that only references a secret (`${var}`) is not one.
 */
const SECRET_NOUNS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
]);
const SECRET_KEY_KINDS = new Set(['PRIVATE', 'API', 'ACCESS', 'SECRET', 'SIGNING', 'ENCRYPTION', 'MASTER']);
const VALUE_WORDS = new Set(['VALUE', 'VAL', 'STRING', 'DATA', 'PEM', 'B64', 'BASE64']);
const REFERENCE = /^(\$\{[^}]+\}|#\{[^}]+\}|\{\{[^}]+\}\})$/;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
export const MASK = '********';

/** `adminPassword` / `KEY_PASSWORD` / `api-key.value` → upper-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

export function isSecretName(name: string): boolean {
  const w = words(name);
  // A trailing VALUE/DATA/PEM says "the content of": look at the word before it.
  while (w.length > 1 && VALUE_WORDS.has(w[w.length - 1] as string)) w.pop();
  const last = w[w.length - 1];
  if (last === undefined) return false;
  if (SECRET_NOUNS.has(last)) return true;
  if (last === 'KEY') return w.length > 1 && SECRET_KEY_KINDS.has(w[w.length - 2] as string);
  return false;
}

export function isSecretProperty(name: string | null, value: string | null): boolean {
  if (value === null || value === '' || REFERENCE.test(value.trim())) return false;
  return PEM_PRIVATE_KEY.test(value) || (name !== null && isSecretName(name));
}

/**
 * The vendor JSON with the same masking as the typed fields: `{name, value}` pairs whose property
 * is secret, and plain `key: "value"` pairs whose key names a secret, become `********`.
 */
export function maskJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskJson);
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const pairSecret = typeof o.name === 'string' && isSecretProperty(o.name, str(o.value));
  for (const [k, x] of Object.entries(o)) {
    if (k === 'value' && pairSecret) out[k] = MASK;
    else if (typeof x === 'string' && isSecretProperty(k, x)) out[k] = MASK;
    else out[k] = maskJson(x);
  }
  return out;
}

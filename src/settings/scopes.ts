/**
 * The scopes a caller can hold, and an API key's shape: a leaf of the settings, so the setting
 * kinds (kinds.ts) can parse them without importing the Settings type built from the spec.
 */
export const SCOPES = [
  'torq:read',
  'google:read',
  'oracle:read',
  'akana:export',
  'akana:pki',
  'roma:read',
  'roma:export',
  'secrets:read',
  /** Operator data: vendor base URLs (`vendors { baseUrl }`). Never granted to anonymous callers by default. */
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKey {
  name: string;
  /** sha256 of the key, hex: the plain key is never configured. */
  sha256: string;
  scopes: Scope[];
}

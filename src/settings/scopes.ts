/**
 * The gateway's own scopes, and an API key's shape: a leaf of the settings. Each vendor declares
 * its own scopes with its settings (`scopes` in `src/vendors/<v>/settings.ts`); spec.ts puts the
 * list together (`Scope`, `SCOPES`, `allScopes()`) and hands it to the setting kinds that parse scopes.
 */
export const GATEWAY_SCOPES = [
  'secrets:read',
  /** Operator data: vendor base URLs (`vendors { baseUrl }`). Never granted to anonymous callers by default. */
  'admin',
] as const;
export type GatewayScope = (typeof GATEWAY_SCOPES)[number];

export interface ApiKey<S extends string = string> {
  name: string;
  /** sha256 of the key, hex: the plain key is never configured. */
  sha256: string;
  scopes: S[];
}

/** The running build: the package's version and the Node release, for the start banner and `gateway_build_info`. */
import { readFileSync } from 'node:fs';
import { Gauge, type Registry } from 'prom-client';

function packageVersion(): string {
  try {
    // src/observability/ or dist/observability/: package.json is two levels up in both.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export const BUILD = { version: packageVersion(), node: process.version } as const;

/** `gateway_build_info{version,node} 1`: which build each replica runs, for dashboards and alerts. */
export function registerBuildInfo(registry: Registry): void {
  new Gauge({
    name: 'gateway_build_info',
    help: 'The running build: always 1, labelled with the gateway version and the Node.js release',
    labelNames: ['version', 'node'] as const,
    registers: [registry],
  }).set({ version: BUILD.version, node: BUILD.node }, 1);
}

import { builder } from '../graphql/builder.js';
import type { VendorName } from '../foundations/errors.js';
import { vendorModules } from '../vendors/index.js';
import type { CircuitState } from '../http/circuit.js';
import type { VendorMode } from '../graphql/gateway-types.js';

export const Vendor = builder.enumType('Vendor', {
  description: 'The vendors behind the gateway.',
  // One value per registered vendor module (src/vendors/index.ts).
  values: Object.fromEntries(vendorModules().map((m) => [m.vendor, { description: m.description }])),
});

const VendorModeEnum = builder.enumType('VendorMode', {
  description: 'Where the gateway sends a vendor’s calls.',
  values: {
    LIVE: { description: 'The real vendor API, with the credentials in the gateway’s settings.' },
    SANDBOX: { description: 'The built-in emulator on loopback (no credentials were set, SANDBOX=auto).' },
    NOT_CONFIGURED: { description: 'Neither: its fields fail with VENDOR_NOT_CONFIGURED.' },
  } satisfies Record<VendorMode, { description: string }>,
});

const CircuitStateEnum = builder.enumType('CircuitState', {
  description: 'The circuit breaker of a vendor: whether the gateway is calling it.',
  values: {
    CLOSED: { description: 'Healthy: calls go through.' },
    OPEN: { description: 'Failing: calls fail fast with UPSTREAM_UNAVAILABLE until the cool-down ends.' },
    HALF_OPEN: { description: 'Cool-down over: one probe call at a time decides whether to close again.' },
  } satisfies Record<CircuitState, { description: string }>,
});

interface VendorStatusShape {
  vendor: VendorName;
  mode: VendorMode;
  baseUrl: string | undefined;
  circuit: CircuitState | undefined;
}

const VendorStatus = builder.objectRef<VendorStatusShape>('VendorStatus').implement({
  description: 'How one vendor is configured in this gateway.',
  fields: (t) => ({
    vendor: t.field({ type: Vendor, description: 'The vendor.', resolve: (s) => s.vendor }),
    mode: t.field({
      type: VendorModeEnum,
      description: 'LIVE, SANDBOX or NOT_CONFIGURED.',
      resolve: (s) => s.mode,
    }),
    baseUrl: t.field({
      type: 'URL',
      nullable: true,
      // Where the gateway's credentials go is operator data: it needs the admin scope.
      authScopes: { admin: true },
      description:
        'The base URL the gateway calls (the emulator’s loopback address in SANDBOX mode). Needs the `admin` scope (FORBIDDEN otherwise).',
      resolve: (s) => s.baseUrl ?? null,
    }),
    circuit: t.field({
      type: CircuitStateEnum,
      nullable: true,
      description: 'The vendor’s circuit breaker (null when the vendor is not configured).',
      resolve: (s) => s.circuit ?? null,
    }),
  }),
});

builder.queryField('vendors', (t) =>
  t.field({
    type: [VendorStatus],
    description: 'Every vendor and whether it is LIVE, SANDBOX or NOT_CONFIGURED. Makes no vendor call.',
    resolve: (_root, _args, ctx) =>
      ctx.gateway.vendors.all().map((v) => ({
        vendor: v.vendor,
        mode: v.mode,
        baseUrl: v.baseUrl,
        circuit: v.client?.http.circuit.state,
      })),
  }),
);

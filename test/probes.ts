/**
 * One cheap query per vendor and the sandbox route it reaches: the fault, echo and error-code
 * suites set a fault on `route` and send `query`, for every vendor alike. Each vendor declares its
 * probe once, in its folder (`probe` on its module, the data next to its sandbox fixtures).
 */
import { vendorModules } from '../src/vendors/index.js';
import type { SandboxProbe } from '../src/vendors/types.js';

/** A vendor key (`m.key`) that has a probe. */
export type ProbeVendor = string;
export interface Probe extends SandboxProbe {
  /** The whole query: the probe's selection alone. */
  query: string;
}

/** `tag` names what a probe asks about (an export job: each suite its own, so runs do not meet). */
export async function vendorProbes(tag: string): Promise<Record<ProbeVendor, Probe>> {
  const probes = await Promise.all(
    vendorModules().map(async (m) => {
      const probe = await m.probe?.(tag);
      return probe ? [[m.key, { ...probe, query: `{ ${probe.select} }` }] as const] : [];
    }),
  );
  return Object.fromEntries(probes.flat());
}

/** The value at the probe's `field` in a response's `data` (null when the vendor failed). */
export function probedField(probe: SandboxProbe, data: Record<string, unknown> | null | undefined): unknown {
  let v: unknown = data;
  for (const key of probe.field) v = (v as Record<string, unknown> | null | undefined)?.[key];
  return v;
}

/** The probe of `vendor` (a test names a vendor whose probe it needs: missing is a mistake). */
export function probeFor(probes: Record<ProbeVendor, Probe>, vendor: ProbeVendor): Probe {
  const probe = probes[vendor];
  if (!probe) throw new Error(`vendor ${vendor} declares no sandbox probe`);
  return probe;
}

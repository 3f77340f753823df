/**
 * The schema's naming conventions as code (docs/naming.md): vendor statuses as enums that never
 * fail on a value the gateway does not know.
 */
import { builder } from '../graphql/builder.js';

/**
 * An enum for a vendor's status text: each member is the vendor's value in upper snake case
 * (`Success` → SUCCESS), and any other value, present or future, is `other` (OTHER or UNKNOWN), so
 * the field never fails on it. The vendor's own text belongs in a `vendorStatus: String` beside it.
 */
export function vendorEnum<const V extends string, const O extends 'OTHER' | 'UNKNOWN'>(
  name: string,
  options: { description: string; values: Record<V, string>; other: O; otherDescription?: string },
) {
  const values = Object.fromEntries([
    ...Object.entries<string>(options.values).map(([k, description]) => [k, { description }]),
    [
      options.other,
      { description: options.otherDescription ?? 'A value this gateway does not know: see the vendor’s text.' },
    ],
  ]) as Record<V | O, { description: string }>;
  const ref = builder.enumType(name, { description: options.description, values });
  const known = new Set<string>(Object.keys(options.values));
  /** The member for a vendor's text (null stays null). */
  const of = (text: string | number | null | undefined): V | O | null => {
    if (text == null || text === '') return null;
    const key = String(text)
      .trim()
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase();
    return known.has(key) ? (key as V) : options.other;
  };
  return { ref, of };
}

import { BadUserInputError } from '../foundations/errors.js';

/**
 * Builds a URL path from a template, percent-encoding every interpolated value as one path
 * segment. A value that would still be a dot-segment or is empty is refused: no vendor ever sees a
 * path that resolves differently from the one we meant.
 *
 *   path`/v1/${name}:downloadJsonPackage` // name is encoded, ':downloadJsonPackage' is literal
 */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const raw = String(value);
    if (raw === '' || raw === '.' || raw === '..') {
      throw new BadUserInputError(`"${raw}" is not a valid path segment`);
    }
    out += encodeURIComponent(raw) + (strings[i + 1] ?? '');
  });
  return out;
}

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

/** Joins a base URL (which may carry a path prefix), an encoded path and query parameters. */
export function buildUrl(baseUrl: string, encodedPath: string, query?: Record<string, QueryValue>): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + encodedPath);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url;
}

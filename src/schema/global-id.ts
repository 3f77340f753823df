import { BadUserInputError } from '../foundations/errors.js';

/** Global ids are base64url("Type:nativeKey"): opaque, URL-safe, decodable to type + native key. */
export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = /^[A-Za-z0-9_-]{1,2048}$/.test(globalId)
    ? Buffer.from(globalId, 'base64url').toString('utf8')
    : '';
  const i = decoded.indexOf(':');
  const typename = decoded.slice(0, i);
  if (i <= 0 || !/^[A-Z][A-Za-z]{0,63}$/.test(typename) || decoded.length === i + 1) {
    throw new BadUserInputError(`"${globalId.slice(0, 80)}" is not a global id of this gateway`);
  }
  return { typename, id: decoded.slice(i + 1) };
}

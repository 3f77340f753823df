import { type DefaultConnectionArguments, resolveArrayConnection } from '@pothos/plugin-relay';
import { BadUserInputError } from '../foundations/errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Checks page size and cursor syntax before any vendor call is made. */
export function checkConnectionArgs(args: DefaultConnectionArguments): void {
  for (const key of ['first', 'last'] as const) {
    const n = args[key];
    if (n != null && (n < 0 || n > MAX_PAGE_SIZE)) {
      throw new BadUserInputError(`${key} must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  for (const key of ['after', 'before'] as const) {
    const c = args[key];
    if (c != null && !isOffsetCursor(c)) throw new BadUserInputError(`${key} is not a valid cursor`);
  }
}

/**
 * Relay pagination by the gateway over a list a vendor returns whole. Page size is bounded, and a
 * cursor that is not ours is BAD_USER_INPUT rather than an internal error.
 */
export function arrayConnection<T>(
  args: DefaultConnectionArguments,
  list: { readonly length: number; slice(start: number, end: number): T[] },
) {
  checkConnectionArgs(args);
  const first = args.first == null && args.last == null ? DEFAULT_PAGE_SIZE : args.first;
  return resolveArrayConnection({ args: { ...args, first } }, list as T[]);
}

function isOffsetCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9+/=_-]{1,64}$/.test(cursor)) return false;
  return /^OffsetConnection:\d{1,9}$/.test(Buffer.from(cursor, 'base64').toString('utf8'));
}

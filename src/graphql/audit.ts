/**
 * Audit lines of what a query's answer reveals (an unmasked secret): logged at info with
 * `audit: <kind>` and the caller, and kept with the request, so that when the whole-response cache
 * serves that answer again the same lines are written again (response-cache-plugin.ts). Every
 * answer that carries an unmasked value is audited, whether it was executed or served whole.
 */
import type { Context } from './context.js';
import type { AuditLine } from '../http/response-cache.js';
import type { Logger } from '../observability/logger.js';

export type { AuditLine };

const LINES = Symbol('audit lines');
type WithLines = { [LINES]?: AuditLine[] };

/** Writes one audit line for the request's caller and keeps it with the request. */
export function audit(ctx: Context, message: string, fields: Record<string, unknown>): void {
  ctx.gateway.logger.info(message, { ...fields, caller: ctx.principal.id });
  ((ctx as WithLines)[LINES] ??= []).push({ message, fields });
}

/** The audit lines written while executing the request whose context is `ctx` (none: empty). */
export function auditLinesOf(ctx: object): readonly AuditLine[] {
  return (ctx as WithLines)[LINES] ?? [];
}

/** Writes `lines` again for an answer served from the whole-response cache to `caller`. */
export function replayAudit(logger: Logger, lines: readonly AuditLine[], caller: string): void {
  for (const l of lines) logger.info(l.message, { ...l.fields, caller, servedFrom: 'response-cache' });
}

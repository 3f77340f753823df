/**
 * The one place gateway errors become GraphQL errors (Yoga's `maskError`): a GatewayError keeps
 * its message and stable `extensions`; GraphQL's own errors (syntax, validation) pass with a code;
 * anything else is masked so no stack, path or secret reaches the caller.
 */
import { type DocumentNode, GraphQLError, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';
import { isGatewayError } from '../foundations/errors.js';

export function createMaskError() {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (isGatewayError(original)) {
      const gqlError = error instanceof GraphQLError ? error : undefined;
      return createGraphQLError(original.message, {
        nodes: gqlError?.nodes,
        path: gqlError?.path,
        extensions: original.extensions,
      });
    }
    if (error instanceof GraphQLError && !error.originalError) {
      // Parse/validation/coercion errors describe the caller's document, not the server.
      return error.extensions.code ? error : withCode(error, 'BAD_USER_INPUT');
    }
    if (error instanceof GraphQLError && error.originalError instanceof GraphQLError) {
      return error;
    }
    // Yoga hands every masked error to its logger (yoga.ts): logged once there, with its cause.
    return createGraphQLError(message, {
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}

const VALUE_KINDS = new Set<string>([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/** The same error with another `extensions.code` (everything else kept). */
function withCode(e: GraphQLError, code: string): GraphQLError {
  return createGraphQLError(e.message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    extensions: { ...e.extensions, code },
  });
}

/** graphql-armor's messages: "Query depth limit of 12 exceeded", "Token limit of 5000 exceeded"… */
const LIMIT = /limit of \d+ exceeded/i;

/** A limit error is QUERY_TOO_COMPLEX; any other error about the caller's document is BAD_USER_INPUT. */
const callerCode = (e: GraphQLError) => withCode(e, LIMIT.test(e.message) ? 'QUERY_TOO_COMPLEX' : 'BAD_USER_INPUT');

/**
 * Codes for errors about the caller's document: a literal argument the schema refuses (a malformed
 * UUID, an unknown enum value…) and a bad variable are BAD_USER_INPUT, like any other bad input;
 * an operation over a limit is QUERY_TOO_COMPLEX.
 */
export function useInputErrorCodes(): Plugin {
  return {
    // Limit errors can surface from parsing (tokens) or validation (depth, aliases…): one code for all.
    onExecutionResult: ({ result, setResult }) => {
      if (!result || Symbol.asyncIterator in result) return;
      const errors = result.errors;
      if (!errors?.some((e) => LIMIT.test(e.message))) return;
      setResult({
        ...result,
        errors: errors.map((e) => (LIMIT.test(e.message) && e instanceof GraphQLError ? callerCode(e) : e)),
      });
    },
    // Variable coercion errors (`Variable "$id" got invalid value…`) come back from execute with no
    // path and no code: they too describe the caller's input.
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        if (result.errors.every((e) => e.path === undefined && e.extensions.code === undefined)) {
          setResult({ ...result, errors: result.errors.map(callerCode) });
        }
      },
    }),
    onValidate:
      () =>
      ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(
          result.map((e) =>
            e instanceof GraphQLError && e.nodes?.some((n) => VALUE_KINDS.has(n.kind)) ? callerCode(e) : e,
          ),
        );
      },
  };
}

/**
 * FORBIDDEN once per request and field: a field refused on every row of a list (`vendors { baseUrl }`
 * asked without `admin`) nulls each row, and the response carries its one error (the first row's
 * path), not one per row. Other errors, and `_entities` items, are kept as they are.
 */
const selectsEntities = (doc: DocumentNode) =>
  doc.definitions.some(
    (d) =>
      d.kind === Kind.OPERATION_DEFINITION &&
      d.selectionSet.selections.some((f) => f.kind === Kind.FIELD && f.name.value === '_entities'),
  );

export function useForbiddenOnce(): Plugin {
  const dedupe = (errors: readonly GraphQLError[]) => {
    const seen = new Set<string>();
    return errors.filter((e) => {
      if (e.extensions?.['code'] !== 'FORBIDDEN') return true;
      const key = `${(e.path ?? []).filter((p) => typeof p === 'string').join('.')}\u0000${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors || result.errors.length < 2) return;
        // `_entities` items are separate entities to a router, which maps each one's error back.
        if (selectsEntities(args.document)) return;
        const errors = dedupe(result.errors);
        if (errors.length !== result.errors.length) setResult({ ...result, errors });
      },
    }),
  };
}

/** Yoga's own codes outside docs/api.md's table, and the documented code each one means. */
const DOCUMENTED: Record<string, string> = {
  OPERATION_RESOLUTION_FAILURE: 'BAD_REQUEST',
  REQUEST_ENTITY_TOO_LARGE: 'QUERY_TOO_COMPLEX',
  // PERSISTED_OPERATIONS allow-list mode: the operation is not one this gateway serves.
  PERSISTED_QUERY_NOT_IN_LIST: 'BAD_REQUEST',
  PERSISTED_QUERY_ID_REQUIRED: 'BAD_REQUEST',
  CANNOT_SEND_PQ_ID_AND_BODY: 'BAD_REQUEST',
};

/** graphql-js's "Did you mean …?" hints name fields, types and enum values of the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The last word on every error a caller receives: codes outside docs/api.md's table become the
 * documented one; with introspection off (`hideSuggestions`) the "Did you mean …?" hints, which
 * would reveal the schema, are removed; in production (`hideOriginalError`) Yoga's
 * `extensions.originalError` (the parser's own exception on a malformed body) is dropped, as every
 * other internal detail is.
 */
export function useDocumentedErrors(opts: { hideSuggestions: boolean; hideOriginalError: boolean }): Plugin {
  const fix = (e: unknown): unknown => {
    if (!(e instanceof GraphQLError)) return e;
    const code = typeof e.extensions.code === 'string' ? DOCUMENTED[e.extensions.code] : undefined;
    const message = opts.hideSuggestions ? e.message.replace(SUGGESTION, '') : e.message;
    const dropOriginal = opts.hideOriginalError && 'originalError' in e.extensions;
    if (!code && message === e.message && !dropOriginal) return e;
    const extensions: Record<string, unknown> = { ...e.extensions, ...(code ? { code } : {}) };
    if (dropOriginal) {
      delete extensions.originalError;
      // Yoga answers a malformed body 400 by seeing that originalError; without it, `spec: true`
      // would turn the status into 200 for `application/json` callers. The status stays 400.
      const http = extensions.http as Record<string, unknown> | undefined;
      if (http?.spec) extensions.http = { ...http, spec: false };
    }
    return createGraphQLError(message, {
      nodes: e.nodes,
      source: e.source,
      positions: e.positions,
      path: e.path,
      extensions,
    });
  };
  return {
    onResultProcess: ({ result, setResult }) => {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      if (!result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map(fix) as GraphQLError[] });
    },
  };
}

/** The Yoga instance (no port opened here: tests call `yoga.fetch`). */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { type Context, createContext } from './context.js';
import { isGatewayError } from './errors.js';
import { EXAMPLE_QUERY } from './example.js';
import type { Gateway } from './gateway.js';
import type { Logger } from './logger.js';
import { createMaskError, useInputErrorCodes } from './schema/errors.js';
import { schema } from './schema/index.js';

export type GatewayYoga = YogaServerInstance<Record<string, never>, Context>;

export function createGatewayYoga(gateway: Gateway): GatewayYoga {
  const { logger } = gateway;
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    context: ({ request }) => createContext(gateway, request),
    maskedErrors: { maskError: createMaskError(logger) },
    plugins: [useInputErrorCodes()],
    // GraphiQL assets are inlined from the npm bundle: nothing loads from a CDN.
    renderGraphiQL,
    graphiql: gateway.settings.graphiql
      ? { title: 'vendor-gateway', defaultQuery: EXAMPLE_QUERY, shouldPersistHeaders: false }
      : false,
    logging: {
      debug: (...args) => logger.debug(String(args[0])),
      info: (...args) => logger.info(String(args[0])),
      warn: (...args) => logger.warn(String(args[0])),
      error: (...args) => logYogaError(logger, args[0]),
    },
  });
}

/**
 * Yoga reports every error it masks. A vendor failure is expected and already carries its code:
 * log it as one structured info line (no document text); anything else is a real error.
 */
function logYogaError(logger: Logger, error: unknown): void {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (isGatewayError(original)) {
    logger.info('field failed', {
      code: original.code,
      vendor: original.vendor,
      httpStatus: original.httpStatus,
      path: error instanceof GraphQLError ? error.path?.join('.') : undefined,
    });
    return;
  }
  logger.error('request failed', {
    error: original instanceof Error ? `${original.name}: ${original.message}` : String(original),
  });
}

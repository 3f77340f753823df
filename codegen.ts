import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator. The schema source is the SDL printed from the Pothos schema
 * (`npm run schema`), so codegen never needs to execute TypeScript:
 * - schema-ast re-prints it (sorted) as the AST-normalised copy frontends consume,
 * - the client preset turns the operations in tests into typed documents (test/gql/), and
 *   schema/operations/*.graphql into the typed client for frontends (client/gql/).
 */
/** How the custom scalars look on the wire, for typed clients. */
const scalars = {
  DateTime: 'string',
  URL: 'string',
  UUID: 'string',
  JSON: 'unknown',
  JSONObject: 'Record<string, unknown>',
  NonNegativeInt: 'number',
};

/** The client preset (typed document nodes) over some documents. */
const typedClient = (documents: string[]) => ({
  documents,
  preset: 'client' as const,
  config: { useTypeImports: true, emitLegacyCommonJSImports: false, scalars },
  presetConfig: { fragmentMasking: false },
});

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'schema/schema.ast.graphql': { plugins: ['schema-ast'], config: { sort: true, includeDirectives: true } },
    // The typed client for frontends: typed document nodes for schema/operations/*.graphql.
    'client/gql/': typedClient(['schema/operations/*.graphql']),
    // Typed operations for the tests, so they send what the schema accepts.
    'test/gql/': typedClient(['test/**/*.ts', '!test/gql/**']),
  },
};

export default config;

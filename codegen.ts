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

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'schema/schema.ast.graphql': { plugins: ['schema-ast'], config: { sort: true, includeDirectives: true } },
    // The typed client for frontends: typed document nodes for schema/operations/*.graphql.
    'client/gql/': {
      documents: ['schema/operations/*.graphql'],
      preset: 'client',
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        scalars,
      },
      presetConfig: { fragmentMasking: false },
    },
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      preset: 'client',
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        scalars,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;

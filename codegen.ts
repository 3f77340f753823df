import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator. The schema source is the SDL printed from the Pothos schema
 * (`npm run schema`), so codegen never needs to execute TypeScript:
 * - schema-ast re-prints it (sorted) as the AST-normalised copy frontends consume,
 * - the client preset turns the operations in tests (and schema/operations) into typed documents.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'schema/schema.ast.graphql': { plugins: ['schema-ast'], config: { sort: true, includeDirectives: true } },
    'test/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        scalars: {
          DateTime: 'string',
          URL: 'string',
          UUID: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
          NonNegativeInt: 'number',
        },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;

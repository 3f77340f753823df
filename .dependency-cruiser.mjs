// The architecture, checked by a machine. docs/architecture.md says the same rules in words.
// `npm run deps:check` validates them (part of `npm test`); `npm run graph` prints the graph.
// Known violations that another change removes are listed in .dependency-cruiser-known-violations.json
// (see "Baseline" in docs/architecture.md); everything else fails the check.

/** Code that describes the GraphQL schema: the builder, cross-vendor types, each vendor's types. */
const SCHEMA = [
  '^src/graphql/builder\\.ts$',
  '^src/schema/',
  '^src/vendors/schema\\.ts$',
  '^src/vendors/[^/]+/(schema|browse|vault)\\.ts$',
];
/** GraphQL libraries: the HTTP layer talks to vendors, not to GraphQL. */
const GRAPHQL_PACKAGES =
  '^node_modules/(graphql|graphql-yoga|@graphql-yoga|@pothos|@apollo|@escape\\.tech/graphql-armor[^/]*)/';
/** The emulators and their sample data: never needed by a production process. */
const SANDBOX = ['^src/sandbox/', '^src/vendors/[^/]+/(sandbox|sandbox-[a-z]+|fixtures)\\.ts$'];
/**
 * Sandbox start-up: the only modules that may import SANDBOX statically. `src/sandbox-main.ts` is
 * an entry point (`npm run sandbox`) that nothing in src imports (rule no-import-of-entry-points).
 */
const SANDBOX_STARTUP = ['^src/sandbox-main\\.ts$'];
/**
 * The vendors' settings declarations: leaves that import only the setting kinds. The settings layer
 * reads them (the Vendors group), so they are the one vendor code below the vendor layer.
 */
const VENDOR_SETTINGS = ['^src/vendors/settings\\.ts$', '^src/vendors/[^/]+/settings\\.ts$'];
/** Entry points: run, never imported by other src modules. */
const ENTRY_POINTS = ['^src/main\\.ts$', '^src/sandbox-main\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles (type-only imports count: they couple modules just the same). Break a cycle by moving what both sides need into a leaf module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'http-is-vendor-and-graphql-free',
      severity: 'error',
      comment:
        'src/http is the one vendor HTTP layer: it knows no vendor (src/vendors), no schema and no GraphQL library. Vendor specifics come in as options.',
      from: { path: '^src/http/' },
      to: { path: ['^src/vendors/', ...SCHEMA, GRAPHQL_PACKAGES] },
    },
    {
      name: 'downloads-know-no-schema',
      severity: 'error',
      comment:
        'src/downloads (signer, route, vault) serves files; it does not know the GraphQL schema. Schema code uses downloads, not the reverse.',
      from: { path: '^src/downloads/' },
      to: { path: SCHEMA },
    },
    {
      name: 'builder-and-context-know-no-vendor',
      severity: 'error',
      comment:
        "The builder and the per-request context know no vendor, not even through another module: vendors register against the small interfaces these two define. Exception: the vendors' settings declarations (src/vendors/settings.ts and src/vendors/<v>/settings.ts, leaves that import only the setting kinds), which the settings layer reads.",
      from: { path: ['^src/graphql/builder\\.ts$', '^src/graphql/context\\.ts$'] },
      to: {
        path: '^src/vendors/',
        pathNot: VENDOR_SETTINGS,
        reachable: true,
      },
    },
    {
      name: 'foundations-are-leaves',
      severity: 'error',
      comment:
        "src/foundations (errors, caller auth, disposer, memo) and src/settings are the bottom layer: they import each other and packages, nothing above them. Exception: the vendors' settings declarations (src/vendors/settings.ts and src/vendors/<v>/settings.ts, leaves that import only the setting kinds), from which the settings layer derives the Vendors group.",
      from: { path: ['^src/foundations/', '^src/settings/'] },
      to: {
        path: '^src/(app|graphql|schema|vendors|downloads|http|shared|observability|sandbox)/',
        pathNot: VENDOR_SETTINGS,
      },
    },
    {
      name: 'only-entry-points-import-the-composition-root',
      severity: 'error',
      comment:
        'src/app (createApp, createGateway, the node:http server) composes everything; only the entry points (and tests) import it.',
      from: { path: '^src/', pathNot: ['^src/app/', ...ENTRY_POINTS] },
      to: { path: '^src/app/' },
    },
    {
      name: 'observability-and-shared-state-are-below-the-request-path',
      severity: 'error',
      comment:
        "src/observability (logs, metrics, traces, readiness) and src/shared (Redis and PostgreSQL tiers) serve every layer above them: they import no GraphQL code, no vendor and not the composition root. They may name the interfaces they implement or read (the HTTP layer's stores, the vault's usage) as types only.",
      from: { path: '^src/(observability|shared)/' },
      to: { path: '^src/(app|graphql|schema|vendors)/' },
    },
    {
      name: 'observability-and-shared-state-take-only-types-from-http-and-downloads',
      severity: 'error',
      comment:
        'The HTTP layer and the vault run on observability and shared state; the reverse imports are the interfaces those implement or report on, as types only.',
      from: { path: '^src/(observability|shared)/' },
      to: { path: '^src/(http|downloads)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'vendor-folders-are-independent',
      severity: 'error',
      comment:
        'A vendor folder (src/vendors/<v>/) imports no other vendor folder. Shared vendor code lives directly in src/vendors/ (paging.ts, masking.ts, types.ts).',
      from: { path: '^src/vendors/([^/]+)/' },
      to: { path: '^src/vendors/([^/]+)/', pathNot: '^src/vendors/$1/' },
    },
    {
      name: 'sandbox-only-from-sandbox-startup',
      severity: 'error',
      comment:
        'Emulators and fixtures (src/sandbox, src/vendors/*/sandbox.ts and its sandbox-*.ts parts, src/vendors/*/fixtures.ts) are not imported statically by production code: only by sandbox start-up (src/sandbox-main.ts) and each other. A dynamic import() or a type-only import is allowed: neither loads them in production.',
      from: { path: '^src/', pathNot: [...SANDBOX, ...SANDBOX_STARTUP] },
      to: { path: SANDBOX, dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'no-import-of-entry-points',
      severity: 'error',
      comment: 'main.ts and sandbox-main.ts are run, not imported: importing one would start a process.',
      from: { path: '^src/' },
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'src-imports-no-test-code',
      severity: 'error',
      comment: 'Production code does not import tests, benchmarks or scripts (they are not in the build).',
      from: { path: '^src/' },
      to: { path: ['^test/', '^bench/', '^scripts/', '^examples/', '^client/'] },
    },
    {
      name: 'src-imports-no-dev-dependency',
      severity: 'error',
      comment:
        'The container installs production dependencies only (npm ci --omit=dev): production code may not statically import a devDependency. Emulators and fixtures may (production never loads them).',
      from: { path: '^src/', pathNot: SANDBOX },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing on disk.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package used but not declared in package.json (it works only by accident of hoisting).',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^(test|client)/gql/', '^dist/'] },
    // Type-only imports are dependencies too: the big cycle of issue 18 runs through them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      dot: {
        collapsePattern: 'node_modules/(?:@[^/]+/[^/]+|[^/]+)',
      },
      archi: {
        collapsePattern:
          '^(?:src/vendors/[^/]+|src/[^/]+|node_modules/(?:@[^/]+/[^/]+|[^/]+)|test|bench|scripts)',
      },
      text: { highlightFocused: true },
    },
  },
};

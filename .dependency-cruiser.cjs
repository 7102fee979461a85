/**
 * Architecture rules, checked by `npm test` (tests/architecture.test.ts runs depcruise).
 * Protocol at the bottom, packages depend one way, nothing imports the widget or the
 * console, adapters use only the server's adapter surface, tests import packages by name,
 * no import cycles.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to read (or load) on their own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'protocol-at-the-bottom',
      severity: 'error',
      comment: '@baton/handoff-protocol depends on no other Baton package.',
      from: { path: '^packages/handoff-protocol/' },
      to: { path: '^(packages/(?!handoff-protocol/)|examples/|tests/|scripts/|bench/)' },
    },
    {
      name: 'nobody-imports-the-widget',
      severity: 'error',
      comment:
        'The widget is a leaf: only its own package, examples, tests, bench and the demo use it.',
      from: { pathNot: '^(packages/chat-widget/|examples/|tests/|scripts/|bench/)' },
      to: { path: '^packages/chat-widget/' },
    },
    {
      name: 'nobody-imports-the-console',
      severity: 'error',
      comment: 'The console is a leaf: the server serves its built files, it does not import it.',
      from: { pathNot: '^(packages/agent-console/|examples/|tests/|scripts/|bench/)' },
      to: { path: '^packages/agent-console/' },
    },
    {
      name: 'emulator-is-a-dev-tool',
      severity: 'error',
      comment: 'Production code never depends on the Direct Line emulator (tests and demo may).',
      from: {
        path: '^packages/(?!directline-emulator/)[^/]+/src/',
        pathNot: '[.](test|spec)[.]tsx?$|/test-support/|/testing[.]ts$',
      },
      to: { path: '^packages/directline-emulator/' },
    },
    {
      name: 'server-below-the-clients',
      severity: 'error',
      comment: 'The handoff server never depends on a client package.',
      from: { path: '^packages/handoff-server/' },
      to: { path: '^packages/(chat-widget|agent-console)/' },
    },
    {
      name: 'adapters-use-the-adapter-surface',
      severity: 'error',
      comment:
        'Bundled adapters import only the adapter contract, the public errors and the store contract (types), like a third-party adapter would.',
      from: { path: '^packages/handoff-server/src/adapters/(botframework-hub|webhook)/' },
      to: {
        path: '^packages/handoff-server/src/',
        pathNot:
          '^packages/handoff-server/src/(adapters/|internal/errors[.]ts$|storage/contract[.]ts$|storage/records[.]ts$)',
      },
    },
    {
      name: 'the-desk-is-an-adapter',
      severity: 'error',
      comment:
        'The built-in desk uses only the public adapter surface (adapter contract, desk host API, public errors, store contract), like an agent system of your own would.',
      from: { path: '^packages/handoff-server/src/desk/', pathNot: '[.]test[.]ts$' },
      to: {
        path: '^packages/handoff-server/src/',
        pathNot:
          '^packages/handoff-server/src/(desk/|adapters/(contract|agent-desk-port|desk-host)[.]ts$|internal/errors[.]ts$|storage/(contract|records)[.]ts$)',
      },
    },
    {
      name: 'packages-by-name',
      severity: 'error',
      comment:
        "Across packages, import another package's code by name (@baton/...), never by relative path.",
      from: { path: '^packages/([^/]+)/' },
      to: {
        path: '^packages/[^/]+/src/',
        pathNot: '^packages/$1/',
        dependencyTypesNot: ['aliased'],
      },
    },
    {
      name: 'tests-import-packages-by-name',
      severity: 'error',
      comment:
        'Top-level tests, examples and bench use package code as users do: by name (their test-support and build scripts are not package code).',
      from: { path: '^(tests|examples|bench)/' },
      to: { path: '^packages/[^/]+/src/', dependencyTypesNot: ['aliased'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};

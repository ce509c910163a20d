/* global module */
/**
 * Layer rules of Emporium (ADR 0017), checked by `npm run lint`:
 * - a service's domain is pure: it imports only its own domain and `@emporium/kit/domain`;
 * - a service's app layer (use cases, ports) imports no adapter and no composition root;
 * - a service imports no other service: only `@emporium/kit` and `@emporium/contracts`;
 * - the shared packages import no service, app or tool, and the kit no other workspace;
 * - no relative import reaches into another workspace (use its package name and exports);
 * - every package a file imports is declared in its workspace's package.json, and source
 *   code does not lean on development-only dependencies;
 * - no circular dependencies.
 * Workspaces are resolved through their node_modules links (preserveSymlinks), so an
 * import of `@emporium/kit` is checked against package.json like any other package.
 */
const WORKSPACE = '^(packages|services|apps|tools)/([^/]+)/';
const SHARED = ['kit', 'contracts'];
const IO_BUILTINS =
  '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|dns/promises|tls|cluster|worker_threads|sqlite|readline|os|process|vm|inspector)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'Domain code holds entities and rules: it imports only its own domain folder and the pure kit entry @emporium/kit/domain.',
      from: { path: '^services/([^/]+)/src/domain/' },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: ['^services/$1/src/domain/', '^node_modules/@emporium/kit/src/domain\\.ts$'],
      },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment: 'Domain code does no I/O: no file system, network, process or database modules.',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS },
    },
    {
      name: 'app-imports-no-adapters',
      severity: 'error',
      comment:
        'Use cases talk to the world through their ports; adapters and the composition root depend on the app, never the reverse.',
      from: { path: '^services/([^/]+)/src/app/' },
      to: { path: '^services/$1/src/(adapters/|service\\.ts$|main\\.ts$|index\\.ts$)' },
    },
    {
      name: 'no-service-imports-another-service',
      severity: 'error',
      comment:
        'Services depend on each other only through @emporium/contracts (schemas, clients) and the kit.',
      from: { path: '^services/' },
      to: {
        path: '^node_modules/@emporium/',
        pathNot: [
          ...SHARED.map((name) => `^node_modules/@emporium/${name}/`),
          // Tests may load the platform's generated demo catalog as a fixture (never src, below).
          '^node_modules/@emporium/platform/src/seed/',
        ],
      },
    },
    {
      name: 'service-source-imports-no-app',
      severity: 'error',
      comment: 'Apps compose services; a service never depends on an app.',
      from: { path: '^services/[^/]+/src/' },
      to: { path: '^node_modules/@emporium/platform/' },
    },
    {
      name: 'shared-packages-import-no-service',
      severity: 'error',
      comment: 'The kit and the contracts serve every service; they never depend on one.',
      from: { path: '^packages/' },
      to: {
        path: '^node_modules/@emporium/',
        pathNot: SHARED.map((name) => `^node_modules/@emporium/${name}/`),
      },
    },
    {
      name: 'kit-imports-no-workspace',
      severity: 'error',
      comment: 'The kit is the bottom layer: contracts build on it, not the reverse.',
      from: { path: '^packages/kit/' },
      to: { path: '^node_modules/@emporium/' },
    },
    {
      name: 'no-relative-import-across-workspaces',
      severity: 'error',
      comment:
        'A relative path into another workspace bypasses its package.json and exports: import it by its package name.',
      from: { path: WORKSPACE },
      to: { path: '^(packages|services|apps|tools)/', pathNot: '^$1/$2/' },
    },
    {
      name: 'undeclared-dependency',
      severity: 'error',
      comment:
        "Every imported package is declared in the importing workspace's package.json (or, for tests and tools, the root devDependencies).",
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'source-uses-no-dev-dependency',
      severity: 'error',
      comment:
        'Running code must not need a development dependency (it is absent in production installs).',
      // The kit's testing entry point is imported by tests only, and runs under vitest.
      from: { path: '^(packages|services|apps)/[^/]+/src/', pathNot: '^packages/kit/src/testing/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular imports make load order matter and layers meaningless.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^data/'] },
    // Type-only imports count: a domain that imports an adapter's type still depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Workspaces are checked through their links, like any dependency (see the header).
    preserveSymlinks: true,
    // Tests and tools may use the root's devDependencies (vitest, typescript, ...).
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

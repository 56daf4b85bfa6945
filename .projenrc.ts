import { cdk8s, javascript } from 'projen';

// Sources live in lib/, the generated FlinkDeployment binding in imports/; both compile into build/.
const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-statefun',
  description: 'cdk8s constructs that deploy Flink Stateful Functions (Kzmlabs StateFun on Flink 2.x) through the Flink Kubernetes Operator, validated at synth time.',
  author: 'cdk8s-statefun maintainers',
  authorAddress: 'maintainers@cdk8s-statefun.dev',
  repositoryUrl: 'https://github.com/cdk8s-statefun/cdk8s-statefun.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'kubernetes', 'flink', 'statefun', 'stateful-functions', 'flink-kubernetes-operator'],
  stability: 'experimental',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  // yaml parses module.yaml / flink-conf.yaml for migration and the lint CLI's input; commander parses
  // the CLI's arguments. Non-jsii deps must be bundled.
  bundledDeps: ['yaml@^2.8.0', 'commander@^14.0.0'],
  // `npx cdk8s-statefun lint PATH...`: the synth-time rules over existing YAML.
  bin: { 'cdk8s-statefun': 'bin/cdk8s-statefun' },

  // TypeScript 7 breaks ts-node and ts-jest; the jsii 5.9 line matches the ~5.9.3 pin.
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',

  srcdir: 'lib',
  libdir: 'build',
  entrypoint: 'build/lib/index.js',
  entrypointTypes: 'build/lib/index.d.ts',
  tsconfig: {
    compilerOptions: { rootDir: '.', outDir: 'build' },
    include: ['lib/**/*.ts', 'imports/**/*.ts'],
  },
  tsconfigDev: {
    // Examples import the package by name, as users do; resolve it to the sources.
    compilerOptions: { baseUrl: '.', paths: { 'cdk8s-statefun': ['../lib/index.ts'] } },
    // test/tsconfig.json: paths are relative to test/.
    include: ['**/*.ts', '../lib/**/*.ts', '../imports/**/*.ts', '../examples/**/*.ts', '../bench/**/*.ts', '../scripts/**/*.ts'],
    exclude: ['../examples/*/dist', '../examples/*/node_modules'],
  },

  devDeps: [
    'cdk8s-cli@2.207.60',
    'tsx@^4.23.15',
    'ajv@^8.20.0',
    'kubernetes-models@4.5.1',
    '@kubernetes-models/validate@4.0.0',
    'fast-check@^4.3.0',
  ],

  jestOptions: {
    // Snapshot drift must fail, never be rewritten silently (adds a test:update task).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-results.json'],
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/', '/test/'],
      moduleNameMapper: { '^cdk8s-statefun$': '<rootDir>/lib/index.ts' },
      testTimeout: 60_000,
    },
  },
  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc', '.projenrc.ts'],
    ignorePatterns: ['imports/', 'lib/rules/crd/', 'build/', '*.d.ts', 'examples/*/dist/', 'examples/*/imports/'],
  },
  githubOptions: { mergify: false },
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  gitignore: ['examples/*/dist/', '/build/', '.jsii.tabl.json'],
});

project.addDevDeps('@types/node@^20');
// The package ships compiled lib and the binding's types only: the binding's JS is never loaded at runtime.
project.npmignore?.exclude('/imports/', '/crds/', '/examples/', '/bench/', '/scripts/', '/build/imports/*.js', '/.ci/');
// Examples import the package by name (mapped to lib/ for tsc, tsx and jest).
project.eslint?.addOverride({
  files: ['examples/**/*.ts'],
  rules: { 'import/no-unresolved': ['error', { ignore: ['^cdk8s-statefun$'] }] },
});
// JsiiProject derives `types` from libdir alone; our compiled tree is build/{lib,imports}.
project.package.addField('types', 'build/lib/index.d.ts');
// jest 30 pulls unrs-resolver 1.13.0 whose platform bindings are missing on the registry: npm ci fails without this.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// imports/: the typed FlinkDeployment binding, generated from the operator 1.15.0 CRD (the newest we target).
project.addTask('import', {
  description: 'Regenerate imports/ from the FlinkDeployment CRD in crds/ (works offline)',
  exec: 'cdk8s import crds/flinkdeployments.flink.apache.org-v1.release-1.15.0.yml --output imports --language typescript --no-save --no-check-upgrade',
});

// Type-check everything (lib, tests, examples, bench) before the tests; jsii compile checks the public API.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');
project.testTask.prependExec('jsii --silence-warnings=reserved-word');

// lib/rules/crd/: the FlinkDeployment CRD schemas compiled to standalone ajv code before jsii compiles
// (the package ships no ajv and never compiles a schema at synth); committed, like imports/.
const crdValidators = project.addTask('crd-validators', {
  description: 'Regenerate lib/rules/crd/ (precompiled FlinkDeployment CRD validators) from crds/ and lib/rules/crd-releases.ts',
  exec: 'tsx projenrc/crd-validators.ts',
});
project.preCompileTask.spawn(crdValidators);
// Plain JavaScript (no inline source map doubling its size): copied next to the compiled rules.
project.compileTask.exec('mkdir -p build/lib/rules/crd && cp lib/rules/crd/*.js build/lib/rules/crd/');
project.gitattributes.addAttributes('/lib/rules/crd/*.js', 'linguist-generated');
// The option catalog (lib/data/flink-options.json) is data, not code: jsii compiles only .ts, so copy it
// next to the compiled lib, where lib/flink-option-catalog.ts reads it on first use.
project.compileTask.exec('mkdir -p build/lib/data && cp lib/data/*.json build/lib/data/');
project.addTask('catalog', {
  description: 'Regenerate lib/data/flink-options.json from a directory of option tables (see scripts/flink-option-catalog.ts)',
  exec: 'tsx scripts/flink-option-catalog.ts',
  receiveArgs: true,
});

project.addTask('bench', {
  description: 'Synthesis time and memory at 1/10/100/1000 functions against a plain ApiObject baseline',
  exec: 'node --expose-gc --require tsx/cjs bench/synth-bench.ts',
});
project.addTask('bench:lint', {
  description: 'cdk8s-statefun lint over a few hundred synthesized objects: start-up run and the runs after it',
  exec: 'node --require tsx/cjs bench/lint-bench.ts',
});

for (const example of ['quickstart', 'kafka-eks', 'kinesis', 'minio-local', 'e2e-gate', 'migration', 'all-components']) {
  project.addTask(`synth:${example}`, {
    description: `Synthesize examples/${example} into examples/${example}/dist`,
    cwd: `examples/${example}`,
    exec: 'cdk8s synth --no-check-upgrade',
  });
}

project.synth();

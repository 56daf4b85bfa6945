import { cdk8s, javascript } from 'projen';

// Sources live in lib/, the generated FlinkDeployment binding in imports/; both compile into build/.
const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-statefun',
  description: 'cdk8s constructs that deploy Flink Stateful Functions (Kzmlabs StateFun on Flink 2.x) through the Flink Kubernetes Operator, validated at synth time.',
  author: 'cdk8s-statefun maintainers',
  authorAddress: 'maintainers@cdk8s-statefun.dev',
  repositoryUrl: 'https://github.com/cdk8s-statefun/cdk8s-statefun.git',
  homepage: 'https://github.com/cdk8s-statefun/cdk8s-statefun#readme',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'cdk8s-construct', 'kubernetes', 'flink', 'apache-flink', 'statefun', 'stateful-functions', 'flink-kubernetes-operator', 'kzmlabs'],
  stability: 'experimental',
  // The library runs on Node 20 (its consumers' and CI's runtime); jsii's Node-20 end-of-life banner
  // concerns the build tools only and is silenced in every task (see JSII_SILENCE_WARNING_* below).
  minNodeVersion: '20.0.0',

  // Every jsii language. Generation is checked offline by test/jsii-languages.test.ts; building the
  // wheels/jars/nupkgs needs PyPI, Maven Central and NuGet, so `package` makes only the npm tarball.
  publishToPypi: { distName: 'cdk8s-statefun', module: 'cdk8s_statefun' },
  publishToMaven: { javaPackage: 'io.github.cdk8s_statefun', mavenGroupId: 'io.github.cdk8s-statefun', mavenArtifactId: 'cdk8s-statefun' },
  publishToNuget: { dotNetNamespace: 'Cdk8sStatefun', packageId: 'Cdk8sStatefun' },
  publishToGo: { moduleName: 'github.com/cdk8s-statefun/cdk8s-statefun-go', packageName: 'cdk8sstatefun' },
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
    // No source maps: their sources (lib/*.ts) are not shipped, and a dangling sourceMappingURL makes
    // bundlers and `node --enable-source-maps` warn. Tests run the TypeScript sources directly.
    compilerOptions: { rootDir: '.', outDir: 'build', inlineSourceMap: false, inlineSources: false, sourceMap: false },
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
    // A newer cdk8s-plus line: test/cdk8s-plus-lines.test.ts builds an app with it.
    'cdk8s-plus-33@^2.5.57',
  ],

  jestOptions: {
    // Snapshot drift must fail, never be rewritten silently (adds a test:update task).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-results.json'],
    jestConfig: {
      // Coverage instruments every module and costs about a fifth of the suite's CPU: `npm run test:coverage`.
      collectCoverage: false,
      // Jest's default on 2 cores is one worker; the main process only collects results.
      maxWorkers: 2,
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
// A real 0.x version: the package is publishable (`npm publish --dry-run` of the built tree); releases
// are cut by hand (release: false) until a CI with tags exists. Bump it together with CHANGELOG.md.
project.package.addVersion('0.1.0');
// @jsii/check-node silences its end-of-life banner for the major versions listed in this variable.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
// The package ships what consumers load: compiled lib/ (JS + declarations), .jsii, README, CHANGELOG.
// Not the generated binding (its JS is never loaded; its 1.3 MB declaration file is reached only by the
// @internal FlinkDeploymentObject, whose declaration file no public type imports: checked by
// test/package.test.ts), API.md (Construct Hub renders .jsii).
project.npmignore?.exclude('/imports/', '/crds/', '/examples/', '/bench/', '/scripts/', '/.ci/', '/build/imports/',
  '/build/lib/flink-deployment-object.d.ts', '/API.md', '/test-reports/', '/coverage/');
// Examples import the package by name (mapped to lib/ for tsc, tsx and jest).
project.eslint?.addOverride({
  files: ['examples/**/*.ts'],
  rules: { 'import/no-unresolved': ['error', { ignore: ['^cdk8s-statefun$'] }] },
});
// JsiiProject derives `types` from libdir alone; our compiled tree is build/{lib,imports}.
project.package.addField('types', 'build/lib/index.d.ts');
// jest 30 pulls unrs-resolver 1.13.0 whose platform bindings are missing on the registry: npm ci fails without this.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// imports/: the typed FlinkDeployment binding, generated from the operator 1.16 CRD (the newest we target;
// apache/flink-kubernetes-operator main at 6e9caeb4, the 1.16 line).
project.addTask('import', {
  description: 'Regenerate imports/ from the FlinkDeployment CRD in crds/ (works offline)',
  exec: 'cdk8s import crds/flinkdeployments.flink.apache.org-v1.1.16-snapshot-6e9caeb4.yml --output imports --language typescript --no-save --no-check-upgrade',
});

// `npm test`: compile (jsii, the public API check, plus the data copy; writes build/ and .jsii, which the
// package and jsii-language tests read) unless .jsii is newer than every source (as right after `compile` in `npx projen build`,
// so a build runs jsii once), then test:checks = type-check everything once, jest (transpile-only:
// ts-jest with isolatedModules), eslint.
const JSII_STALE = [
  "const fs = require('fs'), p = require('path');",
  'const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(p.join(d, e.name)) : [p.join(d, e.name)]);',
  "try { const built = fs.statSync('.jsii').mtimeMs;",
  "if (!fs.existsSync('lib/rules/crd') || fs.readdirSync('lib/rules/crd').length === 0) process.exit(0);",
  "process.exit([...walk('lib'), ...walk('imports'), ...walk('crds'), 'tsconfig.json', 'package.json'].some((f) => fs.statSync(f).mtimeMs > built) ? 0 : 1); }",
  'catch { process.exit(0); }',
].join(' ');
const jest = project.testTask.steps.find((s) => s.execArgs?.[0] === 'jest');
const checks = project.addTask('test:checks', {
  description: 'Type-check, jest and eslint (after jsii has compiled)',
  steps: [
    { exec: 'tsc --noEmit -p test/tsconfig.json' },
    { ...jest!, receiveArgs: true },
    { spawn: 'eslint' },
  ],
});
project.testTask.reset();
project.testTask.spawn(project.compileTask, { condition: `node -e "${JSII_STALE}"`, name: 'compile (jsii; when the sources are newer than .jsii)' });
project.testTask.spawn(checks, { receiveArgs: true });
project.addTask('test:coverage', {
  description: 'The jest suite with coverage (coverage/; not part of npm test)',
  exec: 'jest --ci --coverage',
});
// No snapshot tests: every expectation is written out, so there is nothing to update.
project.removeTask('test:update');
// Only the npm tarball is built here: the Python/Java/.NET/Go packages need PyPI, Maven Central and
// NuGet (package-all, for a release machine with network). The generated code is checked offline by
// test/jsii-languages.test.ts.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// lib/rules/crd/: the CRD schemas compiled to standalone ajv code (~1.5 s) as the first step of every compile
// (so `npm test` on a fresh clone has them), never committed: build output. The package ships no ajv and
// never compiles a schema at synth.
const crdValidators = project.addTask('crd-validators', {
  description: 'Generate lib/rules/crd/ (precompiled FlinkDeployment/FlinkStateSnapshot CRD validators) from crds/ and lib/rules/crd-releases.ts',
  exec: 'tsx projenrc/crd-validators.ts',
});
project.compileTask.prependSpawn(crdValidators);
// Plain JavaScript (no inline source map doubling its size): copied next to the compiled rules.
project.compileTask.exec('mkdir -p build/lib/rules/crd && cp lib/rules/crd/*.js build/lib/rules/crd/');
project.gitignore.exclude('/lib/rules/crd/');
// The option catalog (lib/data/flink-options.json) is data, not code: jsii compiles only .ts, so copy it
// next to the compiled lib, where lib/flink-option-catalog.ts reads it on first use.
project.compileTask.exec('mkdir -p build/lib/data && cp lib/data/*.json build/lib/data/');
project.addTask('catalog', {
  description: 'Regenerate lib/data/flink-options.json from a directory of option tables (see scripts/flink-option-catalog.ts)',
  exec: 'tsx scripts/flink-option-catalog.ts',
  receiveArgs: true,
});

// Everything that runs lib/ from source (tsx) needs the generated CRD validators first.
project.addTask('bench', {
  description: 'Synthesis time and memory at 1/10/100/1000 functions against a plain ApiObject baseline',
  steps: [{ spawn: crdValidators.name }, { exec: 'node --expose-gc --require tsx/cjs bench/synth-bench.ts' }],
});
project.addTask('bench:lint', {
  description: 'cdk8s-statefun lint over a few hundred synthesized objects: start-up run and the runs after it',
  steps: [{ spawn: crdValidators.name }, { exec: 'node --require tsx/cjs bench/lint-bench.ts' }],
});

for (const example of ['quickstart', 'kafka-eks', 'kinesis', 'minio-local', 'e2e-gate', 'migration', 'all-components', 'operator-116']) {
  project.addTask(`synth:${example}`, {
    description: `Synthesize examples/${example} into examples/${example}/dist`,
    steps: [{ spawn: crdValidators.name }, { exec: 'cdk8s synth --no-check-upgrade', cwd: `examples/${example}` }],
  });
}

project.synth();

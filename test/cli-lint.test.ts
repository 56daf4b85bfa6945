import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exampleNames, synthExample } from './support/examples';
import { runCli } from '../lib/cli/main';
import { readManifestSources } from '../lib/cli/manifest-sources';

const FIXTURES = path.join(__dirname, 'fixtures', 'lint');
const GUIDE = path.join(FIXTURES, 'product-guide-minimal.yaml');

function cli(args: string[], stdin = ''): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const status = runCli(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, readStdin: () => stdin });
  return { status, out, err };
}

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-lint-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n';

describe('reading manifests', () => {
  test('multi-document files, folders in name order, List items, and empty documents', () => {
    const dir = tempDir({
      'b.yaml': `${CONFIG_MAP}---\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata: { name: sa }\n`,
      'a/x.yml': CONFIG_MAP,
      'notes.txt': 'not read',
      'node_modules/dep.yaml': CONFIG_MAP,
    });
    const read = readManifestSources([dir], () => '');
    expect(read.problems).toEqual([]);
    expect(read.files).toEqual([path.join(dir, 'a', 'x.yml'), path.join(dir, 'b.yaml')]);
    expect(read.manifests.map((m) => [path.basename(m.file), m.document, m.manifest.kind])).toEqual([
      ['x.yml', 0, 'ConfigMap'],
      ['b.yaml', 0, 'ConfigMap'],
      ['b.yaml', 2, 'ServiceAccount'],
    ]);
  });

  test('a field is located on its line, Flink keys with dots included', () => {
    const read = readManifestSources([GUIDE], () => '');
    const deployment = read.manifests.find((m) => m.manifest.kind === 'FlinkDeployment')!;
    const text = fs.readFileSync(GUIDE, 'utf8').split('\n');
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    expect(deployment.lineOf('spec.job.jarURI')).toBe(lineOf('jarURI:'));
    expect(deployment.lineOf('spec.flinkConfiguration.state.checkpoints.dir')).toBe(lineOf('state.checkpoints.dir:'));
    expect(deployment.lineOf('spec.podTemplate.spec.containers[0].volumeMounts[0].mountPath')).toBe(lineOf('mountPath: /opt/flink/conf'));
    // A field that is not written falls back to the deepest parent that is.
    expect(deployment.lineOf('spec.job.entryClass')).toBe(lineOf('job:'));
  });

  test('what is not a Kubernetes object is an input problem with its line', () => {
    const dir = tempDir({ 'bad.yaml': `${CONFIG_MAP}---\nkey: [unclosed\n`, 'scalar.yaml': 'just text\n' });
    const read = readManifestSources([dir, path.join(dir, 'missing.yaml')], () => '');
    expect(read.manifests).toHaveLength(1);
    expect(read.problems.map((p) => [path.basename(p.file), p.document, p.line, p.message.split(':')[0]])).toEqual([
      ['bad.yaml', 1, 9, 'not valid YAML'], // the yaml parser reports an unclosed flow at the end of input,
      ['scalar.yaml', 0, 1, 'not a Kubernetes object (expected a mapping with apiVersion and kind)'],
      ['missing.yaml', undefined, undefined, 'no such file or folder'],
    ]);
  });
});

describe('cdk8s-statefun lint: exit status and formats', () => {
  test('clean input: exit 0 and the summary line', () => {
    const dir = tempDir({ 'cm.yaml': CONFIG_MAP });
    expect(cli(['lint', dir])).toEqual({ status: 0, out: 'no findings in 1 object from 1 file\n', err: '' });
  });

  test('standard input with -', () => {
    expect(cli(['lint', '-'], CONFIG_MAP).out).toBe('no findings in 1 object from 1 file\n');
  });

  test('unreadable input: exit 1 with one line per problem', () => {
    const dir = tempDir({ 'bad.yaml': 'key: [unclosed\n' });
    const r = cli(['lint', path.join(dir, 'bad.yaml')]);
    expect(r.status).toBe(1);
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`^${escape(path.join(dir, 'bad.yaml'))}:2: error input \\(document 1\\): not valid YAML: `));
    expect(r.out.trim().split('\n').pop()).toBe('1 error, 0 warnings in 0 objects from 1 file');
  });

  test('wrong usage: exit 2 with the reason on stderr', () => {
    expect(cli(['lint']).status).toBe(2);
    const r = cli(['lint', '--operator', '1.9', 'x.yaml']);
    expect(r.status).toBe(2);
    expect(r.err).toContain("option '--operator <version>' argument '1.9' is invalid");
    expect(cli(['lint', '--format', 'xml', 'x.yaml']).status).toBe(2);
    expect(cli(['frobnicate']).status).toBe(2);
  });

  test('--help and --version exit 0', () => {
    const help = cli(['lint', '--help']);
    expect(help.status).toBe(0);
    expect(help.out).toContain('--operator <version>');
    expect(cli(['--version']).status).toBe(0);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lintJson(args: string[]): { status: number; report: any } {
  const r = cli(['lint', '--format', 'json', ...args]);
  return { status: r.status, report: JSON.parse(r.out) };
}

function rulesAt(report: any): Array<[string, string]> {
  return report.findings.map((f: any) => [f.rule, f.field]);
}

describe('cdk8s-statefun lint: the product guide\'s minimal deployment', () => {
  const { status, report } = lintJson([GUIDE]);
  const found = rulesAt(report);

  test('exit 1 with errors', () => {
    expect(status).toBe(1);
    expect(report.summary.errors).toBeGreaterThan(0);
  });

  test.each([
    ['the module path env var nothing reads', 'statefun-module/module-path-env', 'spec.podTemplate.spec.containers[0].env[0].name'],
    ['the missing module-name key', 'statefun-module/module-name', "spec.flinkConfiguration['statefun.remote.module-name']"],
    ['the mount over /opt/flink/conf', 'pod-template/conf-dir', 'spec.podTemplate.spec.containers[0].volumeMounts[0].mountPath'],
    ['the jar path the image does not have', 'statefun-module/jar', 'spec.job.jarURI'],
    ['the legacy state.checkpoints.dir key', 'operator-validator/flink-configuration', "spec.flinkConfiguration['state.checkpoints.dir']"],
    ['the missing parent-first patterns', 'operator-validator/flink-configuration', "spec.flinkConfiguration['classloader.parent-first-patterns.additional']"],
  ])('%s', (_name, rule, field) => {
    expect(found).toContainEqual([rule, field]);
  });

  test('fixes for fields that are not set say what to set', () => {
    const fixOf = (rule: string, field: string) => report.findings.find((f: any) => f.rule === rule && f.field === field)?.fix;
    expect(fixOf('pod-template/run-as-non-root', 'spec.podTemplate.spec.securityContext.runAsNonRoot')).toMatch(/^set runAsNonRoot: true; if the pods really must run without it, opt out by name: /);
    expect(fixOf('pod-template/privilege-escalation', 'spec.podTemplate.spec.containers[0].securityContext.allowPrivilegeEscalation')).toMatch(/^set allowPrivilegeEscalation: false; /);
    expect(fixOf('operator-validator/flink-configuration', "spec.flinkConfiguration['classloader.resolve-order']")).toBe('set it to parent-first (StateFunApp writes it: do not patch it)');
    expect(fixOf('operator-validator/flink-configuration', "spec.flinkConfiguration['execution.checkpointing.max-concurrent-checkpoints']")).toBe('set it to 1 (StateFunApp writes it: do not patch it)');
  });

  test('each finding names file, document, line and object; the text format one line each', () => {
    const jar = report.findings.find((f: any) => f.rule === 'statefun-module/jar');
    const text = fs.readFileSync(GUIDE, 'utf8').split('\n');
    expect(jar).toMatchObject({ file: GUIDE, document: 0, object: 'FlinkDeployment/my-app/my-statefun', value: 'local:///opt/flink/usrlib/statefun-flink-runner.jar', line: text.findIndex((l) => l.includes('jarURI:')) + 1 });
    expect(jar.message).toBe(`spec.job.jarURI = "local:///opt/flink/usrlib/statefun-flink-runner.jar": ${jar.why}. Fix: write jarURI: local:///opt/flink/statefun-flink-runner.jar`);
    const lines = cli(['lint', GUIDE]).out.trim().split('\n');
    expect(lines).toHaveLength(report.findings.length + 1);
    expect(lines).toContain(`${GUIDE}:${jar.line}: error statefun-module/jar FlinkDeployment/my-app/my-statefun (document 1): ${jar.message}`);
    expect(lines[lines.length - 1]).toBe(`${report.summary.errors} errors, 0 warnings in 2 objects from 1 file`);
  });
});

describe('cdk8s-statefun lint: each rule family on a hand-written fixture', () => {
  test('crd-schema: a field the CRD does not have', () => {
    const { report } = lintJson([path.join(FIXTURES, 'crd-violation.yaml')]);
    expect(rulesAt(report)).toContainEqual(['crd-schema/additionalProperties', 'spec.job.parallelizm']);
  });

  test('operator-validator: what the operator refuses (no serviceAccount, no memory)', () => {
    const { report } = lintJson([path.join(FIXTURES, 'crd-violation.yaml')]);
    expect(rulesAt(report)).toEqual(expect.arrayContaining([
      ['operator-validator/operator', 'spec.serviceAccount'],
      ['operator-validator/operator', 'spec.jobManager.resource.memory'],
    ]));
  });

  test('pod-template: no main container; a template that is not written is named by its full path', () => {
    const { report } = lintJson([path.join(FIXTURES, 'crd-violation.yaml')]);
    expect(rulesAt(report)).toEqual(expect.arrayContaining([
      ['pod-template/main-container', 'spec.podTemplate.spec.containers'],
      ['pod-template/run-as-non-root', 'spec.podTemplate.spec.securityContext.runAsNonRoot'],
      ['pod-template/seccomp', 'spec.podTemplate.spec.securityContext.seccompProfile'],
    ]));
  });

  test('statefun-module: module fields the runtime ignores, and an endpoint Service that forwards to no container port', () => {
    const { report } = lintJson([path.join(FIXTURES, 'module-wiring.yaml')]);
    const module = report.findings.filter((f: any) => f.rule.startsWith('statefun-module/'));
    expect(module.map((f: any) => [f.rule, f.object, f.field, f.value])).toEqual([
      ['statefun-module/endpoint-service', 'ConfigMap/shop/shop-module', "data['module.yaml'] endpoint http://cart.shop.svc:8080/statefun", 9000],
      ['statefun-module/module', 'ConfigMap/shop/shop-module', "data['module.yaml'] document 2 spec.topics[0].typeUrl", 'shop/Order'],
      ['statefun-module/module', 'ConfigMap/shop/shop-module', "data['module.yaml'] document 2 spec.topics[0].valueType", null],
    ]);
    expect(module[0].why).toBe('Service cart forwards port 8080 to 9000, which no container of Deployment/cart declares: every call fails to connect');
    expect(module[1].fix).toBe('rename it to valueType');
  });

  test('statefun-module: the module file is not in the mounted ConfigMap; the runner example\'s jar path', () => {
    const { report } = lintJson([path.join(FIXTURES, 'module-missing.yaml')]);
    const module = report.findings.filter((f: any) => f.rule.startsWith('statefun-module/'));
    expect(module.map((f: any) => [f.rule, f.field, f.value])).toEqual([
      ['statefun-module/module-key', "spec.flinkConfiguration['statefun.remote.module-name']", 'file:///opt/statefun/modules.yaml'],
      ['statefun-module/jar', 'spec.job.jarURI', 'local:///opt/flink/statefun.jar'],
    ]);
    expect(module[0].why).toContain('the ConfigMap has no key modules.yaml');
  });

  test('statefun-module: a module ConfigMap that is not among the input is a warning', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'module-missing.yaml'), 'utf8').split('---')[0];
    const r = cli(['lint', '--format', 'json', '-'], text);
    const warning = JSON.parse(r.out).findings.find((f: any) => f.rule === 'statefun-module/module-configmap');
    expect(warning).toMatchObject({ severity: 'warning', file: '-', value: 'file:///opt/statefun/modules.yaml' });
  });
});

describe('cdk8s-statefun lint: the families merged from the other branches, on one hand-written fixture', () => {
  const { status, report } = lintJson(['--operator', '1.11', path.join(FIXTURES, 'merged-families.yaml')]);
  test.each([
    ['flink-memory/process-size', 'spec.taskManager.resource.memory', '300m'],
    ['filesystem-scheme/uri', "spec.flinkConfiguration['execution.checkpointing.dir']", 's3a://shop-bucket/checkpoints'],
    ['upgrade-path/last-state-ha', 'spec.job.upgradeMode', 'last-state'],
    ['names/invalid', 'metadata.name', 'Shop_Settings'],
    ['credentials/env', 'spec.podTemplate.spec.containers[0].env[0].value', 'AWS_SECRET_ACCESS_KEY=(plain text, 40 characters, hidden)'],
  ])('%s', (rule, field, value) => {
    expect(status).toBe(1);
    expect(report.findings.map((f: any) => [f.rule, f.field, f.value])).toContainEqual([rule, field, value]);
  });

  test('the password is one finding, not one per family', () => {
    expect(report.findings.filter((f: any) => f.field.includes('sasl.jaas.config'))).toHaveLength(1);
  });

  test('the plain-text password is never printed', () => {
    const out = cli(['lint', '--operator', '1.11', path.join(FIXTURES, 'merged-families.yaml')]).out;
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('wJalrXUtnFEMI');
  });
});

describe('cdk8s-statefun lint: every example\'s synthesized output is clean', () => {
  test.each(exampleNames())('%s', (name) => {
    const { outdir, manifests } = synthExample(name);
    expect(manifests.some((m) => m.kind === 'FlinkDeployment')).toBe(true);
    const r = cli(['lint', outdir]);
    expect(r.out).toBe(`no findings in ${manifests.length} objects from 1 file\n`);
    expect(r.status).toBe(0);
  });
});

describe('cdk8s-statefun lint: json and SARIF', () => {
  test('json: summary and findings', () => {
    const { report } = lintJson([GUIDE]);
    expect(report.summary).toEqual({ files: 1, objects: 2, errors: report.findings.length, warnings: 0 });
    for (const f of report.findings) expect(Object.keys(f).sort()).toEqual(['document', 'field', 'file', 'fix', 'line', 'message', 'object', 'rule', 'severity', 'value', 'why']);
  });

  test('SARIF 2.1.0: one result per finding, each naming a listed rule and a location', () => {
    const json = lintJson([GUIDE]).report;
    const r = cli(['lint', '--format', 'sarif', GUIDE, path.join(FIXTURES, 'module-wiring.yaml')]);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-statefun');
    expect(typeof run.tool.driver.version).toBe('string');
    const ids = run.tool.driver.rules.map((x: any) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of run.tool.driver.rules) expect(typeof rule.shortDescription.text).toBe('string');
    expect(run.results.length).toBeGreaterThan(json.findings.length);
    for (const res of run.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(typeof res.message.text).toBe('string');
      expect(res.locations).toHaveLength(1);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toMatch(/\.yaml$/);
      expect(Number.isInteger(res.locations[0].physicalLocation.region.startLine)).toBe(true);
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const jar = run.results.find((x: any) => x.ruleId === 'statefun-module/jar');
    expect(jar.locations[0].physicalLocation.region.startLine).toBe(json.findings.find((f: any) => f.rule === 'statefun-module/jar').line);
  });

  test('--operator selects the CRD release the schema rule checks against', () => {
    // The kinesis example targets operator 1.15 and Flink v2_2, which the 1.11 CRD's enum does not have.
    const { outdir } = synthExample('kinesis');
    expect(cli(['lint', '--operator', '1.15', outdir]).status).toBe(0);
    const old = cli(['lint', '--operator', '1.11', '--format', 'json', outdir]);
    expect(old.status).toBe(1);
    expect(JSON.parse(old.out).findings.map((f: any) => [f.rule, f.field, f.value])).toContainEqual(['crd-schema/enum', 'spec.flinkVersion', 'v2_2']);
  });
});

describe('the library does not load the CLI', () => {
  test('no module reachable from lib/index.ts is under lib/cli/ or imports commander', () => {
    const lib = path.join(__dirname, '..', 'lib');
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toMatch(/from 'commander'/);
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from '(\.{1,2}\/[^']+)'/gms)) {
        if (/^import type /.test(m[0])) continue;
        const target = path.resolve(path.dirname(file), m[1]);
        const resolved = fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
        if (fs.existsSync(resolved)) visit(resolved);
      }
    };
    visit(path.join(lib, 'index.ts'));
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].filter((f) => f.startsWith(path.join(lib, 'cli')))).toEqual([]);
    expect(seen.has(path.join(lib, 'rules', 'statefun-module.ts'))).toBe(true);
  });
});

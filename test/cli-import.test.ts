import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { exampleNames, synthAppDir, synthExample } from './support/examples';
import { importManifests, ImportResult, writeImport } from '../lib/cli/import';
import { runCli } from '../lib/cli/main';

const GUIDE = path.join(__dirname, 'fixtures', 'lint', 'product-guide-minimal.yaml');

function cli(args: string[]): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const status = runCli(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, readStdin: () => '' });
  return { status, out, err };
}

/** Imports the YAML in `paths` into a fresh folder and synthesizes the app written there. */
function roundTrip(paths: string[]): { result: ImportResult; dir: string; manifests: any[]; outdir: string } {
  const result = importManifests({ paths, readStdin: () => '' });
  expect(result.errors).toEqual([]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-'));
  writeImport(result, dir);
  // The app resolves cdk8s and cdk8s-plus like a project folder (cdk8s-statefun maps to lib/ under jest).
  fs.symlinkSync(path.join(__dirname, '..', 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const { manifests, outdir } = synthAppDir(dir, 'imported');
  return { result, dir, manifests, outdir };
}

function byKey(manifests: any[]): Map<string, any> {
  return new Map(manifests.map((m) => [`${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name}`, m]));
}

/** Paths where two objects differ (a, b plain JSON), at most `limit`. */
function differences(a: unknown, b: unknown, at = '', out: string[] = []): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (typeof a === 'object' && a && typeof b === 'object' && b && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) differences((a as any)[k], (b as any)[k], `${at}.${k}`, out);
    return out;
  }
  out.push(`${at}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  return out;
}

/** What differs between two sets of objects (keyed by kind/namespace/name), one line per path. */
function objectDifferences(input: any[], output: any[]): string[] {
  const before = byKey(input);
  const after = byKey(output);
  const diffs: string[] = [];
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    if (!before.has(k)) diffs.push(`${k}: added`);
    else if (!after.has(k)) diffs.push(`${k}: missing`);
    else diffs.push(...differences(before.get(k), after.get(k), k));
  }
  return diffs;
}

/** Examples with two StateFun apps (two FlinkDeployments): import reads one app and refuses them, checked below. */
const SEVERAL_APPS = ['operator-116'];

describe('cdk8s-statefun import: round trip of the examples', () => {
  // Every other example: synthesized YAML → import → synth gives the very same objects, and import lists
  // no change (what it could not know from the YAML, e.g. the operator release, is listed as not expressed).
  test.each(exampleNames().filter((n) => !SEVERAL_APPS.includes(n)))('%s', (name) => {
    const input = synthExample(name);
    const { result, manifests, dir } = roundTrip([input.outdir]);
    expect(result.changes).toEqual([]);
    expect(objectDifferences(input.manifests, manifests)).toEqual([]);
    expect(manifests).toHaveLength(input.manifests.length);
    // The app is built from the typed constructs, with the module and the Flink configuration as data files.
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    expect(main).toContain('new StateFunApp(chart, ');
    expect(main).toContain("FlinkConfigMigration.fromYaml(fs.readFileSync(path.join(__dirname, 'flink-conf.yaml'), 'utf8'))");
    expect(main).toContain("ModuleImport.fromFile(path.join(__dirname, 'module.yaml'))");
    expect(main).toMatch(/CheckpointStore\.s3(Compatible)?\(chart, 'checkpoints'/);
    expect(fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8')).toBe('language: typescript\napp: npx tsx main.ts\n');
  });

  test.each(SEVERAL_APPS)('%s: two FlinkDeployments are refused, naming them', (name) => {
    const input = synthExample(name);
    const names = input.manifests.filter((m) => m.kind === 'FlinkDeployment').map((m) => m.metadata.name);
    expect(names).toHaveLength(2);
    const result = importManifests({ paths: [input.outdir], readStdin: () => '' });
    expect(result.errors).toEqual([`2 FlinkDeployments in the input (${names.join(', ')}): import one at a time (--app NAME)`]);
    expect(result.files).toEqual({});
    expect(importManifests({ paths: [input.outdir], readStdin: () => '', app: 'nope' }).errors).toEqual([`no FlinkDeployment named nope in the input (${names.join(', ')})`]);
    // --app picks one; the other app's objects are listed as not imported.
    const one = importManifests({ paths: [input.outdir], readStdin: () => '', app: names[0] });
    expect(one.errors).toEqual([]);
    expect(one.files['main.ts']).toContain(`new StateFunApp(chart, '${names[0]}', {`);
    expect(one.notExpressed).toContainEqual(expect.stringMatching(new RegExp(`^FlinkDeployment/${names[1]}: not part of the imported app \\(FlinkDeployment ${names[0]}, `)));
  });

  test('kafka-eks: the pod controls become typed props; the Secret the module reads is mounted by the app, not listed', () => {
    const input = synthExample('kafka-eks');
    const { result, dir } = roundTrip([input.outdir]);
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    // As examples/kafka-eks/main.ts writes it: the shared placement once, each role's own terms under the role.
    expect(main).toContain("flinkPods: { placement: { nodeSelector: { 'eks.amazonaws.com/nodegroup': 'flink' }, "
      + "tolerations: [{ key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }], priorityClassName: 'statefun-critical' }, "
      + 'jobManager: { placement: { podAntiAffinity: [{ topology: PlacementTopology.ZONE }] } }, '
      + "taskManager: { placement: { topologySpread: [{ topology: PlacementTopology.ZONE }] }, rocksDbLocalDirectory: RocksDbLocalDirectory.ephemeralVolume({ size: Size.gibibytes(50), storageClassName: 'gp3' }) } },");
    expect(main).toContain('placement: { podAntiAffinity: [{ topology: PlacementTopology.ZONE, weight: 100 }] },');
    expect(main).toContain("imagePullSecrets: [Secret.fromSecretName(chart, 'pull-secret-1', 'ecr-mirror-credentials')],");
    expect(fs.readFileSync(path.join(dir, 'flink-conf.yaml'), 'utf8')).not.toContain('state.backend.rocksdb.localdir');
    // The module's SASL properties become the typed security; the egress keeps its other properties.
    expect(main).toContain("const paymentsMskScramSecret = Secret.fromSecretName(chart, 'kafka-secret-payments-msk-scram', 'payments-msk-scram');");
    expect(main).toContain("const kafkaSecurity = KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'payments-statefun', password: PodFile.fromSecret(paymentsMskScramSecret, 'password') });");
    expect(main).toContain("new KafkaIngress(chart, 'KafkaIngress-payments.requests', { ...imported.kafkaIngresses[0], app: statefun, security: kafkaSecurity, properties: undefined });");
    expect(main).toContain("new KafkaEgress(chart, 'KafkaEgress-payments.results', { ...imported.kafkaEgresses[0], app: statefun, security: kafkaSecurity, properties: { 'compression.type': 'lz4', 'linger.ms': '20' } });");
    expect(main).not.toContain('imported.addTo(');
    expect(result.notExpressed.filter((l) => /podTemplate|volumeMount|pod spec/.test(l))).toEqual([]);
  });

  test('a function\'s scheduling fields that would not render back the same are listed, the others imported', () => {
    const input = synthExample('kafka-eks');
    const fn = input.manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'payment-functions');
    const pod = fn.spec.template.spec;
    pod.topologySpreadConstraints = [{ ...pod.topologySpreadConstraints[0], minDomains: 2 }];
    pod.priorityClassName = 'functions';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-fn-'));
    fs.writeFileSync(path.join(dir, 'in.yaml'), input.manifests.map((m) => YAML.stringify(m)).join('---\n'));
    const { result, dir: out } = roundTrip([path.join(dir, 'in.yaml')]);
    expect(result.notExpressed).toContain('Deployment payment-functions pod spec topologySpreadConstraints: not imported (set them with the RemoteFunction placement and pod props)');
    expect(fs.readFileSync(path.join(out, 'main.ts'), 'utf8')).toContain("placement: { podAntiAffinity: [{ topology: PlacementTopology.ZONE, weight: 100 }], priorityClassName: 'functions' },");
  });

  test('a function Deployment becomes a RemoteFunction with its scaling and probe; the IRSA role the store\'s', () => {
    const input = synthExample('quickstart');
    const { dir } = roundTrip([input.outdir]);
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    expect(main).toContain("new RemoteFunction(chart, 'order-handler', {");
    expect(main).toContain('scaling: FunctionScaling.autoscale({ minReplicas: 3, maxReplicas: 30, targetCpuUtilization: 70 })');
    expect(main).toMatch(/readiness: FunctionProbe\.httpGet\('\/health', \{ port: 8080[,}]/);
    expect(main).toContain("irsaRoleArn: 'arn:aws:iam::123456789012:role/statefun'");
  });
});

describe('cdk8s-statefun import: the product guide\'s minimal deployment', () => {
  const { result, manifests, outdir } = roundTrip([GUIDE]);

  test.each([
    ['module path env var', /^env STATEFUN_MODULE_PATH = '\/opt\/flink\/conf\/module\.yaml': no StateFun code reads it/],
    ['missing module-name key', /^spec\.flinkConfiguration\['statefun\.remote\.module-name'\] \(not set\): the runtime reads classpath:module\.yaml by default/],
    ['mount over /opt/flink/conf', /^volumeMount module at '\/opt\/flink\/conf': the module is mounted at \/opt\/statefun .*not over Flink's configuration directory/],
    ['jar path', /^spec\.job\.jarURI = 'local:\/\/\/opt\/flink\/usrlib\/statefun-flink-runner\.jar': the runner jar of the image is local:\/\/\/opt\/flink\/statefun-flink-runner\.jar$/],
    ['legacy checkpoint key', /^spec\.flinkConfiguration\['state\.checkpoints\.dir'\] = 's3:\/\/my-bucket\/checkpoints': the legacy key/],
  ])('lists the change: %s', (_name, line) => {
    expect(result.changes.filter((c) => line.test(c))).toHaveLength(1);
  });

  test('the endpoint without a workload behind it is kept and listed', () => {
    expect(result.notExpressed).toContain('endpoint example/* at http://my-remote-function.my-app.svc:8080/statefun: no function Deployment behind it among the input; kept as an HttpEndpoint');
  });

  test('synthesizes the fixed deployment, and lint finds nothing in it', () => {
    const fd = manifests.find((m) => m.kind === 'FlinkDeployment');
    expect(fd.spec.job.jarURI).toBe('local:///opt/flink/statefun-flink-runner.jar');
    expect(fd.spec.flinkConfiguration['statefun.remote.module-name']).toBe('file:///opt/statefun/module.yaml');
    expect(fd.spec.flinkConfiguration['execution.checkpointing.dir']).toBe('s3://my-bucket/my-statefun/checkpoints');
    expect(fd.spec.flinkConfiguration['state.checkpoints.dir']).toBeUndefined();
    expect(fd.spec.podTemplate.spec.containers[0].env ?? []).not.toContainEqual(expect.objectContaining({ name: 'STATEFUN_MODULE_PATH' }));
    expect(fd.spec.podTemplate.spec.containers[0].volumeMounts).toEqual([{ name: 'statefun-module', mountPath: '/opt/statefun', readOnly: true }]);
    const module = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'my-statefun-module');
    expect(module.data['module.yaml']).toContain('urlPathTemplate: http://my-remote-function.my-app.svc:8080/statefun');
    expect(module.data['module.yaml']).toContain('id: example/orders');
    const lint = cli(['lint', outdir]);
    expect(lint.out).toBe(`no findings in ${manifests.length} objects from 1 file\n`);
    expect(lint.status).toBe(0);
  });
});

describe('cdk8s-statefun import: the command', () => {
  test('writes the app, prints the changes; refuses to overwrite without --force', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-cli-')), 'app');
    const first = cli(['import', GUIDE, '--out', out]);
    expect(first.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['cdk8s.yaml', 'flink-conf.yaml', 'main.ts', 'module.yaml']);
    expect(first.out).toMatch(/^wrote .*main\.ts/);
    expect(first.out).toContain('changed on purpose (');
    expect(first.out).toContain("  spec.job.jarURI = 'local:///opt/flink/usrlib/statefun-flink-runner.jar': the runner jar of the image is local:///opt/flink/statefun-flink-runner.jar\n");
    expect(first.out).toContain('not expressed (1):\n  endpoint example/*');
    const second = cli(['import', GUIDE, '--out', out]);
    expect(second.status).toBe(2);
    expect(second.err).toContain('pass --force to overwrite');
    expect(cli(['import', GUIDE, '--out', out, '--force']).status).toBe(0);
  });

  test('input without a FlinkDeployment: exit 1 and the reason; --out is required', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-none-'));
    fs.writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const r = cli(['import', dir, '--out', path.join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.err).toContain('no FlinkDeployment in the input');
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    expect(cli(['import', dir]).status).toBe(2);
  });

  test('--operator chooses the release the app targets', () => {
    const input = synthExample('kinesis');
    const result = importManifests({ paths: [input.outdir], readStdin: () => '', operatorVersion: '1.15' });
    expect(result.files['main.ts']).toContain('operatorVersion: OperatorVersion.V1_15');
    expect(result.notExpressed.some((l) => l.startsWith('the operator release is not in the YAML'))).toBe(false);
  });
});

describe('cdk8s-statefun import: hand-written YAML', () => {
  test('scheduling in the shared Flink pod template moves to the role templates, and the change is listed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-hand-'));
    const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(__dirname, 'fixtures', 'lint', 'module-wiring.yaml'), 'utf8').replace('typeUrl: shop/Order', 'valueType: shop/Order')).map((d) => d.toJS());
    const fd = docs.find((d) => d?.kind === 'FlinkDeployment');
    fd.spec.podTemplate.spec.nodeSelector = { pool: 'flink' };
    fd.spec.podTemplate.spec.priorityClassName = 'statefun';
    fs.writeFileSync(path.join(dir, 'in.yaml'), docs.filter(Boolean).map((d) => YAML.stringify(d)).join('---\n'));
    const { result, manifests } = roundTrip([path.join(dir, 'in.yaml')]);
    expect(result.changes).toContain('spec.podTemplate.spec nodeSelector, priorityClassName: written into the JobManager and TaskManager pod templates (flinkPods placement), where the library renders scheduling; the operator merges either into the same pods');
    expect(result.notExpressed.filter((l) => l.startsWith('spec.podTemplate.spec'))).toEqual([]);
    const out = manifests.find((m) => m.kind === 'FlinkDeployment');
    for (const role of ['jobManager', 'taskManager']) expect(out.spec[role].podTemplate.spec).toEqual({ nodeSelector: { pool: 'flink' }, priorityClassName: 'statefun' });
  });

  test('the function Deployment is served on the port its pods listen on, and every change is listed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-hand-'));
    // module-wiring.yaml with its module fixed: the Service forwards 8080 to 9000, the pods listen on 8000.
    const text = fs.readFileSync(path.join(__dirname, 'fixtures', 'lint', 'module-wiring.yaml'), 'utf8').replace('typeUrl: shop/Order', 'valueType: shop/Order');
    fs.writeFileSync(path.join(dir, 'in.yaml'), text);
    const { result, manifests, outdir } = roundTrip([path.join(dir, 'in.yaml')]);
    expect(result.changes).toEqual([
      'spec.jobManager.resource (not set): the app writes memory 1024m, cpu 0.5 unless you set jobManager.resources',
      'spec.taskManager.resource (not set): the app writes memory 2048m, cpu 1 unless you set taskManager.resources',
      'endpoint http://cart.shop.svc:8080/statefun: RemoteFunction serves Deployment cart through Service cart on the port its pods listen on (8000), so the URL becomes http://cart.shop.svc:8000/statefun',
      'Deployment cart: rendered by RemoteFunction, with its labels, pod hardening, probes, resources, PodDisruptionBudget and NetworkPolicy (see the RemoteFunction docs)',
      'ServiceAccount shop-flink: not among the input; the app creates it with the Role and RoleBinding the operator\'s JobManager needs',
      'spec.podTemplate.spec.securityContext: the app hardens the pods (runAsNonRoot, seccomp RuntimeDefault, no privilege escalation, capabilities dropped)',
    ]);
    const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === 'cart');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8000 }]);
    const module = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'shop-module');
    expect(module.data['module.yaml']).toContain('urlPathTemplate: http://cart.shop.svc:8000/statefun');
    expect(cli(['lint', outdir]).status).toBe(0);
  });
});

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


describe('cdk8s-statefun import: round trip of the examples', () => {
  // Every other example: synthesized YAML → import → synth gives the very same objects, and import lists
  // no change (what it could not know from the YAML, e.g. the operator release, is listed as not expressed).
  test.each(exampleNames())('%s', (name) => {
    const input = synthExample(name);
    const { result, manifests, dir } = roundTrip([input.outdir]);
    expect(result.changes).toEqual([]);
    expect(objectDifferences(input.manifests, manifests)).toEqual([]);
    expect(manifests).toHaveLength(input.manifests.length);
    // The app is built from the typed constructs, with the module and the Flink configuration as data files.
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    expect(main).toContain('new StateFunApp(chart, ');
    // (one file each per app: `flink-conf.yaml`, or `<app>.flink-conf.yaml` when the input holds several apps)
    expect(main).toMatch(/FlinkConfigMigration\.fromYaml\(fs\.readFileSync\(path\.join\(__dirname, '([a-z0-9-]+\.)?flink-conf\.yaml'\), 'utf8'\)\)/);
    expect(main).toMatch(/ModuleImport\.fromFile\(path\.join\(__dirname, '([a-z0-9-]+\.)?module\.yaml'\)\)/);
    expect(main).toMatch(/CheckpointStore\.s3(Compatible)?\(chart, 'checkpoints'/);
    expect(fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8')).toBe('language: typescript\napp: npx tsx main.ts\n');
  });

  test('operator-116: every app, its snapshots and the savepoint it starts from, in one main.ts', () => {
    const input = synthExample('operator-116');
    const { result, dir } = roundTrip([input.outdir]);
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    expect(fs.readdirSync(dir).filter((f) => f !== 'node_modules').sort()).toEqual([
      'cdk8s.yaml', 'main.ts', 'orders-replay.flink-conf.yaml', 'orders-replay.module.yaml', 'orders.flink-conf.yaml', 'orders.module.yaml',
    ]);
    expect(main).toContain("const orders = new StateFunApp(chart, 'orders', {");
    expect(main).toContain("const ordersReplay = new StateFunApp(chart, 'orders-replay', {");
    // One store for both apps (written the same way), the imported savepoint before the app that starts from it.
    expect(main.match(/CheckpointStore\.s3\(/g)).toHaveLength(1);
    expect(main).toContain("const ordersBeforeMigration = new FlinkStateSnapshot(chart, 'orders-before-migration', {\n  snapshot: SnapshotType.existingSavepoint('s3://acme-orders-statefun/orders/savepoints/savepoint-4f1c2a-7e0d9b1c'),\n});");
    expect(main).toContain('initialSavepoint: SavepointSource.fromSnapshot(ordersBeforeMigration)');
    expect(main.indexOf('const ordersBeforeMigration')).toBeLessThan(main.indexOf('const ordersReplay'));
    expect(main).toContain("new FlinkStateSnapshot(chart, 'orders-savepoint-2026-11-30', {\n  app: orders,\n  snapshot: SnapshotType.savepoint(),\n  backoffLimit: 3,\n});");
    expect(main).toContain('resources: { cpu: Cpu.millis(500), memory: Size.mebibytes(1536), limits: { cpu: Cpu.units(1), memory: Size.gibibytes(2) } }');
    expect(main).toContain('resources: { cpu: Cpu.units(1), memory: Size.gibibytes(4), limits: { memory: Size.gibibytes(6) } }');
    expect(main).toContain('ordersReplayModule.addTo(chart, ordersReplay, { endpoints: false });');
    expect(result.notExpressed.filter((l) => / not part of the imported app/.test(l))).toEqual([]);
    // Each line names the app it is about.
    expect(result.notExpressed).toContain('FlinkDeployment orders-replay: the operator release is not in the YAML: the app targets 1.16, the oldest whose CRD has spec.jobManager/taskManager.resources; pass --operator to choose');
  });

  test('operator-116: --app imports one app; the other app and its snapshots are listed, not dropped', () => {
    const input = synthExample('operator-116');
    expect(importManifests({ paths: [input.outdir], readStdin: () => '', app: 'nope' }).errors).toEqual(['no FlinkDeployment named nope in the input (orders, orders-replay)']);
    const one = importManifests({ paths: [input.outdir], readStdin: () => '', app: 'orders' });
    expect(one.errors).toEqual([]);
    expect(one.files['main.ts']).toContain("const orders = new StateFunApp(chart, 'orders', {");
    expect(one.files['main.ts']).not.toContain('orders-replay');
    expect(Object.keys(one.files).sort()).toEqual(['cdk8s.yaml', 'flink-conf.yaml', 'main.ts', 'module.yaml']);
    expect(one.notExpressed).toContainEqual(expect.stringMatching(/^FlinkDeployment\/orders-replay: not part of the imported app \(FlinkDeployment orders, /));
    // The unreferenced imported savepoint is still imported (no app needs it), the app's own savepoint too.
    expect(one.files['main.ts']).toContain("new FlinkStateSnapshot(chart, 'orders-before-migration', {");
    expect(one.files['main.ts']).toContain('  app: orders,\n  snapshot: SnapshotType.savepoint(),');
  });

  test('snapshots and resources the constructs cannot express are listed; the rest is imported', () => {
    const input = synthExample('operator-116');
    const objects = JSON.parse(JSON.stringify(input.manifests));
    const find = (kind: string, name: string) => objects.find((m: any) => m.kind === kind && m.metadata.name === name);
    Object.assign(find('FlinkStateSnapshot', 'orders-savepoint-2026-11-30').spec.savepoint, { formatType: 'NATIVE', disposeOnDelete: true });
    const snapshot = (name: string, spec: any) => ({ apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkStateSnapshot', metadata: { name, namespace: 'orders' }, spec });
    objects.push(
      snapshot('replay-checkpoint', { jobReference: { kind: 'FlinkDeployment', name: 'orders-replay' }, checkpoint: {} }),
      snapshot('into-path', { jobReference: { kind: 'FlinkDeployment', name: 'orders' }, savepoint: { alreadyExists: false, path: 's3://b/x' } }),
      snapshot('of-another', { jobReference: { kind: 'FlinkDeployment', name: 'billing' }, checkpoint: {} }),
      snapshot('no-job', { checkpoint: {} }),
      snapshot('dispose-no-job', { savepoint: { alreadyExists: true, path: 's3://b/sp', disposeOnDelete: true, formatType: 'CANONICAL' } }),
      // A construct id the app holds: the snapshot gets its own id and keeps its name.
      snapshot('orders', { jobReference: { kind: 'FlinkDeployment', name: 'orders' }, checkpoint: {}, backoffLimit: -1 }),
    );
    find('FlinkDeployment', 'orders-replay').spec.taskManager.resources.requests['nvidia.com/gpu'] = '1';
    const elsewhere = JSON.parse(JSON.stringify(find('FlinkDeployment', 'orders')));
    elsewhere.metadata = { name: 'elsewhere', namespace: 'other' };
    objects.push(elsewhere);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-snapshots-'));
    fs.writeFileSync(path.join(dir, 'in.yaml'), objects.map((o: any) => YAML.stringify(o)).join('---\n'));
    const { result, dir: out, manifests } = roundTrip([path.join(dir, 'in.yaml')]);
    const main = fs.readFileSync(path.join(out, 'main.ts'), 'utf8');
    expect(main).toContain("new FlinkStateSnapshot(chart, 'orders-savepoint-2026-11-30', {\n  app: orders,\n  snapshot: SnapshotType.savepoint({ format: SavepointFormat.NATIVE, disposeOnDelete: true }),\n  backoffLimit: 3,\n});");
    expect(main).toContain("new FlinkStateSnapshot(chart, 'replay-checkpoint', {\n  app: ordersReplay,\n  snapshot: SnapshotType.checkpoint(),\n});");
    expect(main).toContain("new FlinkStateSnapshot(chart, 'orders-snapshot', {\n  app: orders,\n  snapshot: SnapshotType.checkpoint(),\n  backoffLimit: -1,\n  name: 'orders',\n});");
    expect(result.notExpressed).toEqual(expect.arrayContaining([
      'FlinkDeployment elsewhere in namespace other: the generated chart has namespace orders; import it on its own (--app elsewhere)',
      "FlinkStateSnapshot into-path: spec.savepoint {\"alreadyExists\":false,\"path\":\"s3://b/x\"}: a savepoint taken into an explicit path has no SnapshotType (the app's savepoint directory is used); not imported (keep it in your own chart)",
      'FlinkStateSnapshot no-job: a snapshot to take without spec.jobReference, which the operator refuses ("Job reference must be supplied for this snapshot"); not imported (keep it in your own chart)',
      "FlinkStateSnapshot dispose-no-job: disposeOnDelete without spec.jobReference: the operator disposes of a savepoint through the referenced job's JobManager; not imported (keep it in your own chart)",
      'FlinkStateSnapshot of-another: spec.jobReference {"kind":"FlinkDeployment","name":"billing"} is not an imported FlinkDeployment; not imported',
      "FlinkDeployment orders-replay: spec.taskManager.resources.requests.nvidia.com/gpu = '1': no FlinkProcessResources prop (cpu, memory, ephemeral-storage); the library default {\"memory\":\"2048m\",\"cpu\":1} applies",
    ]));
    expect(result.notExpressed).toContainEqual(expect.stringMatching(/^FlinkDeployment\/elsewhere: not part of the imported apps /));
    // The snapshots that are imported synthesize as in the input.
    for (const name of ['orders-savepoint-2026-11-30', 'replay-checkpoint', 'orders']) {
      expect(manifests.find((m) => m.kind === 'FlinkStateSnapshot' && m.metadata.name === name).spec).toEqual(find('FlinkStateSnapshot', name).spec);
    }
    expect(manifests.filter((m) => m.kind === 'FlinkStateSnapshot').map((m) => m.metadata.name).sort()).toEqual(['orders', 'orders-before-migration', 'orders-savepoint-2026-11-30', 'replay-checkpoint']);
  });

  test('the legacy resource keeps its ephemeral storage', () => {
    const objects = JSON.parse(JSON.stringify(synthExample('quickstart').manifests));
    const fd = objects.find((m: any) => m.kind === 'FlinkDeployment');
    fd.spec.taskManager.resource.ephemeralStorage = '10Gi';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-storage-'));
    fs.writeFileSync(path.join(dir, 'in.yaml'), objects.map((o: any) => YAML.stringify(o)).join('---\n'));
    const { result, dir: out, manifests } = roundTrip([path.join(dir, 'in.yaml')]);
    expect(fs.readFileSync(path.join(out, 'main.ts'), 'utf8')).toContain('ephemeralStorage: Size.gibibytes(10) }');
    expect(manifests.find((m) => m.kind === 'FlinkDeployment').spec.taskManager.resource).toEqual(fd.spec.taskManager.resource);
    expect(result.changes).toEqual([]);
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
    expect(main).toContain("new KafkaIngress(chart, 'KafkaIngress-payments.requests', { ...paymentsStatefunModule.kafkaIngresses[0], app: paymentsStatefun, security: kafkaSecurity, properties: undefined });");
    expect(main).toContain("new KafkaEgress(chart, 'KafkaEgress-payments.results', { ...paymentsStatefunModule.kafkaEgresses[0], app: paymentsStatefun, security: kafkaSecurity, properties: { 'compression.type': 'lz4', 'linger.ms': '20' } });");
    expect(main).not.toContain('.addTo(');
    expect(result.notExpressed.filter((l) => /podTemplate|volumeMount|pod spec/.test(l))).toEqual([]);
  });

  test('two apps reading the same Kafka Secret: their own variables and construct ids, and the same Flink objects', () => {
    const input = synthExample('kafka-eks');
    const fd = input.manifests.find((m) => m.kind === 'FlinkDeployment');
    const cm = input.manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'payments-statefun-module');
    // A second app: the same FlinkDeployment and module under another name, its endpoint served elsewhere.
    const copy = [fd, cm].map((m) => JSON.parse(JSON.stringify(m).replace(/payments-statefun/g, 'payments-replay').replace(/payment-functions\.payments\.svc/g, 'elsewhere.other.svc')));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-two-'));
    fs.writeFileSync(path.join(dir, 'in.yaml'), [...input.manifests, ...copy].map((m) => YAML.stringify(m)).join('---\n'));
    const { manifests, dir: out } = roundTrip([path.join(dir, 'in.yaml')]);
    const main = fs.readFileSync(path.join(out, 'main.ts'), 'utf8');
    expect(main).toContain("const paymentsMskScramSecret2 = Secret.fromSecretName(chart, 'payments-replay-kafka-secret-payments-msk-scram', 'payments-msk-scram');");
    expect(main).toContain("const kafkaSecurity2 = KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'payments-replay', password: PodFile.fromSecret(paymentsMskScramSecret2, 'password') });");
    expect(main).toContain("new KafkaIngress(chart, 'payments-replay-KafkaIngress-payments.requests', { ...paymentsReplayModule.kafkaIngresses[0], app: paymentsReplay, security: kafkaSecurity2, properties: undefined });");
    // The copy's module hash is the original module's (its text was edited above): left out of the comparison.
    const flink = (ms: any[]) => ms.filter((m) => m.kind === 'FlinkDeployment' || (m.kind === 'ConfigMap' && /-module$/.test(m.metadata.name))).map((m) => {
      const c = JSON.parse(JSON.stringify(m));
      if (c.metadata.name === 'payments-replay') delete c.spec.podTemplate.metadata.annotations['cdk8s-statefun/module-sha256'];
      return c;
    });
    expect(objectDifferences(flink([...input.manifests, ...copy]), flink(manifests))).toEqual([]);
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

  test('several apps: one main.ts with a module and a Flink configuration file per app', () => {
    const input = synthExample('operator-116');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statefun-import-cli-')), 'app');
    const r = cli(['import', input.outdir, '--out', out]);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['cdk8s.yaml', 'main.ts', 'orders-replay.flink-conf.yaml', 'orders-replay.module.yaml', 'orders.flink-conf.yaml', 'orders.module.yaml']);
    expect(r.out).toContain('changed on purpose (0):\n');
    expect(r.out).toContain('  FlinkDeployment orders-replay: endpoint orders/* at http://order-fn.orders.svc:8000/statefun: no function Deployment behind it among the input; kept as an HttpEndpoint\n');
    const only = cli(['import', input.outdir, '--out', path.join(out, 'replay'), '--app', 'orders-replay']);
    expect(only.status).toBe(0);
    const main = fs.readFileSync(path.join(out, 'replay', 'main.ts'), 'utf8');
    // The imported savepoint it starts from comes along; the other app's snapshot is listed.
    expect(main).toContain('initialSavepoint: SavepointSource.fromSnapshot(ordersBeforeMigration)');
    expect(only.out).toContain('FlinkStateSnapshot orders-savepoint-2026-11-30: spec.jobReference {"kind":"FlinkDeployment","name":"orders"} is not an imported FlinkDeployment; not imported');
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

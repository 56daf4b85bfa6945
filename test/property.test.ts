import { createHash } from 'crypto';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { FlinkVersion, OperatorVersion, UpgradeMode } from '../lib';
import { AppSpec, appSpecArb, buildApp, BuiltApp, flinkVersionsFor, patternsOf, targetOf } from './support/arbitraries';
import { ofKind, one } from './support/fixtures';
import { expectValidManifests } from './support/schemas';

// Moderate run counts: the whole file stays well under the 60 s budget on a small CI machine.
const RUNS = 50;

describe('property: random valid apps', () => {
  test('synthesize (so the synth-time linter is clean) and validate against their operator CRD and the Kubernetes schemas', () => {
    fc.assert(fc.property(appSpecArb, (spec) => {
      const { chart, statefun } = buildApp(spec);
      const manifests = Testing.synth(chart);
      expectValidManifests(manifests, targetOf(spec));
      // The default target (1.16) without a 1.16-only feature also validates on the 1.13–1.15 CRD.
      if (spec.operatorVersion === OperatorVersion.V1_16) expectValidManifests(manifests, '1.15');

      // The facts the spec decides.
      const fd = one(manifests, 'FlinkDeployment');
      expect(fd.metadata.name).toBe(spec.name);
      expect(fd.metadata.namespace).toBe(spec.namespace);
      const accepted = flinkVersionsFor(spec.operatorVersion);
      expect(fd.spec.flinkVersion).toBe(spec.flinkVersion ?? accepted[accepted.length - 1]);
      expect(fd.spec.job.parallelism).toBe(spec.parallelism ?? 1);
      expect(fd.spec.job.upgradeMode).toBe(spec.upgradeMode ?? (spec.store ? UpgradeMode.SAVEPOINT : UpgradeMode.STATELESS));
      expect(ofKind(manifests, 'Deployment').map((d) => d.metadata.name).sort()).toEqual(spec.functions.map((f) => f.name).sort());
      const autoscaled = spec.functions.filter((f) => f.scaling.kind !== 'fixed').map((f) => f.name).sort();
      expect(ofKind(manifests, 'HorizontalPodAutoscaler').map((h) => h.metadata.name).sort()).toEqual(autoscaled);
      for (const f of spec.functions) {
        const svc = ofKind(manifests, 'Service').find((s) => s.metadata.name === f.name);
        expect(svc.spec.ports[0].port).toBe(f.port ?? 8080);
      }

      // module.yaml: one endpoint per served pattern, then the ingresses; every target served.
      const cm = one(manifests, 'ConfigMap');
      const moduleYaml: string = cm.data['module.yaml'];
      expect(moduleYaml).toBe(statefun.renderModule());
      const docs = parseAllDocuments(moduleYaml).map((d) => d.toJS());
      const patterns = spec.functions.flatMap(patternsOf);
      const endpoints = docs.filter((d) => d.kind === 'io.statefun.endpoints.v2/http');
      const ingresses = docs.filter((d) => d.kind === 'io.statefun.kafka.v1/ingress');
      expect(docs).toHaveLength(patterns.length + spec.ingresses.length);
      expect(endpoints.map((e) => e.spec.functions).sort()).toEqual([...patterns].sort());
      expect(ingresses.map((i) => i.spec.id).sort()).toEqual(spec.ingresses.map((i) => i.id).sort());
      for (const ingress of ingresses) {
        for (const topic of ingress.spec.topics) {
          for (const target of topic.targets) {
            const [ns, name] = target.split('/');
            expect(patterns.some((p) => p === `${ns}/*` || p === `${ns}/${name}`)).toBe(true);
          }
        }
      }
      // The pod template carries the hash of exactly the module the ConfigMap holds.
      expect(fd.spec.podTemplate.metadata.annotations['cdk8s-statefun/module-sha256'])
        .toBe(createHash('sha256').update(moduleYaml).digest('hex'));
    }), { numRuns: RUNS });
  });

  test('flinkConfiguration: every value is a string and no key is a dot-prefix of another', () => {
    fc.assert(fc.property(appSpecArb, (spec) => {
      const conf: Record<string, unknown> = one(Testing.synth(buildApp(spec).chart), 'FlinkDeployment').spec.flinkConfiguration;
      const keys = Object.keys(conf);
      for (const key of keys) {
        expect(typeof conf[key]).toBe('string');
        expect(keys.filter((other) => other.startsWith(`${key}.`))).toEqual([]);
      }
      // Keys are written sorted (deterministic output).
      expect(keys).toEqual([...keys].sort());
      if (spec.store) expect(conf['execution.checkpointing.dir']).toMatch(new RegExp(`^s3://${spec.store.bucket}/`));
    }), { numRuns: RUNS });
  });

  test('synthesize byte-identically twice (two fresh cdk8s apps)', () => {
    fc.assert(fc.property(appSpecArb, (spec) => {
      const a = buildApp(spec, Testing.app());
      const b = buildApp(spec, Testing.app());
      expect(JSON.stringify(Testing.synth(b.chart))).toBe(JSON.stringify(Testing.synth(a.chart)));
      expect(b.statefun.renderModule()).toBe(a.statefun.renderModule());
      expect(b.app.synthYaml()).toBe(a.app.synthYaml());
    }), { numRuns: 40 });
  });
});

// ---------------------------------------------------------------------------
// Invalid single-field mutations
// ---------------------------------------------------------------------------

interface Mutation {
  readonly name: string;
  readonly apply: (spec: AppSpec) => AppSpec;
  /** An escape hatch used on the built app (JSON patches): the last gate must refuse what it breaks. */
  readonly patch?: (built: BuiltApp) => void;
  /** What the refusal must say (field and value), so it is refused for the right reason. */
  readonly error: RegExp;
}

const withStore = (s: AppSpec): AppSpec => ({ ...s, store: s.store ?? { bucket: 'my-bucket', region: 'us-east-1' } });
const withoutStore = (s: AppSpec): AppSpec => ({ ...s, store: undefined, changelog: undefined, upgradeMode: undefined, jobManagerReplicas: undefined, ha: { kind: 'default' } });
const fn0 = (s: AppSpec, patch: Partial<AppSpec['functions'][0]>): AppSpec => ({ ...s, functions: [{ ...s.functions[0], ...patch }, ...s.functions.slice(1)] });
const ingress0 = (s: AppSpec, patch: Partial<AppSpec['ingresses'][0]>): AppSpec => ({ ...s, ingresses: [{ ...s.ingresses[0], ...patch }, ...s.ingresses.slice(1)] });

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/**
 * The refusal in the library's shared form, `[construct path] field = value: `, without the why/fix
 * prose (which evolves); numbers may be rendered quoted.
 */
const refused = (path: string, field: string, value: string | number) => new RegExp(
  `\\[${esc(path)}\\] ${esc(field)} = ${typeof value === 'number' ? `"?${esc(String(value))}"?` : esc(JSON.stringify(value))}: `);
const APP = 'chart/statefun';
const FD = 'chart/statefun/Resource';

const MUTATIONS: Mutation[] = [
  { name: 'parallelism 0', apply: (s) => ({ ...s, parallelism: 0 }), error: refused(APP, 'parallelism', 0) },
  { name: 'parallelism 1.5', apply: (s) => ({ ...s, parallelism: 1.5 }), error: refused(APP, 'parallelism', 1.5) },
  { name: 'task slots 0', apply: (s) => ({ ...s, taskSlots: 0 }), error: refused(APP, 'taskManager.taskSlots', 0) },
  { name: 'app name with upper case', apply: (s) => ({ ...s, name: 'Orders' }), error: refused(APP, 'name', 'Orders') },
  { name: 'app name of 46 characters', apply: (s) => ({ ...s, name: 'a'.repeat(46) }), error: refused(APP, 'name', 'a'.repeat(46)) },
  { name: 'flinkVersion v2_2 on operator 1.11', apply: (s) => ({ ...s, operatorVersion: OperatorVersion.V1_11, flinkVersion: FlinkVersion.V2_2 }), error: refused(APP, 'flinkVersion', 'v2_2') },
  { name: 'bucket with upper case', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, bucket: 'My-Bucket' } }; }, error: refused('chart/store', 'bucket', 'My-Bucket') },
  { name: 'bucket with a scheme', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, bucket: 's3://bucket' } }; }, error: refused('chart/store', 'bucket', 's3://bucket') },
  { name: 'region in upper case', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, region: 'US-EAST-1' } }; }, error: refused('chart/store', 'region', 'US-EAST-1') },
  { name: 'IRSA ARN with a short account', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, irsaRoleArn: 'arn:aws:iam::123:role/x' } }; }, error: refused('chart/store', 'irsaRoleArn', 'arn:aws:iam::123:role/x') },
  { name: 'HA without a store', apply: (s) => ({ ...withoutStore(s), ha: { kind: 'kubernetes', leaderElection: 'unset' } }), error: refused(APP, 'highAvailability', 'kubernetes') },
  { name: 'last-state upgrades without a store', apply: (s) => ({ ...withoutStore(s), upgradeMode: UpgradeMode.LAST_STATE }), error: refused(APP, 'upgradeMode', 'last-state') },
  { name: 'standby JobManager without HA', apply: (s) => ({ ...s, ha: { kind: 'disabled' }, jobManagerReplicas: 2 }), error: refused(APP, 'jobManager.replicas', 2) },
  { name: 'functions pattern a/b*', apply: (s) => fn0(s, { namespace: 'a', names: ['b*'] }), error: refused('chart/fn0', 'functions[0]', 'a/b*') },
  { name: 'functions pattern with two slashes', apply: (s) => fn0(s, { namespace: 'a/b', names: ['*'] }), error: refused('chart/fn0', 'functions[0]', 'a/b/*') },
  { name: 'port 70000', apply: (s) => fn0(s, { port: 70000 }), error: refused('chart/fn0', 'port', 70000) },
  { name: 'port 0', apply: (s) => fn0(s, { port: 0 }), error: refused('chart/fn0', 'port', 0) },
  { name: 'path without leading slash', apply: (s) => fn0(s, { path: 'statefun' }), error: refused('chart/fn0', 'path', 'statefun') },
  { name: 'path with another placeholder', apply: (s) => fn0(s, { path: '/x/{function.namespace}' }), error: refused('chart/fn0', 'path', '/x/{function.namespace}') },
  { name: 'image tagged latest', apply: (s) => fn0(s, { image: 'my-org/fn:latest' }), error: refused('chart/fn0', 'image', 'my-org/fn:latest') },
  { name: 'unpinned image', apply: (s) => fn0(s, { image: 'my-org/fn' }), error: refused('chart/fn0', 'image', 'my-org/fn') },
  { name: 'function name with upper case', apply: (s) => fn0(s, { name: 'Handler' }), error: refused('chart/fn0', 'name', 'Handler') },
  { name: 'fixed scaling of 0 replicas', apply: (s) => fn0(s, { scaling: { kind: 'fixed', replicas: 0 } }), error: refused('chart/fn0', 'scaling', 0) },
  { name: 'autoscale min above max', apply: (s) => fn0(s, { scaling: { kind: 'autoscale', minReplicas: 5, maxReplicas: 2, targetCpuUtilization: 70 } }), error: refused('chart/fn0', 'scaling.maxReplicas', 2) },
  { name: 'autoscale target 150%', apply: (s) => fn0(s, { scaling: { kind: 'autoscale', minReplicas: 1, maxReplicas: 3, targetCpuUtilization: 150 } }), error: refused('chart/fn0', 'scaling.targetCpuUtilization', 150) },
  {
    name: 'a second function serving the same namespace',
    apply: (s) => ({ ...s, functions: [...s.functions, { ...s.functions[0], name: 'zz-overlap', names: ['*'] }] }),
    // Reported on the later endpoint, whichever pattern the first function serves.
    error: /\[chart\/fn\d\/Endpoint\d*\] functions = "[^"]+\/\*": /,
  },
  { name: 'ingress id without a namespace', apply: (s) => ingress0(s, { id: 'orders' }), error: refused('chart/ingress0', 'ingressId', 'orders') },
  {
    name: 'ingress id used twice',
    apply: (s) => ({ ...s, ingresses: [...s.ingresses, { ...s.ingresses[0] }] }),
    error: /\[chart\/ingress\d\] ingressId = "[^"]+": /,
  },
  { name: 'topic with a space', apply: (s) => ingress0(s, { topics: [{ ...s.ingresses[0].topics[0], topic: 'my topic' }] }), error: refused('chart/ingress0', 'topics[0].topic', 'my topic') },
  { name: 'value type without a namespace', apply: (s) => ingress0(s, { topics: [{ ...s.ingresses[0].topics[0], valueType: 'Order' }] }), error: refused('chart/ingress0', 'topics[0].valueType', 'Order') },
  { name: 'target no endpoint serves', apply: (s) => ingress0(s, { topics: [{ ...s.ingresses[0].topics[0], targets: [{ fn: -1, name: 'nobody/serves-this', qualified: true }] }] }), error: refused('chart/ingress0', 'topics[0].targets[0]', 'nobody/serves-this') },
  { name: 'broker address with a scheme', apply: (s) => ingress0(s, { address: 'http://kafka:9092' }), error: refused('chart/ingress0', 'address', 'http://kafka:9092') },
  { name: 'empty consumer group', apply: (s) => ingress0(s, { consumerGroupId: '' }), error: refused('chart/ingress0', 'consumerGroupId', '') },
  { name: 'no ingress at all', apply: (s) => ({ ...s, ingresses: [] }), error: /\[chart\/statefun\] module = ".*0 ingress/ },
  { name: 'legacy key that is a dot-prefix', apply: (s) => ({ ...s, flinkConfiguration: { 'restart-strategy': 'none' } }), error: refused(APP, "flinkConfiguration['restart-strategy']", 'none') },
  { name: 'escape hatch overriding a typed key', apply: (s) => ({ ...s, flinkConfiguration: { 'execution.checkpointing.interval': '5s' } }), error: refused(APP, "flinkConfiguration['execution.checkpointing.interval']", '5s') },
  { name: 'key the operator forbids', apply: (s) => ({ ...s, flinkConfiguration: { 'kubernetes.namespace': 'other' } }), error: refused(APP, "flinkConfiguration['kubernetes.namespace']", 'other') },
  // Flink's memory model (last gate, on the FlinkDeployment): a managed fraction that leaves the default 2 GiB TaskManager no room.
  { name: 'managed memory fraction 0.8 in a 2 GiB TaskManager', apply: (s) => ({ ...s, flinkConfiguration: { 'taskmanager.memory.managed.fraction': '0.8' } }), error: refused(APP, 'taskManager.resources.memory', '2048m') },
  { name: 'network memory fraction 1.5', apply: (s) => ({ ...s, flinkConfiguration: { 'taskmanager.memory.network.fraction': '1.5' } }), error: refused(APP, "flinkConfiguration['taskmanager.memory.network.fraction']", '1.5') },
  // Filesystem schemes the Kzmlabs image serves.
  { name: 'checkpoint directory on gs:// (no GCS plugin in the image)', apply: (s) => ({ ...withoutStore(s), flinkConfiguration: { 'execution.checkpointing.dir': 'gs://b/cp' } }), error: refused(APP, "flinkConfiguration['execution.checkpointing.dir']", 'gs://b/cp') },
  // Upgrade paths on the target operator (FLINK-37571).
  {
    name: 'last-state with Kubernetes HA on operator 1.11',
    apply: (s) => ({ ...withStore(s), operatorVersion: OperatorVersion.V1_11, flinkVersion: undefined, upgradeMode: UpgradeMode.LAST_STATE, ha: { kind: 'default' } }),
    error: refused(APP, 'upgradeMode', 'last-state'),
  },
  { name: 'execution.restart-strategy key', apply: (s) => ({ ...s, flinkConfiguration: { 'execution.restart-strategy.type': 'none' } }), error: refused(APP, "flinkConfiguration['execution.restart-strategy.type']", 'none') },
  { name: 'reporter configured by class', apply: (s) => ({ ...s, flinkConfiguration: { 'metrics.reporter.jmx.class': 'org.apache.flink.metrics.jmx.JMXReporter' } }), error: refused(APP, "flinkConfiguration['metrics.reporter.jmx.class']", 'org.apache.flink.metrics.jmx.JMXReporter') },
  { name: 'likely typo of a known option', apply: (s) => ({ ...s, flinkConfiguration: { 'execution.checkpointing.intervall': '5s' } }), error: refused(APP, "flinkConfiguration['execution.checkpointing.intervall']", '5s') },
  { name: 'key native Kubernetes overwrites', apply: (s) => ({ ...s, flinkConfiguration: { 'jobmanager.rpc.address': 'jm' } }), error: refused(APP, "flinkConfiguration['jobmanager.rpc.address']", 'jm') },
  { name: 'port range Kubernetes refuses', apply: (s) => ({ ...s, flinkConfiguration: { 'blob.server.port': '6124-6130' } }), error: refused(APP, "flinkConfiguration['blob.server.port']", '6124-6130') },
  // Type confusion: what untyped JavaScript (or a loosely typed jsii language) can pass.
  { name: 'parallelism as a string', apply: (s) => ({ ...s, parallelism: '2' as any }), error: refused(APP, 'parallelism', '2') },
  { name: 'upgrade mode in another spelling', apply: (s) => ({ ...withStore(s), upgradeMode: 'last_state' as any }), error: refused(APP, 'upgradeMode', 'last_state') },
  { name: 'state backend of no member', apply: (s) => ({ ...s, stateBackend: 'filesystem' as any }), error: refused(APP, 'stateBackend', 'filesystem') },
  { name: 'checkpointing mode in lower case', apply: (s) => ({ ...s, checkpointingMode: 'exactly_once' as any }), error: refused(APP, 'checkpointing.mode', 'exactly_once') },
  { name: 'changelog as a string', apply: (s) => ({ ...withStore(s), changelog: 'true' as any }), error: refused(APP, 'checkpointing.changelog', 'true') },
  { name: 'app name as a number', apply: (s) => ({ ...s, name: 42 as any }), error: refused(APP, 'name', 42) },
  { name: 'flinkConfiguration as a list', apply: (s) => ({ ...s, flinkConfiguration: ['a=b'] as any }), error: new RegExp(`^\\[${esc(APP)}\\] flinkConfiguration = \\["a=b"\\]: `) },
  { name: 'store region as a number', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, region: 7 as any } }; }, error: refused('chart/store', 'region', 7) },
  { name: 'store with a misspelt key', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, irsaRoleARN: 'arn:aws:iam::123456789012:role/x' } as any }; }, error: refused('chart/store', 'irsaRoleARN', 'arn:aws:iam::123456789012:role/x') },
  { name: 'function port as a string', apply: (s) => fn0(s, { port: '8080' as any }), error: refused('chart/fn0', 'port', '8080') },
  { name: 'function image as a number', apply: (s) => fn0(s, { image: 42 as any }), error: refused('chart/fn0', 'image', 42) },
  { name: 'broker address as a number', apply: (s) => ingress0(s, { address: 9092 as any }), error: refused('chart/ingress0', 'address', 9092) },
  { name: 'consumer group null', apply: (s) => ingress0(s, { consumerGroupId: null as any }), error: /\[chart\/ingress0\] consumerGroupId = null: / },
  { name: 'readiness probe as a path string', apply: (s) => fn0(s, { readiness: '/health' as any }), error: refused('chart/fn0', 'readiness', '/health') },
  { name: 'value type as a number', apply: (s) => ingress0(s, { topics: [{ ...s.ingresses[0].topics[0], valueType: 7 as any }] }), error: /^ValueType\.of: typeName = 7: expected a string/ },
  // Kubernetes names and the objects the operator creates (issue 9 item 4).
  { name: 'function named like the app (its JobManager Deployment and Service)', apply: (s) => fn0(s, { name: s.name }), error: /\[chart\/fn0\] name = "[^"]+": the function's Deployment would be named like the JobManager Deployment/ },
  { name: "function named like the app's REST Service", apply: (s) => fn0(s, { name: `${s.name}-rest` }), error: /\[chart\/fn0\] name = "[^"]+-rest": the function's Service would be named like the REST Service/ },
  { name: 'chart namespace with upper case', apply: (s) => ({ ...s, namespace: 'Bad_NS' }), error: refused(APP, 'namespace (chart chart)', 'Bad_NS') },
  {
    name: 'a second function with the first one\'s name',
    apply: (s) => ({ ...s, functions: [...s.functions, { ...s.functions[0], namespace: `${s.functions[0].namespace}x`.slice(0, 12), names: ['*'] }] }),
    error: /\[chart\/fn\d\] name = "[^"]+": chart\/fn0 is another RemoteFunction named /,
  },
  // Credentials in plain text (item 5).
  { name: 'S3 secret key in flinkConfiguration', apply: (s) => ({ ...s, flinkConfiguration: { 's3.secret-key': 'abc' } }), error: refused(APP, "flinkConfiguration['s3.secret-key']", '(plain text, 3 characters, hidden)') },
  {
    name: 'Kafka SASL password in the ingress properties',
    apply: (s) => ingress0(s, { properties: { 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";' } }),
    error: refused('chart/ingress0', "properties['sasl.jaas.config']", '(a JAAS line with a literal password)'),
  },
  // Values other systems reject (item 6).
  { name: 'topic ..', apply: (s) => ingress0(s, { topics: [{ ...s.ingresses[0].topics[0], topic: '..' }] }), error: refused('chart/ingress0', 'topics[0].topic', '..') },
  { name: 'bucket with the xn-- prefix', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, bucket: 'xn--bucket' } }; }, error: refused('chart/store', 'bucket', 'xn--bucket') },
  { name: 'bucket formatted as an IP address', apply: (s) => { const t = withStore(s); return { ...t, store: { ...t.store!, bucket: '192.168.5.4' } }; }, error: refused('chart/store', 'bucket', '192.168.5.4') },
  { name: 'checkpoint interval beyond a Java long of milliseconds', apply: (s) => ({ ...s, checkpointInterval: { unit: 'minutes', amount: 2e14 } }), error: /\[chart\/statefun\] checkpointing.interval = Duration\([^)]*\): beyond a Java long of milliseconds/ },
  // The last gate: JSON patches on the rendered objects.
  { name: 'patch: TaskManager sidecar before the main container', apply: (s) => s, patch: (b) => flinkPatch(b, JsonPatch.add('/spec/taskManager/podTemplate', { spec: { containers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0.0' }] } })), error: refused(FD, 'spec.taskManager.podTemplate.spec.containers[0].name', 'log-shipper') },
  { name: 'patch: module mount removed', apply: (s) => s, patch: (b) => flinkPatch(b, JsonPatch.remove('/spec/podTemplate/spec/containers/0/volumeMounts')), error: /\[chart\/statefun\/Resource\] spec\.podTemplate\.spec\.containers\[0\]\.volumeMounts = \[\]: / },
  { name: 'patch: runAsNonRoot off', apply: (s) => s, patch: (b) => flinkPatch(b, JsonPatch.replace('/spec/podTemplate/spec/securityContext/runAsNonRoot', false)), error: /\[chart\/statefun\/Resource\] spec\.podTemplate\.spec\.securityContext\.runAsNonRoot = false: / },
  { name: 'patch: field the CRD does not have', apply: (s) => s, patch: (b) => flinkPatch(b, JsonPatch.add('/spec/job/parallelizm', 2)), error: refused(FD, 'spec.job.parallelizm', 2) },
  { name: 'patch: runner jar replaced', apply: (s) => s, patch: (b) => flinkPatch(b, JsonPatch.replace('/spec/job/jarURI', 'local:///x.jar')), error: refused(FD, 'spec.job.jarURI', 'local:///x.jar') },
  { name: 'patch: legacy key added', apply: (s) => s, patch: (b) => flinkPatch(b, JsonPatch.add('/spec/flinkConfiguration/state.backend.async', 'true')), error: refused(FD, "spec.flinkConfiguration['state.backend.async']", 'true') },
  { name: 'patch: function image :latest', apply: (s) => s, patch: (b) => ApiObject.of(b.functions[0].deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'my-org/fn:latest')), error: refused('chart/fn0/Deployment/Resource', 'spec.template.spec.containers[0].image', 'my-org/fn:latest') },
];

function flinkPatch(built: BuiltApp, ...patches: JsonPatch[]): void {
  built.statefun.flinkDeployment.addJsonPatch(...patches);
}

function buildMutated(valid: AppSpec, mutation: Mutation): BuiltApp {
  const built = buildApp(mutation.apply(valid));
  mutation.patch?.(built);
  return built;
}

describe('property: invalid single-field mutations are refused, never a manifest', () => {
  test.each(MUTATIONS.map((m) => [m.name, m] as const))('%s', (_name, mutation) => {
    fc.assert(fc.property(appSpecArb, (valid) => {
      let manifests: unknown[] | undefined;
      expect(() => {
        manifests = Testing.synth(buildMutated(valid, mutation).chart);
      }).toThrow(mutation.error);
      expect(manifests).toBeUndefined();
    }), { numRuns: 5 });
  });

  test('a random mutation of a random valid app is refused', () => {
    fc.assert(fc.property(appSpecArb, fc.constantFrom(...MUTATIONS), (valid, mutation) => {
      expect(() => Testing.synth(buildMutated(valid, mutation).chart)).toThrow(mutation.error);
    }), { numRuns: RUNS });
  });
});

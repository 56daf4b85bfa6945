import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { parse } from 'yaml';
import {
  CheckpointingMode, CheckpointStore, FlinkConfigMigration, FunctionType, HttpEndpoint, KafkaIngress, LeaderElection, MigrationAction,
  OperatorVersion, StateBackend, StateFunApp, ValueType,
} from '../lib';
import { flinkDeploymentOf } from './fixtures/flink/app';
import { messageOf } from './support/fixtures';
import { expectValidManifests } from './support/schemas';

const FLINK_CONF = parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'flink', 'apache-statefun-flink-conf.yaml'), 'utf8'));

describe('FlinkConfigMigration.fromFlinkConf: an Apache StateFun flink-conf.yaml', () => {
  const migration = FlinkConfigMigration.fromFlinkConf(FLINK_CONF);
  const entry = (key: string) => migration.report.find((e) => e.key === key);

  test('one report entry per input key, sorted by key', () => {
    expect(migration.report.map((e) => e.key)).toEqual(Object.keys(FLINK_CONF).sort());
  });

  test('typed settings: state backend, checkpointing, restart strategy, HA, slots, parallelism, resources, JVM, metrics, StateFun', () => {
    expect(migration.stateBackend).toBe(StateBackend.ROCKSDB);
    expect(migration.checkpointing.interval!.toMilliseconds()).toBe(10_000);
    expect(migration.checkpointing).toMatchObject({ mode: CheckpointingMode.EXACTLY_ONCE, retainedCheckpoints: 5, incremental: true });
    expect(migration.restartStrategy!.type).toBe('fixed-delay');
    expect(migration.restartStrategy!._settings['restart-strategy.fixed-delay.attempts']).toBe(2147483647);
    expect((migration.restartStrategy!._settings['restart-strategy.fixed-delay.delay'] as Duration).toMilliseconds()).toBe(1000);
    expect(migration.highAvailability!.enabled).toBe(true);
    expect(migration.highAvailability!.leaderElection).toBe(LeaderElection.FAST);
    expect(migration.taskManager!.taskSlots).toBe(2);
    expect(migration.taskManager!.resources!.memory.toMebibytes()).toBe(4096);
    expect(migration.parallelism).toBe(4);
    expect(migration.jobManager).toBeUndefined();
    expect(migration.jvmOptions).toEqual(['-XX:+UseG1GC']);
    expect(migration.metrics!.port).toBe(9249);
    expect(migration.statefun).toEqual({ jobName: 'orders', asyncMaxPerTask: 1024, globalConfig: { tenant: 'acme' } });
    expect(migration.allowNonRestoredState).toBe(true);
  });

  test('valid 2.x keys without a typed prop, and renamed ones in their 2.x form, become flinkConfiguration extras', () => {
    expect(migration.flinkConfiguration).toEqual({
      'execution.state-recovery.from-local': 'true',
      'jobmanager.execution.failover-strategy': 'region',
      'my.custom.setting': 'x',
      'rest.port': '8081',
    });
  });

  test.each([
    ['state.backend', 'rocksdb', MigrationAction.RENAMED, 'stateBackend', 'renamed in Flink 1.17; it is a dot-prefix of state.backend.type and state.backend.rocksdb.*; now the typed prop stateBackend'],
    ['state.checkpoints.dir', 's3://my-bucket/orders/checkpoints', MigrationAction.DERIVED, 'checkpointStore', 'the directories come from the app\'s CheckpointStore (<base>/<app>/checkpoints, /savepoints, /ha, /changelog); to resume from state under this old location, point initialSavepointPath at the savepoint or retained checkpoint'],
    ['restart-strategy', 'fixed-delay', MigrationAction.RENAMED, 'restartStrategy', 'renamed in Flink 1.17; it is a dot-prefix of restart-strategy.<type>.*; now restartStrategy = fixed-delay (attempts: 2147483647, delay: 1s; Flink\'s defaults where the file had none)'],
    ['restart-strategy.fixed-delay.attempts', '2147483647', MigrationAction.MAPPED, 'restartStrategy', 'now the typed prop restartStrategy'],
    ['high-availability', 'kubernetes', MigrationAction.RENAMED, 'highAvailability', 'renamed in Flink 1.17; it is a dot-prefix of high-availability.storageDir and high-availability.kubernetes.*; now highAvailability = HighAvailability.kubernetes() (needs a checkpointStore on the app)'],
    ['execution.restart-strategy.type', 'fixed-delay', MigrationAction.REMOVED, 'restartStrategy', 'not a Flink option: it was the legacy SQL-client form; Flink ignores it and restarts forever with exponential delay; it had no effect, so it is dropped (set restartStrategy if you meant restart-strategy.type)'],
    ['state.backend.local-recovery', 'true', MigrationAction.RENAMED, 'execution.state-recovery.from-local', 'removed in Flink 2.0: carried over as execution.state-recovery.from-local in flinkConfiguration'],
    ['state.backend.async', 'true', MigrationAction.REMOVED, undefined, 'removed in Flink 2.0 (snapshots are always asynchronous): it has no effect, dropped'],
    ['jobmanager.heap.size', '1024m', MigrationAction.REMOVED, 'jobManager.resources.memory', 'removed in Flink 2.0 (the operator sizes the JobManager from spec.jobManager.resource.memory); dropped: set jobManager.resources.memory'],
    ['taskmanager.numberOfTaskSlots', '2', MigrationAction.MAPPED, 'taskManager.taskSlots', 'now the typed prop taskManager.taskSlots'],
    ['taskmanager.memory.process.size', '4096m', MigrationAction.DERIVED, 'taskManager.resources.memory', 'the operator writes it from the spec: now taskManager.resources.memory'],
    ['parallelism.default', '4', MigrationAction.DERIVED, 'parallelism', 'the operator writes it from spec.job.parallelism: now parallelism'],
    ['kubernetes.cluster-id', 'orders', MigrationAction.DERIVED, 'name', 'the operator sets it itself and rejects a FlinkDeployment that sets it; dropped'],
    ['classloader.parent-first-patterns.additional', 'org.apache.flink.statefun;org.apache.kafka;com.google.protobuf', MigrationAction.INVARIANT, undefined, 'StateFun requires these parent-first patterns: the library always writes "org.apache.flink.statefun;org.apache.kafka;com.google.protobuf"; dropped'],
    ['statefun.flink-job-name', 'orders', MigrationAction.MAPPED, 'statefun.jobName', 'now the typed prop statefun.jobName'],
    ['env.java.opts', '-XX:+UseG1GC -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED', MigrationAction.RENAMED, 'jvmOptions', 'renamed to env.java.opts.all; now jvmOptions, after the Java 21 module flags the library always writes (dropped 2 option(s) the library writes itself or Flink\'s memory model sets: -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED)'],
    ['metrics.reporter.prom.class', 'org.apache.flink.metrics.prometheus.PrometheusReporter', MigrationAction.RENAMED, 'metrics', 'Flink 2.x creates reporters by factory (metrics.reporter.prom.factory.class): now metrics = FlinkMetrics.prometheus()'],
    ['web.port', '8081', MigrationAction.RENAMED, 'rest.port', 'removed in Flink 2.0: carried over as rest.port in flinkConfiguration'],
    ['jobmanager.execution.failover-strategy', 'region', MigrationAction.KEPT, 'jobmanager.execution.failover-strategy', 'no typed prop: carried over unchanged in flinkConfiguration (the linter still checks it)'],
    ['my.custom.setting', 'x', MigrationAction.KEPT, 'my.custom.setting', 'not in the option tables of Flink 2.x, the operator or StateFun (a plugin\'s or connector\'s own option): carried over unchanged in flinkConfiguration; check its name'],
    ['statefun.flink-job-nmae', 'typo', MigrationAction.UNKNOWN, undefined, 'not a StateFun option (statefun.* keys are typed); not carried over (did you mean \'statefun.flink-job-name\'?)'],
  ])('%s', (key, value, action, replacement, message) => {
    expect(entry(key)).toEqual({ key, value, action, replacement, message });
  });

  test('the report as text', () => {
    expect(migration.renderReport().split('\n')).toContain(
      'state.backend.async = "true": removed: removed in Flink 2.0 (snapshots are always asynchronous): it has no effect, dropped');
    expect(migration.entriesWith(MigrationAction.UNKNOWN).map((e) => e.key)).toEqual(['statefun.flink-job-nmae']);
  });

  test.each([OperatorVersion.V1_11, OperatorVersion.V1_15])('the migrated props make an app that synthesizes without findings and validates against the operator %s CRD', (operatorVersion) => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const checkpointStore = CheckpointStore.s3(chart, 'store', { bucket: 'my-bucket', region: 'us-east-1' });
    const app = new StateFunApp(chart, 'orders', { ...migration.props, checkpointStore, operatorVersion });
    new HttpEndpoint(chart, 'ep', { app, functions: 'example/*', url: 'https://fn.example.com/statefun' });
    new KafkaIngress(chart, 'in', { app, ingressId: 'example/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('example/T'), targets: [FunctionType.of('example/fn')] }] });
    const manifests = Testing.synth(chart);
    expectValidManifests(manifests, operatorVersion as unknown as '1.11');
    const fd = flinkDeploymentOf(manifests);
    expect(fd.spec.job.parallelism).toBe(4);
    expect(fd.spec.taskManager.resource.memory).toBe('4096m');
    expect(fd.spec.flinkConfiguration).toMatchObject({
      'state.backend.type': 'rocksdb',
      'execution.checkpointing.incremental': 'true',
      'execution.checkpointing.num-retained': '5',
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.attempts': '2147483647',
      'restart-strategy.fixed-delay.delay': '1s',
      'high-availability.type': 'kubernetes',
      'high-availability.kubernetes.leader-election.renew-deadline': '10s',
      'taskmanager.numberOfTaskSlots': '2',
      'statefun.flink-job-name': 'orders',
      'execution.state-recovery.from-local': 'true',
    });
    for (const legacy of ['state.backend', 'high-availability', 'restart-strategy', 'state.backend.async', 'state.backend.local-recovery', 'execution.restart-strategy.type', 'jobmanager.heap.size']) {
      expect(fd.spec.flinkConfiguration[legacy]).toBeUndefined();
    }
  });
});

describe('FlinkConfigMigration: values and edge cases', () => {
  const m = (conf: Record<string, unknown>) => FlinkConfigMigration.fromFlinkConf(conf as any);

  test('only the execution.restart-strategy.* form: nothing migrated (it never had an effect)', () => {
    const r = m({ 'execution.restart-strategy.type': 'fixed-delay', 'execution.restart-strategy.fixed-delay.attempts': '3' });
    expect(r.restartStrategy).toBeUndefined();
    expect(r.report.map((e) => e.action)).toEqual([MigrationAction.REMOVED, MigrationAction.REMOVED]);
    expect(r.report[0].message).toBe('not a Flink option: it was the legacy SQL-client form; Flink ignores it and restarts forever with exponential delay; it had no effect, so it is dropped (set restartStrategy if you meant restart-strategy.fixed-delay.attempts)');
  });

  test('options of another strategy than the configured one are dropped', () => {
    const r = m({ 'restart-strategy.type': 'failure-rate', 'restart-strategy.fixed-delay.attempts': '3', 'restart-strategy.failure-rate.delay': '10 s' });
    expect(r.restartStrategy!.type).toBe('failure-rate');
    expect((r.restartStrategy!._settings['restart-strategy.failure-rate.delay'] as Duration).toMilliseconds()).toBe(10_000);
    expect(r.report.find((e) => e.key === 'restart-strategy.fixed-delay.attempts')).toEqual({
      key: 'restart-strategy.fixed-delay.attempts',
      value: '3',
      action: MigrationAction.REMOVED,
      replacement: undefined,
      message: 'the restart strategy is failure-rate, so Flink ignores options of fixed-delay; dropped',
    });
  });

  test('exponential-delay with Flink\'s defaults, and none', () => {
    expect(m({ 'restart-strategy.type': 'exponentialdelay' }).restartStrategy!._settings['restart-strategy.exponential-delay.backoff-multiplier']).toBe(1.5);
    expect(m({ 'restart-strategy': 'none' }).restartStrategy!.type).toBe('none');
  });

  test.each([
    ['filesystem', StateBackend.HASHMAP], ['jobmanager', StateBackend.HASHMAP], ['hashmap', StateBackend.HASHMAP], ['RocksDB', StateBackend.ROCKSDB],
  ])('legacy backend %s', (value, backend) => {
    expect(m({ 'state.backend': value }).stateBackend).toBe(backend);
  });

  test.each([
    ['state.backend.type', 'forst', 'the StateFun image supports the rocksdb and hashmap backends, not \'forst\'; not migrated', 'stateBackend'],
    ['high-availability.type', 'zookeeper', 'only Kubernetes HA is supported under the operator, not \'zookeeper\'; not migrated', 'highAvailability'],
    ['execution.checkpointing.interval', 'soon', 'not a duration; not migrated', 'checkpointing.interval'],
    ['execution.checkpointing.interval', '0', 'checkpointing cannot be off for StateFun (a failure would lose all state); the library default (10s) applies; not migrated', 'checkpointing.interval'],
    ['restart-strategy.type', 'sometimes', 'not a restart strategy (fixed-delay, failure-rate, exponential-delay, none), \'sometimes\'; not migrated', 'restartStrategy'],
    ['metrics.reporter.prom.port', '9250-9260', 'the typed metrics port is one port, not \'9250-9260\'; not migrated', 'metrics'],
    ['statefun.message.serializer', 'WITH_CUSTOM_PAYLOADS', 'not a message serializer the library supports; not migrated', 'statefun.messageSerializer'],
  ])('invalid %s = %s', (key, value, message, replacement) => {
    const r = m({ [key]: value });
    expect(r.report).toEqual([{ key, value, action: MigrationAction.INVALID, replacement, message }]);
  });

  test('leader-election timings without Kubernetes HA are dropped', () => {
    const r = m({ 'high-availability.kubernetes.leader-election.lease-duration': '20s' });
    expect(r.highAvailability).toBeUndefined();
    expect(r.report[0].action).toBe(MigrationAction.REMOVED);
  });

  test('custom leader-election timings fill the rest with Flink\'s defaults', () => {
    const r = m({ 'high-availability.type': 'org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory', 'high-availability.kubernetes.leader-election.lease-duration': '30 s' });
    const le = r.highAvailability!.leaderElection!;
    expect([le.leaseDuration, le.renewDeadline, le.retryPeriod].map((d) => d.toMilliseconds())).toEqual([30_000, 15_000, 5_000]);
  });

  test('memory and CPU become resources with the library default for the missing half', () => {
    const r = m({ 'jobmanager.memory.process.size': '1600 mb', 'kubernetes.taskmanager.cpu': '2.5' });
    expect(r.jobManager!.resources!.memory.toMebibytes()).toBe(1600);
    expect(r.jobManager!.resources!.cpu.amount).toBe('500m');
    expect(r.taskManager!.resources!.cpu.amount).toBe('2500m');
    expect(r.taskManager!.resources!.memory.toMebibytes()).toBe(2048);
  });

  test('extra parent-first patterns, feedback memory, the 2.x ignore-unclaimed key, operator keys', () => {
    const r = m({
      'classloader.parent-first-patterns.additional': 'org.apache.flink.statefun;org.apache.kafka;com.google.protobuf;com.acme.shared',
      'statefun.feedback.memory.size': '64 mb',
      'execution.state-recovery.ignore-unclaimed-state': 'false',
      'kubernetes.operator.periodic.savepoint.interval': '1h',
      'kubernetes.operator.savepoint.history.max.count': '2',
      'kubernetes.operator.job.autoscaler.enabled': 'false',
    });
    expect(r.statefun!.additionalParentFirstPatterns).toEqual(['com.acme.shared']);
    expect(r.statefun!.feedbackMemory!.toMebibytes()).toBe(64);
    expect(r.allowNonRestoredState).toBe(false);
    expect(r.operator!.periodicSavepointInterval!.toMilliseconds()).toBe(3_600_000);
    expect(r.operator!.savepointHistoryMaxCount).toBe(2);
    expect(r.flinkConfiguration).toEqual({ 'kubernetes.operator.job.autoscaler.enabled': 'false' });
  });

  test('changelog keys in either form, and the storage invariant', () => {
    const r = m({ 'state.backend.changelog.enabled': 'true', 'state.backend.changelog.storage': 'memory', 'dstl.dfs.base-path': 's3://b/dfs' });
    expect(r.checkpointing.changelog).toBe(true);
    expect(r.report.map((e) => [e.key, e.action])).toEqual([
      ['dstl.dfs.base-path', MigrationAction.DERIVED],
      ['state.backend.changelog.enabled', MigrationAction.RENAMED],
      ['state.backend.changelog.storage', MigrationAction.INVARIANT],
    ]);
    expect(r.report[2].message).toBe('the changelog must be durable: the library always writes "filesystem" (this configuration had "memory", which StateFun does not support); dropped');
  });

  test('props holds only what was found', () => {
    expect(Object.keys(m({ 'taskmanager.numberOfTaskSlots': '4' }).props)).toEqual(['taskManager']);
    expect(m({}).props).toEqual({});
    void Size;
  });
});

describe('FlinkConfigMigration.fromYaml: a nested Flink 1.19+ config.yaml', () => {
  const text = fs.readFileSync(path.join(__dirname, 'fixtures', 'flink', 'statefun-config.yaml'), 'utf8');
  const migration = FlinkConfigMigration.fromYaml(text);
  const entry = (key: string) => migration.report.find((e) => e.key === key);

  test('nested maps become dotted keys, one report entry each; the list becomes a ;-joined value', () => {
    expect(migration.report.map((e) => e.key)).toEqual([
      'classloader.parent-first-patterns.additional', 'classloader.resolve-order',
      'execution.checkpointing.aligned-checkpoint-timeout', 'execution.checkpointing.interval', 'execution.checkpointing.mode', 'execution.checkpointing.timeout',
      'high-availability.storageDir', 'high-availability.type', 'high-availability.zookeeper.path.root', 'high-availability.zookeeper.quorum',
      'jobmanager.rpc.address', 'jobmanager.rpc.port',
      'metrics.reporter.prom.factory.class', 'metrics.reporter.prom.port',
      'pipeline.max-paralelism', 'pipeline.max-parallelism',
      'state.backend.rocksdb.localdir', 'state.backend.rocksdb.timer-service.factory', 'state.backend.type',
      'statefun.flink-job-name', 'taskmanager.numberOfTaskSlots', 'taskmanager.rpc.port',
    ]);
    expect(entry('classloader.parent-first-patterns.additional')!.value).toBe('org.apache.flink.statefun;org.apache.kafka;com.google.protobuf;com.acme.shared');
    expect(migration.statefun!.additionalParentFirstPatterns).toEqual(['com.acme.shared']);
  });

  test('scalars are stringified; only valid keys are carried over', () => {
    expect(migration.flinkConfiguration).toEqual({
      'execution.checkpointing.aligned-checkpoint-timeout': '30 secs',
      'jobmanager.rpc.port': '6123',
      'pipeline.max-parallelism': '720',
    });
    expect(migration.metrics!.port).toBe(9249);
    expect(migration.taskManager!.taskSlots).toBe(2);
  });

  test.each([
    ['execution.checkpointing.interval', '5 mins', MigrationAction.REPAIRED, 'checkpointing.interval',
      'the value is not Flink syntax (Flink\'s duration units are d, h, min, s, ms with their long forms, not \'mins\'), so Flink could not read it; repaired to "5min": now the typed prop checkpointing.interval'],
    ['execution.checkpointing.mode', 'EXACTLY-ONCE', MigrationAction.REPAIRED, 'checkpointing.mode',
      'the value is not Flink syntax (Flink matches enum constants by name, which has no \'-\' or spaces), so Flink could not read it; repaired to "EXACTLY_ONCE": now the typed prop checkpointing.mode'],
    ['execution.checkpointing.aligned-checkpoint-timeout', '30 secs', MigrationAction.KEPT, 'execution.checkpointing.aligned-checkpoint-timeout',
      'no typed prop: carried over unchanged in flinkConfiguration (the linter still checks it)'],
    ['high-availability.zookeeper.quorum', 'zk-0.zk:2181', MigrationAction.REMOVED, undefined,
      'high availability becomes Kubernetes HA, which reads no ZooKeeper option: dropped'],
    ['jobmanager.rpc.address', 'statefun-master', MigrationAction.REMOVED, undefined,
      'native Kubernetes overwrites it: <cluster-id>.<namespace> (the JobManager service, InternalServiceDecorator) without HA, the JobManager pod IP with HA (KubernetesEntrypointUtils.loadConfiguration): dropped (remove it: TaskManagers find the JobManager through the address Kubernetes writes)'],
    ['taskmanager.rpc.port', '50100-50200', MigrationAction.REMOVED, undefined,
      'a port range: native Kubernetes refuses it when the cluster is deployed (KubernetesUtils.checkAndUpdatePortConfigOption: "taskmanager.rpc.port should be specified to a fixed port. Do not support a range of ports."): dropped (write one fixed port, e.g. "6122" (the Kubernetes default), or remove it)'],
    ['pipeline.max-paralelism', '12', MigrationAction.UNKNOWN, undefined,
      'not a current option of Flink 2.x, the operator or StateFun, and Flink ignores unknown keys silently; it looks like a typo: not carried over (did you mean \'pipeline.max-parallelism\'?)'],
    ['state.backend.rocksdb.localdir', '/local/state/rocksdb', MigrationAction.INVALID, undefined,
      '\'/local/state/rocksdb\': a local directory the image does not have and the pod user (flink, uid 9999) cannot create (it writes only under /tmp and /opt/flink), and the app mounts no volume there, so RocksDB cannot open its local storage and the tasks fail ("No local storage directories available", EmbeddedRocksDBStateBackend); not migrated: leave it out (Flink\'s default under the working directory applies), or mount a volume at that path with a pod template patch and set the key in flinkConfiguration'],
  ])('%s', (key, value, action, replacement, message) => {
    expect(entry(key)).toEqual({ key, value, action, replacement, message });
  });

  test('the repaired values reach the typed settings', () => {
    expect(migration.checkpointing.interval!.toMilliseconds()).toBe(300_000);
    expect(migration.checkpointing.mode).toBe(CheckpointingMode.EXACTLY_ONCE);
  });

  test('the migrated props make an app that synthesizes without findings and validates against the CRD', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const checkpointStore = CheckpointStore.s3(chart, 'store', { bucket: 'my-bucket', region: 'us-east-1' });
    const app = new StateFunApp(chart, 'orders', { ...migration.props, checkpointStore, operatorVersion: OperatorVersion.V1_15 });
    new HttpEndpoint(chart, 'ep', { app, functions: 'example/*', url: 'https://fn.example.com/statefun' });
    new KafkaIngress(chart, 'in', { app, ingressId: 'example/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('example/T'), targets: [FunctionType.of('example/fn')] }] });
    const manifests = Testing.synth(chart);
    expectValidManifests(manifests, '1.15');
    const conf = flinkDeploymentOf(manifests).spec.flinkConfiguration;
    expect(conf).toMatchObject({ 'execution.checkpointing.interval': '5min', 'execution.checkpointing.mode': 'EXACTLY_ONCE', 'pipeline.max-parallelism': '720' });
    for (const dropped of ['jobmanager.rpc.address', 'taskmanager.rpc.port', 'high-availability.zookeeper.quorum', 'state.backend.rocksdb.localdir', 'pipeline.max-paralelism']) {
      expect(conf[dropped]).toBeUndefined();
    }
  });

  test('a flat flink-conf.yaml text reads the same as its nested form', () => {
    const flat = FlinkConfigMigration.fromYaml('execution.checkpointing.interval: 30s\nstate.backend.type: hashmap\n');
    const nested = FlinkConfigMigration.fromYaml('execution:\n  checkpointing:\n    interval: 30s\nstate:\n  backend:\n    type: hashmap\n');
    expect(nested.report).toEqual(flat.report);
  });
});

describe('FlinkConfigMigration: values it cannot read are refused, naming the key', () => {
  test.each([
    ['a key without a value', 'pipeline.name:\n',
      '[FlinkConfigMigration] pipeline.name = null: no value (YAML null): Flink cannot read an option without one. Fix: give it a value, or remove the key so the default applies'],
    ['a list of maps', 'pipeline:\n  cached-files:\n    - name: f\n      path: /x\n',
      '[FlinkConfigMigration] pipeline.cached-files = [{"name":"f","path":"/x"}]: a list holding maps or lists: the flat configuration has no form for it. Fix: write it as a string in the option\'s own syntax (e.g. \'k1:v1,k2:v2;k3:v3\' for a list of maps)'],
    ['a list element with the separator', 'classloader.parent-first-patterns.additional: [org.apache.flink.statefun, "org.apache.kafka;com.google.protobuf"]\n',
      '[FlinkConfigMigration] classloader.parent-first-patterns.additional = ["org.apache.flink.statefun","org.apache.kafka;com.google.protobuf"]: the element "org.apache.kafka;com.google.protobuf" contains \';\', the list separator: Flink would read it as two elements. Fix: split it into two elements, or write the whole value as one string'],
    ['a duplicate key', 'parallelism.default: 2\nparallelism.default: 4\n',
      '[FlinkConfigMigration] (line 2) = (not set): not valid YAML 1.2, which Flink 2.x fails to load: Map keys must be unique. Fix: fix the YAML (a key given twice is an error in Flink 2.x too)'],
    ['a key given nested and dotted', 'state:\n  backend:\n    type: rocksdb\nstate.backend.type: hashmap\n',
      '[FlinkConfigMigration] state.backend.type = "hashmap": set twice (once as a nested key, once as a dotted key, with "rocksdb" and "hashmap"); Flink keeps one of them without a warning. Fix: keep one of the two'],
    ['an empty section', 'high-availability: {}\n',
      '[FlinkConfigMigration] high-availability = {}: an empty map: Flink reads no option from it. Fix: remove it, or give its keys'],
    ['an empty list', 'env.java.opts.all: []\n',
      '[FlinkConfigMigration] env.java.opts.all = []: an empty list: a list-typed option reads it as one empty element. Fix: remove it so the default applies, or list the elements'],
    ['not a map', '- parallelism.default: 2\n',
      '[FlinkConfigMigration] (file) = [{"parallelism.default":"2"}]: not a map of configuration keys. Fix: give the configuration as `key: value` lines or nested maps'],
  ])('%s', (_name, text, message) => {
    expect(() => FlinkConfigMigration.fromYaml(text)).toThrow(message);
    expect(messageOf(() => FlinkConfigMigration.fromYaml(text))).not.toContain('[object Object]');
  });

  test('fromFlinkConf: every unreadable value at once, never [object Object]', () => {
    expect(messageOf(() => FlinkConfigMigration.fromFlinkConf({ a: { b: new Date(0) }, c: { d: null } }))).toBe([
      'Invalid configuration:',
      '  [FlinkConfigMigration] a.b = "1970-01-01T00:00:00.000Z": a date value, not a string, number, boolean or list. Fix: write it as a string',
      '  [FlinkConfigMigration] c.d = null: no value (YAML null): Flink cannot read an option without one. Fix: give it a value, or remove the key so the default applies',
    ].join('\n'));
  });

  test('fromYaml of something that is not text', () => {
    expect(() => FlinkConfigMigration.fromYaml(42 as any)).toThrow('FlinkConfigMigration.fromYaml: text = 42: not a string. Fix: pass the file content, e.g. fs.readFileSync(file, \'utf8\')');
  });
});

describe('FlinkConfigMigration: repairs, unused features, typos, local paths', () => {
  const m = (conf: Record<string, unknown>) => FlinkConfigMigration.fromFlinkConf(conf);

  test('a repaired duration of a carried-over key is carried over repaired', () => {
    const r = m({ 'execution.checkpointing.aligned-checkpoint-timeout': '5 mins' });
    expect(r.flinkConfiguration).toEqual({ 'execution.checkpointing.aligned-checkpoint-timeout': '5min' });
    expect(r.report[0].action).toBe(MigrationAction.REPAIRED);
  });

  test('a repaired restart-strategy option', () => {
    const r = m({ 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.delay': '10 mins' });
    expect((r.restartStrategy!._settings['restart-strategy.fixed-delay.delay'] as Duration).toMilliseconds()).toBe(600_000);
    expect(r.report.find((e) => e.key === 'restart-strategy.fixed-delay.delay')!.action).toBe(MigrationAction.REPAIRED);
  });

  test.each([['10sec'], ['1 min'], ['30 secs'], ['2 h'], ['500']])('%s is Flink syntax: no repair', (value) => {
    expect(m({ 'execution.checkpointing.timeout': value }).report[0].action).toBe(MigrationAction.MAPPED);
  });

  test('a likely typo is never kept', () => {
    const r = m({ 'execution.checkpointing.intervall': '30s', 'taskmanager.numberOfTaskSlot': '2' });
    expect(r.flinkConfiguration).toEqual({});
    expect(r.report.map((e) => [e.action, e.message])).toEqual([
      [MigrationAction.UNKNOWN, 'not a current option of Flink 2.x, the operator or StateFun, and Flink ignores unknown keys silently; it looks like a typo: not carried over (did you mean \'execution.checkpointing.interval\'?)'],
      [MigrationAction.UNKNOWN, 'not a current option of Flink 2.x, the operator or StateFun, and Flink ignores unknown keys silently; it looks like a typo: not carried over (did you mean \'taskmanager.numberOfTaskSlots\'?)'],
    ]);
  });

  test('an unknown key under a prefix the library models is not carried over', () => {
    expect(m({ 'execution.checkpointing.something-new': 'x' }).report[0]).toMatchObject({
      action: MigrationAction.UNKNOWN,
      message: 'not a current option of Flink 2.x, the operator or StateFun under execution.checkpointing., a prefix the library models; Flink ignores unknown keys silently: not carried over (remove it, or write an option from Flink\'s configuration reference (keys under execution.checkpointing.))',
    });
  });

  test('with the hashmap backend, RocksDB options are dropped as without effect (the local dir too)', () => {
    const r = m({ 'state.backend.type': 'hashmap', 'state.backend.rocksdb.memory.managed': 'true', 'state.backend.rocksdb.localdir': '/local/state/rocksdb', 'state.backend.rocksdb.timer-service.factory': 'ROCKSDB' });
    expect(r.flinkConfiguration).toEqual({});
    expect(r.report.filter((e) => e.key.startsWith('state.backend.rocksdb.')).map((e) => [e.action, e.message])).toEqual([
      [MigrationAction.REMOVED, 'the state backend is hashmap, so RocksDB options have no effect: dropped'],
      [MigrationAction.REMOVED, 'the state backend is hashmap, so RocksDB options have no effect: dropped'],
      [MigrationAction.REMOVED, 'the state backend is hashmap, so RocksDB options have no effect: dropped'],
    ]);
  });

  test('ZooKeeper options without Kubernetes HA are dropped too', () => {
    expect(m({ 'high-availability.type': 'none', 'high-availability.zookeeper.quorum': 'zk:2181' }).report[1]).toMatchObject({
      action: MigrationAction.REMOVED,
      message: 'ZooKeeper options take effect only with ZooKeeper HA, which does not run under the operator (high availability is Kubernetes HA or off): dropped',
    });
  });

  test('local directories under /tmp are carried over; elsewhere they are refused', () => {
    const r = m({ 'state.backend.rocksdb.localdir': '/tmp/rocksdb', 'taskmanager.state.local.root-dirs': 'file:///local/recovery' });
    expect(r.flinkConfiguration).toEqual({ 'state.backend.rocksdb.localdir': '/tmp/rocksdb' });
    expect(r.report.find((e) => e.key === 'taskmanager.state.local.root-dirs')).toMatchObject({
      action: MigrationAction.INVALID,
      message: '\'file:///local/recovery\': a local directory the image does not have and the pod user (flink, uid 9999) cannot create (it writes only under /tmp and /opt/flink), and the app mounts no volume there, so local recovery cannot write its copies; not migrated: leave it out (Flink\'s default under the working directory applies), or mount a volume at that path with a pod template patch and set the key in flinkConfiguration',
    });
  });

  test('a reporter Flink ships, configured by class, is carried over by its factory', () => {
    const r = m({ 'metrics.reporter.jmx.class': 'org.apache.flink.metrics.jmx.JMXReporter', 'metrics.reporter.jmx.port': '9020-9030' });
    expect(r.flinkConfiguration).toEqual({ 'metrics.reporter.jmx.factory.class': 'org.apache.flink.metrics.jmx.JMXReporterFactory', 'metrics.reporter.jmx.port': '9020-9030' });
    expect(r.report[0]).toEqual({
      key: 'metrics.reporter.jmx.class',
      value: 'org.apache.flink.metrics.jmx.JMXReporter',
      action: MigrationAction.RENAMED,
      replacement: 'metrics.reporter.jmx.factory.class',
      message: 'Flink 2.x creates reporters only by factory (the .class form was removed in Flink 1.17): carried over as metrics.reporter.jmx.factory.class = org.apache.flink.metrics.jmx.JMXReporterFactory in flinkConfiguration',
    });
  });

  test('a custom reporter configured by class is dropped with the fix', () => {
    const r = m({ 'metrics.reporter.acme.class': 'com.acme.Reporter', 'metrics.reporter.acme.host': 'x' });
    expect(r.flinkConfiguration).toEqual({});
    expect(r.report.map((e) => e.message)).toEqual([
      'reporters are no longer created from a class (removed in Flink 1.17, FLINK-24235): Flink 2.x finds a reporter only by its metrics.reporter.<name>.factory.class key (ReporterSetupBuilder), so this reporter is silently skipped and its port never opens: dropped (write \'metrics.reporter.acme.factory.class\' with the reporter\'s factory class (…ReporterFactory) instead)',
      'no metrics.reporter.acme.factory.class is set: Flink 2.x finds reporters only by that key (ReporterSetupBuilder), so options of reporter \'acme\' configure nothing: dropped (set \'metrics.reporter.acme.factory.class\' to the reporter\'s factory, or remove the metrics.reporter.acme.* keys)',
    ]);
  });

  test('a reporter given by class and by factory: the class key is dropped', () => {
    const r = m({ 'metrics.reporter.jmx.class': 'org.apache.flink.metrics.jmx.JMXReporter', 'metrics.reporter.jmx.factory.class': 'org.apache.flink.metrics.jmx.JMXReporterFactory' });
    expect(r.report[0].message).toBe('reporters are no longer created from a class (removed in Flink 1.17, FLINK-24235): Flink 2.x finds a reporter only by its metrics.reporter.<name>.factory.class key (ReporterSetupBuilder), so this reporter is silently skipped and its port never opens: dropped (remove it: metrics.reporter.jmx.factory.class already names the factory)');
  });
});


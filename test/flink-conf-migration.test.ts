import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { parse } from 'yaml';
import {
  CheckpointingMode, CheckpointStore, FlinkConfigMigration, FunctionType, HttpEndpoint, KafkaIngress, LeaderElection, MigrationAction,
  OperatorVersion, StateBackend, StateFunApp, ValueType,
} from '../lib';
import { flinkDeploymentOf } from './fixtures/flink/app';
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
    ['my.custom.setting', 'x', MigrationAction.UNKNOWN, undefined, 'not a key this library knows (a typo, or a custom key): Flink ignores unknown keys silently, so it is not carried over; add it to flinkConfiguration if it is a real Flink 2.x key'],
    ['statefun.flink-job-nmae', 'typo', MigrationAction.UNKNOWN, undefined, 'not a StateFun option (statefun.* keys are typed); not carried over'],
  ])('%s', (key, value, action, replacement, message) => {
    expect(entry(key)).toEqual({ key, value, action, replacement, message });
  });

  test('the report as text', () => {
    expect(migration.renderReport().split('\n')).toContain(
      'state.backend.async = "true": removed: removed in Flink 2.0 (snapshots are always asynchronous): it has no effect, dropped');
    expect(migration.entriesWith(MigrationAction.UNKNOWN).map((e) => e.key)).toEqual(['my.custom.setting', 'statefun.flink-job-nmae']);
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

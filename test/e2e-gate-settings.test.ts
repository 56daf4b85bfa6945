/**
 * The Kzmlabs release gate's FlinkDeployment `statefun-jobmanager` (statefun-runtime.md §12.3, proven to
 * run on operator 1.15 / Flink 2.2), expressed through typed props alone: no `flinkConfiguration` extras.
 * Where a gate key is wrong or deprecated for Flink 2.x, the typed model writes the 2.x equivalent.
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { gateSettings } from '../examples/e2e-gate/gate-settings';
import {
  CheckpointStore, FlinkVersion, FunctionType, HttpEndpoint, KafkaIngress, OperatorVersion, RestartStrategy, S3Credentials,
  StateFunApp, StateFunAppProps, StateFunImage, UpgradeMode, ValueType,
} from '../lib';
import { operatorRuleProblems } from '../lib/operator-rules';
import { flinkDeploymentOf } from './fixtures/flink/app';
import { expectValidManifests, validateFlinkDeployment } from './support/schemas';

function gate(operatorVersion: OperatorVersion, flinkVersion: FlinkVersion, overrides: Partial<StateFunAppProps> = {}) {
  const chart = new Chart(Testing.app(), 'e2e', { namespace: 'statefun-e2e' });
  // LocalStack S3 (bucket statefun-checkpoints); the gate's test keys come from a Secret, never from flinkConfiguration.
  const checkpointStore = CheckpointStore.s3Compatible(chart, 'localstack', {
    bucket: 'statefun-checkpoints',
    endpoint: 'http://localstack.statefun-e2e:4566',
    credentials: S3Credentials.fromSecret(kplus.Secret.fromSecretName(chart, 'localstack-keys', 'localstack-keys')),
    region: 'us-east-1',
  });
  const props = gateSettings();
  expect(props.flinkConfiguration).toBeUndefined();
  const app = new StateFunApp(chart, 'statefun', {
    ...props,
    operatorVersion,
    flinkVersion,
    checkpointStore,
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'flink', 'flink'),
    ...overrides,
  });
  // The function's Service comes with the release gate's own manifests.
  new HttpEndpoint(chart, 'counter', { app, functions: 'counter.kafka/*', url: 'http://remote-function.statefun-e2e:8080/statefun', servedOutsideApp: true });
  new KafkaIngress(chart, 'kafka', {
    app,
    ingressId: 'counter.kafka/ingress',
    address: 'kafka.statefun-e2e:9092',
    consumerGroupId: 'statefun-e2e-counter-kafka',
    topics: [{ topic: 'counter.commands', valueType: ValueType.of('io.github.kzmlabs.statefun.e2e/CounterCommand'), targets: [FunctionType.of('counter.kafka/fn')] }],
  });
  const manifests = Testing.synth(chart);
  return { manifests, fd: flinkDeploymentOf(manifests) };
}

describe('the release gate FlinkDeployment through typed props alone', () => {
  const { manifests, fd } = gate(OperatorVersion.V1_15, FlinkVersion.V2_2);
  const conf: Record<string, string> = fd.spec.flinkConfiguration;

  test('spec fields: image, pull policy, service account, flinkVersion, resources, job', () => {
    expect(fd.metadata.name).toBe('statefun-jobmanager');
    expect(fd.spec).toMatchObject({
      image: 'flink-statefun:e2e',
      imagePullPolicy: 'Never',
      serviceAccount: 'flink',
      flinkVersion: 'v2_2',
      jobManager: { replicas: 1, resource: { cpu: 0.5, memory: '1024m' } },
      taskManager: { resource: { cpu: 1, memory: '2048m' } },
      job: { jarURI: 'local:///opt/flink/statefun-flink-runner.jar', parallelism: 1, upgradeMode: 'last-state', state: 'running', allowNonRestoredState: true },
    });
    expect(Object.keys(fd.spec.logConfiguration)).toEqual(['logback-console.xml']);
    expect(fd.spec.logConfiguration['logback-console.xml']).toContain('net.logstash.logback.encoder.LogstashEncoder');
  });

  test('every gate key that is valid on Flink 2.x has the gate\'s value (durations in Flink\'s unit syntax)', () => {
    expect(conf).toMatchObject({
      'classloader.parent-first-patterns.additional': 'org.apache.flink.statefun;org.apache.kafka;com.google.protobuf',
      'classloader.resolve-order': 'parent-first',
      'taskmanager.numberOfTaskSlots': '2',
      'execution.checkpointing.mode': 'EXACTLY_ONCE',
      'execution.checkpointing.interval': '5s',
      'execution.checkpointing.min-pause': '50ms',
      'execution.checkpointing.max-concurrent-checkpoints': '1',
      'execution.checkpointing.timeout': '20min',
      'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
      'execution.checkpointing.tolerable-failed-checkpoints': '3',
      'state.backend.type': 'rocksdb',
      's3.endpoint': 'http://localstack.statefun-e2e:4566',
      's3.path-style-access': 'true',
      'high-availability.type': 'kubernetes',
      'high-availability.storageDir': 's3://statefun-checkpoints/statefun-jobmanager/ha',
      'high-availability.kubernetes.leader-election.lease-duration': '15s',
      'high-availability.kubernetes.leader-election.renew-deadline': '10s',
      'high-availability.kubernetes.leader-election.retry-period': '2s',
      'statefun.flink-job-name': 'statefun-k8s-e2e',
      'statefun.remote.module-name': 'file:///opt/statefun/module.yaml',
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.attempts': '3',
      'restart-strategy.fixed-delay.delay': '5s',
      'pipeline.auto-generate-uids': 'false',
      'taskmanager.network.memory.buffer-debloat.enabled': 'true',
      'metrics.reporter.prom.factory.class': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
      'metrics.reporter.prom.port': '9249',
      'kubernetes.operator.jm-deployment-recovery.enabled': 'true',
      'kubernetes.operator.periodic.savepoint.interval': '0ms',
      'kubernetes.operator.savepoint.history.max.count': '2',
      'kubernetes.transactional-operation.max-retries': '60',
      'kubernetes.client.io-pool.size': '8',
      'jobmanager.io-pool.size': '10',
      'jobmanager.future-pool.size': '10',
      'web.cancel.enable': 'false',
      'rest.await-leader-timeout': '90000',
      'rest.retry.max-attempts': '40',
      'rest.server.numThreads': '10',
    });
    expect(conf['env.java.opts.all'].split(' ')).toEqual(expect.arrayContaining([
      '-Daws.java.v1.disableDeprecationAnnouncement=true', '-Dkubernetes.connection.timeout=35000', '-Dkubernetes.request.timeout=35000',
      '-Dkubernetes.request.retry.backoffLimit=60', '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED', '--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED',
    ]));
  });

  test.each([
    // gate key (deprecated or wrong on 2.x) → what the typed model writes instead
    ['state.backend.incremental', 'execution.checkpointing.incremental', 'true'],
    ['state.checkpoints.num-retained', 'execution.checkpointing.num-retained', '10'],
    ['state.checkpoints.dir', 'execution.checkpointing.dir', 's3://statefun-checkpoints/statefun-jobmanager/checkpoints'],
    ['state.savepoints.dir', 'execution.checkpointing.savepoint-dir', 's3://statefun-checkpoints/statefun-jobmanager/savepoints'],
    ['state.backend.changelog.enabled', 'state.changelog.enabled', 'true'],
    ['state.backend.changelog.storage', 'state.changelog.storage', 'filesystem'],
    ['dstl.dfs.base-path', 'state.changelog.dstl.dfs.base-path', 's3://statefun-checkpoints/statefun-jobmanager/changelog'],
    ['execution.savepoint.ignore-unclaimed-state', 'execution.state-recovery.ignore-unclaimed-state', 'true'],
    ['execution.checkpointing.checkpoints-after-tasks-finish.enabled', 'execution.checkpointing.checkpoints-after-tasks-finish', 'false'],
  ])('gate key %s is written as %s', (gateKey, key, value) => {
    expect(conf[gateKey]).toBeUndefined();
    expect(conf[key]).toBe(value);
  });

  test('what the gate writes that has no effect on Flink 2.x, or that must not be written, is absent', () => {
    // state.backend.async: removed in Flink 2.0; execution.restart-strategy.*: not a Flink option (the @f259ddc revision);
    // static S3 keys: in a Secret; the HA factory class name: the short `kubernetes` is the same mode.
    for (const key of ['state.backend.async', 'execution.restart-strategy.type', 's3.access-key', 's3.secret-key', 'high-availability', 'state.backend', 'restart-strategy']) {
      expect(conf[key]).toBeUndefined();
    }
    const main = fd.spec.podTemplate.spec.containers.find((c: any) => c.name === 'flink-main-container');
    expect(main.env.map((e: any) => e.name)).toEqual(expect.arrayContaining(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']));
  });

  test('validates against the operator 1.15.0 CRD; the operator rules pass', () => {
    expectValidManifests(manifests, '1.15');
    expect(operatorRuleProblems({ deployment: fd, operatorVersion: OperatorVersion.V1_15 })).toEqual([]);
  });
});

describe('the same gate settings on operator 1.11 (flinkVersion v2_0)', () => {
  test('as the gate has them (last-state with Kubernetes HA) they are refused: operator 1.11 would keep the old execution plan (FLINK-37571)', () => {
    expect(() => gate(OperatorVersion.V1_11, FlinkVersion.V2_0)).toThrow(
      '[e2e/statefun] upgradeMode = "last-state": operator 1.11 with Flink 2.x and Kubernetes HA recovers the OLD execution plan on a last-state redeploy');
  });

  const { manifests, fd } = gate(OperatorVersion.V1_11, FlinkVersion.V2_0, { upgradeMode: UpgradeMode.SAVEPOINT });

  test('with savepoint upgrades: valid against the operator 1.11.0 CRD (string map) and, as a FlinkDeployment, against the 1.15.0 CRD too', () => {
    expect(fd.spec.flinkVersion).toBe('v2_0');
    expectValidManifests(manifests, '1.11');
    expect(validateFlinkDeployment(fd, '1.11.0')).toEqual([]);
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([]);
    for (const value of Object.values(fd.spec.flinkConfiguration)) expect(typeof value).toBe('string');
  });

  test('the configuration is the same as on 1.15 but for the last-state fallback, which is off on 1.11', () => {
    const { 'kubernetes.operator.job.upgrade.last-state-fallback.enabled': fallback, ...rest } = fd.spec.flinkConfiguration;
    expect(fallback).toBe('false');
    expect(rest).toEqual(gate(OperatorVersion.V1_15, FlinkVersion.V2_2, { upgradeMode: UpgradeMode.SAVEPOINT }).fd.spec.flinkConfiguration);
  });
});

describe('the gate\'s invalid-records deployment (statefun-e2e-invalid) through typed props', () => {
  test('1 slot, fixed-delay 1 × 1s, no HA, no checkpoint storage, stateless, small JM/TM', () => {
    const chart = new Chart(Testing.app(), 'e2e', { namespace: 'statefun-e2e' });
    const app = new StateFunApp(chart, 'invalid', {
      name: 'statefun-e2e-invalid',
      operatorVersion: OperatorVersion.V1_15,
      image: StateFunImage.fromImage('flink-statefun:e2e', '3.4.0-KZM-3.5'),
      jobManager: { resources: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(1024) } },
      taskManager: { resources: { cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(1280) }, taskSlots: 1 },
      restartStrategy: RestartStrategy.fixedDelay({ attempts: 1, delay: Duration.seconds(1) }),
    });
    // The function's Service comes with the release gate's own manifests.
    new HttpEndpoint(chart, 'counter', { app, functions: 'counter.kafka/*', url: 'http://remote-function.statefun-e2e:8080/statefun', servedOutsideApp: true });
    new KafkaIngress(chart, 'kafka', {
      app,
      ingressId: 'counter.kafka/ingress',
      address: 'kafka.statefun-e2e:9092',
      consumerGroupId: 'g',
      topics: [{ topic: 't', valueType: ValueType.of('io.github.kzmlabs.statefun.e2e/CounterCommand'), targets: [FunctionType.of('counter.kafka/fn')] }],
    });
    const manifests = Testing.synth(chart);
    const fd = flinkDeploymentOf(manifests);
    expect(fd.spec.job.upgradeMode).toBe('stateless');
    expect(fd.spec.jobManager.resource).toEqual({ cpu: 0.25, memory: '1024m' });
    expect(fd.spec.taskManager.resource).toEqual({ cpu: 0.25, memory: '1280m' });
    expect(fd.spec.flinkConfiguration).toMatchObject({ 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': '1', 'restart-strategy.fixed-delay.delay': '1s', 'taskmanager.numberOfTaskSlots': '1' });
    // No HA, no directories; `execution.shutdown-on-application-finish: false` is what the operator sets in application mode anyway.
    expect(Object.keys(fd.spec.flinkConfiguration).filter((k) => k.startsWith('high-availability') || k.endsWith('.dir') || k === 'execution.shutdown-on-application-finish')).toEqual([]);
    expectValidManifests(manifests, '1.15');
  });
});

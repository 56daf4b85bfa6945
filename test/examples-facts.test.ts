/**
 * What each real-world example is for, asserted on its synthesized manifests (test/examples.test.ts
 * already checks that every example synthesizes deterministically and validates against the CRDs).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { EXAMPLES_DIR, synthExample } from './support/examples';
import { ofKind, one } from './support/fixtures';
import { expectValidManifests } from './support/schemas';

/** The documents of the app's module.yaml. */
function moduleDocs(manifests: any[]): Array<{ kind: string; spec: any }> {
  const cm = ofKind(manifests, 'ConfigMap').find((c) => c.data?.['module.yaml'] !== undefined);
  return parseAllDocuments(cm.data['module.yaml']).map((d) => d.toJS()).filter((d) => d);
}

function flinkMainEnv(fd: any): any[] {
  return fd.spec.podTemplate.spec.containers.find((c: any) => c.name === 'flink-main-container').env ?? [];
}

function byName(objects: any[], name: string): any {
  const found = objects.find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no object named ${name}`);
  return found;
}

const HTTP = 'io.statefun.endpoints.v2/http';
const KAFKA_IN = 'io.statefun.kafka.v1/ingress';
const KAFKA_OUT = 'io.statefun.kafka.v1/egress';
const KINESIS_IN = 'io.statefun.kinesis.v1/ingress';
const KINESIS_OUT = 'io.statefun.kinesis.v1/egress';

describe('kafka-eks: Kafka, S3 with IRSA, fast HA, last-state, Prometheus Operator, operator 1.15', () => {
  const { manifests } = synthExample('kafka-eks');
  const fd = one(manifests, 'FlinkDeployment');
  const conf = fd.spec.flinkConfiguration;

  test('targets operator 1.15 with flinkVersion v2_2, last-state upgrades and a standby JobManager', () => {
    expect(fd.spec.flinkVersion).toBe('v2_2');
    expect(fd.spec.job.upgradeMode).toBe('last-state');
    expect(fd.spec.jobManager.replicas).toBe(2);
    expectValidManifests(manifests, '1.15');
  });

  test('Kubernetes HA with the fast leader election, HA metadata in the S3 store', () => {
    expect(conf).toMatchObject({
      'high-availability.type': 'kubernetes',
      'high-availability.storageDir': 's3://acme-payments-statefun/statefun/payments-statefun/ha',
      'high-availability.kubernetes.leader-election.lease-duration': '15s',
      'high-availability.kubernetes.leader-election.renew-deadline': '10s',
      'high-availability.kubernetes.leader-election.retry-period': '2s',
      'execution.checkpointing.dir': 's3://acme-payments-statefun/statefun/payments-statefun/checkpoints',
      'kubernetes.operator.deployment.rollback.enabled': 'true',
    });
  });

  test('S3 through IRSA: the role annotation on the ServiceAccount, no static keys anywhere', () => {
    const sa = byName(ofKind(manifests, 'ServiceAccount'), fd.spec.serviceAccount);
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::123456789012:role/payments-statefun');
    const env = flinkMainEnv(fd);
    expect(env).toEqual([{ name: 'AWS_REGION', value: 'eu-west-1' }]);
    expect(Object.keys(conf).filter((k) => /access-key|secret-key/.test(k))).toEqual([]);
    expect(ofKind(manifests, 'Secret')).toEqual([]);
  });

  test('a PodMonitor for the Flink pods, a ServiceMonitor for the function metrics port and the alerts, labelled for the Prometheus', () => {
    const podMonitor = one(manifests, 'PodMonitor');
    expect(podMonitor.metadata.labels).toEqual({ release: 'kube-prometheus-stack' });
    expect(podMonitor.spec.selector.matchLabels).toEqual(fd.spec.podTemplate.metadata.labels);
    expect(podMonitor.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);

    const serviceMonitor = one(manifests, 'ServiceMonitor');
    expect(serviceMonitor.metadata).toMatchObject({ name: 'payment-functions', labels: { release: 'kube-prometheus-stack' } });
    expect(serviceMonitor.spec.endpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics', interval: '30s' });
    const svc = byName(ofKind(manifests, 'Service'), 'payment-functions');
    expect(svc.spec.ports).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'metrics', port: 9090 })]));
    expect(serviceMonitor.spec.selector.matchLabels).toEqual(svc.metadata.labels);

    const alerts = one(manifests, 'PrometheusRule').spec.groups[0].rules.map((r: any) => r.alert);
    expect(alerts).toEqual(expect.arrayContaining(['StateFunInvalidRecordsSkipped', 'StateFunJobRestarting', 'StateFunCheckpointsFailing']));
    // Scrapes of the function's metrics port only from the monitoring namespace.
    const policy = byName(ofKind(manifests, 'NetworkPolicy'), 'payment-functions');
    const scrape = policy.spec.ingress.find((r: any) => r.ports[0].port === 9090);
    expect(scrape.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
  });

  test('Kafka in and out in the module, routed to the function', () => {
    const docs = moduleDocs(manifests);
    expect(docs.map((d) => d.kind)).toEqual([HTTP, KAFKA_IN, KAFKA_OUT]);
    const ingress = docs[1].spec;
    expect(ingress).toMatchObject({ id: 'payments/requests', startupPosition: { type: 'group-offsets' }, autoOffsetResetPosition: 'earliest' });
    expect(ingress.topics[0].targets).toEqual(['payments/authorize']);
    expect(docs[2].spec).toMatchObject({ id: 'payments/results', deliverySemantic: { type: 'at-least-once' } });
    expect(docs[0].spec.urlPathTemplate).toBe('http://payment-functions.payments.svc:8080/statefun');
  });

  test('SASL/SCRAM from a Secret: placeholders in the module, the Secret mounted in both Flink roles', () => {
    const docs = moduleDocs(manifests);
    for (const doc of [docs[1], docs[2]]) {
      const props = Object.assign({}, ...doc.spec.properties);
      expect(props).toMatchObject({
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'config.providers': 'dir',
        'config.providers.dir.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
        'config.providers.dir.param.allowed.paths': '/opt/flink-secrets/payments-msk-scram',
        'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="payments-statefun" password="${dir:/opt/flink-secrets/payments-msk-scram:password}";',
      });
    }
    const shared = fd.spec.podTemplate.spec;
    expect(shared.volumes).toContainEqual({ name: 'files-secret-payments-msk-scram', secret: { secretName: 'payments-msk-scram', defaultMode: 0o440 } });
    expect(shared.containers[0].volumeMounts).toContainEqual({ name: 'files-secret-payments-msk-scram', mountPath: '/opt/flink-secrets/payments-msk-scram', readOnly: true });
  });

  test('one pull secret for the Flink pods and the function; Flink pods tolerate the dedicated pool', () => {
    expect(fd.spec.image).toMatch(/^123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/mirror\/kzmlabs\/flink-statefun:/);
    expect(fd.spec.podTemplate.spec.imagePullSecrets).toEqual([{ name: 'ecr-mirror-credentials' }]);
    const fn = byName(ofKind(manifests, 'Deployment'), 'payment-functions').spec.template.spec;
    expect(fn.imagePullSecrets).toEqual([{ name: 'ecr-mirror-credentials' }]);
    for (const role of ['jobManager', 'taskManager']) {
      const pod = fd.spec[role].podTemplate.spec;
      expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' }]);
      expect(pod.nodeSelector).toEqual({ 'eks.amazonaws.com/nodegroup': 'flink' });
      expect(pod.priorityClassName).toBe('statefun-critical');
    }
    expect(fd.spec.taskManager.podTemplate.spec.topologySpreadConstraints[0].topologyKey).toBe('topology.kubernetes.io/zone');
    expect(conf['state.backend.rocksdb.localdir']).toBe('/opt/flink-rocksdb');
  });
});

describe('all-components: TLS material of the mutual-TLS endpoint mounted from a Secret', () => {
  const { manifests } = synthExample('all-components');
  const fd = one(manifests, 'FlinkDeployment');

  test('the endpoint names files under the Secret mount; the Secret is mounted read-only in both roles', () => {
    const fraud = moduleDocs(manifests).find((d) => d.spec.functions === 'fraud/*')!.spec.transport;
    expect(fraud).toMatchObject({
      trust_cacerts: '/opt/flink-secrets/fraud-client-tls/ca.pem',
      client_cert: '/opt/flink-secrets/fraud-client-tls/client.pem',
      client_key: '/opt/flink-secrets/fraud-client-tls/client.key',
      client_key_password: '/opt/flink-secrets/fraud-client-tls/client.key.password',
    });
    expect(fd.spec.podTemplate.spec.volumes).toContainEqual({ name: 'files-secret-fraud-client-tls', secret: { secretName: 'fraud-client-tls', defaultMode: 0o440 } });
    expect(fd.spec.podTemplate.spec.containers[0].volumeMounts).toContainEqual({ name: 'files-secret-fraud-client-tls', mountPath: '/opt/flink-secrets/fraud-client-tls', readOnly: true });
    expectValidManifests(manifests, '1.16');
  });
});

describe('kinesis: LocalStack custom endpoint, keys only in a Secret', () => {
  const { manifests } = synthExample('kinesis');
  const fd = one(manifests, 'FlinkDeployment');
  const conf = fd.spec.flinkConfiguration;
  const docs = moduleDocs(manifests);

  test('Kinesis ingress and egress on the LocalStack endpoint', () => {
    expect(docs.map((d) => d.kind)).toEqual([HTTP, KINESIS_IN, KINESIS_OUT]);
    const region = { type: 'custom-endpoint', endpoint: 'http://localstack.clickstream:4566', id: 'us-east-1' };
    expect(docs[1].spec).toMatchObject({
      id: 'clicks/events',
      streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/click-events',
      awsRegion: region,
      startupPosition: { type: 'earliest' },
      streams: [{ stream: 'click-events', valueType: 'clicks/ClickEvent', targets: ['clicks/sessionize'] }],
    });
    expect(docs[2].spec).toMatchObject({ id: 'clicks/sessions', streamName: 'click-sessions', awsRegion: region, maxOutstandingRecords: 2000 });
  });

  test('no AWS key value in the module ConfigMap: credentials are the default chain', () => {
    for (const d of docs.slice(1)) expect(d.spec.awsCredentials).toEqual({ type: 'default' });
    const text = ofKind(manifests, 'ConfigMap').map((c) => JSON.stringify(c.data)).join('\n');
    expect(text).not.toMatch(/accessKeyId|secretAccessKey|basic/);
  });

  test('the keys reach the Flink pods as environment variables from the Secret, never as Flink keys', () => {
    const env = flinkMainEnv(fd);
    expect(env).toEqual(expect.arrayContaining([
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'localstack-keys', key: 'AWS_ACCESS_KEY_ID' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'localstack-keys', key: 'AWS_SECRET_ACCESS_KEY' } } },
    ]));
    expect(env.filter((e: any) => e.name.startsWith('AWS_') && e.name !== 'AWS_REGION').every((e: any) => e.valueFrom?.secretKeyRef)).toBe(true);
    expect(Object.keys(conf).filter((k) => /access-key|secret-key/.test(k))).toEqual([]);
    // The Secret is referenced by name, never rendered.
    expect(ofKind(manifests, 'Secret')).toEqual([]);
  });

  test('the checkpoint store is S3-compatible on the same LocalStack with path-style access', () => {
    expect(conf).toMatchObject({
      's3.endpoint': 'http://localstack.clickstream:4566',
      's3.path-style-access': 'true',
      'execution.checkpointing.dir': 's3://statefun-checkpoints/clickstream-statefun/checkpoints',
    });
  });
});

describe('minio-local: MinIO with Secret keys, small resources, one function, Kafka in', () => {
  const { manifests } = synthExample('minio-local');
  const fd = one(manifests, 'FlinkDeployment');
  const conf = fd.spec.flinkConfiguration;

  test('MinIO store with the chart Secret\'s keys mapped to the AWS variables', () => {
    expect(conf['s3.endpoint']).toBe('http://minio.statefun-local:9000');
    expect(conf['execution.checkpointing.dir']).toBe('s3://statefun/greeter-statefun/checkpoints');
    expect(flinkMainEnv(fd)).toEqual([
      { name: 'AWS_REGION', value: 'us-east-1' },
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'minio', key: 'rootUser' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'minio', key: 'rootPassword' } } },
    ]);
  });

  test('small Flink pods, last-state without HA, default operator target (1.16) with v2_2, valid back to 1.13', () => {
    expect(fd.spec.jobManager.resource).toEqual({ cpu: 0.25, memory: '1024m' });
    expect(fd.spec.taskManager.resource).toEqual({ cpu: 0.5, memory: '1280m' });
    expect(fd.spec.job.upgradeMode).toBe('last-state');
    expect(Object.keys(conf).filter((k) => k.startsWith('high-availability'))).toEqual([]);
    expect(fd.spec.flinkVersion).toBe('v2_2');
    expectValidManifests(manifests, '1.16');
    expectValidManifests(manifests, '1.13');
  });

  test('one function replica without an HPA, small requests, one Kafka ingress', () => {
    expect(ofKind(manifests, 'Deployment')).toHaveLength(1);
    const deployment = one(manifests, 'Deployment');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '250m', memory: '256Mi' },
    });
    expect(ofKind(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
    const docs = moduleDocs(manifests);
    expect(docs.map((d) => d.kind)).toEqual([HTTP, KAFKA_IN]);
    expect(docs[1].spec).toMatchObject({ address: 'kafka.statefun-local:9092', topics: [{ topic: 'names', valueType: 'io.statefun.types/string', targets: ['greeter/greet'] }] });
  });
});

describe('e2e-gate: the Kzmlabs release gate deployment (statefun-runtime.md §12)', () => {
  const { manifests } = synthExample('e2e-gate');
  const fd = one(manifests, 'FlinkDeployment');
  const conf: Record<string, string> = fd.spec.flinkConfiguration;
  const docs = moduleDocs(manifests);
  const ofComponentKind = (kind: string) => docs.filter((d) => d.kind === kind).map((d) => d.spec);

  test('four endpoints, one per namespace, all at the one remote function with the gate\'s timeouts', () => {
    const endpoints = ofComponentKind(HTTP);
    expect(endpoints.map((e) => e.functions).sort()).toEqual(['counter.kafka.ttl/*', 'counter.kafka/*', 'counter.kinesis/*', 'greeter/*']);
    const svc = byName(ofKind(manifests, 'Service'), 'remote-function');
    for (const e of endpoints) {
      expect(e.urlPathTemplate).toBe(`http://remote-function.statefun-e2e.svc:${svc.spec.ports[0].port}/statefun`);
      expect(e.transport).toEqual({ type: 'io.statefun.transports.v1/async', timeouts: { call: '30s', connect: '10s' } });
    }
  });

  test('the four ingress/egress kinds: Kafka in and out, Kinesis in and out', () => {
    expect([...new Set(docs.map((d) => d.kind))].filter((k) => k !== HTTP).sort()).toEqual([KAFKA_IN, KAFKA_OUT, KINESIS_IN, KINESIS_OUT].sort());
    expect(ofComponentKind(KAFKA_IN).map((i) => i.id).sort()).toEqual(['counter/kafka-in', 'counter/kafka-ttl-in', 'greeter/kafka-in']);
    expect(ofComponentKind(KAFKA_IN).find((i) => i.id === 'counter/kafka-in')).toMatchObject({
      address: 'kafka.statefun-e2e:9092',
      consumerGroupId: 'statefun-e2e-counter-kafka',
      startupPosition: { type: 'earliest' },
      topics: [{ topic: 'counter.commands', valueType: 'io.github.kzmlabs.statefun.e2e/CounterCommand', targets: ['counter.kafka/fn'] }],
    });
    for (const e of ofComponentKind(KAFKA_OUT)) expect(e.deliverySemantic).toEqual({ type: 'at-least-once' });
    const region = { type: 'custom-endpoint', endpoint: 'http://localstack.statefun-e2e:4566', id: 'us-east-1' };
    expect(ofComponentKind(KINESIS_IN)).toEqual([expect.objectContaining({
      id: 'counter/kinesis-in',
      streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/counter.commands',
      awsRegion: region,
      streams: [{ stream: 'counter.commands', valueType: 'io.github.kzmlabs.statefun.e2e/CounterCommand', targets: ['counter.kinesis/fn'] }],
    })]);
    expect(ofComponentKind(KINESIS_OUT)).toEqual([expect.objectContaining({ id: 'counter/kinesis-results', streamName: 'counter.results', awsRegion: region })]);
  });

  test('the gate\'s plaintext LocalStack keys are replaced by the Secret: none in the module or the configuration', () => {
    for (const spec of [...ofComponentKind(KINESIS_IN), ...ofComponentKind(KINESIS_OUT)]) expect(spec.awsCredentials).toEqual({ type: 'default' });
    expect(conf['s3.access-key']).toBeUndefined();
    expect(conf['s3.secret-key']).toBeUndefined();
    expect(flinkMainEnv(fd).filter((e: any) => e.valueFrom).map((e: any) => `${e.name}<-${e.valueFrom.secretKeyRef.name}`))
      .toEqual(['AWS_ACCESS_KEY_ID<-localstack-keys', 'AWS_SECRET_ACCESS_KEY<-localstack-keys']);
  });

  test('restart strategy: fixed-delay, 3 attempts, 5s apart, under the real Flink keys', () => {
    expect(Object.entries(conf).filter(([k]) => k.includes('restart-strategy')).sort()).toEqual([
      ['restart-strategy.fixed-delay.attempts', '3'],
      ['restart-strategy.fixed-delay.delay', '5s'],
      ['restart-strategy.type', 'fixed-delay'],
    ]);
  });

  test('the FlinkDeployment statefun-jobmanager: image, v2_2, resources, job and the gate\'s settings', () => {
    expect(fd.metadata.name).toBe('statefun-jobmanager');
    expect(fd.spec).toMatchObject({
      image: 'flink-statefun:e2e',
      imagePullPolicy: 'Never',
      flinkVersion: 'v2_2',
      jobManager: { replicas: 1, resource: { cpu: 0.5, memory: '1024m' } },
      taskManager: { resource: { cpu: 1, memory: '2048m' } },
      job: { jarURI: 'local:///opt/flink/statefun-flink-runner.jar', parallelism: 1, upgradeMode: 'last-state', allowNonRestoredState: true },
    });
    expect(conf).toMatchObject({
      'taskmanager.numberOfTaskSlots': '2',
      'execution.checkpointing.interval': '5s',
      'execution.checkpointing.min-pause': '50ms',
      'execution.checkpointing.timeout': '20min',
      'execution.checkpointing.num-retained': '10',
      'state.changelog.enabled': 'true',
      's3.endpoint': 'http://localstack.statefun-e2e:4566',
      'high-availability.storageDir': 's3://statefun-checkpoints/statefun-jobmanager/ha',
      'high-availability.kubernetes.leader-election.renew-deadline': '10s',
      'statefun.flink-job-name': 'statefun-k8s-e2e',
      'metrics.reporter.prom.port': '9249',
      'kubernetes.operator.periodic.savepoint.interval': '0ms',
      'kubernetes.transactional-operation.max-retries': '60',
      'rest.await-leader-timeout': '90000',
    });
    expect(conf['env.java.opts.all']).toContain('-Dkubernetes.request.retry.backoffLimit=60');
    expectValidManifests(manifests, '1.15');
  });

  test('the remote function: port 8080, readiness GET /statefun, 256Mi/250m requests, 512Mi/500m limits, 1 replica', () => {
    const deployment = byName(ofKind(manifests, 'Deployment'), 'remote-function');
    expect(deployment.spec.replicas).toBe(1);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('statefun-remote-function:e2e');
    expect(container.ports).toEqual([expect.objectContaining({ containerPort: 8080, name: 'http' })]);
    expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/statefun', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 5 });
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(ofKind(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
  });
});

describe('migration: a legacy module.yaml and a Flink 1.x flink-conf.yaml become a 2.x deployment', () => {
  const { manifests, outdir } = synthExample('migration');
  const fd = one(manifests, 'FlinkDeployment');
  const conf: Record<string, string> = fd.spec.flinkConfiguration;
  const docs = moduleDocs(manifests);

  test('the imported ingress and egress, with their ids and settings, routed to the new RemoteFunction', () => {
    expect(docs.map((d) => d.kind)).toEqual([HTTP, KAFKA_IN, KAFKA_OUT]);
    expect(docs[1].spec).toMatchObject({
      id: 'orders/incoming',
      address: 'kafka-0.kafka.orders:9092,kafka-1.kafka.orders:9092',
      consumerGroupId: 'orders-statefun',
      startupPosition: { type: 'group-offsets' },
      autoOffsetResetPosition: 'earliest',
      properties: [{ 'max.poll.records': '500' }],
      topics: [{ topic: 'orders.incoming', valueType: 'orders/Order', targets: ['orders/validate'] }],
    });
    expect(docs[2].spec).toEqual({
      id: 'orders/confirmed',
      address: 'kafka-0.kafka.orders:9092,kafka-1.kafka.orders:9092',
      deliverySemantic: { type: 'at-least-once' },
      properties: [{ 'compression.type': 'lz4' }],
    });
  });

  test('the legacy v1 endpoint\'s OkHttp timeouts and batch size live on in the RemoteFunction\'s endpoint', () => {
    expect(docs[0].spec).toEqual({
      functions: 'orders/*',
      urlPathTemplate: 'http://order-functions.orders.svc:8000/statefun',
      maxNumBatchRequests: 500,
      transport: { type: 'io.statefun.transports.v1/okhttp', timeouts: { call: '2min', connect: '10s', read: '30s', write: '30s' } },
    });
  });

  test('flink-conf.yaml settings mapped to typed props, written with their Flink 2.x keys', () => {
    expect(conf).toMatchObject({
      'execution.checkpointing.interval': '30s',
      'execution.checkpointing.min-pause': '5s',
      'execution.checkpointing.timeout': '10min',
      'execution.checkpointing.num-retained': '5',
      'execution.checkpointing.incremental': 'true',
      'state.backend.type': 'rocksdb',
      'high-availability.type': 'kubernetes',
      'high-availability.kubernetes.leader-election.retry-period': '2s',
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.attempts': '10',
      'restart-strategy.fixed-delay.delay': '10s',
      'metrics.reporter.prom.factory.class': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
      'taskmanager.numberOfTaskSlots': '2',
      'statefun.flink-job-name': 'orders',
      'statefun.async.max-per-task': '8192',
      'statefun.module.global-config.tenant': 'acme',
    });
    expect(fd.spec.job.parallelism).toBe(4);
    expect(fd.spec.jobManager.resource.memory).toBe('1600m');
    expect(fd.spec.taskManager.resource.memory).toBe('4096m');
    // No 1.x key survives; directories derive from the new store, not the old paths.
    for (const key of ['state.backend', 'state.backend.incremental', 'state.checkpoints.dir', 'state.savepoints.dir', 'state.checkpoints.num-retained',
      'high-availability', 'restart-strategy', 'metrics.reporter.prom.class', 'execution.savepoint.ignore-unclaimed-state', 'jobmanager.memory.process.size', 'parallelism.default']) {
      expect(conf[key]).toBeUndefined();
    }
    expect(conf['execution.checkpointing.dir']).toBe('s3://acme-statefun/statefun-2x/orders/checkpoints');
  });

  test('the migration report covers every key of flink-conf.yaml, and nothing was unknown or invalid', () => {
    const keys = Object.keys(parse(fs.readFileSync(path.join(EXAMPLES_DIR, 'migration', 'flink-conf.yaml'), 'utf8'))).sort();
    const report = fs.readFileSync(path.join(outdir, 'flink-conf-migration.txt'), 'utf8').trim().split('\n');
    expect(report.map((line) => line.split(' = ')[0])).toEqual(keys);
    expect(report.filter((line) => /: (unknown|invalid)/.test(line))).toEqual([]);
  });
});

/**
 * The runtime type guards of every props struct, static factory and public method the package exports
 * (checkers in `lib/guards.ts`, which explains how to add a field: one line in the schema below).
 *
 * Schemas are built on first use: they name classes of modules that import this one.
 * @internal
 */
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import type { AwsSecretCredentialsOptions } from './aws-credentials';
import type {
  AzureCheckpointStoreProps, GcsCheckpointStoreProps, GcsInteropCheckpointStoreProps, S3CheckpointStoreProps, S3CompatibleCheckpointStoreProps,
} from './checkpoint-store';
import type { CheckpointingOptions } from './checkpointing';
import type { AsyncTransportOptions, OkHttpTransportOptions } from './endpoint-transport';
import { childPath, Problem, throwProblems } from './errors';
import type { JsonLoggingOptions } from './flink-logging';
import type { PrometheusMetricsOptions } from './flink-metrics';
import type { FlinkNetworkPolicyOptions } from './flink-network-policy';
import type { FlinkPodMonitorProps } from './flink-pod-monitor';
import type {
  ExtraContainer, FlinkPodOptions, FlinkRolePodOptions, RocksDbEmptyDirOptions, RocksDbEphemeralVolumeOptions, TaskManagerPodOptions,
} from './flink-pods';
import type { FlinkProcessLimits, FlinkProcessResources, JobManagerOptions, KubernetesClientOptions, RestEndpointOptions, TaskManagerOptions } from './flink-resources';
import type { FlinkStateSnapshotProps, SavepointSnapshotOptions } from './flink-state-snapshot';
import type { FlinkWebUiOptions, FlinkWebUiTls, IngressControllerPeer } from './flink-ui-ingress';
import type { FunctionHttpProbeOptions, FunctionProbeOptions, FunctionTcpProbeOptions } from './function-probe';
import type { AutoscalingOptions } from './function-scaling';
import type { FunctionServiceMonitorProps } from './function-service-monitor';
import {
  adjusted, anything, ArgOptions, arrayOf, boolean, cpu, date, duration, explained, FieldGuard, guardArgs, guardProps, instanceOf, integer, kindOf,
  mapOf, named, number, oneOf, optional, options, plusInstance, required, Schema, size, string, struct,
} from './guards';
import type { KubernetesHighAvailabilityOptions, LeaderElectionOptions } from './high-availability';
import type { HttpEndpointProps } from './http-endpoint';
import type { OperatorOptions } from './job-lifecycle';
import type { KafkaEgressProps, KafkaExactlyOnceOptions } from './kafka-egress';
import type { KafkaIngressProps, KafkaIngressTopic, KafkaPartitionOffset } from './kafka-ingress';
import type { KafkaSaslCredentials, KafkaSaslSslOptions, KafkaTlsOptions } from './kafka-security';
import type { KinesisEgressProps } from './kinesis-egress';
import type { KinesisIngressProps } from './kinesis-ingress';
import type { AddImportedModuleOptions, ModuleImportOptions } from './module-import';
import type { PodEmptyDirOptions, PodVolumeFileOptions, PodVolumeMount } from './pod-files';
import type { NodeAffinityTerm, PodAffinityTerm, PodPlacement, PodToleration, TopologySpread } from './pod-scheduling';
import type { PrometheusOperatorOptions } from './prometheus-operator';
import type { RemoteFunctionProps } from './remote-function';
import type { ExponentialDelayRestartOptions, FailureRateRestartOptions, FixedDelayRestartOptions } from './restart-strategy';
import type { StateFunAlertsProps } from './statefun-alerts';
import type { StateFunAppProps } from './statefun-app';
import type { StateFunImageOptions } from './statefun-image';
import type { StateFunRuntimeOptions } from './statefun-runtime';
import type { AzureWorkloadIdentityOptions, S3SecretKeys } from './store-credentials';

/* eslint-disable @typescript-eslint/no-require-imports */
// Classes and enums are looked up when a schema is first used, never when this module loads: the
// modules below import this one, and a load-time import would add cycles.
const MODULES = () => [
  require('./aws-credentials'), require('./aws-region'), require('./checkpoint-store'), require('./checkpointing'),
  require('./endpoint-transport'), require('./flink-logging'), require('./flink-metrics'), require('./function-scaling'),
  require('./high-availability'), require('./job-lifecycle'), require('./kafka-egress'), require('./kafka-ingress'),
  require('./kinesis-ingress'), require('./restart-strategy'), require('./state-backend'), require('./statefun-app'),
  require('./statefun-image'), require('./statefun-runtime'), require('./store-credentials'), require('./type-name'),
  require('./versions'), require('./flink-conf-migration'), require('./pod-files'), require('./pod-scheduling'),
  require('./flink-pods'), require('./kafka-security'), require('./savepoint-source'), require('./flink-state-snapshot'), require('./function-probe'),
  require('constructs'),
];
/* eslint-enable @typescript-eslint/no-require-imports */
const exported = new Map<string, any>();
/** A class or enum of the library by its exported name. */
function libExport(name: string): any {
  let found = exported.get(name);
  if (found === undefined) {
    found = MODULES().find((m) => m[name] !== undefined)?.[name];
    if (found === undefined) throw new Error(`internal: ${name} is not exported by the modules guard-schemas knows`);
    exported.set(name, found);
  }
  return found;
}

let cache: ReturnType<typeof build> | undefined;
/** Every schema, built once. @internal */
export function schemas(): ReturnType<typeof build> {
  return (cache ??= build());
}

const cls = (name: string) => instanceOf(() => libExport(name), name);
const enumOf = (name: string) => oneOf(libExport(name), name);
/** The `app` of module components, worded as the components' own check. */
const APP = { why: 'every module component belongs to a StateFunApp', fix: 'pass the StateFunApp object: { app: myStateFunApp, ... }' };
/** The app of a construct that is not a module component (a function, a monitor). */
const OWNER_APP = { why: 'it belongs to a StateFunApp', fix: APP.fix };
const FUNCTION_APP = { why: 'a remote function belongs to a StateFunApp', fix: APP.fix };
const app = (text = APP) => explained(instanceOf(() => libExport('StateFunApp'), 'StateFunApp', text.fix), text.why);
const stringMap = (example: string) => mapOf(string(), example);
/** Kafka/Kinesis client properties: string values, in the words of the properties rule. */
const properties = (example: string) => mapOf(explained(string(), 'property values are strings (the runtime reads them as text)'), example);
const valueType = () => explained(cls('ValueType'), 'value types are ValueType objects, so the TypeName is checked in one place');
const targets = () => arrayOf(explained(cls('FunctionType'), 'targets are function types, not strings', "use remoteFunction.functionType('name') or FunctionType.of('ns/name')"));

/**
 * A PodFile in the options of `EndpointTransport.async` or a `KafkaSecurity` factory: its type is checked
 * once, by the owner's rule at the construct that uses it (`EndpointTransport._problems`,
 * `KafkaSecurity._problems`), so the message names the endpoint or ingress path, a path string gets
 * `PodFile.atPath(...)` as its fix, and a credential written as a literal is never echoed. Each field is fed
 * every wrong runtime type in test/type-guards.test.ts (OWNER_CHECKED).
 */
const podFile = () => anything('a PodFile', "PodFile.fromSecret(secret, 'ca.crt')");
/** A credential file of `KafkaSecurity` (a Secret key): see `podFile`. */
const credentialFile = () => anything('a PodFile of a Secret key', "PodFile.fromSecret(secret, 'password')");
/** RemoteFunction's words for a cdk8s-plus Probe (of any line), kept from its own rule. */
const PLUS_PROBE = {
  why: 'probes are FunctionProbe values (a cdk8s-plus Probe is tied to one cdk8s-plus line)',
  fix: "use e.g. FunctionProbe.httpGet('/health') or FunctionProbe.tcpSocket()",
};
/** A FunctionProbe; a path, a port or a command line gets the factory that makes the probe meant. */
const probe = () => adjusted(cls('FunctionProbe'), (v) => {
  if (kindOf(v) === 'a Probe') return { value: 'Probe', ...PLUS_PROBE };
  if (typeof v === 'string' && v.startsWith('/')) return { fix: `write FunctionProbe.httpGet('${v}')` };
  if (typeof v === 'number') return { fix: `write FunctionProbe.tcpSocket({ port: ${v} })` };
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return { fix: `write FunctionProbe.command(${JSON.stringify(v)})` };
  return undefined;
});
/** A Secret, ConfigMap or claim name where the object is expected: the fix names the lookup that makes it. */
const namedObject = (iface: string, lookup: (name: string) => string, example: string) => adjusted(
  named(iface, example),
  (v) => (typeof v === 'string' ? { fix: `pass the object, e.g. ${lookup(v)}` } : undefined),
);
const secretObject = (example = "kplus.Secret.fromSecretName(scope, 'tls', 'my-tls')") =>
  namedObject('ISecret', (n) => `kplus.Secret.fromSecretName(scope, '${n}', '${n}')`, example);
const configMapObject = () =>
  namedObject('IConfigMap', (n) => `kplus.ConfigMap.fromConfigMapName(scope, '${n}', '${n}')`, "kplus.ConfigMap.fromConfigMapName(scope, 'ca', 'ca-bundle')");
/** Lists of the placement rules, in the words of pod-scheduling's own list check. */
const listed = (item: ReturnType<typeof struct>) => explained(arrayOf(item), 'a list is expected', 'wrap the value in [ ]');
const ROLE_FIX = 'write e.g. { placement: { ... }, sidecars: [ ... ] }';
const ENV_VALUE = "use kplus.EnvValue.fromValue('…') or kplus.EnvValue.fromSecretValue({ secret, key })";
const S3_KEYS_MISSING = {
  why: 'the store needs a key pair, and keys are never written into the Flink configuration',
  fix: "use S3Credentials.fromSecret(kplus.Secret.fromSecretName(scope, 'keys', 'my-keys'))",
};
const s3Credentials = () => explained(cls('S3Credentials'), S3_KEYS_MISSING.why, S3_KEYS_MISSING.fix);
const GCS_PLUGIN = {
  why: 'no Flink image the library knows has the GCS plugin enabled, so how it gets there must be stated',
  fix: "use GcsPlugin.builtIn('<flink patch version>') or GcsPlugin.bakedIntoImage()",
};
const AZURE_IDENTITY = {
  why: 'the store needs an identity, and keys are never written into the Flink configuration',
  fix: 'use AzureCredentials.accountKeyFromSecret(secret) or AzureCredentials.workloadIdentity({ clientId, tenantId })',
};

function build() {
  const limits: Schema<FlinkProcessLimits> = {
    cpu: optional(cpu('Cpu.units(2)')),
    memory: optional(size('Size.gibibytes(4)')),
    ephemeralStorage: optional(size()),
  };
  const resources: Schema<FlinkProcessResources> = {
    cpu: required(cpu(), 'Cpu.units(1)'),
    memory: required(size(), 'Size.gibibytes(2)'),
    ephemeralStorage: optional(size()),
    limits: optional(struct('FlinkProcessLimits', () => limits)),
  };
  const rest: Schema<RestEndpointOptions> = {
    awaitLeaderTimeout: optional(duration()),
    retryMaxAttempts: optional(integer()),
    serverThreads: optional(integer()),
    cancelFromWebUi: optional(boolean()),
  };
  const kubernetesClient: Schema<KubernetesClientOptions> = {
    ioPoolSize: optional(integer()),
    transactionalOperationMaxRetries: optional(integer()),
  };
  const jobManager: Schema<JobManagerOptions> = {
    resources: optional(struct('FlinkProcessResources', () => resources)),
    replicas: optional(integer()),
    ioPoolSize: optional(integer()),
    futurePoolSize: optional(integer()),
    rest: optional(struct('RestEndpointOptions', () => rest)),
    kubernetesClient: optional(struct('KubernetesClientOptions', () => kubernetesClient)),
  };
  const taskManager: Schema<TaskManagerOptions> = {
    resources: optional(struct('FlinkProcessResources', () => resources)),
    taskSlots: optional(integer()),
    replicas: optional(integer()),
    bufferDebloat: optional(boolean()),
  };
  const operator: Schema<OperatorOptions> = {
    jobManagerDeploymentRecovery: optional(boolean()),
    periodicSavepointInterval: optional(duration('Duration.hours(1)')),
    savepointHistoryMaxCount: optional(integer()),
    deploymentRollback: optional(boolean()),
    clusterHealthCheck: optional(boolean()),
  };
  const checkpointing: Schema<CheckpointingOptions> = {
    interval: optional(duration('Duration.seconds(10)')),
    mode: optional(enumOf('CheckpointingMode')),
    timeout: optional(duration('Duration.minutes(10)')),
    minPause: optional(duration('Duration.millis(500)')),
    retention: optional(enumOf('CheckpointRetention')),
    tolerableFailures: optional(integer()),
    retainedCheckpoints: optional(integer()),
    incremental: optional(boolean()),
    changelog: optional(boolean()),
    checkpointsAfterTasksFinish: optional(boolean()),
  };
  const statefun: Schema<StateFunRuntimeOptions> = {
    jobName: optional(string("'orders'")),
    messageSerializer: optional(enumOf('MessageSerializer')),
    asyncMaxPerTask: optional(integer()),
    feedbackMemory: optional(size('Size.mebibytes(32)')),
    globalConfig: optional(stringMap("{ 'tenant.id': 'acme' }")),
    additionalParentFirstPatterns: optional(arrayOf(string("'com.mycompany.shared'"))),
  };
  const prometheusOperator: Schema<PrometheusOperatorOptions> = {
    podMonitor: optional(boolean()),
    serviceMonitors: optional(boolean()),
    alerts: optional(boolean()),
    labels: optional(stringMap("{ release: 'kube-prometheus-stack' }")),
    scrapeInterval: optional(duration()),
    prometheusNamespace: optional(string("'monitoring'")),
  };
  // Pod controls (scheduling, registries, files, extra containers).
  const toleration: Schema<PodToleration> = {
    key: optional(string("'dedicated'")),
    operator: optional(enumOf('TolerationOperator')),
    value: optional(string("'flink'")),
    effect: optional(enumOf('TaintEffect')),
    evictAfter: optional(duration('Duration.minutes(5)')),
  };
  const nodeAffinity: Schema<NodeAffinityTerm> = {
    matches: required(arrayOf(cls('LabelRequirement')), "[LabelRequirement.is('pool', 'flink')]"),
    weight: optional(integer('50')),
  };
  const podAffinity: Schema<PodAffinityTerm> = {
    podLabels: optional(stringMap("{ app: 'kafka' }")),
    topology: optional(cls('PlacementTopology')),
    weight: optional(integer('50')),
  };
  const topologySpread: Schema<TopologySpread> = {
    topology: required(cls('PlacementTopology'), 'PlacementTopology.ZONE'),
    maxSkew: optional(integer('1')),
    whenUnsatisfiable: optional(enumOf('UnsatisfiableConstraintAction')),
    podLabels: optional(stringMap("{ app: 'orders' }")),
  };
  const placement: Schema<PodPlacement> = {
    nodeSelector: optional(stringMap("{ 'node.kubernetes.io/pool': 'flink' }")),
    tolerations: optional(listed(struct('PodToleration', () => toleration))),
    nodeAffinity: optional(listed(struct('NodeAffinityTerm', () => nodeAffinity))),
    podAffinity: optional(listed(struct('PodAffinityTerm', () => podAffinity))),
    podAntiAffinity: optional(listed(struct('PodAffinityTerm', () => podAffinity))),
    topologySpread: optional(listed(struct('TopologySpread', () => topologySpread, '{ topology: PlacementTopology.ZONE }'))),
    priorityClassName: optional(string("'statefun-critical'")),
  };
  const podSecrets = () => arrayOf(named('ISecret', "kplus.Secret.fromSecretName(scope, 'registry', 'registry-credentials')"));
  const envValues = () => mapOf(plusInstance('EnvValue', ENV_VALUE), "{ LOG_LEVEL: kplus.EnvValue.fromValue('info') }");
  const mount: Schema<PodVolumeMount> = {
    volume: required(cls('PodVolume'), 'PodVolume.fromSecret(secret)'),
    path: required(string("'/etc/tls'")),
    readOnly: optional(boolean()),
  };
  const mounts = () => arrayOf(struct('PodVolumeMount', () => mount, "{ volume: PodVolume.fromSecret(secret), path: '/etc/tls' }"));
  const cpuResources: Schema<kplus.CpuResources> = { request: optional(cpu()), limit: optional(cpu()) };
  const memoryResources: Schema<kplus.MemoryResources> = { request: optional(size()), limit: optional(size()) };
  const storageResources: Schema<kplus.EphemeralStorageResources> = { request: optional(size()), limit: optional(size()) };
  const containerResources: Schema<kplus.ContainerResources> = {
    cpu: optional(struct('CpuResources', () => cpuResources)),
    memory: optional(struct('MemoryResources', () => memoryResources)),
    ephemeralStorage: optional(struct('EphemeralStorageResources', () => storageResources)),
  };
  const extraContainer: Schema<ExtraContainer> = {
    name: required(string("'log-shipper'")),
    image: required(string("'fluent/fluent-bit:3.1.9'")),
    command: optional(arrayOf(string("'/bin/sh'"))),
    args: optional(arrayOf(string("'-c'"))),
    env: optional(envValues()),
    mounts: optional(mounts()),
    resources: optional(struct('ContainerResources', () => containerResources)),
    runAsUser: optional(integer('10001')),
  };
  const containers = () => arrayOf(struct('ExtraContainer', () => extraContainer, "{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9' }"));
  const rolePods: Schema<FlinkRolePodOptions> = {
    placement: optional(struct('PodPlacement', () => placement)),
    sidecars: optional(containers()),
    initContainers: optional(containers()),
  };
  const taskManagerPods: Schema<TaskManagerPodOptions> = {
    ...rolePods,
    rocksDbLocalDirectory: optional(cls('RocksDbLocalDirectory')),
  };
  const flinkPods: Schema<FlinkPodOptions> = {
    placement: optional(struct('PodPlacement', () => placement)),
    imagePullSecrets: optional(podSecrets()),
    env: optional(envValues()),
    envFrom: optional(arrayOf(cls('EnvFromSource'))),
    mounts: optional(mounts()),
    sidecars: optional(containers()),
    initContainers: optional(containers()),
    jobManager: optional(explained(struct('FlinkRolePodOptions', () => rolePods), 'jobManager holds the JobManager-only pod controls, an object', ROLE_FIX)),
    taskManager: optional(explained(struct('TaskManagerPodOptions', () => taskManagerPods), 'taskManager holds the TaskManager-only pod controls, an object', ROLE_FIX)),
  };
  const webUiTls: Schema<FlinkWebUiTls> = {
    hosts: required(arrayOf(string("'flink.example.com'"))),
    secret: optional(named('ISecret', "kplus.Secret.fromSecretName(scope, 'tls', 'flink-ui-tls')")),
  };
  const ingressController: Schema<IngressControllerPeer> = {
    namespace: required(string("'ingress-nginx'")),
    podLabels: optional(stringMap("{ 'app.kubernetes.io/name': 'ingress-nginx' }")),
  };
  const webUi: Schema<FlinkWebUiOptions> = {
    template: required(string("'/{{namespace}}/{{name}}(/|$)(.*)'")),
    className: optional(string("'nginx'")),
    annotations: optional(stringMap("{ 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }")),
    labels: optional(stringMap("{ team: 'data' }")),
    tls: optional(arrayOf(struct('FlinkWebUiTls', () => webUiTls))),
    ingressController: optional(struct('IngressControllerPeer', () => ingressController)),
  };
  const networkPolicy: Schema<FlinkNetworkPolicyOptions> = {
    enabled: optional(boolean()),
    operatorNamespace: optional(string("'flink-operator'")),
  };
  const stateFunApp: Schema<StateFunAppProps> = {
    name: optional(string("'orders'")),
    // Membership in OperatorVersion/FlinkVersion: versionProblems, whose message depends on the operator release.
    operatorVersion: optional(string('OperatorVersion.V1_11')),
    flinkVersion: optional(string('FlinkVersion.V2_2')),
    image: optional(cls('StateFunImage')),
    imageRegistry: optional(string("'harbor.example.com/proxy'")),
    imagePullPolicy: optional(oneOf(kplus.ImagePullPolicy as any, 'ImagePullPolicy')),
    imagePullSecrets: optional(podSecrets()),
    flinkPods: optional(struct('FlinkPodOptions', () => flinkPods)),
    webUi: optional(struct('FlinkWebUiOptions', () => webUi)),
    networkPolicy: optional(struct('FlinkNetworkPolicyOptions', () => networkPolicy)),
    jobManager: optional(struct('JobManagerOptions', () => jobManager)),
    taskManager: optional(struct('TaskManagerOptions', () => taskManager)),
    parallelism: optional(integer('2')),
    jobState: optional(enumOf('JobState')),
    upgradeMode: optional(enumOf('UpgradeMode')),
    initialSavepointPath: optional(string("'s3://bucket/savepoints/savepoint-1'")),
    initialSavepoint: optional(cls('SavepointSource')),
    savepointRedeployNonce: optional(integer()),
    allowNonRestoredState: optional(boolean()),
    restartNonce: optional(integer()),
    operator: optional(struct('OperatorOptions', () => operator)),
    checkpointStore: optional(cls('CheckpointStore')),
    checkpointing: optional(struct('CheckpointingOptions', () => checkpointing)),
    stateBackend: optional(enumOf('StateBackend')),
    highAvailability: optional(cls('HighAvailability')),
    restartStrategy: optional(cls('RestartStrategy')),
    jvmOptions: optional(arrayOf(string("'-XX:+UseG1GC'"))),
    logging: optional(cls('FlinkLogging')),
    metrics: optional(cls('FlinkMetrics')),
    statefun: optional(struct('StateFunRuntimeOptions', () => statefun)),
    // Values are the linter's business (it explains structured values per operator release).
    flinkConfiguration: optional(mapOf(anything('a string', "'30s'"), "{ 'taskmanager.network.memory.fraction': '0.2' }")),
    serviceAccount: optional(named('IServiceAccount', "kplus.ServiceAccount.fromServiceAccountName(scope, 'sa', 'flink')")),
    prometheusOperator: optional(struct('PrometheusOperatorOptions', () => prometheusOperator)),
    writePipelineDiagram: optional(boolean()),
  };
  const remoteFunction: Schema<RemoteFunctionProps> = {
    app: required(app(FUNCTION_APP), FUNCTION_APP),
    image: required(string("'my-org/greeter:1.0.0'")),
    functions: required(arrayOf(string("'example/*'"))),
    name: optional(string("'greeter'")),
    port: optional(integer('8080')),
    path: optional(string("'/statefun'")),
    scaling: optional(cls('FunctionScaling')),
    resources: optional(struct('ContainerResources', () => containerResources)),
    readiness: optional(probe()),
    liveness: optional(probe()),
    env: optional(envValues()),
    runAsUser: optional(integer('10001')),
    transport: optional(cls('EndpointTransport')),
    maxNumBatchRequests: optional(integer('1000')),
    networkPolicy: optional(boolean()),
    metricsPort: optional(integer('9090')),
    metricsPath: optional(string("'/metrics'")),
    placement: optional(struct('PodPlacement', () => placement)),
    imagePullSecrets: optional(podSecrets()),
    sidecars: optional(containers()),
    initContainers: optional(containers()),
  };
  const kafkaTopic: Schema<KafkaIngressTopic> = {
    topic: required(string("'orders'")),
    valueType: required(valueType(), 'ValueType.STRING'),
    targets: required(targets(), "[fn.functionType('greeter')]"),
    forwardHeaders: optional(boolean()),
    invalidRecordHandling: optional(cls('InvalidRecordHandling')),
  };
  const kafkaIngress: Schema<KafkaIngressProps> = {
    app: required(app(), APP),
    ingressId: required(string("'example/orders'")),
    address: required(string("'kafka.my-app.svc:9092'")),
    consumerGroupId: required(string("'orders-statefun'")),
    topics: required(arrayOf(struct('KafkaIngressTopic', () => kafkaTopic, '{ topic, valueType, targets }'))),
    startupPosition: optional(cls('KafkaStartupPosition')),
    autoOffsetReset: optional(explained(enumOf('KafkaAutoOffsetReset'), 'the runtime accepts earliest, latest')),
    properties: optional(properties("{ 'max.poll.records': '500' }")),
    forwardHeaders: optional(boolean()),
    invalidRecordHandling: optional(cls('InvalidRecordHandling')),
    security: optional(cls('KafkaSecurity')),
  };
  const kafkaEgress: Schema<KafkaEgressProps> = {
    app: required(app(), APP),
    egressId: required(string("'example/out'")),
    address: required(string("'kafka.my-app.svc:9092'")),
    deliverySemantic: optional(cls('KafkaDeliverySemantic')),
    properties: optional(properties("{ 'linger.ms': '5' }")),
    security: optional(cls('KafkaSecurity')),
  };
  const kinesisIngress: Schema<KinesisIngressProps> = {
    app: required(app(), APP),
    ingressId: required(string("'example/clicks'")),
    streamArn: required(string("'arn:aws:kinesis:us-east-1:123456789012:stream/orders'")),
    valueType: required(valueType(), 'ValueType.STRING'),
    targets: required(targets(), "[fn.functionType('greeter')]"),
    streamName: optional(string("'orders'")),
    region: optional(cls('AwsRegion')),
    credentials: optional(cls('AwsCredentials')),
    startupPosition: optional(cls('KinesisStartupPosition')),
    clientConfigProperties: optional(properties("{ 'source.reader.type': 'EFO' }")),
  };
  const kinesisEgress: Schema<KinesisEgressProps> = {
    app: required(app(), APP),
    egressId: required(string("'example/out'")),
    streamName: required(string("'orders-results'"), {
      why: 'required: the short stream name, 1-128 characters of [a-zA-Z0-9_.-] ("spec.streamName is required")',
      fix: "write the stream's name, e.g. 'orders-results'",
    }),
    maxOutstandingRecords: optional(integer('1000')),
    region: optional(cls('AwsRegion')),
    credentials: optional(cls('AwsCredentials')),
    clientConfigProperties: optional(properties("{ 'KinesisProducer.RecordTtl': '30000' }")),
  };
  const httpEndpoint: Schema<HttpEndpointProps> = {
    app: required(app(), APP),
    functions: required(string("'example/*'")),
    url: required(string("'http://greeter.my-app.svc:8080/statefun'")),
    maxNumBatchRequests: optional(integer('1000')),
    transport: optional(cls('EndpointTransport')),
    servedOutsideApp: optional(explained(boolean(), 'a boolean')),
  };
  const s3Store: Schema<S3CheckpointStoreProps> = {
    bucket: required(string("'my-bucket'")),
    prefix: optional(string("'statefun'")),
    region: required(string("'eu-central-1'")),
    irsaRoleArn: optional(string("'arn:aws:iam::123456789012:role/statefun'")),
  };
  const s3CompatibleStore: Schema<S3CompatibleCheckpointStoreProps> = {
    bucket: required(string("'my-bucket'")),
    prefix: optional(string("'statefun'")),
    endpoint: required(string("'http://minio.my-app.svc:9000'")),
    credentials: required(s3Credentials(), S3_KEYS_MISSING),
    pathStyleAccess: optional(boolean()),
    region: optional(string("'us-east-1'")),
  };
  const gcsInteropStore: Schema<GcsInteropCheckpointStoreProps> = {
    bucket: required(string("'my-bucket'")),
    prefix: optional(string("'statefun'")),
    hmacCredentials: required(s3Credentials(), S3_KEYS_MISSING),
  };
  const gcsStore: Schema<GcsCheckpointStoreProps> = {
    bucket: required(string("'my-bucket'")),
    prefix: optional(string("'statefun'")),
    workloadIdentityServiceAccount: optional(string("'statefun@my-project.iam.gserviceaccount.com'")),
    plugin: required(explained(cls('GcsPlugin'), GCS_PLUGIN.why, GCS_PLUGIN.fix), GCS_PLUGIN),
  };
  const azureStore: Schema<AzureCheckpointStoreProps> = {
    account: required(string("'statefunstore'")),
    container: required(string("'checkpoints'")),
    prefix: optional(string("'statefun'")),
    credentials: required(explained(cls('AzureCredentials'), AZURE_IDENTITY.why, AZURE_IDENTITY.fix), AZURE_IDENTITY),
    protocol: optional(enumOf('AzureStorageProtocol')),
  };
  const monitorOptions = () => struct('PrometheusOperatorOptions', () => prometheusOperator);
  const flinkPodMonitor: Schema<FlinkPodMonitorProps> = {
    app: required(app(OWNER_APP), OWNER_APP),
    options: optional(monitorOptions()),
  };
  const functionServiceMonitor: Schema<FunctionServiceMonitorProps> = {
    name: required(string("'greeter'")),
    serviceLabels: required(stringMap("{ 'app.kubernetes.io/name': 'greeter' }")),
    path: optional(string("'/metrics'")),
    options: optional(monitorOptions()),
  };
  const stateFunAlerts: Schema<StateFunAlertsProps> = {
    app: required(app(OWNER_APP), OWNER_APP),
    options: optional(monitorOptions()),
  };
  const flinkStateSnapshot: Schema<FlinkStateSnapshotProps> = {
    app: optional(app(OWNER_APP)),
    snapshot: required(cls('SnapshotType'), 'SnapshotType.savepoint()'),
    name: optional(string("'orders-before-upgrade'")),
    backoffLimit: optional(integer('3')),
  };
  const props = {
    StateFunAppProps: stateFunApp,
    FlinkStateSnapshotProps: flinkStateSnapshot,
    RemoteFunctionProps: remoteFunction,
    KafkaIngressProps: kafkaIngress,
    KafkaEgressProps: kafkaEgress,
    KinesisIngressProps: kinesisIngress,
    KinesisEgressProps: kinesisEgress,
    HttpEndpointProps: httpEndpoint,
    S3CheckpointStoreProps: s3Store,
    S3CompatibleCheckpointStoreProps: s3CompatibleStore,
    GcsInteropCheckpointStoreProps: gcsInteropStore,
    GcsCheckpointStoreProps: gcsStore,
    AzureCheckpointStoreProps: azureStore,
    FlinkPodMonitorProps: flinkPodMonitor,
    FunctionServiceMonitorProps: functionServiceMonitor,
    StateFunAlertsProps: stateFunAlerts,
  };

  // Static factories and public methods: one entry per parameter, in order.
  const fixedDelay: Schema<FixedDelayRestartOptions> = {
    attempts: required(integer('3')),
    delay: required(duration('Duration.seconds(10)')),
  };
  const failureRate: Schema<FailureRateRestartOptions> = {
    maxFailuresPerInterval: required(integer('3')),
    interval: required(duration('Duration.minutes(5)')),
    delay: required(duration('Duration.seconds(10)')),
  };
  const exponentialDelay: Schema<ExponentialDelayRestartOptions> = {
    initialBackoff: optional(duration('Duration.seconds(1)')),
    maxBackoff: optional(duration('Duration.minutes(1)')),
    backoffMultiplier: optional(number('1.5')),
    resetBackoffThreshold: optional(duration('Duration.hours(1)')),
    jitterFactor: optional(number('0.1')),
    attemptsBeforeResetBackoff: optional(integer('10')),
  };
  const leaderElection: Schema<LeaderElectionOptions> = {
    leaseDuration: required(duration('Duration.seconds(15)')),
    renewDeadline: required(duration('Duration.seconds(10)')),
    retryPeriod: required(duration('Duration.seconds(2)')),
  };
  const kubernetesHa: Schema<KubernetesHighAvailabilityOptions> = { leaderElection: optional(cls('LeaderElection')) };
  const prometheusMetrics: Schema<PrometheusMetricsOptions> = { port: optional(integer('9249')) };
  const jsonLogging: Schema<JsonLoggingOptions> = {
    rootLevel: optional(enumOf('LogLevel')),
    loggers: optional(mapOf(enumOf('LogLevel'), "{ 'org.apache.flink.runtime.checkpoint': LogLevel.DEBUG }")),
  };
  const asyncTransport: Schema<AsyncTransportOptions> = {
    callTimeout: optional(duration('Duration.minutes(1)')),
    connectTimeout: optional(duration('Duration.seconds(10)')),
    poolTtl: optional(duration('Duration.seconds(15)')),
    poolSize: optional(integer('1024')),
    payloadMaxSize: optional(size('Size.mebibytes(32)')),
    trustCaCerts: optional(podFile()),
    clientCert: optional(podFile()),
    clientKey: optional(podFile()),
    clientKeyPasswordFile: optional(podFile()),
  };
  const okhttpTransport: Schema<OkHttpTransportOptions> = {
    callTimeout: optional(duration('Duration.minutes(1)')),
    connectTimeout: optional(duration('Duration.seconds(10)')),
    readTimeout: optional(duration('Duration.seconds(10)')),
    writeTimeout: optional(duration('Duration.seconds(10)')),
  };
  const autoscaling: Schema<AutoscalingOptions> = {
    minReplicas: optional(integer('3')),
    maxReplicas: optional(integer('30')),
    targetCpuUtilization: optional(integer('70')),
  };
  const awsSecretKeys: Schema<AwsSecretCredentialsOptions> = {
    accessKeyIdKey: optional(string("'AWS_ACCESS_KEY_ID'")),
    secretAccessKeyKey: optional(string("'AWS_SECRET_ACCESS_KEY'")),
    sessionTokenKey: optional(string("'AWS_SESSION_TOKEN'")),
  };
  const s3SecretKeys: Schema<S3SecretKeys> = {
    accessKeyIdKey: optional(string("'AWS_ACCESS_KEY_ID'")),
    secretAccessKeyKey: optional(string("'AWS_SECRET_ACCESS_KEY'")),
  };
  const workloadIdentity: Schema<AzureWorkloadIdentityOptions> = {
    clientId: required(string("'00000000-0000-0000-0000-000000000000'")),
    tenantId: required(string("'00000000-0000-0000-0000-000000000000'")),
  };
  const partitionOffset: Schema<KafkaPartitionOffset> = {
    topic: required(string("'orders'")),
    partition: required(integer('0')),
    offset: required(integer('42')),
  };
  const exactlyOnce: Schema<KafkaExactlyOnceOptions> = {
    transactionTimeout: required(duration('Duration.minutes(1)')),
    acceptMissingTransactionalIdPrefix: optional(boolean()),
  };
  const imageOptions: Schema<StateFunImageOptions> = {
    // Membership in FlinkVersion: StateFunImage._problems, like the app's flinkVersion.
    flinkVersion: optional(string('FlinkVersion.V2_2')),
    fileSystemSchemes: optional(arrayOf(string("'s3'"))),
  };
  const moduleImport: Schema<ModuleImportOptions> = { acceptMissingTransactionalIdPrefix: optional(boolean()) };
  const addImported: Schema<AddImportedModuleOptions> = { endpoints: optional(boolean()), endpointsServedOutsideApp: optional(boolean()) };
  const secret = required(named('ISecret', "kplus.Secret.fromSecretName(scope, 'keys', 'my-keys')"));
  // Pod controls, snapshots, probes and Kafka security (values are checked where a construct uses them).
  const volumeFile: Schema<PodVolumeFileOptions> = { defaultMode: optional(integer('0o440')), optional: optional(boolean()) };
  const emptyDir: Schema<PodEmptyDirOptions> = { sizeLimit: optional(size('Size.gibibytes(1)')), memory: optional(boolean()) };
  const claim = required(namedObject('IPersistentVolumeClaim', (n) => `kplus.PersistentVolumeClaim.fromClaimName(scope, '${n}', '${n}')`, "kplus.PersistentVolumeClaim.fromClaimName(scope, 'data', 'data')"));
  const labelKey = required(string("'topology.kubernetes.io/zone'"));
  const labelValues = required(arrayOf(string("'eu-west-1a'")));
  const rocksDbEmptyDir: Schema<RocksDbEmptyDirOptions> = { sizeLimit: optional(size('Size.gibibytes(50)')) };
  const rocksDbEphemeral: Schema<RocksDbEphemeralVolumeOptions> = {
    size: required(size('Size.gibibytes(50)'), { why: 'required: an ephemeral volume claim needs the storage requested', fix: 'set size, e.g. Size.gibibytes(50)' }),
    storageClassName: optional(string("'gp3'")),
  };
  const savepointOptions: Schema<SavepointSnapshotOptions> = { format: optional(enumOf('SavepointFormat')), disposeOnDelete: optional(boolean()) };
  const savepointPath = required(string("'s3://my-bucket/statefun/orders/savepoints/savepoint-abc123'"));
  const probeTiming: Schema<FunctionProbeOptions> = {
    initialDelay: optional(duration('Duration.seconds(10)')),
    period: optional(duration('Duration.seconds(10)')),
    timeout: optional(duration('Duration.seconds(1)')),
    failureThreshold: optional(integer('3')),
    successThreshold: optional(integer('1')),
  };
  const httpProbe: Schema<FunctionHttpProbeOptions> = { ...probeTiming, port: optional(integer('8080')) };
  const tcpProbe: Schema<FunctionTcpProbeOptions> = { ...probeTiming, port: optional(integer('8080')) };
  const sasl: Schema<KafkaSaslCredentials> = {
    mechanism: required(enumOf('KafkaSaslMechanism'), 'KafkaSaslMechanism.SCRAM_SHA_512'),
    username: optional(string("'statefun'")),
    password: optional(credentialFile()),
    jaasConfig: optional(credentialFile()),
  };
  const kafkaTls: Schema<KafkaTlsOptions> = {
    trustStore: optional(podFile()),
    trustStoreType: optional(enumOf('KafkaStoreType')),
    trustStorePassword: optional(credentialFile()),
    keyStore: optional(podFile()),
    keyStoreType: optional(enumOf('KafkaStoreType')),
    keyStorePassword: optional(credentialFile()),
    keyPassword: optional(credentialFile()),
  };
  const saslSsl: Schema<KafkaSaslSslOptions> = { ...sasl, tls: optional(struct('KafkaTlsOptions', () => kafkaTls, "{ trustStore: PodFile.fromSecret(secret, 'ca.crt') }")) };
  // A command line as one string is a program of that name (no shell splits it): the fix splits it.
  const commandLine = adjusted(arrayOf(string("'cat'"), "['cat', '/tmp/ready']"), (v) => (typeof v === 'string' && /\s/.test(v.trim())
    ? { fix: `list the program and its arguments: [${v.trim().split(/\s+/).map((w) => `'${w}'`).join(', ')}] (no shell splits the string)` }
    : undefined));
  const snapshotObject = adjusted(
    instanceOf(() => libExport('FlinkStateSnapshot'), 'FlinkStateSnapshot', "pass the FlinkStateSnapshot construct, e.g. new FlinkStateSnapshot(chart, 'import', { snapshot: SnapshotType.existingSavepoint(uri) })"),
    (v) => (typeof v === 'string' ? { fix: `a savepoint by its URI is SavepointSource.fromPath('${v}')` } : undefined),
  );
  const factories: { [factory: string]: Array<[string, FieldGuard | ArgOptions]> } = {
    'RestartStrategy.fixedDelay': [['options', options('FixedDelayRestartOptions', fixedDelay, true)]],
    'RestartStrategy.failureRate': [['options', options('FailureRateRestartOptions', failureRate, true)]],
    'RestartStrategy.exponentialDelay': [['options', options('ExponentialDelayRestartOptions', exponentialDelay)]],
    'LeaderElection.custom': [['options', options('LeaderElectionOptions', leaderElection, true)]],
    'HighAvailability.kubernetes': [['options', options('KubernetesHighAvailabilityOptions', kubernetesHa)]],
    'FlinkMetrics.prometheus': [['options', options('PrometheusMetricsOptions', prometheusMetrics)]],
    'FlinkLogging.json': [['options', options('JsonLoggingOptions', jsonLogging)]],
    'FlinkLogging.logback': [['xml', required(string("'<configuration>…</configuration>'"))]],
    'EndpointTransport.async': [['options', options('AsyncTransportOptions', asyncTransport)]],
    'EndpointTransport.okhttp': [['options', options('OkHttpTransportOptions', okhttpTransport)]],
    'FunctionScaling.autoscale': [['options', options('AutoscalingOptions', autoscaling)]],
    'FunctionScaling.fixed': [['replicas', required(integer('3'))]],
    'AwsCredentials.fromSecret': [['secret', secret], ['options', options('AwsSecretCredentialsOptions', awsSecretKeys)]],
    'AwsCredentials.profile': [['profileName', required(string("'statefun'"))], ['profilePath', optional(string("'/opt/flink/.aws/credentials'"))]],
    'AwsCredentials.basicForLocalEmulatorOnly': [['accessKeyId', required(string("'test'"))], ['secretAccessKey', required(string("'test'"))]],
    'AwsRegion.specific': [['regionId', required(string("'us-east-1'"))]],
    'AwsRegion.customEndpoint': [['endpoint', required(string("'http://localstack:4566'"))], ['regionId', required(string("'us-east-1'"))]],
    'S3Credentials.fromSecret': [['secret', secret], ['keys', options('S3SecretKeys', s3SecretKeys)]],
    'S3Credentials.plaintextForLocalEmulator': [['accessKeyId', required(string("'minio'"))], ['secretAccessKey', required(string("'minio123'"))]],
    'AzureCredentials.accountKeyFromSecret': [['secret', secret], ['key', optional(string("'AZURE_STORAGE_KEY'"))]],
    'AzureCredentials.workloadIdentity': [['options', options('AzureWorkloadIdentityOptions', workloadIdentity, true)]],
    'GcsPlugin.builtIn': [['flinkPatchVersion', required(string("'2.2.1'"))]],
    'StateFunImage.kzmlabs': [['tag', optional(string(`'${libExport('StateFunImage').LATEST_KNOWN_TAG}'`))]],
    'StateFunImage.fromImage': [
      ['image', required(string("'registry.example.com/statefun:1.0.0'"))],
      ['basedOnTag', required(string(`'${libExport('StateFunImage').LATEST_KNOWN_TAG}'`))],
      ['options', options('StateFunImageOptions', imageOptions)],
    ],
    'StateFunImage.supports': [['feature', required(enumOf('StateFunFeature'))]],
    'FunctionType.of': [['typeName', required(string("'example/greeter'"))]],
    'ValueType.of': [['typeName', required(string("'example/Order'"))]],
    'KafkaStartupPosition.specificOffsets': [['offsets', required(arrayOf(struct('KafkaPartitionOffset', () => partitionOffset, "{ topic: 'orders', partition: 0, offset: 42 }")))]],
    'KafkaStartupPosition.date': [['date', required(date())]],
    'KinesisStartupPosition.date': [['date', required(date())]],
    'InvalidRecordHandling.skip': [['logLevel', optional(enumOf('InvalidRecordLogLevel'))]],
    'KafkaDeliverySemantic.exactlyOnce': [['options', options('KafkaExactlyOnceOptions', exactlyOnce, true)]],
    'ModuleImport.fromYaml': [['text', required(string("fs.readFileSync('module.yaml', 'utf8')"))], ['options', options('ModuleImportOptions', moduleImport)]],
    'ModuleImport.fromFile': [['path', required(string("'module.yaml'"))], ['options', options('ModuleImportOptions', moduleImport)]],
    'ModuleImport.parse': [['text', required(string("fs.readFileSync('module.yaml', 'utf8')"))], ['options', options('ModuleImportOptions', moduleImport)]],
    'ImportedModule.addTo': [
      ['scope', required(instanceOf(() => libExport('Construct'), 'Construct', 'pass the Chart (or construct) to create the components in'))],
      ['app', required(app(), APP)],
      ['options', options('AddImportedModuleOptions', addImported)],
    ],
    'FlinkConfigMigration.fromYaml': [['text', required(explained(string(), 'not a string', "pass the file content, e.g. fs.readFileSync(file, 'utf8')"))]],
    'FlinkConfigMigration.entriesWith': [['action', required(enumOf('MigrationAction'))]],
    'RemoteFunction.functionType': [['name', required(string("'greeter'"))]],
    'StateFunApp.mirror': [['image', required(string("'my-org/greeter:1.0.0'"))]],
    'StateFunApp.addFlinkEnvironment': [
      ['name', required(string("'AWS_REGION'"))],
      ['value', required(plusInstance('EnvValue', ENV_VALUE))],
      ['owner', optional(instanceOf(() => libExport('Construct'), 'Construct', 'pass the construct that needs the variable'))],
    ],
    'CheckpointStore.directoriesFor': [['appName', required(string("'orders'"))]],
    'PodVolume.fromSecret': [['secret', required(secretObject())], ['options', options('PodVolumeFileOptions', volumeFile)]],
    'PodVolume.fromConfigMap': [['configMap', required(configMapObject())], ['options', options('PodVolumeFileOptions', volumeFile)]],
    'PodVolume.fromEmptyDir': [['name', required(string("'scratch'"))], ['options', options('PodEmptyDirOptions', emptyDir)]],
    'PodVolume.fromPersistentVolumeClaim': [['claim', claim]],
    'EnvFromSource.secret': [['secret', required(secretObject("kplus.Secret.fromSecretName(scope, 'kafka', 'kafka-credentials')"))], ['prefix', optional(string("'KAFKA_'"))]],
    'EnvFromSource.configMap': [['configMap', required(configMapObject())], ['prefix', optional(string("'APP_'"))]],
    'PodFile.fromSecret': [['secret', required(secretObject())], ['key', required(string("'ca.crt'"))]],
    'PodFile.fromConfigMap': [['configMap', required(configMapObject())], ['key', required(string("'ca.crt'"))]],
    'PodFile.atPath': [['path', required(string("'/etc/my-app/certs/ca.pem'"))]],
    'PodFile.classpath': [['resource', required(string("'certs/ca.pem'"))]],
    'LabelRequirement.is': [['key', labelKey], ['value', required(string("'eu-west-1a'"))]],
    'LabelRequirement.in': [['key', labelKey], ['values', labelValues]],
    'LabelRequirement.notIn': [['key', labelKey], ['values', labelValues]],
    'LabelRequirement.exists': [['key', labelKey]],
    'LabelRequirement.doesNotExist': [['key', labelKey]],
    'PlacementTopology.custom': [['key', required(string("'topology.kubernetes.io/rack'"))]],
    'RocksDbLocalDirectory.emptyDir': [['options', options('RocksDbEmptyDirOptions', rocksDbEmptyDir)]],
    'RocksDbLocalDirectory.ephemeralVolume': [['options', options('RocksDbEphemeralVolumeOptions', rocksDbEphemeral, true)]],
    'SavepointSource.fromPath': [['path', savepointPath]],
    'SavepointSource.fromSnapshot': [['snapshot', required(snapshotObject)]],
    'SnapshotType.savepoint': [['options', options('SavepointSnapshotOptions', savepointOptions)]],
    'SnapshotType.existingSavepoint': [['path', savepointPath], ['options', options('SavepointSnapshotOptions', savepointOptions)]],
    'FunctionProbe.httpGet': [['path', required(string("'/health'"))], ['options', options('FunctionHttpProbeOptions', httpProbe)]],
    'FunctionProbe.tcpSocket': [['options', options('FunctionTcpProbeOptions', tcpProbe)]],
    'FunctionProbe.command': [['command', required(commandLine)], ['options', options('FunctionProbeOptions', probeTiming)]],
    'KafkaSecurity.saslSsl': [['options', options('KafkaSaslSslOptions', saslSsl, true)]],
    'KafkaSecurity.saslPlaintext': [['options', options('KafkaSaslCredentials', sasl, true)]],
    'KafkaSecurity.ssl': [['options', options('KafkaTlsOptions', kafkaTls)]],
  };
  return { props, factories };
}

/** The props structs constructs check at entry. @internal */
export type PropsName = keyof ReturnType<typeof build>['props'];

/**
 * Checks a construct's props at entry (before any rule reads them) and returns them, so it can sit in a
 * `super(scope, id, checkProps(...))` call. `optionalProps` for props that default to `{}`.
 * @internal
 */
export function checkProps<T>(scope: IConstruct, id: string, typeName: PropsName, props: T, optionalProps = false): T {
  const where = scope instanceof Construct ? childPath(scope, id) : String(id);
  const construct = typeName.replace(/Props$/, '');
  const problems = [
    ...(scope instanceof Construct ? [] : wrongArg('scope', scope, 'a Construct (the Chart or construct to create it in)', `pass the Chart: new ${construct}(chart, 'name', { … })`)),
    ...(typeof id === 'string' ? [] : wrongArg('id', id, 'a string (the construct id)', `name it: new ${construct}(chart, 'name', { … })`)),
  ];
  if (problems.length > 0) throwProblems(where, problems);
  return guardProps(where, typeName, schemas().props[typeName], props, optionalProps);
}

/**
 * `checkProps` for constructs that extend `Construct` directly: runs inside `super(checkedScope(...), id)`,
 * so a wrong scope or id is refused before the constructs library reads it.
 * @internal
 */
export function checkedScope(scope: Construct, id: string, typeName: PropsName, props: unknown, optionalProps = false): Construct {
  checkProps(scope, id, typeName, props, optionalProps);
  return scope;
}

function wrongArg(field: string, value: unknown, expected: string, fix: string): Problem[] {
  return [{ field, value, why: `expected ${expected}, got ${kindOf(value)}`, fix }];
}

/**
 * Checks the arguments of a static factory or public method, named `Class.method`, in parameter order.
 * @internal
 */
export function checkArgs(factory: string, ...args: unknown[]): void {
  const specs = schemas().factories[factory];
  if (!specs) throw new Error(`internal: no argument guard for ${factory}`);
  guardArgs(factory, specs.map(([name, guard], i) => [name, args[i], guard]));
}

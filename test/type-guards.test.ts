/**
 * Runtime type guards at the public boundary: the library driven as untyped JavaScript would drive it
 * (`as any`). Every wrong runtime type is a library error in the usual form — construct path (or the
 * factory's name), field, value, why, fix — never a `TypeError`, never a silent default.
 *
 * Part 1 pins the exact message of each class of wrong input. Part 2 walks every props schema and every
 * factory/method argument, feeds each field values of the wrong type and asserts a library error naming
 * the field and the value. Part 3 proves every public static factory with parameters is guarded.
 */
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import * as lib from '../lib';
import {
  AwsCredentials, AwsRegion, AzureCredentials, CheckpointStore, EndpointTransport, FlinkConfigMigration, FlinkLogging, FlinkMetrics,
  FlinkPodMonitor, FlinkStateSnapshot, FunctionScaling, FunctionServiceMonitor, FunctionType, GcsPlugin, HighAvailability, HttpEndpoint,
  InvalidRecordHandling,
  KafkaDeliverySemantic, KafkaEgress, KafkaIngress, KafkaStartupPosition, KinesisEgress, KinesisIngress, KinesisStartupPosition,
  LeaderElection, MigrationAction, ModuleImport, RemoteFunction, RestartStrategy, S3Credentials, StateFunAlerts, StateFunApp,
  SnapshotType, StateFunFeature, StateFunImage, ValueType, PodVolume, EnvFromSource, PodFile, LabelRequirement, PlacementTopology,
  RocksDbLocalDirectory, SavepointSource, FunctionProbe, KafkaSecurity, KafkaSaslMechanism, SavepointFormat, KafkaStoreType,
} from '../lib';
import { renderValue } from '../lib/errors';
import { schemas } from '../lib/guard-schemas';
import { FieldGuard } from '../lib/guards';

const NS = 'shop';
const KAFKA = 'kafka.shop.svc:9092';
const STREAM_ARN = 'arn:aws:kinesis:eu-central-1:123456789012:stream/clicks';

function chart(): Chart {
  return new Chart(new App(), 'shop', { namespace: NS });
}

/** The message of what `fn` throws; fails the test when it throws nothing or a TypeError. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e: any) {
    if (e instanceof TypeError) throw new Error(`a TypeError escaped: ${e.message}`);
    return e.message;
  }
  throw new Error('accepted');
}

// ---------------------------------------------------------------------------
// Part 1: the exact message of each class of wrong input
// ---------------------------------------------------------------------------

describe('each class of wrong input, with its exact message', () => {
  test.each<[string, (c: Chart) => unknown, string]>([
    ['a boolean where a value class is expected (highAvailability: true used to turn HA off)',
      (c) => new StateFunApp(c, 'orders', { highAvailability: true } as any),
      '[shop/orders] highAvailability = true: expected a HighAvailability, got a boolean. Fix: use HighAvailability.kubernetes() or HighAvailability.disabled()'],
    ['a number where a value class is expected (metrics: 9249 used to turn metrics off)',
      (c) => new StateFunApp(c, 'orders', { metrics: 9249 } as any),
      '[shop/orders] metrics = 9249: expected a FlinkMetrics, got a number. Fix: use FlinkMetrics.prometheus() or FlinkMetrics.disabled()'],
    ['a string where a StateFunImage is expected (used to throw a TypeError)',
      (c) => new StateFunApp(c, 'orders', { image: 'ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5' } as any),
      '[shop/orders] image = "ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5": expected a StateFunImage, got a string. Fix: use StateFunImage.kzmlabs() or StateFunImage.fromImage(…)'],
    ['an enum value in another spelling (upgradeMode: last_state used to reach the manifest)',
      (c) => new StateFunApp(c, 'orders', { upgradeMode: 'last_state' } as any),
      '[shop/orders] upgradeMode = "last_state": not an UpgradeMode value (valid: "savepoint", "last-state", "stateless"). Fix: write UpgradeMode.LAST_STATE ("last-state")'],
    ['a value of no enum member',
      (c) => new StateFunApp(c, 'orders', { stateBackend: 'filesystem' } as any),
      '[shop/orders] stateBackend = "filesystem": not a StateBackend value (valid: "rocksdb", "hashmap"). Fix: use StateBackend.ROCKSDB or StateBackend.HASHMAP'],
    ['a props object that is a string',
      (c) => new StateFunApp(c, 'orders', 'orders' as any),
      '[shop/orders] props = "orders": expected an object with the fields of StateFunAppProps, got a string. Fix: pass an object literal { name, operatorVersion, flinkVersion, … }'],
    ['a props object that is a list',
      (c) => new StateFunApp(c, 'orders', [] as any),
      '[shop/orders] props = []: expected an object with the fields of StateFunAppProps, got a list. Fix: pass an object literal { name, operatorVersion, flinkVersion, … }'],
    ['a props object that is null',
      (c) => new StateFunApp(c, 'orders', null as any),
      '[shop/orders] props = null: expected an object with the fields of StateFunAppProps, got null. Fix: pass an object literal { name, operatorVersion, flinkVersion, … }'],
    ['a misspelt props key',
      (c) => new StateFunApp(c, 'orders', { checkpointStroe: CheckpointStore.s3(c, 'store', { bucket: 'orders-state', region: 'eu-central-1' }) } as any),
      '[shop/orders] checkpointStroe = (a S3CheckpointStore): StateFunAppProps has no field checkpointStroe, so the value would be ignored. Fix: did you mean checkpointStore?'],
    ['an unknown key in a nested struct, no close match',
      (c) => new StateFunApp(c, 'orders', { jobManager: { cores: 2 } } as any),
      '[shop/orders] jobManager.cores = 2: JobManagerOptions has no field cores, so the value would be ignored. Fix: remove it (the fields are resources, replicas, ioPoolSize, futurePoolSize, rest, kubernetesClient)'],
    ['a number in quotes',
      (c) => new StateFunApp(c, 'orders', { parallelism: '2' } as any),
      '[shop/orders] parallelism = "2": expected a whole number, got a string. Fix: write 2 without quotes'],
    ['a boolean in quotes',
      (c) => new StateFunApp(c, 'orders', { allowNonRestoredState: 'false' } as any),
      '[shop/orders] allowNonRestoredState = "false": expected a boolean (true or false), got a string. Fix: write false without quotes'],
    ['a Flink duration string where a Duration is expected',
      (c) => new StateFunApp(c, 'orders', { checkpointing: { interval: '30s' } } as any),
      '[shop/orders] checkpointing.interval = "30s": expected a cdk8s Duration, got a string. Fix: write Duration.seconds(30)'],
    ['a bare number where a Duration is expected',
      (c) => new StateFunApp(c, 'orders', { operator: { periodicSavepointInterval: 3600 } } as any),
      '[shop/orders] operator.periodicSavepointInterval = 3600: expected a cdk8s Duration, got a number. Fix: a bare number has no unit: write e.g. Duration.millis(3600) or Duration.seconds(3600)'],
    ['Kubernetes quantities where Cpu and Size are expected',
      (c) => new StateFunApp(c, 'orders', { taskManager: { resources: { cpu: '500m', memory: '2Gi' } } } as any),
      'Invalid configuration:\n'
      + '  [shop/orders] taskManager.resources.cpu = "500m": expected a cdk8s-plus Cpu, got a string. Fix: write Cpu.millis(500)\n'
      + '  [shop/orders] taskManager.resources.memory = "2Gi": expected a cdk8s Size, got a string. Fix: write Size.gibibytes(2)'],
    ['a required field of a nested struct missing',
      (c) => new StateFunApp(c, 'orders', { jobManager: { resources: { cpu: kplus.Cpu.units(1) } } } as any),
      '[shop/orders] jobManager.resources.memory = (not set): required (a Size). Fix: set it, e.g. Size.gibibytes(2)'],
    ['a single string where a list is expected',
      (c) => new RemoteFunction(c, 'fn', { app: new StateFunApp(c, 'orders'), image: 'shop/fn:1.0.0', functions: 'shop/*' } as any),
      '[shop/fn] functions = "shop/*": expected a list of strings, got a string. Fix: wrap it in a list: [\'shop/*\']'],
    ['a list where a map is expected',
      (c) => new StateFunApp(c, 'orders', { statefun: { globalConfig: ['tenant=acme'] } } as any),
      '[shop/orders] statefun.globalConfig = ["tenant=acme"]: expected a map of name to string, got a list. Fix: pass an object literal, e.g. { \'tenant.id\': \'acme\' }'],
    ['a non-string entry of a list',
      (c) => new StateFunApp(c, 'orders', { jvmOptions: ['-XX:+UseG1GC', 42] } as any),
      '[shop/orders] jvmOptions[1] = 42: expected a string, got a number. Fix: quote it: \'42\''],
    ['an empty entry of a list',
      (c) => new StateFunApp(c, 'orders', { jvmOptions: [null] } as any),
      '[shop/orders] jvmOptions[0] = null: expected a string, got null. Fix: remove the empty entry, or write \'-XX:+UseG1GC\''],
    ['an interface object (ServiceAccount) given as its name',
      (c) => new StateFunApp(c, 'orders', { serviceAccount: 'flink' } as any),
      '[shop/orders] serviceAccount = "flink": expected an IServiceAccount (an object with a name), got a string. Fix: pass one, e.g. kplus.ServiceAccount.fromServiceAccountName(scope, \'sa\', \'flink\')'],
    ['a required prop missing (a module component)',
      (c) => new KafkaEgress(c, 'out', { app: new StateFunApp(c, 'orders'), egressId: 'shop/out' } as any),
      '[shop/out] address = (not set): required (a string). Fix: set it, e.g. \'kafka.my-app.svc:9092\''],
    ['a function without its app',
      (c) => new RemoteFunction(c, 'fn', { image: 'shop/fn:1.0.0', functions: ['shop/*'] } as any),
      '[shop/fn] app = (not set): a remote function belongs to a StateFunApp. Fix: pass the StateFunApp object: { app: myStateFunApp, ... }'],
    ['a props object missing entirely (a module component)',
      (c) => new HttpEndpoint(c, 'ep', undefined as any),
      '[shop/ep] props = (not set): expected an object with the fields of HttpEndpointProps, got nothing. Fix: pass an object literal { app, functions, url, … }'],
    ['no scope (the constructs library used to throw a TypeError)',
      () => new StateFunApp(undefined as any, 'orders'),
      '[orders] scope = (not set): expected a Construct (the Chart or construct to create it in), got nothing. Fix: pass the Chart: new StateFunApp(chart, \'name\', { … })'],
    ['a props object where the scope belongs',
      (c) => new KafkaEgress({ app: new StateFunApp(c, 'orders') } as any, 'out', undefined as any),
      '[out] scope = {"app":"(a StateFunApp)"}: expected a Construct (the Chart or construct to create it in), got an object. Fix: pass the Chart: new KafkaEgress(chart, \'name\', { … })'],
    ['a number as the construct id',
      (c) => new RemoteFunction(c, 7 as any, { app: new StateFunApp(c, 'orders'), image: 'shop/fn:1.0.0', functions: ['shop/*'] }),
      '[shop/7] id = 7: expected a string (the construct id), got a number. Fix: name it: new RemoteFunction(chart, \'name\', { … })'],
    ['a path string where a FunctionProbe is expected',
      (c) => new RemoteFunction(c, 'fn', { app: new StateFunApp(c, 'orders'), image: 'shop/fn:1.0.0', functions: ['shop/*'], readiness: '/health' } as any),
      '[shop/fn] readiness = "/health": expected a FunctionProbe, got a string. Fix: write FunctionProbe.httpGet(\'/health\')'],
    ['a port number where a FunctionProbe is expected',
      (c) => new RemoteFunction(c, 'fn', { app: new StateFunApp(c, 'orders'), image: 'shop/fn:1.0.0', functions: ['shop/*'], liveness: 8080 } as any),
      '[shop/fn] liveness = 8080: expected a FunctionProbe, got a number. Fix: write FunctionProbe.tcpSocket({ port: 8080 })'],
    ['a cdk8s-plus Probe where a FunctionProbe is expected (RemoteFunction\'s words, kept)',
      (c) => new RemoteFunction(c, 'fn', { app: new StateFunApp(c, 'orders'), image: 'shop/fn:1.0.0', functions: ['shop/*'], readiness: kplus.Probe.fromHttpGet('/health') } as any),
      '[shop/fn] readiness = "Probe": probes are FunctionProbe values (a cdk8s-plus Probe is tied to one cdk8s-plus line). Fix: use e.g. FunctionProbe.httpGet(\'/health\') or FunctionProbe.tcpSocket()'],
    ['an enum value in another spelling, deep in a placement (a toleration\'s operator)',
      (c) => new StateFunApp(c, 'orders', { flinkPods: { taskManager: { placement: { tolerations: [{ key: 'dedicated', operator: 'exists' }] } } } } as any),
      '[shop/orders] flinkPods.taskManager.placement.tolerations[0].operator = "exists": not a TolerationOperator value (valid: "Equal", "Exists"). Fix: write TolerationOperator.EXISTS ("Exists")'],
    ['a value of no enum member, deep in a placement (a taint effect)',
      (c) => new RemoteFunction(c, 'fn', { app: new StateFunApp(c, 'orders'), image: 'shop/fn:1.0.0', functions: ['shop/*'], placement: { tolerations: [{ key: 'a', effect: 'NoSchedul' }] } } as any),
      '[shop/fn] placement.tolerations[0].effect = "NoSchedul": not a TaintEffect value (valid: "NoSchedule", "PreferNoSchedule", "NoExecute"). Fix: use TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE or TaintEffect.NO_EXECUTE'],
    ['a path string where a transport\'s PodFile is expected (checked by the endpoint)',
      (c) => new HttpEndpoint(c, 'ep', { app: new StateFunApp(c, 'orders'), functions: 'ext/*', url: 'https://fn.example.com/statefun', transport: EndpointTransport.async({ trustCaCerts: '/etc/tls/ca.pem' } as any) }),
      '[shop/ep] transport.trustCaCerts = "/etc/tls/ca.pem": the file is read inside the Flink pods and named by reference (a PodFile), not a string. Fix: write PodFile.atPath(\'/etc/tls/ca.pem\') for a file a flinkPods.mounts volume provides, or PodFile.fromSecret(secret, key) to let the library mount the Secret'],
    ['a number where a Kafka credential is expected (checked by the egress)',
      (c) => new KafkaEgress(c, 'out', { app: new StateFunApp(c, 'orders'), egressId: 'shop/out', address: KAFKA, security: KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'u', password: 42 } as any) }),
      '[shop/out] security.password = 42: a credential is a Secret key named by a PodFile, not a number: the Kafka client reads it from the mounted Secret (the ${dir:...} config provider). Fix: keep it in a Secret and reference the key: PodFile.fromSecret(secret, \'password\')'],
    ['a wrong type in a checkpoint store factory',
      (c) => CheckpointStore.s3(c, 'store', { bucket: 'b', region: 'eu-central-1', prefix: 7 } as any),
      '[shop/store] prefix = 7: expected a string, got a number. Fix: quote it: \'7\''],
  ])('%s', (_name, build, message) => {
    const c = chart();
    expect(refusal(() => build(c))).toBe(message);
    // Nothing was synthesized: the error came from the constructor, before any manifest.
  });

  test.each<[string, () => unknown, string]>([
    ['required options of a factory missing (RestartStrategy.fixedDelay({}) used to fall back to Flink\'s defaults)',
      () => RestartStrategy.fixedDelay({} as any),
      'Invalid configuration:\n'
      + '  RestartStrategy.fixedDelay: attempts = (not set): required (a whole number). Fix: set it, e.g. 3\n'
      + '  RestartStrategy.fixedDelay: delay = (not set): required (a Duration). Fix: set it, e.g. Duration.seconds(10)'],
    ['a factory without its options object',
      () => RestartStrategy.failureRate(undefined as any),
      'RestartStrategy.failureRate: options = (not set): expected an object with the fields of FailureRateRestartOptions, got nothing. Fix: pass an object literal { maxFailuresPerInterval, interval, delay }'],
    ['a misspelt key in factory options',
      () => RestartStrategy.exponentialDelay({ maxBackof: Duration.minutes(2) } as any),
      'RestartStrategy.exponentialDelay: maxBackof = Duration(2 minutes): ExponentialDelayRestartOptions has no field maxBackof, so the value would be ignored. Fix: did you mean maxBackoff?'],
    ['a positional argument of the wrong type',
      () => AwsRegion.specific(42 as any),
      'AwsRegion.specific: regionId = 42: expected a string, got a number. Fix: quote it: \'42\''],
    ['an enum argument of a factory',
      () => InvalidRecordHandling.skip('WARNING' as any),
      'InvalidRecordHandling.skip: logLevel = "WARNING": not an InvalidRecordLogLevel value (valid: "debug", "info", "warn", "error"). Fix: use InvalidRecordLogLevel.DEBUG, InvalidRecordLogLevel.INFO, InvalidRecordLogLevel.WARN or InvalidRecordLogLevel.ERROR'],
    ['a date string where a Date is expected',
      () => KafkaStartupPosition.date('2026-04-23T00:00:00Z' as any),
      'KafkaStartupPosition.date: date = "2026-04-23T00:00:00Z": expected a Date, got a string. Fix: write new Date("2026-04-23T00:00:00Z")'],
    ['a string offset in specific offsets',
      () => KafkaStartupPosition.specificOffsets([{ topic: 'orders', partition: 0, offset: '42' }] as any),
      'KafkaStartupPosition.specificOffsets: offsets[0].offset = "42": expected a whole number, got a string. Fix: write 42 without quotes'],
    ['a string where a ValueType is expected, in a factory\'s terms',
      () => FunctionType.of(undefined as any),
      'FunctionType.of: typeName = (not set): required (a string). Fix: set it, e.g. \'example/greeter\''],
    ['a public method argument',
      () => new RemoteFunction(chart(), 'fn', { app: new StateFunApp(chart(), 'a'), image: 'shop/fn:1.0.0', functions: ['shop/*'] }).functionType(7 as any),
      'RemoteFunction.functionType: name = 7: expected a string, got a number. Fix: quote it: \'7\''],
    ['a Secret given by name to a pod-control factory',
      () => PodVolume.fromSecret('tls-certs' as any),
      'PodVolume.fromSecret: secret = "tls-certs": expected an ISecret (an object with a name), got a string. Fix: pass the object, e.g. kplus.Secret.fromSecretName(scope, \'tls-certs\', \'tls-certs\')'],
    ['a single value where a list of label values is expected',
      () => LabelRequirement.in('topology.kubernetes.io/zone', 'eu-west-1a' as any),
      'LabelRequirement.in: values = "eu-west-1a": expected a list of strings, got a string. Fix: wrap it in a list: [\'eu-west-1a\']'],
    ['a savepoint format in another spelling (SavepointFormat used to reach the manifest unchecked)',
      () => SnapshotType.savepoint({ format: 'native' } as any),
      'SnapshotType.savepoint: format = "native": not a SavepointFormat value (valid: "CANONICAL", "NATIVE"). Fix: write SavepointFormat.NATIVE ("NATIVE")'],
    ['a SASL mechanism in another spelling',
      () => KafkaSecurity.saslSsl({ mechanism: 'SCRAM-SHA512', username: 'u' } as any),
      'KafkaSecurity.saslSsl: mechanism = "SCRAM-SHA512": not a KafkaSaslMechanism value (valid: "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"). Fix: write KafkaSaslMechanism.SCRAM_SHA_512 ("SCRAM-SHA-512")'],
    ['a store type of no member',
      () => KafkaSecurity.ssl({ trustStoreType: 'P12' } as any),
      'KafkaSecurity.ssl: trustStoreType = "P12": not a KafkaStoreType value (valid: "PEM", "PKCS12", "JKS"). Fix: use KafkaStoreType.PEM, KafkaStoreType.PKCS12 or KafkaStoreType.JKS'],
    ['a savepoint URI where a FlinkStateSnapshot is expected (used to throw a TypeError)',
      () => SavepointSource.fromSnapshot('s3://b/savepoints/savepoint-1' as any),
      'SavepointSource.fromSnapshot: snapshot = "s3://b/savepoints/savepoint-1": expected a FlinkStateSnapshot, got a string. Fix: a savepoint by its URI is SavepointSource.fromPath(\'s3://b/savepoints/savepoint-1\')'],
    ['null probe options (used to throw a TypeError)',
      () => FunctionProbe.tcpSocket(null as any),
      'FunctionProbe.tcpSocket: options = null: expected an object with the fields of FunctionTcpProbeOptions, got null. Fix: pass an object literal { initialDelay, period, timeout, … }'],
    ['a required option of a pod-control factory missing, in the domain\'s words',
      () => RocksDbLocalDirectory.ephemeralVolume({ storageClassName: 'gp3' } as any),
      'RocksDbLocalDirectory.ephemeralVolume: size = (not set): required: an ephemeral volume claim needs the storage requested. Fix: set size, e.g. Size.gibibytes(50)'],
    ['a command line where a list is expected',
      () => FunctionProbe.command('cat /tmp/ready' as any),
      'FunctionProbe.command: command = "cat /tmp/ready": expected a list of strings, got a string. Fix: list the program and its arguments: [\'cat\', \'/tmp/ready\'] (no shell splits the string)'],
    ['a Secret given by name',
      () => S3Credentials.fromSecret('minio-keys' as any),
      'S3Credentials.fromSecret: secret = "minio-keys": expected an ISecret (an object with a name), got a string. Fix: pass one, e.g. kplus.Secret.fromSecretName(scope, \'keys\', \'my-keys\')'],
  ])('%s', (_name, call, message) => {
    expect(refusal(call)).toBe(message);
  });

  test('a valid app still synthesizes (the guards refuse nothing that is right)', () => {
    const c = chart();
    const app = new StateFunApp(c, 'orders', {
      checkpointStore: CheckpointStore.s3(c, 'store', { bucket: 'orders-state', region: 'eu-central-1' }),
      restartStrategy: RestartStrategy.fixedDelay({ attempts: 3, delay: Duration.seconds(5) }),
      highAvailability: HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST }),
      metrics: FlinkMetrics.prometheus({ port: 9249 }),
      logging: FlinkLogging.json(),
      taskManager: { resources: { cpu: kplus.Cpu.units(1), memory: Size.gibibytes(2) }, taskSlots: 2 },
    });
    const fn = new RemoteFunction(c, 'fn', { app, image: 'shop/fn:1.0.0', functions: ['shop/*'], scaling: FunctionScaling.fixed(2) });
    new KafkaIngress(c, 'in', { app, ingressId: 'shop/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [fn.functionType('x')] }] });
    expect(Testing.synth(c).length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// Part 2: every field of every props schema and every factory argument
// ---------------------------------------------------------------------------

/** Values of every runtime type a JavaScript caller can pass; each is tried where the field refuses it. */
const WRONG: unknown[] = [42, 'text', true, {}, [], null, Duration.seconds(1), new Date(0)];

interface Target {
  /** Builds the valid props of the struct in `chart`. */
  readonly valid: (c: Chart) => Record<string, unknown>;
  /** Uses them (constructs the construct). */
  readonly build: (c: Chart, props: unknown) => unknown;
  /** The construct path in messages. */
  readonly path: string;
}

const appOf = (c: Chart) => new StateFunApp(c, 'app');
const secretOf = (c: Chart) => kplus.Secret.fromSecretName(c, 'keys', 'keys');
const configMapOf = (c: Chart) => kplus.ConfigMap.fromConfigMapName(c, 'ca', 'ca-bundle');

const PROPS: { [name: string]: Target } = {
  StateFunAppProps: { valid: () => ({}), build: (c, p) => new StateFunApp(c, 'x', p as any), path: 'shop/x' },
  RemoteFunctionProps: { valid: (c) => ({ app: appOf(c), image: 'shop/fn:1.0.0', functions: ['shop/*'] }), build: (c, p) => new RemoteFunction(c, 'x', p as any), path: 'shop/x' },
  KafkaIngressProps: {
    valid: (c) => ({ app: appOf(c), ingressId: 'shop/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [FunctionType.of('shop/f')] }] }),
    build: (c, p) => new KafkaIngress(c, 'x', p as any),
    path: 'shop/x',
  },
  KafkaEgressProps: { valid: (c) => ({ app: appOf(c), egressId: 'shop/out', address: KAFKA }), build: (c, p) => new KafkaEgress(c, 'x', p as any), path: 'shop/x' },
  KinesisIngressProps: {
    valid: (c) => ({ app: appOf(c), ingressId: 'shop/clicks', streamArn: STREAM_ARN, valueType: ValueType.STRING, targets: [FunctionType.of('shop/f')] }),
    build: (c, p) => new KinesisIngress(c, 'x', p as any),
    path: 'shop/x',
  },
  KinesisEgressProps: { valid: (c) => ({ app: appOf(c), egressId: 'shop/out', streamName: 'out', region: AwsRegion.specific('eu-central-1') }), build: (c, p) => new KinesisEgress(c, 'x', p as any), path: 'shop/x' },
  HttpEndpointProps: { valid: (c) => ({ app: appOf(c), functions: 'ext/*', url: 'https://fn.example.com/statefun' }), build: (c, p) => new HttpEndpoint(c, 'x', p as any), path: 'shop/x' },
  S3CheckpointStoreProps: { valid: () => ({ bucket: 'b-state', region: 'eu-central-1' }), build: (c, p) => CheckpointStore.s3(c, 'x', p as any), path: 'shop/x' },
  S3CompatibleCheckpointStoreProps: {
    valid: (c) => ({ bucket: 'b-state', endpoint: 'http://minio.shop.svc:9000', credentials: S3Credentials.fromSecret(secretOf(c)) }),
    build: (c, p) => CheckpointStore.s3Compatible(c, 'x', p as any),
    path: 'shop/x',
  },
  GcsInteropCheckpointStoreProps: {
    valid: (c) => ({ bucket: 'b-state', hmacCredentials: S3Credentials.fromSecret(secretOf(c)) }),
    build: (c, p) => CheckpointStore.gcsViaS3Interop(c, 'x', p as any),
    path: 'shop/x',
  },
  GcsCheckpointStoreProps: { valid: () => ({ bucket: 'b-state', plugin: GcsPlugin.bakedIntoImage() }), build: (c, p) => CheckpointStore.gcs(c, 'x', p as any), path: 'shop/x' },
  AzureCheckpointStoreProps: {
    valid: (c) => ({ account: 'statefunstore', container: 'checkpoints', credentials: AzureCredentials.accountKeyFromSecret(secretOf(c)) }),
    build: (c, p) => CheckpointStore.azure(c, 'x', p as any),
    path: 'shop/x',
  },
  FlinkPodMonitorProps: { valid: (c) => ({ app: appOf(c) }), build: (c, p) => new FlinkPodMonitor(c, 'x', p as any), path: 'shop/x' },
  FunctionServiceMonitorProps: { valid: () => ({ name: 'fn', serviceLabels: { a: 'b' } }), build: (c, p) => new FunctionServiceMonitor(c, 'x', p as any), path: 'shop/x' },
  StateFunAlertsProps: { valid: (c) => ({ app: appOf(c) }), build: (c, p) => new StateFunAlerts(c, 'x', p as any), path: 'shop/x' },
  FlinkStateSnapshotProps: { valid: () => ({ snapshot: SnapshotType.existingSavepoint('s3://b/savepoints/savepoint-1') }), build: (c, p) => new FlinkStateSnapshot(c, 'x', p as any), path: 'shop/x' },
};

/** Valid values of nested structs with required fields (all-optional structs start from `{}`). */
const NESTED_VALID: { [typeName: string]: () => Record<string, unknown> } = {
  FlinkProcessResources: () => ({ cpu: kplus.Cpu.units(1), memory: Size.gibibytes(2) }),
  KafkaIngressTopic: () => ({ topic: 't', valueType: ValueType.STRING, targets: [FunctionType.of('shop/f')] }),
  KafkaPartitionOffset: () => ({ topic: 'orders', partition: 0, offset: 1 }),
};

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0 && Object.getPrototypeOf(value) === Object.prototype;
}

/** One case: props with one field replaced, the field path the message must name, and the value. */
interface Case {
  readonly field: string;
  readonly value: unknown;
  readonly set: (valid: Record<string, unknown>) => Record<string, unknown>;
}

/** Every (field, wrong value) of a schema, nested structs and struct lists included. */
function cases(schema: { readonly [field: string]: FieldGuard }, typeName: string): Case[] {
  const out: Case[] = [];
  for (const [key, guard] of Object.entries(schema)) {
    for (const value of WRONG) {
      if (guard.check(value, key).length > 0) out.push({ field: key, value, set: (v) => ({ ...v, [key]: value }) });
    }
    if (guard.required) out.push({ field: key, value: undefined, set: (v) => ({ ...v, [key]: undefined }) });
    const nested = guard.check as any;
    const struct = nested.schema ? nested : nested.item?.schema ? nested.item : undefined;
    if (struct) {
      const inList = !nested.schema;
      const base = () => (NESTED_VALID[struct.typeName] ?? (() => ({})))();
      for (const inner of cases(struct.schema(), struct.typeName)) {
        const wrap = (x: Record<string, unknown>) => (inList ? [x] : x);
        out.push({ field: `${key}${inList ? '[0]' : ''}.${inner.field}`, value: inner.value, set: (v) => ({ ...v, [key]: wrap(inner.set(base())) }) });
      }
    }
  }
  // An unknown key, at every level.
  out.push({ field: 'zzUnknown', value: 1, set: (v) => ({ ...v, zzUnknown: 1 }) });
  void typeName;
  return out;
}

describe('every props field refuses every wrong runtime type with a library error naming it', () => {
  test('every props schema has a target here', () => {
    expect(Object.keys(PROPS).sort()).toEqual(Object.keys(schemas().props).sort());
  });

  test.each(Object.keys(PROPS))('%s', (name) => {
    const target = PROPS[name];
    const schema = (schemas().props as any)[name];
    // The valid props are accepted.
    const ok = chart();
    target.build(ok, target.valid(ok));
    const failures: string[] = [];
    const all = cases(schema, name);
    expect(all.length).toBeGreaterThan(Object.keys(schema).length);
    for (const c of all) {
      const ch = chart();
      const props = c.set(target.valid(ch));
      const expected = `[${target.path}] ${c.field} = ${renderValue(c.value)}: `;
      let message: string;
      try {
        message = refusal(() => target.build(ch, props));
      } catch (e: any) {
        failures.push(`${c.field} = ${renderValue(c.value)}: ${e.message}`);
        continue;
      }
      // An empty object for a struct is refused for its required fields, named under the field.
      const nested = isEmptyObject(c.value) && message.includes(`[${target.path}] ${c.field}.`);
      if (!message.includes(expected) && !nested) failures.push(`${c.field} = ${renderValue(c.value)}: got ${message}`);
    }
    expect(failures).toEqual([]);
  });
});

/** How to call each guarded factory or method, with valid arguments. */
const CALLS: { [factory: string]: { call: (...args: any[]) => unknown; valid: () => unknown[] } } = {
  'RestartStrategy.fixedDelay': { call: (o) => RestartStrategy.fixedDelay(o), valid: () => [{ attempts: 3, delay: Duration.seconds(1) }] },
  'RestartStrategy.failureRate': { call: (o) => RestartStrategy.failureRate(o), valid: () => [{ maxFailuresPerInterval: 3, interval: Duration.minutes(1), delay: Duration.seconds(1) }] },
  'RestartStrategy.exponentialDelay': { call: (o) => RestartStrategy.exponentialDelay(o), valid: () => [{}] },
  'LeaderElection.custom': { call: (o) => LeaderElection.custom(o), valid: () => [{ leaseDuration: Duration.seconds(15), renewDeadline: Duration.seconds(10), retryPeriod: Duration.seconds(2) }] },
  'HighAvailability.kubernetes': { call: (o) => HighAvailability.kubernetes(o), valid: () => [{}] },
  'FlinkMetrics.prometheus': { call: (o) => FlinkMetrics.prometheus(o), valid: () => [{}] },
  'FlinkLogging.json': { call: (o) => FlinkLogging.json(o), valid: () => [{}] },
  'FlinkLogging.logback': { call: (x) => FlinkLogging.logback(x), valid: () => ['<configuration></configuration>'] },
  'EndpointTransport.async': { call: (o) => EndpointTransport.async(o), valid: () => [{}] },
  'EndpointTransport.okhttp': { call: (o) => EndpointTransport.okhttp(o), valid: () => [{}] },
  'FunctionScaling.autoscale': { call: (o) => FunctionScaling.autoscale(o), valid: () => [{}] },
  'FunctionScaling.fixed': { call: (n) => FunctionScaling.fixed(n), valid: () => [2] },
  'AwsCredentials.fromSecret': { call: (s, o) => AwsCredentials.fromSecret(s, o), valid: () => [secretOf(chart()), {}] },
  'AwsCredentials.profile': { call: (n, p) => AwsCredentials.profile(n, p), valid: () => ['statefun', '/opt/flink/.aws/credentials'] },
  'AwsCredentials.basicForLocalEmulatorOnly': { call: (a, b) => AwsCredentials.basicForLocalEmulatorOnly(a, b), valid: () => ['test', 'test'] },
  'AwsRegion.specific': { call: (r) => AwsRegion.specific(r), valid: () => ['us-east-1'] },
  'AwsRegion.customEndpoint': { call: (e, r) => AwsRegion.customEndpoint(e, r), valid: () => ['http://localstack:4566', 'us-east-1'] },
  'S3Credentials.fromSecret': { call: (s, k) => S3Credentials.fromSecret(s, k), valid: () => [secretOf(chart()), {}] },
  'S3Credentials.plaintextForLocalEmulator': { call: (a, b) => S3Credentials.plaintextForLocalEmulator(a, b), valid: () => ['minio', 'minio123'] },
  'AzureCredentials.accountKeyFromSecret': { call: (s, k) => AzureCredentials.accountKeyFromSecret(s, k), valid: () => [secretOf(chart()), 'KEY'] },
  'AzureCredentials.workloadIdentity': {
    call: (o) => AzureCredentials.workloadIdentity(o),
    valid: () => [{ clientId: '00000000-0000-0000-0000-000000000000', tenantId: '00000000-0000-0000-0000-000000000000' }],
  },
  'GcsPlugin.builtIn': { call: (v) => GcsPlugin.builtIn(v), valid: () => ['2.2.1'] },
  'StateFunImage.kzmlabs': { call: (t) => StateFunImage.kzmlabs(t), valid: () => ['3.4.0-KZM-3.5'] },
  'StateFunImage.fromImage': { call: (i, t, o) => StateFunImage.fromImage(i, t, o), valid: () => ['r.example.com/sf:1', '3.4.0-KZM-3.5', {}] },
  'StateFunImage.supports': { call: (f) => StateFunImage.kzmlabs().supports(f), valid: () => [StateFunFeature.KAFKA_FORWARD_HEADERS] },
  'FunctionType.of': { call: (t) => FunctionType.of(t), valid: () => ['shop/f'] },
  'ValueType.of': { call: (t) => ValueType.of(t), valid: () => ['shop/T'] },
  'KafkaStartupPosition.specificOffsets': { call: (o) => KafkaStartupPosition.specificOffsets(o), valid: () => [[{ topic: 't', partition: 0, offset: 1 }]] },
  'KafkaStartupPosition.date': { call: (d) => KafkaStartupPosition.date(d), valid: () => [new Date(0)] },
  'KinesisStartupPosition.date': { call: (d) => KinesisStartupPosition.date(d), valid: () => [new Date(0)] },
  'InvalidRecordHandling.skip': { call: (l) => InvalidRecordHandling.skip(l), valid: () => [undefined] },
  'KafkaDeliverySemantic.exactlyOnce': { call: (o) => KafkaDeliverySemantic.exactlyOnce(o), valid: () => [{ transactionTimeout: Duration.minutes(1) }] },
  'ModuleImport.fromYaml': { call: (t, o) => ModuleImport.fromYaml(t, o), valid: () => ['kind: io.statefun.endpoints.v2/http\nspec: { functions: ext/*, urlPathTemplate: "https://x.example.com/{function.name}" }\n', {}] },
  'ModuleImport.fromFile': { call: (p, o) => ModuleImport.fromFile(p, o), valid: () => [`${__dirname}/../examples/does-not-matter.yaml`, {}] },
  'ModuleImport.parse': { call: (t, o) => ModuleImport.parse(t, o), valid: () => ['', {}] },
  'ImportedModule.addTo': {
    call: (s, a, o) => ModuleImport.parse('').addTo(s, a, o),
    valid: () => { const c = chart(); return [c, appOf(c), {}]; },
  },
  'FlinkConfigMigration.fromYaml': { call: (t) => FlinkConfigMigration.fromYaml(t), valid: () => ['parallelism.default: 2\n'] },
  'FlinkConfigMigration.entriesWith': { call: (a) => FlinkConfigMigration.fromFlinkConf({}).entriesWith(a), valid: () => [MigrationAction.MAPPED] },
  'RemoteFunction.functionType': {
    call: (n) => { const c = chart(); return new RemoteFunction(c, 'fn', { app: appOf(c), image: 'shop/fn:1.0.0', functions: ['shop/*'] }).functionType(n); },
    valid: () => ['f'],
  },
  'StateFunApp.mirror': { call: (i) => appOf(chart()).mirror(i), valid: () => ['shop/fn:1.0.0'] },
  'StateFunApp.addFlinkEnvironment': {
    call: (n, v, o) => appOf(chart()).addFlinkEnvironment(n, v, o),
    valid: () => ['X', kplus.EnvValue.fromValue('1'), undefined],
  },
  'CheckpointStore.directoriesFor': { call: (n) => CheckpointStore.s3(chart(), 's', { bucket: 'b-state', region: 'eu-central-1' }).directoriesFor(n), valid: () => ['orders'] },
  'PodVolume.fromSecret': { call: (s, o) => PodVolume.fromSecret(s, o), valid: () => [secretOf(chart()), { defaultMode: 0o440, optional: false }] },
  'PodVolume.fromConfigMap': { call: (m, o) => PodVolume.fromConfigMap(m, o), valid: () => [configMapOf(chart()), { defaultMode: 0o444 }] },
  'PodVolume.fromEmptyDir': { call: (n, o) => PodVolume.fromEmptyDir(n, o), valid: () => ['scratch', { sizeLimit: Size.gibibytes(1), memory: true }] },
  'PodVolume.fromPersistentVolumeClaim': { call: (c) => PodVolume.fromPersistentVolumeClaim(c), valid: () => [kplus.PersistentVolumeClaim.fromClaimName(chart(), 'pvc', 'data')] },
  'EnvFromSource.secret': { call: (s, p) => EnvFromSource.secret(s, p), valid: () => [secretOf(chart()), 'KAFKA_'] },
  'EnvFromSource.configMap': { call: (m, p) => EnvFromSource.configMap(m, p), valid: () => [configMapOf(chart()), undefined] },
  'PodFile.fromSecret': { call: (s, k) => PodFile.fromSecret(s, k), valid: () => [secretOf(chart()), 'ca.crt'] },
  'PodFile.fromConfigMap': { call: (m, k) => PodFile.fromConfigMap(m, k), valid: () => [configMapOf(chart()), 'ca.crt'] },
  'PodFile.atPath': { call: (p) => PodFile.atPath(p), valid: () => ['/etc/tls/ca.pem'] },
  'PodFile.classpath': { call: (r) => PodFile.classpath(r), valid: () => ['certs/ca.pem'] },
  'LabelRequirement.is': { call: (k, v) => LabelRequirement.is(k, v), valid: () => ['pool', 'flink'] },
  'LabelRequirement.in': { call: (k, v) => LabelRequirement.in(k, v), valid: () => ['zone', ['a', 'b']] },
  'LabelRequirement.notIn': { call: (k, v) => LabelRequirement.notIn(k, v), valid: () => ['zone', ['c']] },
  'LabelRequirement.exists': { call: (k) => LabelRequirement.exists(k), valid: () => ['ssd'] },
  'LabelRequirement.doesNotExist': { call: (k) => LabelRequirement.doesNotExist(k), valid: () => ['spot'] },
  'PlacementTopology.custom': { call: (k) => PlacementTopology.custom(k), valid: () => ['topology.kubernetes.io/rack'] },
  'RocksDbLocalDirectory.emptyDir': { call: (o) => RocksDbLocalDirectory.emptyDir(o), valid: () => [{ sizeLimit: Size.gibibytes(20) }] },
  'RocksDbLocalDirectory.ephemeralVolume': { call: (o) => RocksDbLocalDirectory.ephemeralVolume(o), valid: () => [{ size: Size.gibibytes(50), storageClassName: 'gp3' }] },
  'SavepointSource.fromPath': { call: (p) => SavepointSource.fromPath(p), valid: () => ['s3://b/savepoints/savepoint-1'] },
  'SavepointSource.fromSnapshot': {
    call: (s) => SavepointSource.fromSnapshot(s),
    valid: () => [new FlinkStateSnapshot(chart(), 'snap', { snapshot: SnapshotType.existingSavepoint('s3://b/savepoints/savepoint-1') })],
  },
  'SnapshotType.savepoint': { call: (o) => SnapshotType.savepoint(o), valid: () => [{ format: SavepointFormat.NATIVE, disposeOnDelete: false }] },
  'SnapshotType.existingSavepoint': { call: (p, o) => SnapshotType.existingSavepoint(p, o), valid: () => ['s3://b/savepoints/savepoint-1', {}] },
  'FunctionProbe.httpGet': {
    call: (p, o) => FunctionProbe.httpGet(p, o),
    valid: () => ['/health', { port: 8080, initialDelay: Duration.seconds(5), period: Duration.seconds(5), timeout: Duration.seconds(1), failureThreshold: 3, successThreshold: 1 }],
  },
  'FunctionProbe.tcpSocket': { call: (o) => FunctionProbe.tcpSocket(o), valid: () => [{ port: 9000 }] },
  'FunctionProbe.command': { call: (c, o) => FunctionProbe.command(c, o), valid: () => [['cat', '/tmp/ready'], {}] },
  'KafkaSecurity.saslSsl': {
    call: (o) => KafkaSecurity.saslSsl(o),
    valid: () => [{ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'u', password: PodFile.fromSecret(secretOf(chart()), 'password'), tls: { trustStoreType: KafkaStoreType.PEM } }],
  },
  'KafkaSecurity.saslPlaintext': { call: (o) => KafkaSecurity.saslPlaintext(o), valid: () => [{ mechanism: KafkaSaslMechanism.SCRAM_SHA_256, username: 'u' }] },
  'KafkaSecurity.ssl': { call: (o) => KafkaSecurity.ssl(o), valid: () => [{ keyStoreType: KafkaStoreType.PKCS12 }] },
};

describe('every factory and method argument refuses every wrong runtime type, naming the factory and the argument', () => {
  test('every guarded factory has a call here', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(schemas().factories).sort());
  });

  test.each(Object.keys(CALLS))('%s', (factory) => {
    const { call, valid } = CALLS[factory];
    const specs = schemas().factories[factory];
    const failures: string[] = [];
    specs.forEach(([name, guard], i) => {
      const argCases: Case[] = 'schema' in guard
        ? cases(guard.schema, guard.typeName).map((c) => ({ ...c, set: (v: any) => c.set(v) }))
        : [];
      const direct = 'schema' in guard
        ? WRONG.filter((w) => w !== null && (typeof w !== 'object' || Array.isArray(w) || w instanceof Date || w instanceof Duration))
        : WRONG.filter((w) => guard.check(w, name).length > 0);
      const attempts: Array<{ field: string; value: unknown; args: () => unknown[] }> = [];
      for (const value of direct) attempts.push({ field: name, value, args: () => { const a = valid(); a[i] = value; return a; } });
      if (!('schema' in guard) && guard.required) {
        attempts.push({ field: name, value: undefined, args: () => { const a = valid(); a[i] = undefined; return a; } });
      }
      for (const c of argCases) {
        attempts.push({ field: c.field, value: c.value, args: () => { const a = valid(); a[i] = c.set((a[i] as any) ?? {}); return a; } });
      }
      for (const a of attempts) {
        const expected = `${factory}: ${a.field} = ${renderValue(a.value)}: `;
        try {
          const message = refusal(() => call(...a.args()));
          const nested = isEmptyObject(a.value) && message.includes(`${factory}: ${a.field}.`);
          if (!message.includes(expected) && !nested) failures.push(`${a.field} = ${renderValue(a.value)}: got ${message}`);
        } catch (e: any) {
          failures.push(`${a.field} = ${renderValue(a.value)}: ${e.message}`);
        }
      }
    });
    expect(failures).toEqual([]);
  });
});

/**
 * Fields whose type their owner's rule checks at the construct that uses them (see `podFile` in
 * lib/guard-schemas.ts): PodFile values in the options of `EndpointTransport.async` and the `KafkaSecurity`
 * factories. Each is fed every wrong runtime type; the message names the construct path and the field, and a
 * credential written as a literal is never echoed.
 */
const CREDENTIALS = ['password', 'jaasConfig', 'trustStorePassword', 'keyStorePassword', 'keyPassword'];
const OWNER_CHECKED: { [field: string]: { build: (c: Chart, value: unknown) => unknown; path: string } } = {
  ...Object.fromEntries(['trustCaCerts', 'clientCert', 'clientKey', 'clientKeyPasswordFile'].map((name) => [`transport.${name}`, {
    build: (c: Chart, value: unknown) => new HttpEndpoint(c, 'x', { app: appOf(c), functions: 'ext/*', url: 'https://fn.example.com/statefun', transport: EndpointTransport.async({ [name]: value } as any) }),
    path: 'shop/x',
  }])),
  'transport.clientKey (a function\'s transport)': {
    build: (c, value) => new RemoteFunction(c, 'x', { app: appOf(c), image: 'shop/fn:1.0.0', functions: ['shop/*'], transport: EndpointTransport.async({ clientKey: value, clientCert: PodFile.atPath('/etc/tls/c.pem') } as any) }),
    path: 'shop/x',
  },
  'security.password': {
    build: (c, value) => new KafkaEgress(c, 'x', { app: appOf(c), egressId: 'shop/out', address: KAFKA, security: KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'u', password: value } as any) }),
    path: 'shop/x',
  },
  'security.jaasConfig': {
    build: (c, value) => new KafkaEgress(c, 'x', { app: appOf(c), egressId: 'shop/out', address: KAFKA, security: KafkaSecurity.saslPlaintext({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, jaasConfig: value } as any) }),
    path: 'shop/x',
  },
  ...Object.fromEntries(['trustStore', 'trustStorePassword', 'keyStore', 'keyStorePassword', 'keyPassword'].map((name) => [`security.tls.${name}`, {
    build: (c: Chart, value: unknown) => new KafkaIngress(c, 'x', {
      ...PROPS.KafkaIngressProps.valid(c) as any,
      security: KafkaSecurity.ssl({ trustStoreType: KafkaStoreType.PKCS12, keyStoreType: KafkaStoreType.PKCS12, [name]: value } as any),
    }),
    path: 'shop/x',
  }])),
};

describe('fields their owner checks refuse every wrong runtime type at the construct, naming the field', () => {
  test('every PodFile field left to its owner is listed here', () => {
    const left: string[] = [];
    for (const [factory, specs] of Object.entries(schemas().factories)) {
      for (const [, guard] of specs) {
        if (!('schema' in guard)) continue;
        const walk = (schema: { readonly [f: string]: FieldGuard }, prefix: string) => {
          for (const [key, g] of Object.entries(schema)) {
            const nested = g.check as any;
            if (nested.schema) walk(nested.schema(), `${prefix}${key}.`);
            else if (/PodFile/.test(g.expected) && g.check(42, key).length === 0) left.push(`${factory}: ${prefix}${key}`);
          }
        };
        walk(guard.schema, '');
      }
    }
    expect(left.sort()).toEqual([
      'EndpointTransport.async: clientCert', 'EndpointTransport.async: clientKey', 'EndpointTransport.async: clientKeyPasswordFile',
      'EndpointTransport.async: trustCaCerts',
      'KafkaSecurity.saslPlaintext: jaasConfig', 'KafkaSecurity.saslPlaintext: password',
      'KafkaSecurity.saslSsl: jaasConfig', 'KafkaSecurity.saslSsl: password',
      'KafkaSecurity.saslSsl: tls.keyPassword', 'KafkaSecurity.saslSsl: tls.keyStore', 'KafkaSecurity.saslSsl: tls.keyStorePassword',
      'KafkaSecurity.saslSsl: tls.trustStore', 'KafkaSecurity.saslSsl: tls.trustStorePassword',
      'KafkaSecurity.ssl: keyPassword', 'KafkaSecurity.ssl: keyStore', 'KafkaSecurity.ssl: keyStorePassword', 'KafkaSecurity.ssl: trustStore',
      'KafkaSecurity.ssl: trustStorePassword',
    ]);
  });

  test.each(Object.keys(OWNER_CHECKED))('%s', (name) => {
    const { build, path } = OWNER_CHECKED[name];
    const field = name.replace(/ \(.*\)$/, '');
    const failures: string[] = [];
    for (const value of WRONG) {
      const secret = CREDENTIALS.includes(field.split('.').pop()!) && typeof value === 'string';
      const expected = `[${path}] ${field} = ${secret ? '"(a literal value)"' : renderValue(value)}: `;
      try {
        const message = refusal(() => build(chart(), value));
        if (!message.includes(expected)) failures.push(`${renderValue(value)}: got ${message}`);
        if (secret && message.includes(String(value))) failures.push(`${renderValue(value)}: the literal credential is echoed`);
      } catch (e: any) {
        failures.push(`${renderValue(value)}: ${e.message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Part 3: nothing public escapes the guards
// ---------------------------------------------------------------------------

/** Static factories that take no parameter (nothing to check). */
const NO_PARAMETERS = [
  'AwsCredentials.defaultProviderChain', 'AwsRegion.defaultProviderChain', 'FlinkMetrics.disabled', 'GcsPlugin.bakedIntoImage',
  'HighAvailability.disabled', 'InvalidRecordHandling.fail', 'KafkaDeliverySemantic.atLeastOnce', 'KafkaDeliverySemantic.none',
  'KafkaStartupPosition.earliest', 'KafkaStartupPosition.groupOffsets', 'KafkaStartupPosition.latest', 'KinesisStartupPosition.earliest',
  'KinesisStartupPosition.latest', 'RestartStrategy.none', 'SnapshotType.checkpoint',
];

/** Static factories of constructs: their props are checked by the construct's props schema (Part 2). */
const CONSTRUCT_FACTORIES: { [factory: string]: string } = {
  'CheckpointStore.s3': 'S3CheckpointStoreProps',
  'CheckpointStore.s3Compatible': 'S3CompatibleCheckpointStoreProps',
  'CheckpointStore.gcsViaS3Interop': 'GcsInteropCheckpointStoreProps',
  'CheckpointStore.gcs': 'GcsCheckpointStoreProps',
  'CheckpointStore.azure': 'AzureCheckpointStoreProps',
};

/** Factories whose arguments a reader of their own checks at entry, in the same message form. */
const OWN_CHECKS: { [factory: string]: () => unknown } = {
  'FlinkConfigMigration.fromFlinkConf': () => FlinkConfigMigration.fromFlinkConf(['parallelism.default: 2'] as any),
};

test('factories with checks of their own refuse wrong types as library errors', () => {
  expect(refusal(OWN_CHECKS['FlinkConfigMigration.fromFlinkConf'])).toBe(
    '[FlinkConfigMigration] (file) = ["parallelism.default: 2"]: not a map of configuration keys. Fix: give the configuration as `key: value` lines or nested maps');
});

/**
 * Factories not guarded yet: empty, and it stays so. A factory added to the package needs an entry in
 * `build().factories` of lib/guard-schemas.ts, a `checkArgs` line and a `CALLS` entry; the test below
 * fails for one that has none.
 */
const NOT_YET_GUARDED: string[] = [];

test('every public static factory of the package is guarded (or takes no parameter)', () => {
  const found: string[] = [];
  for (const [name, value] of Object.entries(lib)) {
    if (typeof value !== 'function' || !/^[A-Z]/.test(name)) continue;
    for (const member of Object.getOwnPropertyNames(value)) {
      if (member.startsWith('_') || ['length', 'name', 'prototype', 'isConstruct'].includes(member)) continue;
      if (typeof (value as any)[member] === 'function') found.push(`${name}.${member}`);
    }
  }
  const guarded = [...Object.keys(schemas().factories), ...Object.keys(CONSTRUCT_FACTORIES), ...Object.keys(OWN_CHECKS)];
  for (const propsName of Object.values(CONSTRUCT_FACTORIES)) expect(Object.keys(schemas().props)).toContain(propsName);
  expect(found.filter((f) => !guarded.includes(f) && !NO_PARAMETERS.includes(f) && !NOT_YET_GUARDED.includes(f)).sort()).toEqual([]);
  // The list shrinks, never silently: an entry that is guarded by now must leave it.
  expect(NOT_YET_GUARDED.filter((f) => guarded.includes(f) || !found.includes(f))).toEqual([]);
});

/** Exported constructs and the props schema their constructor checks; abstract bases are made through subclasses or factories. */
const CONSTRUCTS: { [construct: string]: string } = {
  StateFunApp: 'StateFunAppProps',
  RemoteFunction: 'RemoteFunctionProps',
  HttpEndpoint: 'HttpEndpointProps',
  KafkaIngress: 'KafkaIngressProps',
  KafkaEgress: 'KafkaEgressProps',
  KinesisIngress: 'KinesisIngressProps',
  KinesisEgress: 'KinesisEgressProps',
  FlinkPodMonitor: 'FlinkPodMonitorProps',
  FunctionServiceMonitor: 'FunctionServiceMonitorProps',
  StateFunAlerts: 'StateFunAlertsProps',
  FlinkStateSnapshot: 'FlinkStateSnapshotProps',
};
const ABSTRACT_CONSTRUCTS = ['ModuleComponent', 'Endpoint', 'Ingress', 'Egress', 'CheckpointStore'];

test('every exported construct checks its props (a new construct needs a schema, a checkProps call and a PROPS target)', () => {
  const found = Object.entries(lib)
    .filter(([, value]) => typeof value === 'function' && (value as any).prototype instanceof Construct)
    .map(([name]) => name)
    .filter((name) => !ABSTRACT_CONSTRUCTS.includes(name));
  expect(found.sort()).toEqual(Object.keys(CONSTRUCTS).sort());
  for (const propsName of Object.values(CONSTRUCTS)) expect(Object.keys(PROPS)).toContain(propsName);
});

test('the guards run before the construct is usable: no half-built component registers with the app', () => {
  const c = chart();
  const app = new StateFunApp(c, 'orders');
  expect(() => new KafkaIngress(c, 'in', { app, ingressId: 'shop/in', address: 9092 } as any)).toThrow(/\[shop\/in\] address = 9092: expected a string/);
  expect(app.components).toEqual([]);
});

test('property: arbitrary values in any props fields never escape as a TypeError (or any non-library error)', () => {
  const names = Object.keys(PROPS);
  fc.assert(fc.property(
    fc.constantFrom(...names),
    fc.array(fc.tuple(fc.nat(), fc.oneof(
      fc.anything({ maxDepth: 2, withBoxedValues: false }),
      // Values of the right type but any content, which reach the value rules.
      fc.string({ maxLength: 30 }), fc.integer({ min: -5, max: 70000 }), fc.double(), fc.boolean(),
      fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
    )), { minLength: 1, maxLength: 3 }),
    (name, edits) => {
      const target = PROPS[name];
      const fields = Object.keys((schemas().props as any)[name]);
      const c = chart();
      const props: Record<string, unknown> = { ...target.valid(c) };
      for (const [i, value] of edits) props[fields[i % fields.length]] = value;
      try {
        target.build(c, props);
        Testing.synth(c);
      } catch (e: any) {
        expect(e).not.toBeInstanceOf(TypeError);
        expect(e.message).toMatch(/(\] |^\s*[A-Z][A-Za-z0-9]+\.[a-zA-Z]+: ).+? = /m);
      }
    },
  ), { numRuns: 600 });
});

test('property: arbitrary arguments to any factory or method never escape as a TypeError', () => {
  fc.assert(fc.property(
    fc.constantFrom(...Object.keys(CALLS)),
    fc.nat(),
    fc.oneof(fc.anything({ maxDepth: 2, withBoxedValues: false }), fc.string({ maxLength: 30 }), fc.integer(), fc.double()),
    (factory, position, value) => {
      const { call, valid } = CALLS[factory];
      const args = valid();
      args[position % Math.max(1, args.length)] = value;
      try {
        call(...args);
      } catch (e: any) {
        expect(e).not.toBeInstanceOf(TypeError);
        expect(e.message).toMatch(/(\] |^\s*[A-Z][A-Za-z0-9]+\.[a-zA-Z]+: ).+? = |^module\.yaml cannot be imported/m);
      }
    },
  ), { numRuns: 600 });
});

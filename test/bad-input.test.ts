/**
 * Bad input never yields a manifest. Each row is one wrong configuration a user can write: the exact
 * message it gets (construct path, field, value, why and fix), and the proof that nothing was written —
 * a construction-time error throws from the constructor, a synth-time error throws from `app.synth()`
 * and leaves no *.yaml in the output directory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AwsCredentials, AwsRegion, AzureCredentials, AzureStorageProtocol, CheckpointStore, EndpointTransport, FlinkConfigMigration, FlinkMetrics,
  FlinkStateSnapshot, FlinkVersion, FunctionScaling, FunctionType, GcsPlugin, HighAvailability, HttpEndpoint, InvalidRecordHandling,
  KafkaDeliverySemantic,
  KafkaEgress, KafkaIngress, KafkaStartupPosition, KinesisEgress, KinesisIngress, LeaderElection, ModuleImport, OperatorVersion,
  RemoteFunction, RemoteFunctionProps, RestartStrategy, S3Credentials, StateBackend, StateFunApp, StateFunAppProps, StateFunImage,
  KafkaSaslMechanism, KafkaSecurity, PodFile, PodVolume, SavepointSource, SnapshotType, TolerationOperator, UpgradeMode, ValueType,
} from '../lib';
import { messageOf } from './support/fixtures';

/** When the error is raised: by a constructor (or importer), or by `app.synth()`. */
type Phase = 'construct' | 'synth';

interface BadInput {
  readonly name: string;
  readonly phase: Phase;
  /** Builds the wrong configuration into `app` (throws itself for construction-time errors). */
  readonly build: (app: App) => void;
  /**
   * The complete error message; a RegExp (anchored) only where part of the message is a known defect
   * reported separately, so the good part is still pinned exactly.
   */
  readonly expected: string | RegExp;
}

const NS = 'shop';
const KAFKA = 'kafka.shop.svc:9092';
const STREAM_ARN = 'arn:aws:kinesis:eu-central-1:123456789012:stream/clicks';

function chartOf(app: App): Chart {
  return new Chart(app, 'shop', { namespace: NS });
}

/** A valid app (namespace shop) with one function serving `shop/*`. */
function shop(app: App, props: StateFunAppProps = {}) {
  const chart = chartOf(app);
  const statefun = new StateFunApp(chart, 'orders', props);
  const fn = new RemoteFunction(chart, 'order-fn', { app: statefun, image: 'shop/order-fn:1.0.0', functions: ['shop/*'] });
  return { chart, statefun, fn };
}

/** `shop` plus a Kafka ingress routed to the function: a complete, synthesizable app. */
function complete(app: App, props: StateFunAppProps = {}) {
  const s = shop(app, props);
  const ingress = new KafkaIngress(s.chart, 'orders-in', {
    app: s.statefun,
    ingressId: 'shop/orders',
    address: KAFKA,
    consumerGroupId: 'orders',
    topics: [{ topic: 'orders', valueType: ValueType.of('shop/Order'), targets: [s.fn.functionType('order')] }],
  });
  return { ...s, ingress };
}

function irsaStore(chart: Chart): CheckpointStore {
  return CheckpointStore.s3(chart, 'store', { bucket: 'shop-state', region: 'eu-central-1', irsaRoleArn: 'arn:aws:iam::123456789012:role/shop' });
}

function badFunction(app: App, props: Partial<RemoteFunctionProps>) {
  const { chart, statefun } = shop(app);
  new RemoteFunction(chart, 'bad-fn', { app: statefun, image: 'shop/bad-fn:1.0.0', functions: ['bad/*'], ...props });
}

function kafkaIn(app: App, props: Partial<ConstructorParameters<typeof KafkaIngress>[2]>) {
  const { chart, statefun, fn: f } = shop(app);
  new KafkaIngress(chart, 'bad-in', {
    app: statefun,
    ingressId: 'shop/bad',
    address: KAFKA,
    consumerGroupId: 'bad',
    topics: [{ topic: 'bad', valueType: ValueType.STRING, targets: [f.functionType('order')] }],
    ...props,
  });
}

function endpoint(app: App, props: Partial<ConstructorParameters<typeof HttpEndpoint>[2]>) {
  const { chart, statefun } = shop(app);
  new HttpEndpoint(chart, 'pricing', { app: statefun, functions: 'pricing/*', url: 'https://pricing.example.com/statefun', ...props });
}

function kinesisIn(app: App, props: Partial<ConstructorParameters<typeof KinesisIngress>[2]>, appProps: StateFunAppProps = {}) {
  const { chart, statefun, fn: f } = shop(app, appProps);
  new KinesisIngress(chart, 'clicks-in', { app: statefun, ingressId: 'shop/clicks', streamArn: STREAM_ARN, valueType: ValueType.STRING, targets: [f.functionType('click')], ...props });
}

function kinesisOut(app: App, props: Partial<ConstructorParameters<typeof KinesisEgress>[2]>) {
  const { chart, statefun } = shop(app);
  new KinesisEgress(chart, 'audit-out', { app: statefun, egressId: 'shop/audit', streamName: 'audit', region: AwsRegion.specific('eu-central-1'), ...props });
}

const secret = (chart: Chart, name: string) => kplus.Secret.fromSecretName(chart, name, name);

const CASES: BadInput[] = [];
const bad = (name: string, phase: Phase, build: (app: App) => void, expected: string | RegExp) => CASES.push({ name, phase, build, expected });

// --- StateFunApp: versions, image, identity, feature combinations.
bad('flinkVersion v2_2 on operator 1.11 (version mismatch)', 'construct',
  (app) => shop(app, { operatorVersion: OperatorVersion.V1_11, flinkVersion: FlinkVersion.V2_2 }), '[shop/orders] flinkVersion = "v2_2": operator 1.11\'s CRD accepts only v2_0; the API server would reject the FlinkDeployment. Fix: use FlinkVersion.V2_0 or target OperatorVersion.V1_13 or newer');
bad('operator release the library does not target', 'construct',
  (app) => shop(app, { operatorVersion: '1.10' as OperatorVersion }), '[shop/orders] operatorVersion = "1.10": not an operator release this library targets (1.11, 1.12, 1.13, 1.14, 1.15, 1.16); older operators do not know Flink 2.x. Fix: use an OperatorVersion, e.g. OperatorVersion.V1_16 (the default, the newest release)');
bad('Flink 1.x flinkVersion', 'construct',
  (app) => shop(app, { operatorVersion: OperatorVersion.V1_15, flinkVersion: 'v1_20' as FlinkVersion }), '[shop/orders] flinkVersion = "v1_20": not a Flink 2.x version any operator 1.11–1.16 CRD accepts (operator 1.15 accepts v2_0, v2_1, v2_2). Fix: use FlinkVersion.V2_2');
bad('flinkVersion v2_3 with a Flink 2.2 image (operator 1.16 accepts the value)', 'construct',
  (app) => shop(app, { flinkVersion: FlinkVersion.V2_3 }), '[shop/orders] flinkVersion = "v2_3": the image runs Flink 2.2; flinkVersion tells the operator which Flink the cluster runs (it picks version-dependent configuration and REST behaviour from it), so claiming a newer one than the image has is an untested combination. Fix: use FlinkVersion.V2_2 (the image\'s Flink), or leave flinkVersion unset; use an image that runs Flink 2.3 to write v2_3');
bad('flinkVersion v2_3 on operator 1.15', 'construct',
  (app) => shop(app, { operatorVersion: OperatorVersion.V1_15, flinkVersion: FlinkVersion.V2_3, image: StateFunImage.fromImage('registry.example.com/statefun:1', '3.4.0-KZM-3.5', { flinkVersion: FlinkVersion.V2_3 }) }), '[shop/orders] flinkVersion = "v2_3": operator 1.15\'s CRD accepts only v2_0, v2_1, v2_2; the API server would reject the FlinkDeployment. Fix: use FlinkVersion.V2_2 or target OperatorVersion.V1_16 or newer');
bad('an image declaring an unknown Flink version', 'construct',
  (app) => shop(app, { image: StateFunImage.fromImage('registry.example.com/statefun:1', '3.4.0-KZM-3.5', { flinkVersion: 'v1_20' as FlinkVersion }) }), /image \(flinkVersion\) = "v1_20": not a Flink 2.x version the library knows. Fix: use a FlinkVersion, e.g. FlinkVersion.V2_2/);
bad('a resource limit (1.16-only) with operator 1.15', 'construct',
  (app) => shop(app, { operatorVersion: OperatorVersion.V1_15, taskManager: { resources: { cpu: kplus.Cpu.units(1), memory: Size.gibibytes(2), limits: { memory: Size.gibibytes(3) } } } }), '[shop/orders] taskManager.resources.limits = {"memory":"3Gi"}: needs `spec.taskManager.resources` (Kubernetes requests and limits), which exists from operator 1.16 on; operatorVersion is 1.15, where it is not in the CRD: the API server rejects the FlinkDeployment. Fix: set operatorVersion: OperatorVersion.V1_16 (or newer) if every cluster runs operator 1.16+, or drop taskManager.resources.limits');
bad('a memory limit below its request', 'construct',
  (app) => shop(app, { taskManager: { resources: { cpu: kplus.Cpu.units(1), memory: Size.gibibytes(4), limits: { memory: Size.mebibytes(3072) } } } }), '[shop/orders] taskManager.resources.limits.memory = "3Gi": below the memory request 4Gi; the operator refuses a request above its limit ("TaskManager resource requirements memory request (4Gi) must not exceed its limit (3Gi)", DefaultValidator.validateRequestNotAboveLimit, operator 1.16). Fix: set the limit to at least Size.gibibytes(4), or lower taskManager.resources.memory');
bad('a CPU limit below its request', 'construct',
  (app) => shop(app, { jobManager: { resources: { cpu: kplus.Cpu.units(1), memory: Size.gibibytes(1), limits: { cpu: kplus.Cpu.millis(500) } } } }), '[shop/orders] jobManager.resources.limits.cpu = "500m": below the cpu request 1; the operator refuses a request above its limit ("JobManager resource requirements cpu request (1) must not exceed its limit (500m)", DefaultValidator.validateRequestNotAboveLimit, operator 1.16). Fix: set the limit to at least Cpu.millis(1000), or lower jobManager.resources.cpu');
bad('an ephemeral-storage limit below its request', 'construct',
  (app) => shop(app, { taskManager: { resources: { cpu: kplus.Cpu.units(1), memory: Size.gibibytes(2), ephemeralStorage: Size.gibibytes(10), limits: { ephemeralStorage: Size.gibibytes(5) } } } }), '[shop/orders] taskManager.resources.limits.ephemeralStorage = "5Gi": below the ephemeral-storage request 10Gi; Kubernetes rejects a pod whose request exceeds its limit, so the TaskManager pod would never be created. Fix: set the limit to at least Size.gibibytes(10), or lower taskManager.resources.ephemeralStorage');
bad('zero CPU', 'construct',
  (app) => shop(app, { taskManager: { resources: { cpu: kplus.Cpu.units(0), memory: Size.gibibytes(2) } } }), '[shop/orders] taskManager.resources.cpu = "0": CPU must be a positive amount of cores (the operator refuses it: "TaskManager resource requirements requests cpu must be positive"). Fix: use e.g. Cpu.units(1) or Cpu.millis(500)');
bad('a savepoint snapshot of an app without a savepoint directory', 'construct',
  (app) => { const { chart, statefun } = shop(app); new FlinkStateSnapshot(chart, 'backup', { app: statefun, snapshot: SnapshotType.savepoint() }); }, '[shop/backup] app = "orders": the app has no savepoint directory (execution.checkpointing.savepoint-dir), so the operator fails the snapshot ("Either the savepoint path in the spec or configuration execution.checkpointing.savepoint-dir in the Flink resource has to be supplied"). Fix: give app \'orders\' a checkpointStore (it derives the savepoint directory)');
bad('a checkpoint snapshot of an app without a checkpoint directory', 'construct',
  (app) => { const { chart, statefun } = shop(app); new FlinkStateSnapshot(chart, 'cp', { app: statefun, snapshot: SnapshotType.checkpoint() }); }, '[shop/cp] app = "orders": the app has no checkpoint directory (execution.checkpointing.dir): a checkpoint would be kept in JobManager memory and have no path to restore from. Fix: give app \'orders\' a checkpointStore');
bad('a snapshot the operator takes, as another app\'s initial savepoint', 'construct',
  (app) => {
    const chart = chartOf(app);
    const store = CheckpointStore.s3(chart, 'store', { bucket: 'shop-state', region: 'us-east-1' });
    const source = new StateFunApp(chart, 'orders', { checkpointStore: store });
    const snap = new FlinkStateSnapshot(chart, 'backup', { app: source, snapshot: SnapshotType.savepoint() });
    new StateFunApp(chart, 'orders-copy', { checkpointStore: store, initialSavepoint: SavepointSource.fromSnapshot(snap) });
  }, '[shop/orders-copy] initialSavepoint = "SavepointSource.fromSnapshot(shop/backup)": FlinkStateSnapshot \'backup\' is a savepoint the operator takes when it is applied; its path exists only at run time (status.path), so no initialSavepointPath can be written at synth. Fix: once it is COMPLETED read it (kubectl get flinkstatesnapshot backup -o jsonpath=\'{.status.path}\') and use SavepointSource.fromPath(path), or import it with SnapshotType.existingSavepoint(path)');
bad('a savepoint redeploy without a savepoint', 'construct',
  (app) => shop(app, { savepointRedeployNonce: 1 }), '[shop/orders] savepointRedeployNonce = 1: a savepoint redeploy restarts the job from initialSavepointPath, and there is none (the operator: "InitialSavepointPath must not be empty for savepoint redeployment"). Fix: set initialSavepoint to the savepoint to redeploy from, or drop the nonce');
bad('a snapshot without an app', 'construct',
  (app) => new FlinkStateSnapshot(chartOf(app), 'backup', { snapshot: SnapshotType.savepoint() }), '[shop/backup] app = (not set): the operator takes a savepoint of a job and refuses a snapshot without one ("Job reference must be supplied for this snapshot"). Fix: set app to the StateFunApp to snapshot');
bad('runtime image tagged latest', 'construct',
  (app) => shop(app, { image: StateFunImage.kzmlabs('latest') }), 'Invalid configuration:\n  [shop/orders] image = "ghcr.io/kzmlabs/flink-statefun:latest": `latest` is a moving tag: restarts can silently change the runtime and feature checks cannot be made. Fix: pin a release tag, e.g. StateFunImage.kzmlabs(\'3.4.0-KZM-3.5\')\n  [shop/orders] image (release) = "latest": not a Kzmlabs release tag of the form <x.y.z>-KZM-<major>.<minor>[-RCn]. Fix: use a tag such as \'3.4.0-KZM-3.5\'; for your own image pass the Kzmlabs tag it is built from to StateFunImage.fromImage(image, basedOnTag)');
bad('own runtime image without a tag', 'construct',
  (app) => shop(app, { image: StateFunImage.fromImage('registry.example.com/statefun', '3.4.0-KZM-3.5') }), '[shop/orders] image = "registry.example.com/statefun": the image has no tag, so every node may pull a different runtime. Fix: pin a release tag, e.g. StateFunImage.kzmlabs(\'3.4.0-KZM-3.5\')');
bad('own runtime image based on a non-release tag', 'construct',
  (app) => shop(app, { image: StateFunImage.fromImage('registry.example.com/statefun:1.0', 'main') }), '[shop/orders] image (release) = "main": not a Kzmlabs release tag of the form <x.y.z>-KZM-<major>.<minor>[-RCn]. Fix: use a tag such as \'3.4.0-KZM-3.5\'; for your own image pass the Kzmlabs tag it is built from to StateFunImage.fromImage(image, basedOnTag)');
bad('registry mirror with a scheme', 'construct',
  (app) => shop(app, { imageRegistry: 'https://harbor.example.com/proxy' }), '[shop/orders] imageRegistry = "https://harbor.example.com/proxy": a registry mirror is host[:port][/path] without scheme or tag. Fix: write e.g. \'harbor.example.com/proxy\'');
bad('Kubernetes HA without a checkpoint store', 'construct',
  (app) => shop(app, { highAvailability: HighAvailability.kubernetes() }), '[shop/orders] highAvailability = "kubernetes": Kubernetes HA keeps job metadata in high-availability.storageDir, which is derived from the checkpoint store. Fix: set checkpointStore, or use HighAvailability.disabled()');
bad('existing ServiceAccount with an IRSA store', 'construct', (app) => {
  const chart = chartOf(app);
  new StateFunApp(chart, 'orders', { checkpointStore: irsaStore(chart), serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'flink') });
}, '[shop/orders] serviceAccount = "flink": the checkpoint store\'s workload identity needs the annotation eks.amazonaws.com/role-arn=arn:aws:iam::123456789012:role/shop on the ServiceAccount, and an existing ServiceAccount cannot be annotated by the app. Fix: let the app create the ServiceAccount (omit serviceAccount), or annotate yours and configure the store without the identity');
bad('Prometheus Operator objects with metrics disabled', 'construct',
  (app) => shop(app, { prometheusOperator: {}, metrics: FlinkMetrics.disabled() }), '[shop/orders] prometheusOperator = "metrics: FlinkMetrics.disabled()": the PodMonitor and the alerts need the Prometheus reporter of the Flink pods. Fix: keep the default metrics (FlinkMetrics.prometheus()), or remove prometheusOperator');
bad('scrape interval not in whole seconds', 'construct',
  (app) => shop(app, { prometheusOperator: { scrapeInterval: Duration.millis(1500) } }), '[shop/orders] prometheusOperator.scrapeInterval = Duration(1 second 500 millis): scrape intervals are whole seconds, at least 1s. Fix: use e.g. Duration.seconds(30)');
bad('monitor label key with a space', 'construct',
  (app) => shop(app, { prometheusOperator: { labels: { 'release name': 'kps' } } }), '[shop/orders] prometheusOperator.labels[\'release name\'] = "kps": not a valid Kubernetes label key/value. Fix: use e.g. { release: \'kube-prometheus-stack\' }');
bad('Prometheus namespace not a DNS label', 'construct',
  (app) => shop(app, { prometheusOperator: { prometheusNamespace: 'Monitoring' } }), '[shop/orders] prometheusOperator.prometheusNamespace = "Monitoring": not a namespace name (DNS label). Fix: write e.g. \'monitoring\'');

// --- Typed Flink settings: units, ranges, contradictions.
bad('checkpoint interval of 5 ms (wrong unit)', 'construct',
  (app) => shop(app, { checkpointing: { interval: Duration.millis(5) } }), '[shop/orders] checkpointing.interval = Duration(5 millis): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(10)');
bad('checkpoint timeout with a fractional millisecond', 'construct',
  (app) => shop(app, { checkpointing: { timeout: Duration.millis(1.5) } }), '[shop/orders] checkpointing.timeout = Duration(1.5 millis): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(600)');
bad('zero retained checkpoints', 'construct',
  (app) => shop(app, { checkpointing: { retainedCheckpoints: 0 } }), '[shop/orders] checkpointing.retainedCheckpoints = 0: Flink keeps at least one completed checkpoint (a whole number ≥ 1). Fix: use e.g. 3');
bad('negative tolerable checkpoint failures', 'construct',
  (app) => shop(app, { checkpointing: { tolerableFailures: -1 } }), '[shop/orders] checkpointing.tolerableFailures = -1: a count of checkpoint failures, a whole number ≥ 0. Fix: use e.g. 3');
bad('incremental checkpoints with the hashmap backend', 'construct',
  (app) => shop(app, { stateBackend: StateBackend.HASHMAP, checkpointing: { incremental: true } }), '[shop/orders] checkpointing.incremental = true: the hashmap state backend has no incremental checkpoints, so Flink would silently take full ones. Fix: use StateBackend.ROCKSDB, or drop checkpointing.incremental (or enable checkpointing.changelog)');
bad('changelog without a checkpoint store', 'construct',
  (app) => shop(app, { checkpointing: { changelog: true } }), '[shop/orders] checkpointing.changelog = true: the changelog is uploaded to state.changelog.dstl.dfs.base-path, derived from the checkpoint store, and the app has none. Fix: set checkpointStore, or leave checkpointing.changelog off');
bad('fractional restart attempts', 'construct',
  (app) => shop(app, { restartStrategy: RestartStrategy.fixedDelay({ attempts: 2.5, delay: Duration.seconds(5) }) }), '[shop/orders] restartStrategy (restart-strategy.fixed-delay.attempts) = 2.5: a whole number ≥ 0. Fix: use e.g. 3');
bad('restart jitter above 1', 'construct',
  (app) => shop(app, { restartStrategy: RestartStrategy.exponentialDelay({ jitterFactor: 1.5 }) }), '[shop/orders] restartStrategy (restart-strategy.exponential-delay.jitter-factor) = 1.5: the jitter is a fraction of the delay, between 0 and 1. Fix: use e.g. 0.1');
bad('initial backoff above the maximum backoff', 'construct',
  (app) => shop(app, { restartStrategy: RestartStrategy.exponentialDelay({ initialBackoff: Duration.minutes(5), maxBackoff: Duration.minutes(1) }) }), '[shop/orders] restartStrategy = "5min … 1min": the initial backoff must be positive and not above the maximum backoff. Fix: use e.g. initialBackoff 1s, maxBackoff 1min');
bad('leader election retry period not below the renew deadline', 'construct', (app) => {
  const chart = chartOf(app);
  new StateFunApp(chart, 'orders', {
    checkpointStore: irsaStore(chart),
    highAvailability: HighAvailability.kubernetes({
      leaderElection: LeaderElection.custom({
        leaseDuration: Duration.seconds(15),
        renewDeadline: Duration.seconds(10),
        retryPeriod: Duration.seconds(10),
      }),
    }),
  });
}, '[shop/orders] highAvailability.leaderElection = "lease 15s, renew 10s, retry 10s": leader election needs 0 < retry period < renew deadline ≤ lease duration (whole milliseconds). Fix: use LeaderElection.DEFAULT (15s/15s/5s) or LeaderElection.FAST (15s/10s/2s)');
bad('fixed TaskManager replicas together with parallelism', 'construct',
  (app) => shop(app, { taskManager: { replicas: 2 }, parallelism: 4 }), '[shop/orders] parallelism = 4: taskManager.replicas (2) takes precedence: the operator runs the job with replicas × taskSlots and ignores job.parallelism. Fix: set either parallelism or taskManager.replicas');
bad('metrics port Flink uses itself', 'construct',
  (app) => shop(app, { metrics: FlinkMetrics.prometheus({ port: 6123 }) }), '[shop/orders] metrics.port = 6123: a TCP port 1–65535 not used by Flink itself (6122, 6123, 6124, 8081). Fix: use 9249, the Prometheus reporter default');
bad('heap size as a JVM option', 'construct',
  (app) => shop(app, { jvmOptions: ['-Xmx2g'] }), '[shop/orders] jvmOptions[0] = "-Xmx2g": Flink derives heap, direct and metaspace limits from the process memory; this option would fight them. Fix: size the process with jobManager.resources.memory / taskManager.resources.memory');
bad('two JVM options in one entry', 'construct',
  (app) => shop(app, { jvmOptions: ['-Dfoo=bar -Dbaz=1'] }), '[shop/orders] jvmOptions[0] = "-Dfoo=bar -Dbaz=1": one JVM option per entry, starting with "-" and without spaces (entries are joined with spaces into env.java.opts.all). Fix: split it, e.g. [\'-Dfoo=bar\', \'-XX:+UseG1GC\']');
bad('empty StateFun job name', 'construct',
  (app) => shop(app, { statefun: { jobName: ' ' } }), '[shop/orders] statefun.jobName = " ": the job name must not be empty. Fix: use e.g. the app name');
bad('zero async operations per task', 'construct',
  (app) => shop(app, { statefun: { asyncMaxPerTask: 0 } }), '[shop/orders] statefun.asyncMaxPerTask = 0: a whole number ≥ 1. Fix: use e.g. 32768');
bad('feedback memory below 1 MiB', 'construct',
  (app) => shop(app, { statefun: { feedbackMemory: Size.kibibytes(512) } }), '[shop/orders] statefun.feedbackMemory = "524288 bytes": the feedback channel needs at least 1 MiB before spilling. Fix: use e.g. Size.mebibytes(32)');
bad('global-config key with a space', 'construct',
  (app) => shop(app, { statefun: { globalConfig: { 'tenant id': 'acme' } } }), '[shop/orders] statefun.globalConfig[\'tenant id\'] = "tenant id": a global-config key becomes part of a Flink key (statefun.module.global-config.<key>): only letters, digits, \'_\', \'-\' and \'.\' (no spaces). Fix: use e.g. \'tenant.id\'');
bad('parent-first patterns joined with ";"', 'construct',
  (app) => shop(app, { statefun: { additionalParentFirstPatterns: ['com.acme;org.shared'] } }), '[shop/orders] statefun.additionalParentFirstPatterns = "com.acme;org.shared": a parent-first pattern is a package or class name prefix (no ";" or spaces). Fix: use e.g. \'com.mycompany.shared\'');
bad('zero REST await-leader timeout', 'construct',
  (app) => shop(app, { jobManager: { rest: { awaitLeaderTimeout: Duration.millis(0) } } }), '[shop/orders] jobManager.rest.awaitLeaderTimeout = Duration(0 millis): a positive whole number of milliseconds. Fix: use e.g. Duration.seconds(90)');
bad('zero savepoint history', 'construct',
  (app) => shop(app, { operator: { savepointHistoryMaxCount: 0 } }), '[shop/orders] operator.savepointHistoryMaxCount = 0: a whole number ≥ 1. Fix: use e.g. 10');

// --- StateFunApp at synth: operator rules and the configuration linter.
bad('FlinkDeployment name longer than 45 characters', 'construct',
  (app) => complete(app, { name: 'orders-statefun-application-for-the-eu-region-x' }), '[shop/orders] name = "orders-statefun-application-for-the-eu-region-x": the operator requires lower-case alphanumerics or \'-\', starting with a letter, ending with an alphanumeric, at most 45 characters ("The FlinkDeployment name: orders-statefun-application-for-the-eu-region-x is invalid"). Fix: set props.name (or the construct id) to e.g. \'orders-statefun-application-for-the-eu-region\'');
bad('FlinkDeployment name with upper case and underscore', 'construct',
  (app) => complete(app, { name: 'Orders_App' }), '[shop/orders] name = "Orders_App": the operator requires lower-case alphanumerics or \'-\', starting with a letter, ending with an alphanumeric, at most 45 characters ("The FlinkDeployment name: Orders_App is invalid"). Fix: set props.name (or the construct id) to e.g. \'orders-app\'');
bad('legacy key state.backend in flinkConfiguration', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'state.backend': 'rocksdb' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'state.backend\'] = "rocksdb": legacy Flink 1.x key, renamed in Flink 1.17; it is a dot-prefix of state.backend.type and state.backend.rocksdb.*; next to any of them operator 1.16 fails the deploy on Flink 2.x ("Overlapping key prefixes detected"). Fix: use stateBackend (writes state.backend.type)');
bad('execution.restart-strategy.type (not a Flink option)', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'execution.restart-strategy.type': 'fixed-delay' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'execution.restart-strategy.type\'] = "fixed-delay": not a Flink option: it was the legacy SQL-client form; Flink ignores it and restarts forever with exponential delay. Fix: use restartStrategy (writes restart-strategy.type)');
bad('key removed in Flink 2.0', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'state.backend.async': 'true' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'state.backend.async\'] = "true": removed in Flink 2.0 (snapshots are always asynchronous): Flink ignores it silently. Fix: remove it: nothing replaces it on Flink 2.x');
bad('key the operator forbids', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'kubernetes.cluster-id': 'orders' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'kubernetes.cluster-id\'] = "orders": the operator rejects the FlinkDeployment ("Forbidden Flink config key: kubernetes.cluster-id"); it sets the key itself. Fix: remove it: the cluster id is the app name (the name prop)');
bad('extra key contradicting a typed prop', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'execution.checkpointing.interval': '30s' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'execution.checkpointing.interval\'] = "30s": contradicts the typed prop checkpointing.interval, which sets it to "10s"; the extra would silently override it. Fix: remove it from flinkConfiguration and set checkpointing.interval');
bad('HA key while HA is disabled', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'high-availability.type': 'kubernetes' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'high-availability.type\'] = "kubernetes": high availability is disabled (HighAvailability.disabled()), so high-availability.* has no effect or turns HA on behind the typed prop. Fix: remove it and configure highAvailability');
// The operator's second finding here (no savepoint directory) suggests UpgradeMode.LAST_STATE, which needs a
// checkpoint directory just the same; only the first, correct finding is pinned.
bad('savepoint upgrades without a checkpoint store', 'synth',
  (app) => complete(app, { upgradeMode: UpgradeMode.SAVEPOINT }),
  'Validation failed with the following errors:\n  [shop/orders] upgradeMode = "savepoint": the operator refuses last-state and savepoint upgrades without a checkpoint directory ("Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes"). Fix: set checkpointStore, or use UpgradeMode.STATELESS');
bad('periodic savepoints without a savepoint directory', 'synth',
  (app) => complete(app, { operator: { periodicSavepointInterval: Duration.hours(1) } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'kubernetes.operator.periodic.savepoint.interval\'] = "1h": the operator refuses periodic savepoints (the key\'s presence counts, even 0ms) without a savepoint directory ("Periodic savepoints cannot be enabled when config key[execution.checkpointing.savepoint-dir] is not set"). Fix: set checkpointStore, or drop operator.periodicSavepointInterval');
bad('rollback without high availability', 'synth',
  (app) => complete(app, { operator: { deploymentRollback: true } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'kubernetes.operator.deployment.rollback.enabled\'] = "true": the operator refuses rollbacks without high availability ("HA must be enabled for rollback support."). Fix: enable HighAvailability.kubernetes() (needs a checkpointStore) or drop operator.deploymentRollback');
bad('standby JobManager without high availability', 'synth',
  (app) => complete(app, { jobManager: { replicas: 2 } }), 'Validation failed with the following errors:\n  [shop/orders] jobManager.replicas = 2: the operator refuses standby JobManagers without high availability ("High availability should be enabled when starting standby JobManagers."). Fix: enable HighAvailability.kubernetes() (needs a checkpointStore) or use 1 replica');
bad('JobManager memory in the wrong unit (32 MiB)', 'synth',
  (app) => complete(app, { jobManager: { resources: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(32) } } }), 'Validation failed with the following errors:\n  [shop/orders] jobManager.resources.memory = "32m": Flink cannot fit the JobManager\'s memory pools into 32 MiB ("Sum of configured JVM Metaspace (256 MiB) and JVM Overhead (192 MiB) exceed configured Total Process Memory (32 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with Flink\'s default memory pools is 577 MiB. Fix: set jobManager.resources.memory to at least Size.mebibytes(577)');
bad('zero parallelism', 'synth',
  (app) => complete(app, { parallelism: 0 }), 'Validation failed with the following errors:\n  [shop/orders] parallelism = 0: the operator refuses it ("Job parallelism must be larger than 0"). Fix: use a whole number ≥ 1');
bad('initial savepoint as a local path', 'synth',
  (app) => complete(app, { initialSavepointPath: '/tmp/savepoint-1' }), 'Validation failed with the following errors:\n  [shop/orders] initialSavepointPath = "/tmp/savepoint-1": a savepoint path is a filesystem URI. Fix: write the full URI, e.g. \'s3://my-bucket/statefun/orders/savepoints/savepoint-abc123\'');
bad('module without an ingress', 'synth',
  (app) => shop(app), 'Validation failed with the following errors:\n  [shop/orders] module = "1 endpoint(s), 0 ingress(es)": StateFun refuses to start without an ingress ("There are no ingress defined."). Fix: add an ingress with { app: orders }, e.g. new KafkaIngress(...)');

// --- RemoteFunction.
bad('function name that is no DNS label', 'construct', (app) => badFunction(app, { name: 'Order_Fn' }), '[shop/bad-fn] name = "Order_Fn": the name becomes a Service name: a DNS label of lower-case alphanumerics and \'-\', starting with a letter, at most 63 characters. Fix: choose a name such as \'order-handler\'');
bad('function name longer than a DNS label', 'construct', (app) => badFunction(app, { name: `order-${'x'.repeat(60)}` }), `[shop/bad-fn] name = "order-${'x'.repeat(60)}": the name becomes a Service name: a DNS label of lower-case alphanumerics and '-', starting with a letter, at most 63 characters. Fix: choose a name such as 'order-handler'`);
bad('topic name longer than Kafka allows', 'construct',
  (app) => kafkaIn(app, { topics: [{ topic: 't'.repeat(250), valueType: ValueType.STRING, targets: [FunctionType.of('shop/order')] }] }), `[shop/bad-in] topics[0].topic = "${'t'.repeat(250)}": Kafka topic names are at most 249 characters; this one has 250 (org.apache.kafka.common.internals.Topic). Fix: use the topic's exact name, e.g. 'example.orders'`);
bad('function image tagged latest', 'construct', (app) => badFunction(app, { image: 'shop/bad-fn:latest' }), '[shop/bad-fn] image = "shop/bad-fn:latest": an unpinned or `latest` image changes under a running job on every pod restart. Fix: pin a version tag or digest, e.g. \'my-org/my-function:1.0.0\'');
bad('function image without a tag', 'construct', (app) => badFunction(app, { image: 'shop/bad-fn' }), '[shop/bad-fn] image = "shop/bad-fn": an unpinned or `latest` image changes under a running job on every pod restart. Fix: pin a version tag or digest, e.g. \'my-org/my-function:1.0.0\'');
bad('function serving nothing', 'construct', (app) => badFunction(app, { functions: [] }), "[shop/bad-fn] functions = []: a function server that serves no function type is never called. Fix: list what it serves, e.g. functions: ['example/*']");
bad('function pattern with a partial wildcard', 'construct', (app) => badFunction(app, { functions: ['bad/order*'] }), '[shop/bad-fn] functions[0] = "bad/order*": only <namespace>/<name> or <namespace>/* are supported: \'*\' may only be the whole name. Fix: write \'<namespace>/<name>\' for one function or \'<namespace>/*\' for every function of a namespace, e.g. \'example/*\'');
bad('function port out of range', 'construct', (app) => badFunction(app, { port: 70000 }), '[shop/bad-fn] port = 70000: ports are 1-65535. Fix: use e.g. 8080');
bad('function path without a leading slash', 'construct', (app) => badFunction(app, { path: 'statefun' }), '[shop/bad-fn] path = "statefun": a URL path starting with \'/\', no query, and no placeholder other than {function.name}. Fix: write e.g. \'/statefun\' or \'/functions/{function.name}\'');
bad('autoscaling maximum below the minimum', 'construct', (app) => badFunction(app, { scaling: FunctionScaling.autoscale({ minReplicas: 5, maxReplicas: 2 }) }), '[shop/bad-fn] scaling.maxReplicas = 2: must be a whole number ≥ minReplicas (5). Fix: use at least 5');
bad('CPU target above 100%', 'construct', (app) => badFunction(app, { scaling: FunctionScaling.autoscale({ targetCpuUtilization: 150 }) }), '[shop/bad-fn] scaling.targetCpuUtilization = 150: a utilization target is a percentage of the CPU request, 1-100. Fix: use e.g. 70');
bad('zero fixed replicas', 'construct', (app) => badFunction(app, { scaling: FunctionScaling.fixed(0) }), '[shop/bad-fn] scaling = 0: a function with no replicas makes every invocation fail and the job restart. Fix: use FunctionScaling.fixed(n) with n ≥ 1, or FunctionScaling.autoscale()');
bad('autoscaling without a CPU request', 'construct',
  (app) => badFunction(app, { resources: { memory: { request: Size.mebibytes(256) } } }), '[shop/bad-fn] resources.cpu.request = (not set): CPU utilization is measured against the CPU request; without one the HPA never scales. Fix: set resources.cpu.request, e.g. Cpu.millis(250)');
bad('metrics port equal to the function port', 'construct', (app) => badFunction(app, { metricsPort: 8080 }), '[shop/bad-fn] metricsPort = 8080: the metrics port must differ from the function port, or the NetworkPolicy would open the function port to scrapers. Fix: use a separate port, e.g. 9090');
bad('routing to a type the function does not serve', 'construct',
  (app) => shop(app).fn.functionType('shipping/label'), '[shop/order-fn] functionType("shipping/label") = "shipping/label": not served by this function (it serves \'shop/*\'). Fix: use a type matching one of its functions patterns, or add the pattern to functions');

// --- HttpEndpoint and EndpointTransport.
bad('endpoint URL with an unsupported scheme', 'construct', (app) => endpoint(app, { url: 'ftp://pricing.example.com/statefun' }), '[shop/pricing] url = "ftp://pricing.example.com/statefun": StateFun calls endpoints over http, https, http+unix or https+unix. Fix: use an absolute URL such as \'https://functions.example.com/statefun\' (placeholder {function.name} allowed in the path)');
bad('endpoint URL with a namespace placeholder', 'construct', (app) => endpoint(app, { url: 'https://pricing.example.com/{function.namespace}/{function.name}' }), '[shop/pricing] url = "https://pricing.example.com/{function.namespace}/{function.name}": the only placeholder StateFun substitutes is {function.name}; any other braces are sent literally. Fix: remove the other placeholders; the namespace cannot be templated');
bad('zero batch requests', 'construct', (app) => endpoint(app, { maxNumBatchRequests: 0 }), '[shop/pricing] maxNumBatchRequests = 0: at least one request must be allowed per address (a Java int). Fix: use a whole number ≥ 1 (runtime default 1000)');
bad('TLS settings on an http URL', 'construct',
  (app) => endpoint(app, { url: 'http://pricing.example.com/statefun', transport: EndpointTransport.async({ trustCaCerts: PodFile.atPath('/etc/ca.pem') }) }), '[shop/pricing] transport = "http://pricing.example.com/statefun": TLS settings (trust store, client certificate) apply to https URLs only; with http they are never used. Fix: use an https:// URL, or remove trustCaCerts/clientCert/clientKey');
bad('OkHttp read timeout above the call timeout', 'construct',
  (app) => endpoint(app, { transport: EndpointTransport.okhttp({ callTimeout: Duration.minutes(1), readTimeout: Duration.minutes(2) }) }), '[shop/pricing] transport.readTimeout = Duration(2 minutes): the OkHttp transport refuses a read timeout larger than the call timeout (1min): "timeout cannot be larger than request timeout". Fix: lower readTimeout or raise callTimeout to at least Duration.minutes(2)');
bad('zero call timeout', 'construct', (app) => endpoint(app, { transport: EndpointTransport.async({ callTimeout: Duration.seconds(0) }) }), '[shop/pricing] transport.callTimeout = Duration(0 seconds): the runtime refuses zero and reads whole milliseconds only. Fix: use a positive Duration such as Duration.seconds(10)');
bad('zero connection pool', 'construct', (app) => endpoint(app, { transport: EndpointTransport.async({ poolSize: 0 }) }), '[shop/pricing] transport.poolSize = 0: the connection pool size is a Java int of at least one connection. Fix: use a whole number from 1 to 2147483647 (runtime default 1024)');
bad('client certificate without its key', 'construct', (app) => endpoint(app, { transport: EndpointTransport.async({ clientCert: PodFile.atPath('/tls/client.pem') }) }), '[shop/pricing] transport.clientKey = (not set): mutual TLS needs both the client certificate and its key. Fix: set both clientCert and clientKey, or neither');
bad('payload limit above a Java int', 'construct', (app) => endpoint(app, { transport: EndpointTransport.async({ payloadMaxSize: Size.gibibytes(4) }) }), '[shop/pricing] transport.payloadMaxSize = "4294967296 bytes": payload_max_bytes is a Java int: at least 1 byte and below 2 GiB. Fix: use e.g. Size.mebibytes(32) (the runtime default)');
bad('endpoint overlapping a RemoteFunction pattern', 'synth', (app) => {
  const { chart, statefun } = complete(app);
  new HttpEndpoint(chart, 'order-endpoint', { app: statefun, functions: 'shop/order', url: 'https://orders.example.com/statefun' });
}, 'Validation failed with the following errors:\n  [shop/order-endpoint] functions = "shop/order": overlaps \'shop/*\' of shop/order-fn/Endpoint: one function type would have two endpoints and which one is called is not obvious. Fix: serve each function type from exactly one endpoint (use distinct namespaces, or one <namespace>/* endpoint)');

// --- KafkaIngress.
bad('ingress id without a namespace', 'construct', (app) => kafkaIn(app, { ingressId: 'orders' }), '[shop/bad-in] ingressId = "orders": an ingress id must be a TypeName <namespace>/<name> with exactly one \'/\' and no spaces. Fix: write it as e.g. \'example/ingress-id\'');
bad('broker address with a scheme', 'construct', (app) => kafkaIn(app, { address: 'kafka://kafka.shop.svc:9092' }), '[shop/bad-in] address = "kafka://kafka.shop.svc:9092": \'kafka://kafka.shop.svc:9092\' is not host:port with a port 1-65535 (no scheme). Fix: write \'host:port\' or a comma-separated list, e.g. \'kafka.my-app.svc:9092\'');
bad('broker address without a port', 'construct', (app) => kafkaIn(app, { address: 'kafka.shop.svc' }), '[shop/bad-in] address = "kafka.shop.svc": \'kafka.shop.svc\' is not host:port with a port 1-65535 (no scheme). Fix: write \'host:port\' or a comma-separated list, e.g. \'kafka.my-app.svc:9092\'');
bad('ingress without topics', 'construct', (app) => kafkaIn(app, { topics: [] }), '[shop/bad-in] topics = []: an ingress without topics reads nothing. Fix: list at least one { topic, valueType, targets }');
bad('topic name with a space', 'construct', (app) => kafkaIn(app, { topics: [{ topic: 'new orders', valueType: ValueType.STRING, targets: [FunctionType.of('shop/order')] }] }), '[shop/bad-in] topics[0].topic = "new orders": Kafka topic names contain only ASCII alphanumerics, \'.\', \'_\' and \'-\' (org.apache.kafka.common.internals.Topic). Fix: use the topic\'s exact name, e.g. \'example.orders\'');
bad('topic listed twice', 'construct', (app) => kafkaIn(app, {
  topics: [
    { topic: 'orders', valueType: ValueType.STRING, targets: [FunctionType.of('shop/order')] },
    { topic: 'orders', valueType: ValueType.STRING, targets: [FunctionType.of('shop/audit')] },
  ],
}), '[shop/bad-in] topics[1].topic = "orders": the topic is listed twice; the runtime keeps only one entry. Fix: merge the targets into one topic entry');
bad('topic without targets', 'construct', (app) => kafkaIn(app, { topics: [{ topic: 'orders', valueType: ValueType.STRING, targets: [] }] }), "[shop/bad-in] topics[0].targets = []: records without targets are read and dropped. Fix: route to at least one function, e.g. targets: [handler.functionType('greeter')]");
bad('wildcard routing target', 'construct', (app) => kafkaIn(app, { topics: [{ topic: 'orders', valueType: ValueType.STRING, targets: [FunctionType.of('shop/*')] }] }), '[shop/bad-in] topics[0].targets[0] = "shop/*": a function type names one concrete type; \'*\' is only valid in an endpoint\'s functions pattern. Fix: name the type without wildcards, e.g. \'example/greeter\'');
bad('value type given as a string', 'construct', (app) => kafkaIn(app, { topics: [{ topic: 'orders', valueType: 'shop/Order' as unknown as ValueType, targets: [FunctionType.of('shop/order')] }] }), '[shop/bad-in] topics[0].valueType = "shop/Order": value types are ValueType objects, so the TypeName is checked in one place. Fix: write ValueType.of(\'shop/Order\')');
bad('bootstrap.servers in properties', 'construct', (app) => kafkaIn(app, { properties: { 'bootstrap.servers': 'other:9092' } }), '[shop/bad-in] properties[\'bootstrap.servers\'] = "other:9092": address sets this; a second value in properties would silently conflict with it. Fix: set address instead and remove the property');
bad('numeric property value', 'construct', (app) => kafkaIn(app, { properties: { 'max.poll.records': 500 as unknown as string } }), "[shop/bad-in] properties['max.poll.records'] = 500: property values are strings (the runtime reads them as text). Fix: quote it: '500'");
bad('specific offsets for a topic the ingress does not read', 'construct',
  (app) => kafkaIn(app, { startupPosition: KafkaStartupPosition.specificOffsets([{ topic: 'payments', partition: 0, offset: 42 }]) }), '[shop/bad-in] startupPosition.offsets[0].topic = "payments": the ingress does not read this topic (it reads \'bad\'). Fix: use one of the ingress topics');
bad('startup date before 1970', 'construct',
  (app) => kafkaIn(app, { startupPosition: KafkaStartupPosition.date(new Date('1969-12-31T00:00:00Z')) }), '[shop/bad-in] startupPosition.date = "1969-12-31T00:00:00.000Z": a startup date is a point in a stream\'s retention: after 1970 and before year 10000 (the runtime\'s yyyy pattern). Fix: use a recent date, e.g. new Date(\'2026-04-23T00:00:00Z\')');
bad('unroutable target (typo in the namespace)', 'synth', (app) => {
  const { chart, statefun } = complete(app);
  new KafkaIngress(chart, 'returns-in', {
    app: statefun,
    ingressId: 'shop/returns',
    address: KAFKA,
    consumerGroupId: 'returns',
    topics: [{ topic: 'returns', valueType: ValueType.of('shop/Return'), targets: [FunctionType.of('shpo/returns')] }],
  });
}, 'Validation failed with the following errors:\n  [shop/returns-in] topics[0].targets[0] = "shpo/returns": no endpoint of app \'orders\' serves this function type, so the job would fail on the first message (served: \'shop/*\'). Fix: route to a function type a RemoteFunction or HttpEndpoint of this app serves (remoteFunction.functionType(...)), or add an endpoint for it');
bad('two ingresses with one id', 'synth', (app) => {
  const { chart, statefun, fn: f } = complete(app);
  new KafkaIngress(chart, 'orders-in-2', {
    app: statefun,
    ingressId: 'shop/orders',
    address: KAFKA,
    consumerGroupId: 'orders-2',
    topics: [{ topic: 'orders-2', valueType: ValueType.of('shop/Order'), targets: [f.functionType('order')] }],
  });
}, 'Validation failed with the following errors:\n  [shop/orders-in-2] ingressId = "shop/orders": the ingress id is already used by shop/orders-in; StateFun fails at startup ("A binding for the key ... was previously defined"). Fix: give every ingress of the app a unique id');
bad('forwardHeaders on an image without the feature (feature gate)', 'synth', (app) => {
  const { chart, statefun, fn: f } = shop(app, { image: StateFunImage.kzmlabs('3.4.0-KZM-3.3') });
  new KafkaIngress(chart, 'orders-in', {
    app: statefun,
    ingressId: 'shop/orders',
    address: KAFKA,
    consumerGroupId: 'orders',
    forwardHeaders: true,
    topics: [{ topic: 'orders', valueType: ValueType.of('shop/Order'), targets: [f.functionType('order')] }],
  });
}, 'Validation failed with the following errors:\n  [shop/orders-in] forwardHeaders = "3.4.0-KZM-3.3": forwardHeaders exists from KZM-3.4 on; the app\'s image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.3 is older, and its runtime ignores the field silently. Fix: upgrade the app\'s image to KZM-3.4 or newer (e.g. StateFunImage.kzmlabs(\'3.4.0-KZM-3.5\')) or remove forwardHeaders');
bad('invalidRecordHandling on an image without the feature (feature gate)', 'synth', (app) => {
  const { chart, statefun, fn: f } = shop(app, { image: StateFunImage.kzmlabs('3.4.0-KZM-3.4') });
  new KafkaIngress(chart, 'orders-in', {
    app: statefun,
    ingressId: 'shop/orders',
    address: KAFKA,
    consumerGroupId: 'orders',
    invalidRecordHandling: InvalidRecordHandling.skip(),
    topics: [{ topic: 'orders', valueType: ValueType.of('shop/Order'), targets: [f.functionType('order')] }],
  });
}, 'Validation failed with the following errors:\n  [shop/orders-in] invalidRecordHandling = "3.4.0-KZM-3.4": invalidRecordHandling exists from KZM-3.5 on; the app\'s image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.4 is older, and its runtime ignores the field silently. Fix: upgrade the app\'s image to KZM-3.5 or newer (e.g. StateFunImage.kzmlabs(\'3.4.0-KZM-3.5\')) or remove invalidRecordHandling');

// --- KafkaEgress.
bad('exactly-once without accepting the transactional-id gap', 'synth', (app) => {
  const { chart, statefun } = complete(app);
  new KafkaEgress(chart, 'receipts', { app: statefun, egressId: 'shop/receipts', address: KAFKA, deliverySemantic: KafkaDeliverySemantic.exactlyOnce({ transactionTimeout: Duration.minutes(1) }) });
}, 'Validation failed with the following errors:\n  [shop/receipts] deliverySemantic = "exactly-once": the runtime\'s Kafka sink never sets a transactional id prefix and Flink\'s KafkaSink refuses EXACTLY_ONCE without one, so the job would likely fail when it is built. Fix: use KafkaDeliverySemantic.atLeastOnce() (the default), or opt in with acceptMissingTransactionalIdPrefix: true once your image sets the prefix');
bad('transaction timeout above the broker maximum', 'construct', (app) => {
  const { chart, statefun } = shop(app);
  new KafkaEgress(chart, 'receipts', { app: statefun, egressId: 'shop/receipts', address: KAFKA, deliverySemantic: KafkaDeliverySemantic.exactlyOnce({ transactionTimeout: Duration.minutes(20), acceptMissingTransactionalIdPrefix: true }) });
}, '[shop/receipts] deliverySemantic.transactionTimeout = Duration(20 minutes): Kafka brokers refuse a transaction timeout above transaction.max.timeout.ms (15 minutes by default), and the producer fails to start. Fix: use at most 15 minutes, e.g. Duration.minutes(1)');
bad('transaction timeout not above the checkpoint interval', 'synth', (app) => {
  const { chart, statefun } = complete(app, { checkpointing: { interval: Duration.minutes(2) } });
  new KafkaEgress(chart, 'receipts', { app: statefun, egressId: 'shop/receipts', address: KAFKA, deliverySemantic: KafkaDeliverySemantic.exactlyOnce({ transactionTimeout: Duration.minutes(1), acceptMissingTransactionalIdPrefix: true }) });
}, "Validation failed with the following errors:\n  [shop/receipts] deliverySemantic.transactionTimeout = Duration(1 minute): a transaction stays open until the next checkpoint completes, so it must outlast the app's checkpoint interval (2min); otherwise the broker aborts it and the job fails. Fix: use a timeout longer than Duration.minutes(2) (e.g. Duration.minutes(4)), or shorten checkpointing.interval");
bad('transaction.timeout.ms in egress properties', 'construct', (app) => {
  const { chart, statefun } = shop(app);
  new KafkaEgress(chart, 'receipts', { app: statefun, egressId: 'shop/receipts', address: KAFKA, properties: { 'transaction.timeout.ms': '60000' } });
}, '[shop/receipts] properties[\'transaction.timeout.ms\'] = "60000": deliverySemantic sets this; a second value in properties would silently conflict with it. Fix: use KafkaDeliverySemantic.exactlyOnce({ transactionTimeout }) and remove the property');
bad('two egresses with one id', 'synth', (app) => {
  const { chart, statefun } = complete(app);
  new KafkaEgress(chart, 'receipts', { app: statefun, egressId: 'shop/receipts', address: KAFKA });
  new KafkaEgress(chart, 'receipts-2', { app: statefun, egressId: 'shop/receipts', address: KAFKA });
}, 'Validation failed with the following errors:\n  [shop/receipts-2] egressId = "shop/receipts": the egress id is already used by shop/receipts; StateFun fails at startup ("A binding for the key ... was previously defined"). Fix: give every egress of the app a unique id');

// --- Kinesis constraints and credentials.
bad('Kinesis stream name where the ARN belongs', 'construct', (app) => kinesisIn(app, { streamArn: 'clicks' }), '[shop/clicks-in] streamArn = "clicks": the Flink 2.x Kinesis source reads a stream by ARN (arn:aws:kinesis:<region>:<12-digit account>:stream/<name>); without one the source provider fails ("requires an ARN"). Fix: write the full ARN, e.g. \'arn:aws:kinesis:us-east-1:123456789012:stream/clicks\'');
bad('Kinesis region other than the ARN\'s', 'construct', (app) => kinesisIn(app, { region: AwsRegion.specific('us-east-1') }), '[shop/clicks-in] region.regionId = "us-east-1": the stream ARN is in eu-central-1; a client in another region does not find the stream. Fix: use \'eu-central-1\' (or omit region: it defaults to the ARN\'s region)');
bad('plaintext keys against real AWS', 'construct', (app) => kinesisIn(app, { credentials: AwsCredentials.basicForLocalEmulatorOnly('AKIAEXAMPLE', 'secret') }), '[shop/clicks-in] credentials = "basicForLocalEmulatorOnly": plaintext keys would be written into the module ConfigMap, readable by anyone who can read ConfigMaps; they are accepted only with a local emulator endpoint (the region here is specific). Fix: put the keys in a Kubernetes Secret and use AwsCredentials.fromSecret(secret), or AwsCredentials.defaultProviderChain() with IRSA; for LocalStack set region: AwsRegion.customEndpoint(url, regionId)');
bad('AWS-issued keys even with an emulator endpoint', 'construct',
  (app) => kinesisIn(app, { region: AwsRegion.customEndpoint('http://localstack.shop:4566', 'eu-central-1'), credentials: AwsCredentials.basicForLocalEmulatorOnly('AKIAIOSFODNN7EXAMPLE', 'x') }),
  '[shop/clicks-in] credentials.accessKeyId = "AKIA…": this is an AWS-issued access key id; real keys must never be written into the module ConfigMap. Fix: put the keys in a Kubernetes Secret and use AwsCredentials.fromSecret(secret)');
bad('plaintext keys to a real (VPC) endpoint', 'construct',
  (app) => kinesisIn(app, { region: AwsRegion.customEndpoint('https://vpce-0abc.kinesis.eu-central-1.vpce.amazonaws.com', 'eu-central-1'), credentials: AwsCredentials.basicForLocalEmulatorOnly('test', 'test') }),
  '[shop/clicks-in] credentials = "basicForLocalEmulatorOnly": plaintext keys are for local emulators only, and https://vpce-0abc.kinesis.eu-central-1.vpce.amazonaws.com is not an in-cluster or localhost address; the keys would be written into the module ConfigMap. Fix: put the keys in a Kubernetes Secret and use AwsCredentials.fromSecret(secret)');
bad('region in clientConfigProperties', 'construct', (app) => kinesisIn(app, { clientConfigProperties: { 'aws.region': 'eu-central-1' } }), '[shop/clicks-in] clientConfigProperties[\'aws.region\'] = "eu-central-1": region sets this; a second value in properties would silently conflict with it. Fix: set region: AwsRegion.specific(...) and remove the property');
bad('credential keys in clientConfigProperties', 'construct',
  (app) => kinesisIn(app, { clientConfigProperties: { 'aws.credentials.provider.basic.secretkey': 'secret' } }), '[shop/clicks-in] clientConfigProperties[\'aws.credentials.provider.basic.secretkey\'] = "secret": credentials sets this; a second value in properties would silently conflict with it. Fix: set credentials (never plaintext keys in properties: use AwsCredentials.fromSecret) and remove the property');
bad('Kinesis keys from a Secret next to an IRSA store', 'synth', (app) => {
  const chart = chartOf(app);
  const statefun = new StateFunApp(chart, 'orders', { checkpointStore: irsaStore(chart) });
  const f = new RemoteFunction(chart, 'order-fn', { app: statefun, image: 'shop/order-fn:1.0.0', functions: ['shop/*'] });
  new KinesisIngress(chart, 'clicks-in', { app: statefun, ingressId: 'shop/clicks', streamArn: STREAM_ARN, valueType: ValueType.STRING, targets: [f.functionType('click')], credentials: AwsCredentials.fromSecret(secret(chart, 'kinesis-keys')) });
}, 'Validation failed with the following errors:\n  [shop/clicks-in] credentials = "kinesis-keys": the checkpoint store authenticates through IRSA (arn:aws:iam::123456789012:role/shop), but AWS_ACCESS_KEY_ID on the Flink pods comes first in the default credential chain, so S3 checkpoints would silently use the Kinesis keys instead. Fix: grant the IRSA role access to the stream and use AwsCredentials.defaultProviderChain()');
bad('two Kinesis components with keys from different Secrets', 'construct', (app) => {
  const { chart, statefun, fn: f } = shop(app);
  new KinesisIngress(chart, 'clicks-in', { app: statefun, ingressId: 'shop/clicks', streamArn: STREAM_ARN, valueType: ValueType.STRING, targets: [f.functionType('click')], credentials: AwsCredentials.fromSecret(secret(chart, 'keys-a')) });
  new KinesisEgress(chart, 'audit-out', { app: statefun, egressId: 'shop/audit', streamName: 'audit', region: AwsRegion.specific('eu-central-1'), credentials: AwsCredentials.fromSecret(secret(chart, 'keys-b')) });
}, '[shop/audit-out] credentials (AWS_ACCESS_KEY_ID) = "keys-b/AWS_ACCESS_KEY_ID": shop/clicks-in already sets AWS_ACCESS_KEY_ID from keys-a/AWS_ACCESS_KEY_ID; the Flink pods have one environment, so every AWS client sees one value. Fix: use the same Secret and keys for every Kinesis component of the app, or AwsCredentials.profile(...) for the one that needs other keys');
bad('credentials profile file as a relative path', 'construct', (app) => kinesisOut(app, { credentials: AwsCredentials.profile('statefun', '.aws/credentials') }), '[shop/audit-out] credentials.profilePath = ".aws/credentials": the credentials file is read inside the Flink pods, so its path must be absolute. Fix: mount the file and give its absolute path, e.g. \'/opt/flink/.aws/credentials\'');
bad('Kinesis egress given the stream ARN', 'construct', (app) => kinesisOut(app, { streamName: STREAM_ARN }), '[shop/audit-out] streamName = "arn:aws:kinesis:eu-central-1:123456789012:stream/clicks": the egress takes the short stream name, not the ARN. Fix: write \'clicks\'');
bad('Kinesis egress buffer not above one batch', 'construct', (app) => kinesisOut(app, { maxOutstandingRecords: 500 }), "[shop/audit-out] maxOutstandingRecords = 500: Flink's Kinesis sink buffers whole batches of up to 500 records and requires the buffer to be larger than one batch. Fix: use a whole number above 500 (runtime default 1000)");
bad('custom endpoint without a scheme', 'construct', (app) => kinesisOut(app, { region: AwsRegion.customEndpoint('localstack.shop:4566', 'us-east-1') }), '[shop/audit-out] region.endpoint = "localstack.shop:4566": a custom endpoint is an http:// or https:// URL. Fix: write e.g. AwsRegion.customEndpoint(\'http://localstack.my-app.svc:4566\', \'us-east-1\')');

// --- Flink's own rules: memory model, filesystem schemes, connector invariants, upgrade paths (issue 10).
/** A complete app whose chart also holds a store and whatever `extra` adds. */
function storedApp(app: App, props: (chart: Chart) => StateFunAppProps) {
  const chart = chartOf(app);
  const statefun = new StateFunApp(chart, 'orders', props(chart));
  const fn = new RemoteFunction(chart, 'order-fn', { app: statefun, image: 'shop/order-fn:1.0.0', functions: ['shop/*'] });
  new KafkaIngress(chart, 'orders-in', { app: statefun, ingressId: 'shop/orders', address: KAFKA, consumerGroupId: 'orders', topics: [{ topic: 'orders', valueType: ValueType.of('shop/Order'), targets: [fn.functionType('order')] }] });
  return { chart, statefun, fn };
}
bad('a 512 MiB TaskManager (Flink needs 982 MiB with its defaults)', 'synth',
  (app) => complete(app, { taskManager: { resources: { cpu: kplus.Cpu.units(1), memory: Size.mebibytes(512) } } }),
  'Validation failed with the following errors:\n  [shop/orders] taskManager.resources.memory = "512m": Flink cannot fit the TaskManager\'s memory pools into 512 MiB ("Sum of configured Framework Heap Memory (128 MiB), Framework Off-Heap Memory (128 MiB), Task Off-Heap Memory (0 MiB), Managed Memory (25.600 MiB (26843546 bytes)) and Network Memory (64 MiB) exceed configured Total Flink Memory (64 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with Flink\'s default memory pools is 982 MiB. Fix: set taskManager.resources.memory to at least Size.mebibytes(982)');
bad('a 576 MiB JobManager (Flink needs 577 MiB with its defaults)', 'synth',
  (app) => complete(app, { jobManager: { resources: { cpu: kplus.Cpu.millis(500), memory: Size.mebibytes(576) } } }),
  'Validation failed with the following errors:\n  [shop/orders] jobManager.resources.memory = "576m": Flink cannot fit the JobManager\'s memory pools into 576 MiB ("The configured Total Flink Memory (128 MiB) is less than the configured Off-heap Memory (128 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with Flink\'s default memory pools is 577 MiB. Fix: set jobManager.resources.memory to at least Size.mebibytes(577)');
bad('a JVM overhead fraction of 1', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'jobmanager.memory.jvm-overhead.fraction': '1' } }),
  'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'jobmanager.memory.jvm-overhead.fraction\'] = "1": Flink refuses the JobManager memory configuration at deploy ("Inconsistently configured jobmanager.memory.jvm-overhead.fraction (1) and its min (192 MiB), max (1024 MiB) value: fraction must be in range [0, 1)"). Fix: use a fraction in [0, 1), e.g. 0.1, or remove the key to use Flink\'s default');
bad('initialSavepointPath on s3a:// (the image has presto S3 only)', 'synth',
  (app) => complete(app, { initialSavepointPath: 's3a://shop-state/orders/savepoints/savepoint-1' }),
  'Validation failed with the following errors:\n  [shop/orders] initialSavepointPath = "s3a://shop-state/orders/savepoints/savepoint-1": s3a:// is served by flink-s3-fs-hadoop, which the image does not have (its S3 plugin is presto: s3://, s3p://), so Flink fails when it opens it ("Could not find a file system implementation for scheme \'s3a\'"); the image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5 serves abfs://, abfss://, oss://, s3://, s3p://, wasb://, wasbs://. Fix: write \'s3://shop-state/orders/savepoints/savepoint-1\' (same bucket and key through the presto S3 plugin)');
bad('a checkpoint directory on the pod\'s disk', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'execution.checkpointing.dir': 'file:///tmp/checkpoints' } }),
  'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'execution.checkpointing.dir\'] = "file:///tmp/checkpoints": a file:// path is the pod\'s own disk: gone when the pod is replaced and not shared between the JobManager and the TaskManagers, so checkpoints and savepoints cannot be restored. Fix: use a checkpoint store (checkpointStore: CheckpointStore.s3(...) or another durable store) instead of a local path');
bad('an image of your own declaring a scheme with ://', 'construct',
  (app) => shop(app, { image: StateFunImage.fromImage('registry.example.com/statefun:1.0', '3.4.0-KZM-3.5', { fileSystemSchemes: ['s3', 'gs://'] }) }),
  '[shop/orders] image.fileSystemSchemes = "gs://": a URI scheme is lower-case letters, digits, +, . or - without ://. Fix: write the bare scheme, e.g. \'gs\' for gs://');
bad('Kinesis EFO without a consumer name', 'construct',
  (app) => kinesisIn(app, { clientConfigProperties: { 'source.reader.type': 'EFO' } }),
  '[shop/clicks-in] clientConfigProperties[\'source.efo.consumer.name\'] = (not set): the EFO reader registers (or, SELF_MANAGED, looks up) a stream consumer by this name; without it the job fails at start ("For EFO reader type, EFO consumer name must be specified.", flink-connector-aws StreamConsumerRegistrar). Fix: add \'source.efo.consumer.name\': a name unique per job and stream, e.g. \'<app>-<ingress>\'');
bad('Kinesis egress on the default region chain', 'construct',
  (app) => kinesisOut(app, { region: AwsRegion.defaultProviderChain() }),
  '[shop/audit-out] region = "AwsRegion.defaultProviderChain()": the Kinesis sink reads only an explicit region (aws.region); with the default region chain it has none and the writer fails at start (the stream\'s region is not derivable: the egress names the stream, not its ARN). Fix: set region: AwsRegion.specific(\'<the stream\'s region>\') (or AwsRegion.customEndpoint(url, region) for LocalStack)');
bad('a Kinesis ingress on 3.4.0-KZM-2.0 (no Kinesis runtime binding before KZM-3.0)', 'synth',
  (app) => kinesisIn(app, {}, { image: StateFunImage.kzmlabs('3.4.0-KZM-2.0') }),
  'Validation failed with the following errors:\n  [shop/clicks-in] kind = "3.4.0-KZM-2.0": io.statefun.kinesis.v1/ingress exists from KZM-3.0 on; the app\'s image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-2.0 is older, and its runtime has no binding for Kinesis (the SDK jar shipped without one), so the module does not load. Fix: upgrade the app\'s image to KZM-3.0 or newer (e.g. StateFunImage.kzmlabs(\'3.4.0-KZM-3.5\')) or remove the Kinesis ingress');
bad('last-state upgrades with Kubernetes HA on operator 1.11 (FLINK-37571)', 'synth',
  (app) => storedApp(app, (chart) => ({
    operatorVersion: OperatorVersion.V1_11, upgradeMode: UpgradeMode.LAST_STATE, checkpointStore: irsaStore(chart),
  })),
  'Validation failed with the following errors:\n  [shop/orders] upgradeMode = "last-state": operator 1.11 with Flink 2.x and Kubernetes HA recovers the OLD execution plan on a last-state redeploy (it clears only jobGraph- entries of the HA ConfigMaps; Flink 2.x writes executionPlan-), so spec and module changes silently do not take effect (FLINK-37571, fixed in operator 1.12.0). Fix: target operator 1.12 or newer (operatorVersion), or use UpgradeMode.SAVEPOINT (the default with a checkpoint store; the library then turns the last-state fallback off on 1.11)');

// --- Checkpoint stores and their credentials.
bad('S3 bucket given as a URL', 'construct',
  (app) => CheckpointStore.s3(chartOf(app), 'store', { bucket: 's3://shop-state', region: 'eu-central-1' }), '[shop/store] bucket = "s3://shop-state": S3 bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit (no scheme, no path). Fix: give the bare bucket name, e.g. \'my-bucket\', and any path as prefix');
bad('S3 region that is no region code', 'construct',
  (app) => CheckpointStore.s3(chartOf(app), 'store', { bucket: 'shop-state', region: 'eu-central' }), '[shop/store] region = "eu-central": not an AWS region code. Fix: use a region code such as \'us-east-1\' or \'eu-central-1\'');
bad('IRSA role ARN of a user', 'construct',
  (app) => CheckpointStore.s3(chartOf(app), 'store', { bucket: 'shop-state', region: 'eu-central-1', irsaRoleArn: 'arn:aws:iam::123456789012:user/shop' }), '[shop/store] irsaRoleArn = "arn:aws:iam::123456789012:user/shop": not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>). Fix: copy the role ARN from IAM, e.g. \'arn:aws:iam::123456789012:role/statefun\'');
bad('store prefix with slashes around it', 'construct',
  (app) => CheckpointStore.s3(chartOf(app), 'store', { bucket: 'shop-state', region: 'eu-central-1', prefix: '/statefun/' }), '[shop/store] prefix = "/statefun/": a prefix is a relative key path without leading/trailing slashes, spaces or colons. Fix: write e.g. \'statefun/prod\'');
bad('S3-compatible endpoint with the bucket in the path', 'construct', (app) => {
  const chart = chartOf(app);
  CheckpointStore.s3Compatible(chart, 'store', { bucket: 'state', endpoint: 'http://minio.shop.svc:9000/state', credentials: S3Credentials.fromSecret(secret(chart, 'minio')) });
}, '[shop/store] endpoint = "http://minio.shop.svc:9000/state": an S3 endpoint is http(s)://host[:port] without path, query or credentials. Fix: write e.g. \'http://minio.storage.svc:9000\'');
bad('emulator keys for a remote endpoint', 'construct',
  (app) => CheckpointStore.s3Compatible(chartOf(app), 'store', { bucket: 'state', endpoint: 'https://s3.example.com', credentials: S3Credentials.plaintextForLocalEmulator('minio', 'minio123') }), '[shop/store] credentials = "S3Credentials.plaintextForLocalEmulator(...)": literal keys are for local emulators only, and https://s3.example.com is not an in-cluster or localhost address. Fix: keep the keys in a Secret and use S3Credentials.fromSecret(secret)');
bad('AWS-issued key as emulator keys', 'construct',
  (app) => CheckpointStore.s3Compatible(chartOf(app), 'store', { bucket: 'state', endpoint: 'http://minio.shop.svc:9000', credentials: S3Credentials.plaintextForLocalEmulator('AKIAIOSFODNN7EXAMPLE', 'x') }), '[shop/store] credentials = "AKIA…": this is an AWS-issued access key id: real credentials must not be written into source or manifests. Fix: put the keys in a Secret and use S3Credentials.fromSecret(secret), or IRSA with CheckpointStore.s3(...)');
bad('Secret key name with a space', 'construct', (app) => {
  const chart = chartOf(app);
  CheckpointStore.s3Compatible(chart, 'store', { bucket: 'state', endpoint: 'http://minio.shop.svc:9000', credentials: S3Credentials.fromSecret(secret(chart, 'minio'), { accessKeyIdKey: 'access key' }) });
}, '[shop/store] credentials.accessKeyIdKey = "access key": Secret keys consist of alphanumerics, \'-\', \'_\' and \'.\'. Fix: name the key as it appears in the Secret\'s data, e.g. \'AWS_ACCESS_KEY_ID\'');
bad('native GCS with the Kzmlabs image', 'construct', (app) => {
  const chart = chartOf(app);
  new StateFunApp(chart, 'orders', { checkpointStore: CheckpointStore.gcs(chart, 'store', { bucket: 'shop-state', plugin: GcsPlugin.builtIn('2.2.1') }) });
}, '[shop/orders] checkpointStore = "gs://shop-state": the Kzmlabs image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5 enables no GCS filesystem plugin (only presto S3, OSS and Azure), so Flink would fail to find a filesystem for gs://. Fix: build an image FROM it with flink-gs-fs-hadoop available and pass StateFunImage.fromImage(image, basedOnTag), or use CheckpointStore.gcsViaS3Interop(...) with HMAC keys');
bad('Azure account name in upper case', 'construct', (app) => {
  const chart = chartOf(app);
  CheckpointStore.azure(chart, 'store', { account: 'ShopState', container: 'checkpoints', credentials: AzureCredentials.accountKeyFromSecret(secret(chart, 'azure')) });
}, '[shop/store] account = "ShopState": storage account names are 3-24 lower-case letters and digits. Fix: give the bare account name, e.g. \'statefunstore\' (not the URL)');
bad('Azure Workload Identity with wasbs', 'construct', (app) => {
  CheckpointStore.azure(chartOf(app), 'store', {
    account: 'shopstate',
    container: 'checkpoints',
    protocol: AzureStorageProtocol.WASBS,
    credentials: AzureCredentials.workloadIdentity({ clientId: '00000000-0000-0000-0000-000000000001', tenantId: '00000000-0000-0000-0000-000000000002' }),
  });
}, '[shop/store] protocol = "wasbs": the legacy WASB driver has no OAuth, so Workload Identity cannot be used with wasbs://. Fix: use AzureStorageProtocol.ABFSS (works for ADLS Gen2 and Blob accounts), or an account key');

// --- Import mistakes (module.yaml).
bad('legacy module of format version 2.0', 'construct',
  () => ModuleImport.fromYaml('version: "2.0"\nmodule:\n  meta:\n    type: remote\n  spec: {}\n'), 'module.yaml cannot be imported (1 problem):\n  legacy module: version = "2.0": the runtime reads only format versions higher than or equal to 3.0. Fix: convert the module to version "3.0", or better to kind/spec documents (what this library writes)');
bad('misspelled Kafka field in module.yaml', 'construct', () => ModuleImport.fromYaml([
  'kind: io.statefun.kafka.v1/ingress',
  'spec:',
  '  id: shop/orders',
  '  bootstrapServers: kafka.shop.svc:9092',
  '  consumerGroupId: orders',
  '  topics:',
  '    - topic: orders',
  '      valueType: shop/Order',
  '      targets: [shop/order]',
].join('\n')), 'module.yaml cannot be imported (2 problems):\n  document 1 (io.statefun.kafka.v1/ingress \'shop/orders\'): spec.bootstrapServers = "kafka.shop.svc:9092": the brokers field is address; bootstrapServers is ignored. Fix: rename it to address\n  document 1 (io.statefun.kafka.v1/ingress \'shop/orders\'): spec.address = (not set): the brokers are required (the Kafka client cannot start without bootstrap servers). Fix: write \'host:port\' or a comma-separated list, e.g. \'kafka.my-app.svc:9092\'');
bad('unknown component kind', 'construct',
  () => ModuleImport.fromYaml('kind: io.statefun.kafka.v2/ingress\nspec:\n  id: shop/orders\n'), 'module.yaml cannot be imported (1 problem):\n  document 1 (io.statefun.kafka.v2/ingress \'shop/orders\'): kind = "io.statefun.kafka.v2/ingress": the runtime has no such component ("An extension with type io.statefun.kafka.v2/ingress does not exist."). Fix: write kind: io.statefun.kafka.v1/ingress');
bad('transactionTimeoutMillis given as a duration', 'construct', () => ModuleImport.fromYaml([
  'kind: io.statefun.kafka.v1/egress',
  'spec:',
  '  id: shop/receipts',
  '  address: kafka.shop.svc:9092',
  '  deliverySemantic:',
  '    type: exactly-once',
  '    transactionTimeoutMillis: 15min',
].join('\n'), { acceptMissingTransactionalIdPrefix: true }), 'module.yaml cannot be imported (1 problem):\n  document 1 (io.statefun.kafka.v1/egress \'shop/receipts\'): spec.deliverySemantic.transactionTimeoutMillis = "15min": the runtime reads transactionTimeoutMillis as a number (asLong), so a duration string becomes 0 ms and every transaction times out. Fix: write transactionTimeout: 15min instead');
bad('Kinesis ingress without streamArn', 'construct', () => ModuleImport.fromYaml([
  'kind: io.statefun.kinesis.v1/ingress',
  'spec:',
  '  id: shop/clicks',
  '  awsRegion: { type: specific, id: eu-central-1 }',
  '  streams:',
  '    - stream: clicks',
  '      valueType: io.statefun.types/string',
  '      targets: [shop/click]',
].join('\n')), "module.yaml cannot be imported (1 problem):\n  document 1 (io.statefun.kinesis.v1/ingress 'shop/clicks'): spec.streamArn = (not set): the Flink 2.x Kinesis source requires the stream ARN at the top level of spec. Fix: write streamArn: arn:aws:kinesis:eu-central-1:<account-id>:stream/clicks");
bad('a Kubernetes ConfigMap instead of module.yaml', 'construct',
  () => ModuleImport.fromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: module\ndata:\n  module.yaml: ""\n'), 'module.yaml cannot be imported (1 problem):\n  document 1: kind = "ConfigMap": this is a Kubernetes ConfigMap, not module.yaml. Fix: pass the text of its data[\'module.yaml\']');
bad('module.yaml with a YAML syntax error', 'construct',
  () => ModuleImport.fromYaml('kind: io.statefun.kafka.v1/egress\nspec:\n  id: shop/receipts\n   address: kafka:9092\n'), 'module.yaml cannot be imported (1 problem):\n  document 1: YAML syntax error: Nested mappings are not allowed in compact mappings at line 3, column 7. Fix: correct the YAML (indentation, quoting)');
bad('module.yaml with one egress id twice', 'construct',
  () => ModuleImport.fromYaml('kind: io.statefun.kafka.v1/egress\nspec:\n  id: shop/receipts\n  address: kafka.shop.svc:9092\n---\nkind: io.statefun.kafka.v1/egress\nspec:\n  id: shop/receipts\n  address: kafka.shop.svc:9092\n'), 'module.yaml cannot be imported (1 problem):\n  document 2 (io.statefun.kafka.v1/egress \'shop/receipts\'): spec.id = "shop/receipts": the egress id is already used by document 1 (io.statefun.kafka.v1/egress \'shop/receipts\'); the runtime fails at startup ("A binding for the key ... was previously defined"). Fix: give every egress a unique id');
bad('imported ingress whose id the app already uses', 'synth', (app) => {
  const { chart, statefun } = complete(app);
  ModuleImport.fromYaml([
    'kind: io.statefun.kafka.v1/ingress',
    'spec:',
    '  id: shop/orders',
    '  address: kafka.shop.svc:9092',
    '  consumerGroupId: legacy-orders',
    '  topics:',
    '    - topic: legacy.orders',
    '      valueType: shop/Order',
    '      targets: [shop/order]',
  ].join('\n')).addTo(chart, statefun);
}, 'Validation failed with the following errors:\n  [shop/KafkaIngress-shop.orders] ingressId = "shop/orders": the ingress id is already used by shop/orders-in; StateFun fails at startup ("A binding for the key ... was previously defined"). Fix: give every ingress of the app a unique id');
bad('a metrics reporter configured by class', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'metrics.reporter.jmx.class': 'org.apache.flink.metrics.jmx.JMXReporter' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'metrics.reporter.jmx.class\'] = "org.apache.flink.metrics.jmx.JMXReporter": reporters are no longer created from a class (removed in Flink 1.17, FLINK-24235): Flink 2.x finds a reporter only by its metrics.reporter.<name>.factory.class key (ReporterSetupBuilder), so this reporter is silently skipped and its port never opens. Fix: write \'metrics.reporter.jmx.factory.class\' = "org.apache.flink.metrics.jmx.JMXReporterFactory" instead');
bad('ForSt options with the RocksDB backend', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'state.backend.forst.memory.managed': 'true' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'state.backend.forst.memory.managed\'] = "true": the state backend is rocksdb (state.backend.type), so ForSt options have no effect (StateBackendLoader configures only the chosen backend). Fix: remove it, or choose the forst state backend');
bad('jobmanager.rpc.address, which native Kubernetes overwrites', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'jobmanager.rpc.address': 'statefun-master' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'jobmanager.rpc.address\'] = "statefun-master": native Kubernetes overwrites it: <cluster-id>.<namespace> (the JobManager service, InternalServiceDecorator) without HA, the JobManager pod IP with HA (KubernetesEntrypointUtils.loadConfiguration). Fix: remove it: TaskManagers find the JobManager through the address Kubernetes writes');
bad('a port range for a port Kubernetes needs fixed', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'taskmanager.rpc.port': '50100-50200' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'taskmanager.rpc.port\'] = "50100-50200": a port range: native Kubernetes refuses it when the cluster is deployed (KubernetesUtils.checkAndUpdatePortConfigOption: "taskmanager.rpc.port should be specified to a fixed port. Do not support a range of ports."). Fix: write one fixed port, e.g. "6122" (the Kubernetes default), or remove it');
bad('a likely typo of a known option', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'execution.checkpointing.intervall': '30s' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'execution.checkpointing.intervall\'] = "30s": not a current option of Flink 2.x, the operator or StateFun, and Flink ignores unknown keys silently; it looks like a typo. Fix: did you mean \'execution.checkpointing.interval\'?');
bad('an unknown key under a prefix the library models', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'execution.checkpointing.something-new': 'true' } }), 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'execution.checkpointing.something-new\'] = "true": not a current option of Flink 2.x, the operator or StateFun under execution.checkpointing., a prefix the library models; Flink ignores unknown keys silently. Fix: remove it, or write an option from Flink\'s configuration reference (keys under execution.checkpointing.)');
bad('config.yaml with a key without a value', 'construct',
  () => FlinkConfigMigration.fromYaml('execution:\n  checkpointing:\n    interval:\n'), '[FlinkConfigMigration] execution.checkpointing.interval = null: no value (YAML null): Flink cannot read an option without one. Fix: give it a value, or remove the key so the default applies');
bad('config.yaml with a list of maps', 'construct',
  () => FlinkConfigMigration.fromYaml('pipeline:\n  cached-files:\n    - name: f\n      path: /x\n'), '[FlinkConfigMigration] pipeline.cached-files = [{"name":"f","path":"/x"}]: a list holding maps or lists: the flat configuration has no form for it. Fix: write it as a string in the option\'s own syntax (e.g. \'k1:v1,k2:v2;k3:v3\' for a list of maps)');
bad('config.yaml with a key given twice', 'construct',
  () => FlinkConfigMigration.fromYaml('parallelism.default: 2\nparallelism.default: 4\n'), '[FlinkConfigMigration] (line 2) = (not set): not valid YAML 1.2, which Flink 2.x fails to load: Map keys must be unique. Fix: fix the YAML (a key given twice is an error in Flink 2.x too)');
bad('migrated flink-conf.yaml whose extras still hold a legacy key', 'synth', (app) => {
  const migration = FlinkConfigMigration.fromFlinkConf({ 'execution.checkpointing.interval': '30s' });
  complete(app, { ...migration.props, flinkConfiguration: { 'state.checkpoints.dir': 's3://old/checkpoints' } });
}, 'Validation failed with the following errors:\n  [shop/orders] flinkConfiguration[\'state.checkpoints.dir\'] = "s3://old/checkpoints": deprecated alias of execution.checkpointing.dir (renamed in Flink 1.20): Flink 2.x reads it only while execution.checkpointing.dir is unset, and the library writes every key in its 2.x form. Fix: use checkpointStore (writes execution.checkpointing.dir)');

// Runtime types, as untyped JavaScript passes them (refused at entry, before any rule reads them).
bad('highAvailability: true (used to turn HA off)', 'construct', (app) => {
  shop(app, { highAvailability: true as any });
}, '[shop/orders] highAvailability = true: expected a HighAvailability, got a boolean. Fix: use HighAvailability.kubernetes() or HighAvailability.disabled()');
bad('metrics: 9249 (used to turn metrics off)', 'construct', (app) => {
  shop(app, { metrics: 9249 as any });
}, '[shop/orders] metrics = 9249: expected a FlinkMetrics, got a number. Fix: use FlinkMetrics.prometheus() or FlinkMetrics.disabled()');
bad('RestartStrategy.fixedDelay({}) (used to fall back to Flink\'s defaults)', 'construct', (app) => {
  shop(app, { restartStrategy: RestartStrategy.fixedDelay({} as any) });
}, 'Invalid configuration:\n'
  + '  RestartStrategy.fixedDelay: attempts = (not set): required (a whole number). Fix: set it, e.g. 3\n'
  + '  RestartStrategy.fixedDelay: delay = (not set): required (a Duration). Fix: set it, e.g. Duration.seconds(10)');
bad('upgradeMode: \'last_state\' (used to reach the manifest)', 'construct', (app) => {
  shop(app, { upgradeMode: 'last_state' as any, checkpointStore: undefined });
}, '[shop/orders] upgradeMode = "last_state": not an UpgradeMode value (valid: "savepoint", "last-state", "stateless"). Fix: write UpgradeMode.LAST_STATE ("last-state")');
bad('image as a string (used to throw a TypeError)', 'construct', (app) => {
  shop(app, { image: 'ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5' as any });
}, '[shop/orders] image = "ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5": expected a StateFunImage, got a string. Fix: use StateFunImage.kzmlabs() or StateFunImage.fromImage(…)');
bad('a misspelt app prop', 'construct', (app) => {
  shop(app, { paralelism: 4 } as any);
}, '[shop/orders] paralelism = 4: StateFunAppProps has no field paralelism, so the value would be ignored. Fix: did you mean parallelism?');
bad('a topic given as a string', 'construct', (app) => kafkaIn(app, { topics: ['orders'] as any }),
  '[shop/bad-in] topics[0] = "orders": expected an object with the fields of KafkaIngressTopic, got a string. Fix: pass an object literal { topic, valueType, targets, … }');
bad('a function env value given as a plain string', 'construct', (app) => badFunction(app, { env: { LOG_LEVEL: 'info' } as any }),
  '[shop/bad-fn] env[\'LOG_LEVEL\'] = "info": expected a cdk8s-plus EnvValue, got a string. Fix: use kplus.EnvValue.fromValue(\'…\') or kplus.EnvValue.fromSecretValue({ secret, key })');
// --- Kubernetes names, objects the operator creates, credentials, values other systems reject, endpoint Services.
bad("function named like the app's REST Service", 'construct',
  (app) => { const { chart, statefun } = shop(app); new RemoteFunction(chart, 'orders-rest', { app: statefun, image: 'shop/x:1.0.0', functions: ['x/*'] }); },
  "[shop/orders-rest] name = \"orders-rest\": the function's Service would be named like the REST Service (Flink ExternalServiceDecorator, suffix -rest) for the app 'orders' (shop/orders) in the same namespace (flink-runtime-facts §3); the two would overwrite each other. Fix: choose another function name, e.g. 'orders-rest-fn'");
bad('two functions with one name in one namespace', 'synth',
  (app) => { const { chart, statefun } = complete(app); new RemoteFunction(chart, 'other', { app: statefun, name: 'order-fn', image: 'shop/x:1.0.0', functions: ['x/*'] }); },
  "Validation failed with the following errors:\n  [shop/other] name = \"order-fn\": shop/order-fn is another RemoteFunction named 'order-fn' in namespace shop; their Deployments, Services, autoscalers, disruption budgets and network policies would replace each other on apply. Fix: give each RemoteFunction its own name (props.name) or namespace\n  [shop/other/Deployment/Resource] metadata.name = \"order-fn\": Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy 'order-fn' are rendered twice in namespace shop; one apply would silently replace the other. Fix: give one of the two constructs another name (or put it in another namespace)");
bad('two apps with one name in one namespace', 'synth',
  (app) => { complete(app); const c2 = new Chart(app, 'shop2', { namespace: NS }); const s2 = new StateFunApp(c2, 'orders'); const f2 = new RemoteFunction(c2, 'fn2', { app: s2, image: 'shop/x:1.0.0', functions: ['y/*'] }); new KafkaIngress(c2, 'in2', { app: s2, ingressId: 'y/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [f2.functionType('f')] }] }); },
  "Validation failed with the following errors:\n  [shop2/orders] name = \"orders\": shop/orders is another StateFunApp named 'orders' in namespace shop; their FlinkDeployments, module ConfigMaps, identities and the objects the operator creates for them would replace each other on apply. Fix: give each StateFunApp its own name (props.name) or namespace\n  [shop2/orders/Module/Resource] metadata.name = \"orders-module\": ConfigMap 'orders-module' is rendered twice in namespace shop; one apply would silently replace the other. Fix: give one of the two constructs another name (or put it in another namespace)\n  [shop2/orders/ServiceAccount/Resource] metadata.name = \"orders-flink\": ServiceAccount, Role, RoleBinding, NetworkPolicy 'orders-flink' are rendered twice in namespace shop; one apply would silently replace the other. Fix: give one of the two constructs another name (or put it in another namespace)\n  [shop2/orders/Resource] metadata.name = \"orders\": FlinkDeployment 'orders' is rendered twice in namespace shop; one apply would silently replace the other. Fix: give one of the two constructs another name (or put it in another namespace)\n  [shop2/orders/Resource] spec.podTemplate.metadata.annotations['cdk8s-statefun/module-sha256'] = \"8ac9bb2c1139b9ff3c00b6fc601794dd9b6c5ae4f84ed457b4954e06a481547e\": not the SHA-256 of module.yaml in ConfigMap orders-module (f0bee99f6ad18413f8dc3cdbf3b70ea44ab8dcceb22cdfcadddc7a28076b23e9): a module change would not restart the JobManager and TaskManager pods. Fix: keep the annotation the library writes (do not patch the pod-template metadata)");
bad("a function of another app named like this app's JobManager", 'synth',
  (app) => { const { chart } = complete(app); const s2 = new StateFunApp(chart, 'billing'); const f2 = new RemoteFunction(chart, 'fn2', { app: s2, name: 'orders', image: 'shop/x:1.0.0', functions: ['y/*'] }); new KafkaIngress(chart, 'in2', { app: s2, ingressId: 'y/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [f2.functionType('f')] }] }); },
  "Validation failed with the following errors:\n  [shop/fn2] name = \"orders\": the function's Deployment would be named like the JobManager Deployment (Flink KubernetesJobManagerFactory, KubernetesUtils.getDeploymentName) for the app 'orders' (shop/orders) in the same namespace (flink-runtime-facts §3); the two would overwrite each other. Fix: choose another function name, e.g. 'orders-fn'\n  [shop/fn2/Deployment/Resource] metadata.name = \"orders\": Deployment orders is the JobManager Deployment (Flink KubernetesJobManagerFactory, KubernetesUtils.getDeploymentName) for FlinkDeployment 'orders' in namespace shop; the two would overwrite each other. Fix: rename this Deployment (or the app) so no object is named like what the operator and Flink create (orders)\n  [shop/fn2/Service/Resource] metadata.name = \"orders\": Service orders is the JobManager's internal Service (Flink InternalServiceDecorator) for FlinkDeployment 'orders' in namespace shop; the two would overwrite each other. Fix: rename this Service (or the app) so no object is named like what the operator and Flink create (orders)");
bad('chart namespace with upper case and underscore', 'construct',
  (app) => new StateFunApp(new Chart(app, 'shop', { namespace: 'Shop_NS' }), 'orders'),
  "[shop/orders] namespace (chart shop) = \"Shop_NS\": the API server requires a DNS-1123 label: lower-case alphanumerics and '-', starting and ending with an alphanumeric, at most 63 characters (namespace names). Fix: set the chart's namespace to e.g. 'shop-ns'");
bad('existing ServiceAccount with an invalid name', 'construct',
  (app) => { const chart = chartOf(app); new StateFunApp(chart, 'orders', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'Flink_SA') }); },
  "[shop/orders] serviceAccount = \"Flink_SA\": the API server requires a DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', each dot-separated part starting and ending with an alphanumeric, at most 253 characters. Fix: use e.g. 'flink-sa'");
bad('Secret name with upper case and underscore', 'construct',
  (app) => { const chart = chartOf(app); CheckpointStore.s3Compatible(chart, 'minio', { bucket: 'statefun', endpoint: 'http://minio.shop.svc:9000', credentials: S3Credentials.fromSecret(secret(chart, 'MinIO_Keys')) }); },
  "[shop/minio] credentials (Secret name) = \"MinIO_Keys\": the API server requires a DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', each dot-separated part starting and ending with an alphanumeric, at most 253 characters. Fix: use e.g. 'minio-keys'");
bad("JSON patch giving a function's pods the labels Flink owns", 'synth',
  (app) => { const { fn } = complete(app); ApiObject.of(fn.deployment).addJsonPatch(JsonPatch.add('/spec/template/metadata/labels/type', 'flink-native-kubernetes'), JsonPatch.add('/spec/template/metadata/labels/app', 'orders')); },
  "Validation failed with the following errors:\n  [shop/order-fn/Deployment/Resource] spec.template.metadata.labels = {\"type\":\"flink-native-kubernetes\",\"app\":\"orders\"}: type=flink-native-kubernetes with app=orders are the labels Flink puts on the objects of cluster 'orders' (KubernetesUtils.getCommonLabels): the operator deletes every ConfigMap carrying them when it cleans up HA metadata (FlinkUtils.deleteKubernetesHAMetadata), and Flink's ResourceManager adopts pods carrying them as TaskManagers. Fix: remove the 'type: flink-native-kubernetes' label (select your objects with your own labels, e.g. app.kubernetes.io/name)");
bad("ConfigMap named like Flink's configuration ConfigMap", 'synth',
  (app) => { const { chart } = complete(app); new kplus.ConfigMap(chart, 'cfg', { metadata: { name: 'flink-config-orders' } }); },
  "Validation failed with the following errors:\n  [shop/cfg/Resource] metadata.name = \"flink-config-orders\": ConfigMap flink-config-orders is Flink's configuration ConfigMap (Flink Constants.CONFIG_MAP_PREFIX, FlinkConfMountDecorator) for FlinkDeployment 'orders' in namespace shop; the two would overwrite each other. Fix: rename this ConfigMap (or the app) so no object is named like what the operator and Flink create (flink-config-orders)");
bad('emulator keys Secret in another namespace than the app', 'synth',
  (app) => { const storage = new Chart(app, 'storage', { namespace: 'storage' }); const store = CheckpointStore.s3Compatible(storage, 'minio', { bucket: 'statefun', endpoint: 'http://minio.storage.svc:9000', credentials: S3Credentials.plaintextForLocalEmulator('minio', 'minio123') }); complete(app, { checkpointStore: store }); },
  "Validation failed with the following errors:\n  [shop/orders/Resource] spec.podTemplate.spec.containers[0].env[0].valueFrom.secretKeyRef.name = \"storage-minio-credentials-c81b1b3f\": pods read Secrets from their own namespace only, and Secret 'storage-minio-credentials-c81b1b3f' is rendered in storage, not in shop; the pods would fail with CreateContainerConfigError or stay Pending. Fix: create the Secret in namespace shop (the chart of the pods), or reference one that exists there");
bad('S3 secret key in flinkConfiguration', 'construct',
  (app) => complete(app, { flinkConfiguration: { 's3.secret-key': 'wJalrXUtnFEMI' } }),
  "[shop/orders] flinkConfiguration['s3.secret-key'] = \"(plain text, 13 characters, hidden)\": an S3 credential is stored in plain text in the FlinkDeployment and in the flink-config-<name> ConfigMap the operator writes, readable by anyone who may read either. Fix: remove it: give the checkpoint store its keys from a Secret (CheckpointStore.s3Compatible({ credentials: S3Credentials.fromSecret(secret) })) or use IRSA (CheckpointStore.s3({ irsaRoleArn })); the keys then reach the pods as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the Secret");
bad('S3 secret key as a ${env:…} reference in flinkConfiguration (Flink resolves none)', 'construct',
  (app) => complete(app, { flinkConfiguration: { 's3.secret-key': '${env:S3_SECRET}' } }),
  "[shop/orders] flinkConfiguration['s3.secret-key'] = \"(plain text, 16 characters, hidden)\": Flink resolves no ${…} reference in its configuration and passes the option to the filesystem plugin as written, so the text ${env:S3_SECRET} itself would be used as the S3 credential. Fix: remove it: give the checkpoint store its keys from a Secret (CheckpointStore.s3Compatible({ credentials: S3Credentials.fromSecret(secret) })) or use IRSA (CheckpointStore.s3({ irsaRoleArn })); the keys then reach the pods as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the Secret");
bad('Azure account key in flinkConfiguration', 'construct',
  (app) => complete(app, { flinkConfiguration: { 'fs.azure.account.key.acct.dfs.core.windows.net': 'abc==' } }),
  "[shop/orders] flinkConfiguration['fs.azure.account.key.acct.dfs.core.windows.net'] = \"(plain text, 5 characters, hidden)\": an Azure storage key is stored in plain text in the FlinkDeployment and in the flink-config-<name> ConfigMap the operator writes, readable by anyone who may read either. Fix: remove it: use CheckpointStore.azure({ credentials: AzureCredentials.accountKeyFromSecret(secret) }) (the key reaches the pods as AZURE_STORAGE_KEY from the Secret) or AzureCredentials.workloadIdentity(...)");
bad('keystore password in flinkConfiguration', 'construct',
  (app) => complete(app, { flinkConfiguration: { 'security.ssl.rest.keystore-password': 'changeit' } }),
  "[shop/orders] flinkConfiguration['security.ssl.rest.keystore-password'] = \"(plain text, 8 characters, hidden)\": a credential is stored in plain text in the FlinkDeployment and in the flink-config-<name> ConfigMap the operator writes, readable by anyone who may read either. Fix: keep the value in a Kubernetes Secret and give it to the Flink pods from there (StateFunApp.addFlinkEnvironment(NAME, EnvValue.fromSecretValue({ secret, key })) for a component that reads it from the environment)");
bad('trust store password as a JVM option', 'construct',
  (app) => complete(app, { jvmOptions: ['-Djavax.net.ssl.trustStorePassword=changeit'] }),
  '[shop/orders] jvmOptions[0] = "-Djavax.net.ssl.trustStorePassword=…": a system property set on the command line is a plain-text credential in the FlinkDeployment (and visible in the process list of every node). Fix: keep the value in a Kubernetes Secret and give it to the Flink pods from there (StateFunApp.addFlinkEnvironment(NAME, EnvValue.fromSecretValue({ secret, key })) for a component that reads it from the environment)');
bad('Kafka OAUTHBEARER client secret in sasl.jaas.config', 'construct',
  (app) => kafkaIn(app, { properties: { 'sasl.jaas.config': 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="shop" clientSecret="s3cr3t";' } }),
  "[shop/bad-in] properties['sasl.jaas.config'] = \"(plain text, 115 characters, hidden)\": the JAAS line carries a plain-text clientSecret, written into the module ConfigMap that anyone who may read ConfigMaps in the namespace can read. Fix: use the typed security prop (security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, 'password') }), or KafkaSecurity.ssl({ ... })), which keeps the value in a Secret read through Kafka's DirectoryConfigProvider; for an option it does not cover, mount the Secret and write a ${dir:<mount>:<key>} placeholder with 'config.providers': 'dir'");
bad('Kafka trust store password in properties', 'construct',
  (app) => kafkaIn(app, { properties: { 'ssl.truststore.password': 'changeit' } }),
  "[shop/bad-in] properties['ssl.truststore.password'] = \"(a literal value)\": the credential would be written in plain text into module.yaml, a ConfigMap. Fix: use security: KafkaSecurity.ssl({ ..., keyStorePassword: PodFile.fromSecret(secret, 'user.password') })");
bad('Kafka provider reference without config.providers', 'construct',
  (app) => kafkaIn(app, { properties: { 'ssl.truststore.password': '${dir:/opt/kafka-secrets/kafka:truststore.password}' } }),
  "[shop/bad-in] properties['ssl.truststore.password'] = \"${dir:...}\": config.providers does not name 'dir', so kafka-clients keeps the placeholder text as the value (a wrong password, not an error). Fix: set 'config.providers' to include 'dir' and 'config.providers.dir.class', or use the typed security prop");
bad('endpoint URL with a password in its user info', 'construct',
  (app) => endpoint(app, { url: 'https://fn:hunter2@pricing.example.com/statefun' }),
  '[shop/pricing] url = "https://fn:***@…": the URL carries a password in its user info, in plain text in the manifests (and in every log line that prints the URL). Fix: remove the user info from the URL and authenticate from a Secret (for S3 stores S3Credentials.fromSecret, for Kafka a config provider reference, for HTTP endpoints mutual TLS with EndpointTransport clientCert/clientKey files from a Secret)');
bad('endpoint URL with an empty host', 'construct',
  (app) => endpoint(app, { url: 'http:///statefun' }),
  "[shop/pricing] url = \"http:///statefun\": the URL has an empty host, so http calls go nowhere (Java's URI reads no host). Fix: use an absolute URL such as 'https://functions.example.com/statefun' (placeholder {function.name} allowed in the path)");
bad('AWS secret key as a literal function env value', 'construct',
  (app) => badFunction(app, { env: { AWS_SECRET_ACCESS_KEY: kplus.EnvValue.fromValue('wJalrXUtnFEMI') } }),
  '[shop/bad-fn] env.AWS_SECRET_ACCESS_KEY = "(plain text, 13 characters, hidden)": a credential in plain text in the pod spec, readable by anyone who may read the workload. Fix: take it from a Secret (EnvValue.fromSecretValue({ secret, key }), rendered as valueFrom.secretKeyRef), or for AWS use IRSA / EKS Pod Identity');
bad('JSON patch adding an S3 secret key to the FlinkDeployment', 'synth',
  (app) => { const { statefun } = complete(app); statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/s3.secret-key', 'wJalrXUtnFEMI')); },
  "Validation failed with the following errors:\n  [shop/orders/Resource] spec.flinkConfiguration['s3.secret-key'] = \"(plain text, 13 characters, hidden)\": an S3 credential is stored in plain text in the FlinkDeployment and in the flink-config-<name> ConfigMap the operator writes, readable by anyone who may read either. Fix: remove it: give the checkpoint store its keys from a Secret (CheckpointStore.s3Compatible({ credentials: S3Credentials.fromSecret(secret) })) or use IRSA (CheckpointStore.s3({ irsaRoleArn })); the keys then reach the pods as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the Secret");
bad("JSON patch adding a literal AWS secret key to a function's env", 'synth',
  (app) => { const { fn } = complete(app); ApiObject.of(fn.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env', [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI' }])); },
  'Validation failed with the following errors:\n  [shop/order-fn/Deployment/Resource] spec.template.spec.containers[0].env[0].value = "AWS_SECRET_ACCESS_KEY=(plain text, 13 characters, hidden)": a credential in plain text in the pod spec, readable by anyone who may read the workload. Fix: take it from a Secret (EnvValue.fromSecretValue({ secret, key }), rendered as valueFrom.secretKeyRef), or for AWS use IRSA / EKS Pod Identity');
bad('topic named ..', 'construct',
  (app) => kafkaIn(app, { topics: [{ topic: '..', valueType: ValueType.STRING, targets: [FunctionType.of('shop/order')] }] }),
  "[shop/bad-in] topics[0].topic = \"..\": Kafka refuses the topic names \".\" and \"..\" (org.apache.kafka.common.internals.Topic). Fix: use the topic's exact name, e.g. 'example.orders'");
bad('bucket with the reserved xn-- prefix', 'construct',
  (app) => CheckpointStore.s3(chartOf(app), 'store', { bucket: 'xn--bucket', region: 'eu-central-1' }),
  "[shop/store] bucket = \"xn--bucket\": S3 bucket names must not start with the reserved prefix xn-- (AWS bucket naming rules). Fix: give the bare bucket name, e.g. 'my-bucket', and any path as prefix");
bad('bucket formatted as an IP address', 'construct',
  (app) => CheckpointStore.s3(chartOf(app), 'store', { bucket: '192.168.5.4', region: 'eu-central-1' }),
  "[shop/store] bucket = \"192.168.5.4\": S3 bucket names must not be formatted as an IP address (AWS bucket naming rules). Fix: give the bare bucket name, e.g. 'my-bucket', and any path as prefix");
bad('bucket with the reserved -s3alias suffix', 'construct',
  (app) => CheckpointStore.s3(chartOf(app), 'store', { bucket: 'orders-s3alias', region: 'eu-central-1' }),
  "[shop/store] bucket = \"orders-s3alias\": S3 bucket names must not end with the reserved suffix -s3alias (access point, Object Lambda, Multi-Region or directory bucket names; AWS bucket naming rules). Fix: give the bare bucket name, e.g. 'my-bucket', and any path as prefix");
bad('checkpoint interval beyond a Java long of milliseconds', 'construct',
  (app) => shop(app, { checkpointing: { interval: Duration.days(2e11) } }),
  "[shop/orders] checkpointing.interval = Duration(200000000000 days): beyond a Java long of milliseconds (Long.MAX_VALUE = 9223372036854775807 ms): Flink's TimeUtils.parseDuration refuses it (\"cannot be represented as 64bit number (numeric overflow)\"). Fix: use a duration of at most Long.MAX_VALUE milliseconds (about 292 million years); a realistic value such as Duration.hours(1)");
bad('call timeout beyond a Java long of milliseconds', 'construct',
  (app) => endpoint(app, { transport: EndpointTransport.async({ callTimeout: Duration.days(2e11) }) }),
  "[shop/pricing] transport.callTimeout = Duration(200000000000 days): beyond a Java long of milliseconds (Long.MAX_VALUE = 9223372036854775807 ms): Flink's TimeUtils.parseDuration refuses it (\"cannot be represented as 64bit number (numeric overflow)\"). Fix: use a shorter Duration such as Duration.seconds(10)");
bad('endpoint URL naming a Service the app does not render', 'synth',
  (app) => { const s = complete(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'http://pricing.shop.svc:8080/statefun' }); },
  "Validation failed with the following errors:\n  [shop/pricing] url = \"http://pricing.shop.svc:8080/statefun\": the host names Service 'pricing' in namespace shop, which this app renders, but no Service 'pricing' is rendered there, so every invocation would fail with an unknown host (Services on port 8080 in shop: order-fn). Fix: point the URL at a rendered Service (or deploy the function with RemoteFunction), or set servedOutsideApp: true when the Service is managed outside this app");
bad('endpoint URL naming a rendered Service on a port it does not expose', 'synth',
  (app) => { const s = complete(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'http://order-fn:9090/statefun' }); },
  "Validation failed with the following errors:\n  [shop/pricing] url = \"http://order-fn:9090/statefun\": Service 'order-fn' in namespace shop does not expose port 9090 (its ports: 8080), so StateFun's calls would be refused. Fix: point the URL at a rendered Service (or deploy the function with RemoteFunction), or set servedOutsideApp: true when the Service is managed outside this app");

bad('imported module with a Kafka SASL password', 'construct', () => ModuleImport.fromYaml([
  'kind: io.statefun.kafka.v1/ingress',
  'spec:',
  '  id: shop/orders',
  '  address: kafka.shop.svc:9092',
  '  consumerGroupId: g',
  '  topics:',
  '    - topic: orders',
  '      valueType: shop/Order',
  '      targets: [shop/order]',
  '  properties:',
  '    - sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="s3cr3t";',
].join('\n')), "module.yaml cannot be imported (1 problem):\n  document 1 (io.statefun.kafka.v1/ingress 'shop/orders'): spec.properties['sasl.jaas.config'] = \"(a JAAS line with a literal password)\": the password would be written in plain text into module.yaml, a ConfigMap. Fix: use the typed security prop: security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, 'password') })");
bad('savepoint path with credentials in the URL', 'construct',
  (app) => shop(app, { initialSavepointPath: 's3://AKIAX:secretkey@bucket/savepoints/sp-1' }),
  '[shop/orders] initialSavepointPath = "s3://AKIAX:***@…": the URL carries a password in its user info, in plain text in the manifests (and in every log line that prints the URL). Fix: remove the user info from the URL and authenticate from a Secret (for S3 stores S3Credentials.fromSecret, for Kafka a config provider reference, for HTTP endpoints mutual TLS with EndpointTransport clientCert/clientKey files from a Secret)');
// --- The last gate: the rendered objects, after JSON patches (lib/rules/).
const VF = 'Validation failed with the following errors:\n  ';
const CRD11 = 'the FlinkDeployment CRD of operator release 1.11.0 (what the API server of operator 1.11 applies)';
/** The default target's CRD. */
const CRD116 = 'the FlinkDeployment CRD of operator release 1.16-snapshot-6e9caeb4 (what the API server of operator 1.16 applies)';
const HARDENING = 'remove it; if the pods really need it, opt out by name: annotate the FlinkDeployment with cdk8s-statefun/pod-security-opt-out: "<reason>" (app.flinkDeployment.metadata.addAnnotation(...))';
const patched = (app: App, ...patches: JsonPatch[]) => complete(app).statefun.flinkDeployment.addJsonPatch(...patches);
bad('patch: a TaskManager sidecar listed before the main container', 'synth',
  (app) => patched(app, JsonPatch.add('/spec/taskManager/podTemplate', { spec: { containers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0.0' }] } })),
  `${VF}[shop/orders/Resource] spec.taskManager.podTemplate.spec.containers[0].name = "log-shipper": the operator merges pod-template arrays by position (kubernetes.operator.pod-template.merge-arrays-by-name is not "true"), so this container is merged into flink-main-container of spec.podTemplate and renames it: the TaskManager pods have no flink-main-container; Flink then adds a bare main container without the module mount, the environment and the hardening, and the job fails without its module. Fix: list flink-main-container at position 0 of this containers array (only the fields to change), or set flinkConfiguration 'kubernetes.operator.pod-template.merge-arrays-by-name': 'true' and name every container and volume`);
bad('patch: a volume mounted over /opt/flink/conf', 'synth',
  (app) => patched(app,
    JsonPatch.add('/spec/podTemplate/spec/volumes/-', { name: 'conf', emptyDir: {} }),
    JsonPatch.add('/spec/podTemplate/spec/containers/0/volumeMounts/-', { name: 'conf', mountPath: '/opt/flink/conf' })),
  `${VF}[shop/orders/Resource] spec.podTemplate.spec.containers[0].volumeMounts[1].mountPath = "/opt/flink/conf": Flink mounts its configuration (ConfigMap flink-config-<name>: config.yaml and the logging files) at /opt/flink/conf in flink-main-container; a volume at or under it in the JobManager and TaskManager pods hides or clashes with that mount, so Flink runs without its configuration or the pod is not created. Fix: mount it elsewhere (e.g. /opt/flink/extra) and point Flink at it with a typed prop or a flinkConfiguration key`);
bad('patch: the module mount removed', 'synth',
  (app) => patched(app, JsonPatch.remove('/spec/podTemplate/spec/containers/0/volumeMounts')),
  `${VF}[shop/orders/Resource] spec.podTemplate.spec.containers[0].volumeMounts = []: flink-main-container of the JobManager and TaskManager pods does not mount the module at /opt/statefun/module.yaml (statefun.remote.module-name): StateFun finds no module and the job fails at startup ("There are no ingress defined."). Fix: keep the module mount the library renders (do not patch or merge it away)`);
bad('patch: the module hash annotation removed', 'synth',
  (app) => patched(app, JsonPatch.remove('/spec/podTemplate/metadata/annotations')),
  `${VF}[shop/orders/Resource] spec.podTemplate.metadata.annotations['cdk8s-statefun/module-sha256'] = (not set): without the module's hash in the JobManager and TaskManager pod template a changed module.yaml does not change the FlinkDeployment spec: the operator does not restart the job and the pods keep running the old module. Fix: keep the annotation the library writes (do not patch the pod-template metadata)`);
bad('patch: privilege escalation allowed on the main container', 'synth',
  (app) => patched(app, JsonPatch.replace('/spec/podTemplate/spec/containers/0/securityContext/allowPrivilegeEscalation', true)),
  `${VF}[shop/orders/Resource] spec.podTemplate.spec.containers[0].securityContext.allowPrivilegeEscalation = true: container flink-main-container of the JobManager and TaskManager pods would allow privilege escalation (the library sets allowPrivilegeEscalation: false). Fix: ${HARDENING}`);
bad('patch: runAsNonRoot turned off', 'synth',
  (app) => patched(app, JsonPatch.replace('/spec/podTemplate/spec/securityContext/runAsNonRoot', false)),
  `${VF}[shop/orders/Resource] spec.podTemplate.spec.securityContext.runAsNonRoot = false: the JobManager and TaskManager pods would no longer be required to run as a non-root user (the library sets runAsNonRoot: true; the Flink image runs as uid 9999). Fix: ${HARDENING}`);
bad('patch: a field the FlinkDeployment CRD does not have', 'synth',
  (app) => patched(app, JsonPatch.add('/spec/job/parallelizm', 4)),
  `${VF}[shop/orders/Resource] spec.job.parallelizm = 4: not a field of ${CRD116}: the API server with strict field validation rejects the object (unknown field "spec.job.parallelizm"). Fix: remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does`);
bad('patch: a value outside a CRD enum', 'synth',
  (app) => patched(app, JsonPatch.replace('/spec/job/upgradeMode', 'last_state')),
  `${VF}[shop/orders/Resource] spec.job.upgradeMode = "last_state": not one of the values ${CRD116} allows ("last-state", "savepoint", "stateless"). Fix: use one of "last-state", "savepoint", "stateless"`);
bad('patch: a non-string flinkConfiguration value on operator 1.11', 'synth',
  (app) => complete(app, { operatorVersion: OperatorVersion.V1_11 }).statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/pipeline.max-parallelism', 128)),
  `${VF}[shop/orders/Resource] spec.flinkConfiguration['pipeline.max-parallelism'] = 128: ${CRD11} types it as string. Fix: write a string`);
bad('patch: the runner jar replaced', 'synth',
  (app) => patched(app, JsonPatch.replace('/spec/job/jarURI', 'local:///opt/flink/usrlib/job.jar')),
  `${VF}[shop/orders/Resource] spec.job.jarURI = "local:///opt/flink/usrlib/job.jar": a JSON patch changed it from "local:///opt/flink/statefun-flink-runner.jar", which the library fixes. Fix: drop the patch: the job is the StateFun runner of the image (local:///opt/flink/statefun-flink-runner.jar); no other jar runs the module`);
bad('patch: a :latest runtime image', 'synth',
  (app) => patched(app, JsonPatch.replace('/spec/image', 'ghcr.io/kzmlabs/flink-statefun:latest')),
  `${VF}[shop/orders/Resource] spec.image = "ghcr.io/kzmlabs/flink-statefun:latest": a JSON patch changed it from "ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5", which the library renders from a typed prop; the rest of the app would still follow the prop. Fix: drop the patch and set the image prop (StateFunImage.kzmlabs(tag), or StateFunImage.fromImage(image, basedOnTag) for your own build) and imageRegistry for a mirror`);
bad('patch: another ServiceAccount', 'synth',
  (app) => patched(app, JsonPatch.replace('/spec/serviceAccount', 'default')),
  `${VF}[shop/orders/Resource] spec.serviceAccount = "default": a JSON patch changed it from "orders-flink", which the library renders from a typed prop; the rest of the app would still follow the prop. Fix: drop the patch and pass the serviceAccount prop (the Role and RoleBinding the app creates are bound to its own ServiceAccount)`);
bad('patch: a typed flinkConfiguration key changed', 'synth',
  (app) => patched(app, JsonPatch.replace('/spec/flinkConfiguration/execution.checkpointing.interval', '1 min')),
  `${VF}[shop/orders/Resource] spec.flinkConfiguration['execution.checkpointing.interval'] = "1 min": a JSON patch changed it from "10s", the value of the typed prop checkpointing.interval. Fix: drop the patch and set checkpointing.interval`);
bad('patch: a legacy flinkConfiguration key added', 'synth',
  (app) => patched(app, JsonPatch.add('/spec/flinkConfiguration/state.backend', 'rocksdb')),
  /^Validation failed with the following errors:\n {2}\[shop\/orders\/Resource\] spec\.flinkConfiguration\['state\.backend'\] = "rocksdb": legacy Flink 1\.x key, renamed in Flink 1\.17; .*\. Fix: use stateBackend \(writes state\.backend\.type\)$/);
bad('patch: a :latest function image', 'synth',
  (app) => ApiObject.of(complete(app).fn.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'shop/order-fn:latest')),
  `${VF}[shop/order-fn/Deployment/Resource] spec.template.spec.containers[0].image = "shop/order-fn:latest": \`latest\` is a moving tag: pod restarts can silently change what runs. Fix: pin a version tag or digest with the RemoteFunction image prop instead of patching the Deployment`);
bad('patch: a function Deployment field the Kubernetes binding drops', 'synth',
  (app) => ApiObject.of(complete(app).fn.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelectors', { pool: 'statefun' })),
  `${VF}[shop/order-fn/Deployment/Resource] spec.template.spec.nodeSelectors = {"pool":"statefun"}: a JSON patch sets it, but the Kubernetes binding that renders Deployment drops fields it does not know, so it would be silently missing from the manifest. Fix: check the field name against the Kubernetes API reference of apps/v1 Deployment (its exact spelling and place), or use the construct's props`);

bad('AWS secret key in Kinesis client properties', 'construct',
  (app) => kinesisOut(app, { clientConfigProperties: { 'aws.secretAccessKey': 'wJalrXUtnFEMI' } }),
  "[shop/audit-out] clientConfigProperties['aws.secretAccessKey'] = \"(plain text, 13 characters, hidden)\": a plain-text AWS credential would be written into the module ConfigMap that anyone who may read ConfigMaps in the namespace can read. Fix: remove it: use awsCredentials: AwsCredentials.fromSecret(secret) (AWS_* variables from the Secret) or AwsCredentials.defaultProviderChain() with IRSA");
// --- Pod controls (issue 13): scheduling, registries, files and credentials by reference.
bad('image pull secret that is not a Secret name', 'construct', (app) => {
  const chart = chartOf(app);
  new StateFunApp(chart, 'orders', { imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'registry', 'Registry_Credentials')] });
}, "[shop/orders] imagePullSecrets[0] = \"Registry_Credentials\": an image pull secret is a Secret (kplus.ISecret) whose name is a DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', starting and ending alphanumeric, at most 253 characters. Fix: reference the registry Secret by its name, e.g. Secret.fromSecretName(chart, 'registry', 'registry-credentials')");
bad('volume mounted over the operator\'s Flink configuration', 'construct', (app) => {
  const chart = chartOf(app);
  new StateFunApp(chart, 'orders', { flinkPods: { mounts: [{ volume: PodVolume.fromSecret(kplus.Secret.fromSecretName(chart, 'extra', 'extra-conf')), path: '/opt/flink/conf/extra' }] } });
}, "[shop/orders] flinkPods.mounts[0].path = \"/opt/flink/conf/extra\": lies under /opt/flink/conf: the operator mounts the Flink configuration there; a volume over it replaces config.yaml and the log configuration. Fix: mount elsewhere, e.g. under '/etc/<name>' or '/var/lib/<name>'");
bad('volume mounted over the module directory', 'construct', (app) => {
  new StateFunApp(chartOf(app), 'orders', { flinkPods: { mounts: [{ volume: PodVolume.fromEmptyDir('tls'), path: '/opt/statefun/tls' }] } });
}, "[shop/orders] flinkPods.mounts[0].path = \"/opt/statefun/tls\": lies under /opt/statefun: the module ConfigMap (module.yaml) is mounted there read-only; a volume over it hides the module and nothing can be written into it. Fix: mount elsewhere, e.g. under '/etc/<name>' or '/var/lib/<name>'");
bad('toleration without a key and with Equal', 'construct', (app) => {
  new StateFunApp(chartOf(app), 'orders', { flinkPods: { taskManager: { placement: { tolerations: [{ operator: TolerationOperator.EQUAL, value: 'flink' }] } } } });
}, '[shop/orders] flinkPods.taskManager.placement.tolerations[0].key = (not set): a toleration without a key matches every taint and is only valid with operator Exists; with Equal the API server rejects the pod ("operator must be Exists when `key` is empty"). Fix: name the taint key (e.g. key: \'dedicated\'), or set operator: TolerationOperator.EXISTS to tolerate every taint');
bad('priority class name that is not a DNS-1123 subdomain', 'construct', (app) => {
  const { chart, statefun } = shop(app);
  new RemoteFunction(chart, 'other-fn', { app: statefun, image: 'shop/other:1.0.0', functions: ['other/*'], placement: { priorityClassName: 'High' } });
}, "[shop/other-fn] placement.priorityClassName = \"High\": a PriorityClass name is a DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', starting and ending alphanumeric, at most 253 characters. Fix: use the PriorityClass's name, e.g. 'statefun-critical'");
bad('SASL with a literal password', 'construct', (app) => {
  const s = shop(app);
  new KafkaIngress(s.chart, 'orders-in', {
    app: s.statefun,
    ingressId: 'shop/orders',
    address: KAFKA,
    consumerGroupId: 'orders',
    properties: { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="shop" password="s3cret";' },
    topics: [{ topic: 'orders', valueType: ValueType.of('shop/Order'), targets: [s.fn.functionType('order')] }],
  });
}, "[shop/orders-in] properties['sasl.jaas.config'] = \"(a JAAS line with a literal password)\": the password would be written in plain text into module.yaml, a ConfigMap. Fix: use the typed security prop: security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, 'password') })");
bad('typed SASL password given as a string', 'construct', (app) => {
  const s = shop(app);
  new KafkaEgress(s.chart, 'out', { app: s.statefun, egressId: 'shop/out', address: KAFKA, security: KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_256, username: 'shop', password: 's3cret' as any }) });
}, "[shop/out] security.password = \"(a literal value)\": a credential written as a literal ends up in module.yaml, a ConfigMap anyone who can read the namespace can read. Fix: keep it in a Secret and reference the key: PodFile.fromSecret(secret, 'password')");
bad('trust store path that no Secret or volume provides', 'synth', (app) => {
  const { chart, statefun } = complete(app);
  new HttpEndpoint(chart, 'pricing', { app: statefun, functions: 'pricing/*', url: 'https://pricing.example.com/statefun', transport: EndpointTransport.async({ trustCaCerts: PodFile.atPath('/opt/statefun/tls/ca.pem') }) });
}, 'Validation failed with the following errors:\n  [shop/pricing] transport.trustCaCerts = "/opt/statefun/tls/ca.pem": no volume of the Flink pods provides this path (/opt/statefun is the read-only module mount: it holds only module.yaml), so the runtime fails to open it when it first calls the endpoint or starts the client. Fix: use PodFile.fromSecret(secret, key) (the library mounts the Secret and writes the path), or mount a volume containing it with flinkPods.mounts');
bad('sidecar named flink-main-container', 'construct', (app) => {
  new StateFunApp(chartOf(app), 'orders', { flinkPods: { sidecars: [{ name: 'flink-main-container', image: 'fluent/fluent-bit:3.1.9' }] } });
}, '[shop/orders] flinkPods.sidecars[0].name = "flink-main-container": the operator merges its settings into the container of this name; a second one would replace or displace the Flink process. Fix: choose another name');

// --- Found by the QA pass (a fresh user's wrong apps that used to produce manifests or crash).
bad('a flinkConfiguration extra whose value is null (used to be dropped silently)', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'taskmanager.network.memory.fraction': null as any } }), "Validation failed with the following errors:\n  [shop/orders] flinkConfiguration['taskmanager.network.memory.fraction'] = null: no value: the key is dropped from the rendered FlinkDeployment, so the setting silently never reaches Flink. Fix: write the value as a string, or remove the key");
bad('a flinkConfiguration key in the wrong case (Flink keys are case-sensitive)', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'Execution.Checkpointing.Interval': '10s' } }), "Validation failed with the following errors:\n  [shop/orders] flinkConfiguration['Execution.Checkpointing.Interval'] = \"10s\": not a current option of Flink 2.x, the operator or StateFun, and Flink ignores unknown keys silently; it looks like a typo. Fix: did you mean 'execution.checkpointing.interval'?");
bad('a Kafka JAAS line with a password in flinkConfiguration', 'construct',
  (app) => complete(app, { flinkConfiguration: { 'properties.sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="shop" password="s3cret";' } }), "[shop/orders] flinkConfiguration['properties.sasl.jaas.config'] = \"(plain text, 99 characters, hidden)\": the JAAS line carries a plain-text password and is stored in plain text in the FlinkDeployment and in the flink-config-<name> ConfigMap the operator writes, readable by anyone who may read either. Fix: remove it: StateFun's Kafka ingresses and egresses take their client settings from module.yaml, not from the Flink configuration; use their typed security prop (security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, 'password') })), which keeps the password in a Secret");
bad('a volume mounted at the RocksDB working directory', 'construct',
  (app) => shop(app, { flinkPods: { mounts: [{ volume: PodVolume.fromEmptyDir('scratch'), path: '/opt/flink-rocksdb' }] } }), "[shop/orders] flinkPods.mounts[0].path = \"/opt/flink-rocksdb\": is /opt/flink-rocksdb: the library mounts the RocksDB working directory of flinkPods.taskManager.rocksDbLocalDirectory there. Fix: mount elsewhere, e.g. under '/etc/<name>' or '/var/lib/<name>'");
bad('patch: the FlinkDeployment moved to another namespace', 'synth', (app) => {
  complete(app).statefun.flinkDeployment.addJsonPatch(JsonPatch.replace('/metadata/namespace', 'other'));
}, "Validation failed with the following errors:\n  [shop/orders/Resource] metadata.namespace = \"other\": a JSON patch changed it from \"shop\", which the library renders from a typed prop; the rest of the app would still follow the prop. Fix: drop the patch and create the app in a Chart of that namespace (its module ConfigMap, ServiceAccount and RBAC are rendered in the Chart's namespace, where the pods look for them)");
bad('patch: a TaskManager volume merged by position into the module volume', 'synth', (app) => {
  complete(app).statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/taskManager/podTemplate', {
    spec: { containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'scratch', mountPath: '/opt/statefun' }] }], volumes: [{ name: 'scratch', emptyDir: {} }] },
  }));
}, "Validation failed with the following errors:\n  [shop/orders/Resource] spec.taskManager.podTemplate.spec.volumes[0] = {\"name\":\"scratch\",\"sources\":[\"configMap\",\"emptyDir\"]}: volume \"scratch\" of the TaskManager pod template has 2 sources (configMap, emptyDir) after the operator merged the pod templates by position; the API server refuses such a pod (\"may not specify more than 1 volume type\"), so Flink cannot create it. Fix: in spec.jobManager/taskManager.podTemplate repeat the shared volumes in place and append new ones after them (or add volumes with flinkPods.mounts), or set flinkConfiguration 'kubernetes.operator.pod-template.merge-arrays-by-name': 'true' and name every container and volume");
bad('function CPU limit below its request', 'construct',
  (app) => badFunction(app, { resources: { cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(100) } } }), '[shop/bad-fn] resources.cpu.request = "500m": above its limit 100m: the API server refuses the pods ("must be less than or equal to cpu limit") when the workload creates them. Fix: lower the request to at most 100m, or raise the limit');
bad('sidecar memory limit below its request', 'construct',
  (app) => shop(app, { flinkPods: { sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', resources: { memory: { request: Size.mebibytes(512), limit: Size.mebibytes(128) } } }] } }), '[shop/orders] flinkPods.sidecars[0].resources.memory.request = "512Mi": above its limit 128Mi: the API server refuses the pods ("must be less than or equal to memory limit") when the workload creates them. Fix: lower the request to at most 128Mi, or raise the limit');
bad('module.yaml path that does not exist', 'construct',
  () => ModuleImport.fromFile('/nonexistent/module.yaml'), `module.yaml cannot be imported: "/nonexistent/module.yaml" cannot be read (ENOENT). Fix: pass the path of an existing module.yaml (relative paths resolve from ${process.cwd()})`);
bad('patch: hostNetwork on the Flink pods', 'synth', (app) => {
  complete(app).statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/podTemplate/spec/hostNetwork', true));
}, "Validation failed with the following errors:\n  [shop/orders/Resource] spec.podTemplate.spec.hostNetwork = true: the JobManager and TaskManager pods would share the node's network (NetworkPolicies no longer apply, and Flink's fixed ports clash between pods on one node), which the baseline Pod Security Standard forbids. Fix: remove it; if the pods really need it, opt out by name: annotate the FlinkDeployment with cdk8s-statefun/pod-security-opt-out: \"<reason>\" (app.flinkDeployment.metadata.addAnnotation(...))");
bad('patch: a web UI Ingress whose host is not a lower-case DNS name', 'synth', (app) => {
  complete(app).statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/ingress', { template: 'Flink.Example.com' }));
}, "Validation failed with the following errors:\n  [shop/orders/Resource] spec.ingress.template = \"Flink.Example.com\": the Ingress host 'Flink.Example.com' is not a lower-case DNS name (the API server rejects the Ingress the operator creates). Fix: write e.g. '{{name}}.{{namespace}}.flink.example.com' or 'flink.example.com/{{namespace}}/{{name}}(/|$)(.*)'");
bad('an AWS secret key in a ConfigMap of the app\'s chart', 'synth', (app) => {
  const { chart } = complete(app);
  new kplus.ConfigMap(chart, 'settings', { metadata: { name: 'orders-settings' }, data: { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
}, "Validation failed with the following errors:\n  [shop/settings/Resource] data['AWS_SECRET_ACCESS_KEY'] = \"AWS_SECRET_ACCESS_KEY=(plain text, 40 characters, hidden)\": a credential in plain text in a ConfigMap, readable by anyone who may read ConfigMaps in the namespace (and by every pod that takes the ConfigMap as environment). Fix: keep it in a Secret instead and reference that (EnvFromSource.secret(secret) for flinkPods.envFrom, EnvValue.fromSecretValue({ secret, key }) for one variable)");
bad('patch: the function Service moved off the function port', 'synth', (app) => {
  ApiObject.of(complete(app).fn.service).addJsonPatch(JsonPatch.replace('/spec/ports/0/port', 9090));
}, "Validation failed with the following errors:\n  [shop/order-fn] Service spec.ports = [9090]: the module calls http://order-fn.shop.svc:8080/statefun, but a JSON patch left the function's Service without port 8080, so every invocation would be refused. Fix: drop the patch and set the port prop (the URL, Service, container port and NetworkPolicy follow it)");
bad('patch: a privileged function container', 'synth', (app) => {
  ApiObject.of(complete(app).fn.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/privileged', true));
}, 'Validation failed with the following errors:\n  [shop/order-fn/Deployment/Resource] spec.template.spec.containers[0].securityContext.privileged = true: container function of the function order-fn pods would run privileged (full access to the node). Fix: remove the patch; if the pods really need it, opt out by name: annotate the Deployment with cdk8s-statefun/pod-security-opt-out: "<reason>" (ApiObject.of(fn.deployment).metadata.addAnnotation(...))');
bad('patch: the function NetworkPolicy selecting every pod of the namespace', 'synth', (app) => {
  (complete(app).fn.node.findChild('NetworkPolicy') as ApiObject).addJsonPatch(JsonPatch.replace('/spec/podSelector', {}));
}, "Validation failed with the following errors:\n  [shop/order-fn] NetworkPolicy spec.podSelector = {}: a JSON patch changed the selector of the function's NetworkPolicy from {\"matchLabels\":{\"cdk8s.io/metadata.addr\":\"shop-order-fn-Deployment-c8feb94a\"}}: it would apply to other pods of namespace shop (an empty selector isolates every pod there) or no longer protect the function. Fix: drop the patch; to manage the policy yourself, set networkPolicy: false and render your own");
bad('a RocksDB directory the pod user cannot create (the Apache StateFun base configuration\'s)', 'synth',
  (app) => complete(app, { flinkConfiguration: { 'state.backend.rocksdb.localdir': '/local/state/rocksdb' } }), "Validation failed with the following errors:\n  [shop/orders/Resource] spec.flinkConfiguration['state.backend.rocksdb.localdir'] = \"/local/state/rocksdb\": '/local/state/rocksdb' in the TaskManager pods is neither under /tmp or /opt/flink (where the pod user flink, uid 9999, can create directories) nor under a writable volume of flink-main-container, so RocksDB cannot open its local storage and the tasks fail (\"No local storage directories available\", EmbeddedRocksDBStateBackend). Fix: remove it and use flinkPods.taskManager.rocksDbLocalDirectory (a volume of its own), or point it under /tmp");
// --- Runtime types at the public boundary (JavaScript callers): probes, snapshot formats, placement enums.
bad('readiness probe given as a path string', 'construct', (app) => {
  badFunction(app, { readiness: '/health' as any });
}, '[shop/bad-fn] readiness = "/health": expected a FunctionProbe, got a string. Fix: write FunctionProbe.httpGet(\'/health\')');
bad('savepoint format in lower case', 'construct', (app) => {
  const { chart, statefun } = shop(app);
  new FlinkStateSnapshot(chart, 'nightly', { app: statefun, snapshot: SnapshotType.savepoint({ format: 'native' as any }) });
}, 'SnapshotType.savepoint: format = "native": not a SavepointFormat value (valid: "CANONICAL", "NATIVE"). Fix: write SavepointFormat.NATIVE ("NATIVE")');
bad('toleration operator in lower case', 'construct', (app) => {
  new StateFunApp(chartOf(app), 'orders', { flinkPods: { placement: { tolerations: [{ key: 'dedicated', operator: 'exists' as any }] } } });
}, '[shop/orders] flinkPods.placement.tolerations[0].operator = "exists": not a TolerationOperator value (valid: "Equal", "Exists"). Fix: write TolerationOperator.EXISTS ("Exists")');
bad('patch: the module ConfigMap renamed', 'synth', (app) => {
  ApiObject.of(complete(app).statefun.moduleConfigMap).addJsonPatch(JsonPatch.replace('/metadata/name', 'orders-module-v2'));
}, 'Validation failed with the following errors:\n  [shop/orders] moduleConfigMap = {\"name\":\"orders-module-v2\",\"namespace\":\"shop\",\"keys\":[\"module.yaml\"]}: a JSON patch renamed, moved or emptied the module ConfigMap, while the Flink pods mount ConfigMap orders-module key module.yaml in namespace shop: the pods would not start (ConfigMap not found) or find no module. Fix: drop the patch; the module is written from the components registered with the app');
bad('patch: the Flink NetworkPolicy selecting every pod of the namespace', 'synth', (app) => {
  (complete(app).statefun.node.findChild('NetworkPolicy') as ApiObject).addJsonPatch(JsonPatch.replace('/spec/podSelector', {}));
}, 'Validation failed with the following errors:\n  [shop/orders] NetworkPolicy spec.podSelector = {}: a JSON patch changed the selector of the Flink pods\' NetworkPolicy from {\"matchLabels\":{\"cdk8s-statefun/app\":\"orders\"}}: it would apply to other pods of namespace shop (an empty selector isolates every pod there) or no longer protect the Flink pods. Fix: drop the patch; to manage the policy yourself, set networkPolicy: { enabled: false } and render your own');
bad('a trust store password as a JVM option in JAVA_TOOL_OPTIONS', 'synth', (app) => {
  complete(app, { flinkPods: { env: { JAVA_TOOL_OPTIONS: kplus.EnvValue.fromValue('-Djavax.net.ssl.trustStorePassword=changeit') } } });
}, 'Validation failed with the following errors:\n  [shop/orders/Resource] spec.podTemplate.spec.containers[0].env[0].value = \"JAVA_TOOL_OPTIONS=(plain text, 43 characters, hidden)\": -Djavax.net.ssl.trustStorePassword=… sets a credential as a system property in plain text in the pod spec (and in the process list of every node). Fix: take it from a Secret (EnvValue.fromSecretValue({ secret, key }), rendered as valueFrom.secretKeyRef), or for AWS use IRSA / EKS Pod Identity');
bad('an S3 secret key in FLINK_PROPERTIES', 'synth', (app) => {
  complete(app, { flinkPods: { env: { FLINK_PROPERTIES: kplus.EnvValue.fromValue('taskmanager.numberOfTaskSlots: 2\ns3.secret-key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY') } } });
}, 'Validation failed with the following errors:\n  [shop/orders/Resource] spec.podTemplate.spec.containers[0].env[0].value = \"FLINK_PROPERTIES=(plain text, 88 characters, hidden)\": the line for s3.secret-key carries a credential in plain text in the pod spec, readable by anyone who may read the workload. Fix: take it from a Secret (EnvValue.fromSecretValue({ secret, key }), rendered as valueFrom.secretKeyRef), or for AWS use IRSA / EKS Pod Identity');
bad('patch: another service account in the pod template (Flink replaces it)', 'synth', (app) => {
  complete(app).statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/podTemplate/spec/serviceAccountName', 'default'));
}, 'Validation failed with the following errors:\n  [shop/orders/Resource] spec.podTemplate.spec.serviceAccountName = \"default\": Flink sets serviceAccountName of the JobManager and TaskManager pods from spec.serviceAccount (\"orders-flink\") over the pod template (InitJobManagerDecorator, InitTaskManagerDecorator), so this value is silently replaced. Fix: drop it and pass the serviceAccount prop (the Role and RoleBinding the app creates are bound to its own ServiceAccount)');
bad('patch: no service account token for the JobManager', 'synth', (app) => {
  complete(app).statefun.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/podTemplate/spec/automountServiceAccountToken', false));
}, 'Validation failed with the following errors:\n  [shop/orders/Resource] spec.podTemplate.spec.automountServiceAccountToken = false: the JobManager pods would have no service account token, while the JobManager creates the TaskManager pods through the Kubernetes API: the API server refuses the requests and the cluster does not start. Fix: drop it (the library mounts the token only into the Flink pods; the ServiceAccount itself does not automount it elsewhere)');
bad('patch: the Flink pods\' Role emptied', 'synth', (app) => {
  (complete(app).statefun.node.findChild('Role') as ApiObject).addJsonPatch(JsonPatch.replace('/rules', []));
}, 'Validation failed with the following errors:\n  [shop/orders] Role rules = \"configmaps create, configmaps delete, configmaps get, configmaps list, … (21 missing)\": a JSON patch took permissions from the Role of the Flink pods that the JobManager needs (it creates the TaskManager pods, and Kubernetes HA keeps its leader ConfigMaps): the cluster does not start or cannot fail over. Fix: drop the patch; to grant other permissions, bind another Role to the ServiceAccount');
bad('patch: appending to a list the FlinkDeployment does not render (used to throw a TypeError)', 'synth', (app) => {
  complete(app).statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/podTemplate/spec/containers/0/env/-', { name: 'LOG_LEVEL', value: 'debug' }));
}, "Validation failed with the following errors:\n  [shop/orders/Resource] JSON patch 1 = {\"op\":\"add\",\"path\":\"/spec/podTemplate/spec/containers/0/env/-\"}: cdk8s cannot apply it to the rendered object (the path, or its parent, does not exist there), so nothing could be written. Fix: check the path against the YAML synthesized without the patch; to append to a list the object does not render yet, add the whole list first (e.g. JsonPatch.add('/spec/template/spec/volumes', [ … ]))");
bad('patch: replacing a port of the function Service that does not exist', 'synth', (app) => {
  ApiObject.of(complete(app).fn.service).addJsonPatch(JsonPatch.replace('/spec/ports/3/port', 9090));
}, "Validation failed with the following errors:\n  [shop/order-fn/Service/Resource] JSON patch 1 = {\"op\":\"replace\",\"path\":\"/spec/ports/3/port\"}: cdk8s cannot apply it to the rendered object (the path, or its parent, does not exist there), so nothing could be written. Fix: check the path against the YAML synthesized without the patch; to append to a list the object does not render yet, add the whole list first (e.g. JsonPatch.add('/spec/template/spec/volumes', [ … ]))");
bad('a fractional parallelism', 'synth', (app) => complete(app, { parallelism: 1.5 }),
  'Validation failed with the following errors:\n  [shop/orders] parallelism = 1.5: not a whole number: the FlinkDeployment CRD types it as an integer, so the API server rejects it. Fix: use a whole number ≥ 1');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
}


test(`at least 60 wrong configurations, each named once (${CASES.length})`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

test.each(CASES)('$phase: $name', ({ phase, build, expected }) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
  const app = new App({ outdir });
  const check = (message: string | undefined) => (typeof expected === 'string' ? expect(message).toBe(expected) : expect(message).toMatch(expected));
  if (phase === 'construct') {
    check(messageOf(() => build(app)));
  } else {
    // Construction succeeds; synth refuses before writing anything.
    expect(messageOf(() => build(app))).toBeUndefined();
    check(messageOf(() => app.synth()));
  }
  expect(yamlFiles(outdir)).toEqual([]);
  fs.rmSync(outdir, { recursive: true, force: true });
});

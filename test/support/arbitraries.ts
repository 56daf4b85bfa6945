/**
 * Test support: fast-check arbitraries of valid StateFun apps, as plain data (`AppSpec`), and
 * `buildApp` turning a spec into constructs. Plain data keeps counterexamples printable and lets a
 * property build the same app twice in two fresh cdk8s apps.
 */
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { OperatorTarget } from './schemas';
import {
  CheckpointingMode, CheckpointStore, FlinkVersion, FunctionProbe, FunctionScaling, FunctionType, HighAvailability,
  InvalidRecordHandling, InvalidRecordLogLevel, KafkaAutoOffsetReset, KafkaIngress, KafkaStartupPosition,
  LeaderElection, OperatorVersion, RemoteFunction, RestartStrategy, StateBackend, StateFunApp, UpgradeMode, ValueType,
} from '../../lib';

// ---------------------------------------------------------------------------
// Spec (plain data)
// ---------------------------------------------------------------------------

export type ScalingSpec =
  | { kind: 'default' }
  | { kind: 'fixed'; replicas: number }
  | { kind: 'autoscale'; minReplicas: number; maxReplicas: number; targetCpuUtilization: number };

export interface FunctionSpec {
  /** Deployment/Service name (distinct across functions). */
  name: string;
  /** StateFun namespace, distinct across functions, so patterns never overlap. */
  namespace: string;
  /** `['*']` or 1-2 concrete function names in `namespace`. */
  names: string[];
  image: string;
  port?: number;
  path?: string;
  scaling: ScalingSpec;
  /** Readiness probe; the valid arbitrary leaves it unset (mutations give it a wrong runtime type). */
  readiness?: FunctionProbe;
}

export interface TargetSpec {
  /** Index into `functions`. */
  fn: number;
  /** The function name (any name under a wildcard, one of `names` otherwise). */
  name: string;
  /** Pass `ns/name` instead of the bare name to `functionType`. */
  qualified: boolean;
}

export interface TopicSpec {
  topic: string;
  valueType: string;
  targets: TargetSpec[];
  forwardHeaders?: boolean;
}

export type StartupSpec =
  | { kind: 'default' | 'latest' | 'earliest' | 'group-offsets' }
  | { kind: 'date'; epochMillis: number }
  | { kind: 'specific-offsets'; partition: number; offset: number };

export interface IngressSpec {
  id: string;
  address: string;
  consumerGroupId: string;
  topics: TopicSpec[];
  startup: StartupSpec;
  autoOffsetReset?: 'earliest' | 'latest';
  forwardHeaders?: boolean;
  invalidRecords?: 'skip' | 'skip-debug' | 'fail';
  properties?: Record<string, string>;
}

export interface StoreSpec {
  bucket: string;
  region: string;
  prefix?: string;
  irsaRoleArn?: string;
}

export type DurationSpec = { unit: 'millis' | 'seconds' | 'minutes'; amount: number };

export type RestartSpec =
  | { kind: 'default' | 'none' }
  | { kind: 'fixed-delay'; attempts: number; delay: DurationSpec }
  | { kind: 'failure-rate'; maxFailuresPerInterval: number; interval: DurationSpec; delay: DurationSpec }
  | { kind: 'exponential-delay'; initialBackoffSeconds?: number; maxBackoffMinutes?: number; backoffMultiplier?: number; jitterFactor?: number; attemptsBeforeResetBackoff?: number };

export type HaSpec =
  | { kind: 'default' | 'disabled' }
  | { kind: 'kubernetes'; leaderElection: 'unset' | 'DEFAULT' | 'FAST' | { leaseSeconds: number; renewSeconds: number; retrySeconds: number } };

export interface AppSpec {
  operatorVersion: OperatorVersion;
  flinkVersion?: FlinkVersion;
  /** Chart (Kubernetes) namespace. */
  namespace?: string;
  name: string;
  functions: FunctionSpec[];
  ingresses: IngressSpec[];
  store?: StoreSpec;
  checkpointInterval?: DurationSpec;
  checkpointingMode?: CheckpointingMode;
  changelog?: boolean;
  stateBackend?: StateBackend;
  parallelism?: number;
  taskSlots?: number;
  jobManagerReplicas?: number;
  upgradeMode?: UpgradeMode;
  restart: RestartSpec;
  ha: HaSpec;
  /** Escape-hatch keys; the valid arbitrary leaves this empty (mutations use it). */
  flinkConfiguration?: Record<string, string>;
}

// ---------------------------------------------------------------------------
// Leaf arbitraries
// ---------------------------------------------------------------------------

export const OPERATOR_VERSIONS = [
  OperatorVersion.V1_11, OperatorVersion.V1_12, OperatorVersion.V1_13, OperatorVersion.V1_14, OperatorVersion.V1_15, OperatorVersion.V1_16,
];

/** The flinkVersion values each operator's CRD accepts that a Kzmlabs image (Flink 2.2) may claim. */
export function flinkVersionsFor(op: OperatorVersion): FlinkVersion[] {
  return op === OperatorVersion.V1_11 || op === OperatorVersion.V1_12
    ? [FlinkVersion.V2_0]
    : [FlinkVersion.V2_0, FlinkVersion.V2_1, FlinkVersion.V2_2];
}

/** DNS-1123 label of 1..max characters starting with a letter. */
// `xn--` starts an IDNA (punycode) label: URL parsers decode it, and a random one is not valid punycode.
const dnsLabel = (max: number) => fc.stringMatching(new RegExp(`^[a-z]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`)).filter((s) => !s.startsWith('xn--'));
// Built once: constructing a stringMatching arbitrary is costly, and the chained ones below run per sample.
const label12 = dnsLabel(12);
const label20 = dnsLabel(20);
const label30 = dnsLabel(30);
const label45 = dnsLabel(45);
const topicName = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,30}$/);
const groupId = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,20}$/);
const propertyValue = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
const typeName = (a: string, b: string) => `${a}/${b}`;
/** A StateFun TypeName part: no '/', no whitespace, no '*'. */
const typePart = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.-]{0,11}$/);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const durationArb: fc.Arbitrary<DurationSpec> = fc.oneof(
  fc.record({ unit: fc.constant('millis' as const), amount: fc.integer({ min: 100, max: 120_000 }) }),
  fc.record({ unit: fc.constant('seconds' as const), amount: fc.integer({ min: 1, max: 3600 }) }),
  fc.record({ unit: fc.constant('minutes' as const), amount: fc.integer({ min: 1, max: 60 }) }),
);

const scalingArb: fc.Arbitrary<ScalingSpec> = fc.oneof(
  fc.constant({ kind: 'default' as const }),
  fc.record({ kind: fc.constant('fixed' as const), replicas: fc.integer({ min: 1, max: 20 }) }),
  fc.integer({ min: 1, max: 10 }).chain((min) => fc.record({
    kind: fc.constant('autoscale' as const),
    minReplicas: fc.constant(min),
    maxReplicas: fc.integer({ min, max: min + 50 }),
    targetCpuUtilization: fc.integer({ min: 1, max: 100 }),
  })),
);

const pathArb = fc.oneof(
  fc.constant('/statefun'),
  fc.constant('/functions/{function.name}'),
  fc.stringMatching(/^\/[a-z0-9_-]{0,10}(\/[a-z0-9_-]{1,10}){0,2}$/),
  fc.stringMatching(/^\/[a-z0-9_-]{1,10}\/$/).map((p) => `${p}{function.name}`),
);

const imageArb = fc.tuple(
  fc.constantFrom('', 'ghcr.io/', 'registry.example.com:5000/', 'docker.io/'),
  fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)?\/[a-z0-9]+(-[a-z0-9]+)?$/),
  fc.oneof(
    fc.tuple(fc.nat(9), fc.nat(20), fc.nat(99)).map(([a, b, c]) => `:${a}.${b}.${c}`),
    fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `@sha256:${h}`),
  ),
).map(([registry, repo, tag]) => `${registry}${repo}${tag}`);

const functionArb: fc.Arbitrary<FunctionSpec> = fc.record({
  name: label20,
  namespace: typePart,
  names: fc.oneof(fc.constant<string[]>(['*']), fc.uniqueArray(typePart, { minLength: 1, maxLength: 2 })),
  image: imageArb,
  port: optional(fc.integer({ min: 1, max: 65535 })),
  path: optional(pathArb),
  scaling: scalingArb,
}, { requiredKeys: ['name', 'namespace', 'names', 'image', 'scaling'] });

/** 1-5 functions with distinct Service names and distinct StateFun namespaces. */
export const functionsArb: fc.Arbitrary<FunctionSpec[]> = fc.uniqueArray(functionArb, {
  minLength: 1,
  maxLength: 5,
  comparator: (a, b) => a.name === b.name || a.namespace === b.namespace,
});

function targetArb(functions: FunctionSpec[]): fc.Arbitrary<TargetSpec> {
  return fc.integer({ min: 0, max: functions.length - 1 }).chain((fn) => fc.record({
    fn: fc.constant(fn),
    name: functions[fn].names[0] === '*' ? typePart : fc.constantFrom(...functions[fn].names),
    qualified: fc.boolean(),
  }));
}

const startupArb: fc.Arbitrary<StartupSpec> = fc.oneof(
  fc.constantFrom<StartupSpec>({ kind: 'default' }, { kind: 'latest' }, { kind: 'earliest' }, { kind: 'group-offsets' }),
  fc.record({ kind: fc.constant('date' as const), epochMillis: fc.integer({ min: 0, max: 4_102_444_800_000 }) }),
  fc.record({ kind: fc.constant('specific-offsets' as const), partition: fc.nat(64), offset: fc.nat(1_000_000_000) }),
);

function ingressArb(functions: FunctionSpec[]): fc.Arbitrary<IngressSpec> {
  const topic: fc.Arbitrary<TopicSpec> = fc.record({
    topic: topicName,
    valueType: fc.tuple(typePart, typePart).map(([a, b]) => typeName(a, b)),
    // Distinct function types (a target listed twice gets every record twice).
    targets: fc.uniqueArray(targetArb(functions), { minLength: 1, maxLength: 2, selector: (t) => `${functions[t.fn].namespace}/${t.name}` }),
    forwardHeaders: optional(fc.boolean()),
  }, { requiredKeys: ['topic', 'valueType', 'targets'] });
  return fc.record({
    id: fc.tuple(typePart, typePart).map(([a, b]) => typeName(a, b)),
    address: fc.array(fc.tuple(label12, fc.integer({ min: 1, max: 65535 })), { minLength: 1, maxLength: 3 })
      .map((hosts) => hosts.map(([h, p]) => `${h}.kafka.svc:${p}`).join(',')),
    consumerGroupId: groupId,
    topics: fc.uniqueArray(topic, { minLength: 1, maxLength: 3, selector: (t) => t.topic }),
    startup: startupArb,
    autoOffsetReset: optional(fc.constantFrom('earliest' as const, 'latest' as const)),
    forwardHeaders: optional(fc.boolean()),
    invalidRecords: optional(fc.constantFrom('skip' as const, 'skip-debug' as const, 'fail' as const)),
    properties: optional(fc.dictionary(
      fc.constantFrom('max.poll.records', 'session.timeout.ms', 'isolation.level', 'client.id'),
      propertyValue,
      { maxKeys: 2 },
    )),
  }, { requiredKeys: ['id', 'address', 'consumerGroupId', 'topics', 'startup'] });
}

/** 1-4 Kafka ingresses with distinct ids, every target served by one of `functions`. */
export function ingressesArb(functions: FunctionSpec[]): fc.Arbitrary<IngressSpec[]> {
  return fc.uniqueArray(ingressArb(functions), { minLength: 1, maxLength: 4, selector: (i) => i.id });
}

export const storeArb: fc.Arbitrary<StoreSpec> = fc.record({
  bucket: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$/),
  region: fc.oneof(
    fc.constantFrom('us-east-1', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1'),
    fc.stringMatching(/^[a-z]{2}-[a-z]{4,9}-[1-9]$/),
  ),
  prefix: optional(fc.stringMatching(/^[a-z0-9_-]{1,10}(\/[a-z0-9_-]{1,10}){0,2}$/)),
  irsaRoleArn: optional(fc.tuple(fc.stringMatching(/^[0-9]{12}$/), fc.stringMatching(/^[a-zA-Z0-9+=,.@_-]{1,30}$/))
    .map(([account, role]) => `arn:aws:iam::${account}:role/${role}`)),
}, { requiredKeys: ['bucket', 'region'] });

const restartArb: fc.Arbitrary<RestartSpec> = fc.oneof(
  fc.constantFrom<RestartSpec>({ kind: 'default' }, { kind: 'none' }),
  fc.record({ kind: fc.constant('fixed-delay' as const), attempts: fc.integer({ min: 0, max: 100 }), delay: durationArb }),
  fc.record({ kind: fc.constant('failure-rate' as const), maxFailuresPerInterval: fc.integer({ min: 1, max: 100 }), interval: durationArb, delay: durationArb }),
  fc.record({
    kind: fc.constant('exponential-delay' as const),
    initialBackoffSeconds: optional(fc.integer({ min: 1, max: 30 })),
    maxBackoffMinutes: optional(fc.integer({ min: 1, max: 30 })),
    backoffMultiplier: optional(fc.double({ min: 1.1, max: 5, noNaN: true }).map((x) => Math.round(x * 10) / 10)),
    jitterFactor: optional(fc.integer({ min: 0, max: 10 }).map((x) => x / 10)),
    attemptsBeforeResetBackoff: optional(fc.integer({ min: 1, max: 100 })),
  }, { requiredKeys: ['kind'] }),
);

const leaderElectionArb = fc.oneof(
  fc.constantFrom('unset' as const, 'DEFAULT' as const, 'FAST' as const),
  // retry < renew deadline <= lease duration
  fc.integer({ min: 1, max: 10 }).chain((retry) => fc.integer({ min: retry + 1, max: 30 }).chain((renew) =>
    fc.integer({ min: renew, max: 60 }).map((lease) => ({ leaseSeconds: lease, renewSeconds: renew, retrySeconds: retry })))),
);

/** A random valid app. */
export const appSpecArb: fc.Arbitrary<AppSpec> = fc.constantFrom(...OPERATOR_VERSIONS).chain((operatorVersion) =>
  functionsArb.chain((functions) => fc.boolean().chain((withStore) => fc.record({
    operatorVersion: fc.constant(operatorVersion),
    flinkVersion: optional(fc.constantFrom(...flinkVersionsFor(operatorVersion))),
    namespace: optional(label30),
    name: label45,
    functions: fc.constant(functions),
    ingresses: ingressesArb(functions),
    store: withStore ? storeArb : fc.constant(undefined),
    checkpointInterval: optional(durationArb),
    checkpointingMode: optional(fc.constantFrom(CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE)),
    changelog: withStore ? optional(fc.boolean()) : fc.constant(undefined),
    stateBackend: optional(fc.constantFrom(StateBackend.ROCKSDB, StateBackend.HASHMAP)),
    parallelism: optional(fc.integer({ min: 1, max: 256 })),
    taskSlots: optional(fc.integer({ min: 1, max: 16 })),
    upgradeMode: withStore
      ? optional(fc.constantFrom(UpgradeMode.LAST_STATE, UpgradeMode.SAVEPOINT, UpgradeMode.STATELESS))
      : optional(fc.constant(UpgradeMode.STATELESS)),
    restart: restartArb,
    ha: withStore
      ? fc.oneof(fc.constantFrom<HaSpec>({ kind: 'default' }, { kind: 'disabled' }), fc.record({ kind: fc.constant('kubernetes' as const), leaderElection: leaderElectionArb }))
      : fc.constantFrom<HaSpec>({ kind: 'default' }, { kind: 'disabled' }),
  })))
    // A function named like an object the operator creates for the app (its JobManager Deployment and
    // Services, e.g. both named 'a') is refused; valid apps keep the names apart.
    .filter((spec) => spec.functions.every((f) => f.name !== spec.name && f.name !== `${spec.name}-rest` && f.name !== `${spec.name}-taskmanager`))
    // Standby JobManagers only where HA is on (the store-backed default or explicit kubernetes).
    .chain((spec) => {
      const haOn = spec.store !== undefined && spec.ha.kind !== 'disabled';
      const replicas = haOn ? optional(fc.integer({ min: 1, max: 3 })) : optional(fc.constant(1));
      return replicas.map((jobManagerReplicas) => ({ ...spec, jobManagerReplicas }));
    })
    // Operator 1.11 refuses last-state upgrades with Kubernetes HA (FLINK-37571): a valid app there upgrades by savepoint.
    .map((spec) => (spec.operatorVersion === OperatorVersion.V1_11 && spec.upgradeMode === UpgradeMode.LAST_STATE && spec.store !== undefined && spec.ha.kind !== 'disabled'
      ? { ...spec, upgradeMode: UpgradeMode.SAVEPOINT }
      : spec)));

// ---------------------------------------------------------------------------
// Spec -> constructs
// ---------------------------------------------------------------------------

export interface BuiltApp {
  readonly app: App;
  readonly chart: Chart;
  readonly statefun: StateFunApp;
  readonly functions: RemoteFunction[];
  readonly ingresses: KafkaIngress[];
}

export function toDuration(d: DurationSpec): Duration {
  switch (d.unit) {
    case 'millis': return Duration.millis(d.amount);
    case 'seconds': return Duration.seconds(d.amount);
    case 'minutes': return Duration.minutes(d.amount);
  }
}

function toScaling(s: ScalingSpec): FunctionScaling | undefined {
  switch (s.kind) {
    case 'default': return undefined;
    case 'fixed': return FunctionScaling.fixed(s.replicas);
    case 'autoscale': return FunctionScaling.autoscale({ minReplicas: s.minReplicas, maxReplicas: s.maxReplicas, targetCpuUtilization: s.targetCpuUtilization });
  }
}

function toRestart(r: RestartSpec): RestartStrategy | undefined {
  switch (r.kind) {
    case 'default': return undefined;
    case 'none': return RestartStrategy.none();
    case 'fixed-delay': return RestartStrategy.fixedDelay({ attempts: r.attempts, delay: toDuration(r.delay) });
    case 'failure-rate': return RestartStrategy.failureRate({ maxFailuresPerInterval: r.maxFailuresPerInterval, interval: toDuration(r.interval), delay: toDuration(r.delay) });
    case 'exponential-delay': return RestartStrategy.exponentialDelay({
      initialBackoff: r.initialBackoffSeconds === undefined ? undefined : Duration.seconds(r.initialBackoffSeconds),
      maxBackoff: r.maxBackoffMinutes === undefined ? undefined : Duration.minutes(r.maxBackoffMinutes),
      backoffMultiplier: r.backoffMultiplier,
      jitterFactor: r.jitterFactor,
      attemptsBeforeResetBackoff: r.attemptsBeforeResetBackoff,
    });
  }
}

function toHa(h: HaSpec): HighAvailability | undefined {
  switch (h.kind) {
    case 'default': return undefined;
    case 'disabled': return HighAvailability.disabled();
    case 'kubernetes': {
      const le = h.leaderElection;
      if (le === 'unset') return HighAvailability.kubernetes();
      if (le === 'DEFAULT') return HighAvailability.kubernetes({ leaderElection: LeaderElection.DEFAULT });
      if (le === 'FAST') return HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST });
      return HighAvailability.kubernetes({
        leaderElection: LeaderElection.custom({
          leaseDuration: Duration.seconds(le.leaseSeconds),
          renewDeadline: Duration.seconds(le.renewSeconds),
          retryPeriod: Duration.seconds(le.retrySeconds),
        }),
      });
    }
  }
}

function toStartup(s: StartupSpec, topics: TopicSpec[]): KafkaStartupPosition | undefined {
  switch (s.kind) {
    case 'default': return undefined;
    case 'latest': return KafkaStartupPosition.latest();
    case 'earliest': return KafkaStartupPosition.earliest();
    case 'group-offsets': return KafkaStartupPosition.groupOffsets();
    case 'date': return KafkaStartupPosition.date(new Date(s.epochMillis));
    case 'specific-offsets': return KafkaStartupPosition.specificOffsets([{ topic: topics[0].topic, partition: s.partition, offset: s.offset }]);
  }
}

function toInvalidRecords(v: IngressSpec['invalidRecords']): InvalidRecordHandling | undefined {
  if (v === 'skip') return InvalidRecordHandling.skip();
  if (v === 'skip-debug') return InvalidRecordHandling.skip(InvalidRecordLogLevel.DEBUG);
  if (v === 'fail') return InvalidRecordHandling.fail();
  return undefined;
}

/** The function patterns a spec serves. */
export function patternsOf(f: FunctionSpec): string[] {
  return f.names.map((n) => `${f.namespace}/${n}`);
}

/** Builds the spec in a fresh cdk8s app (or the given one). Throws where the library refuses the input. */
export function buildApp(spec: AppSpec, app: App = Testing.app()): BuiltApp {
  const chart = new Chart(app, 'chart', { namespace: spec.namespace });
  const store = spec.store ? CheckpointStore.s3(chart, 'store', spec.store) : undefined;
  const statefun = new StateFunApp(chart, 'statefun', {
    name: spec.name,
    operatorVersion: spec.operatorVersion,
    flinkVersion: spec.flinkVersion,
    checkpointStore: store,
    checkpointing: {
      interval: spec.checkpointInterval && toDuration(spec.checkpointInterval),
      mode: spec.checkpointingMode,
      changelog: spec.changelog,
    },
    stateBackend: spec.stateBackend,
    parallelism: spec.parallelism,
    taskManager: spec.taskSlots === undefined ? undefined : { taskSlots: spec.taskSlots },
    jobManager: spec.jobManagerReplicas === undefined ? undefined : { replicas: spec.jobManagerReplicas },
    upgradeMode: spec.upgradeMode,
    restartStrategy: toRestart(spec.restart),
    highAvailability: toHa(spec.ha),
    flinkConfiguration: spec.flinkConfiguration,
  });
  const functions = spec.functions.map((f, i) => new RemoteFunction(chart, `fn${i}`, {
    app: statefun,
    name: f.name,
    image: f.image,
    functions: patternsOf(f),
    port: f.port,
    path: f.path,
    scaling: toScaling(f.scaling),
    readiness: f.readiness,
  }));
  const ingresses = spec.ingresses.map((ing, i) => new KafkaIngress(chart, `ingress${i}`, {
    app: statefun,
    ingressId: ing.id,
    address: ing.address,
    consumerGroupId: ing.consumerGroupId,
    topics: ing.topics.map((t) => ({
      topic: t.topic,
      valueType: ValueType.of(t.valueType),
      targets: t.targets.map((target) => target.fn < 0
        // A negative index names a type no function serves (used by mutations).
        ? FunctionType.of(target.name)
        : functions[target.fn].functionType(target.qualified ? `${spec.functions[target.fn].namespace}/${target.name}` : target.name)),
      forwardHeaders: t.forwardHeaders,
    })),
    startupPosition: toStartup(ing.startup, ing.topics),
    autoOffsetReset: ing.autoOffsetReset === undefined ? undefined : ing.autoOffsetReset === 'earliest' ? KafkaAutoOffsetReset.EARLIEST : KafkaAutoOffsetReset.LATEST,
    forwardHeaders: ing.forwardHeaders,
    invalidRecordHandling: toInvalidRecords(ing.invalidRecords),
    properties: ing.properties,
  }));
  return { app, chart, statefun, functions, ingresses };
}

/** The operator target of a spec, for expectValidManifests. */
export function targetOf(spec: AppSpec): OperatorTarget {
  return spec.operatorVersion as unknown as OperatorTarget;
}

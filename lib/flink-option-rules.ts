import { Problem } from './errors';
import { knownOption, suggestOption } from './flink-option-catalog';

/**
 * Options Flink accepts without complaint and then ignores or overwrites: the key exists, but the value
 * never takes effect. Checked on the flat configuration as written (typed settings, extras, patches).
 *
 * Families (each with its source):
 * - `metrics.reporter.<name>.class`, and reporter options without `.factory.class`: the reflection path
 *   was removed in Flink 1.17 (FLINK-24235, apache/flink#21296); on Flink 2.1+ `ReporterSetupBuilder`
 *   finds reporter names only from `metrics.reporter.<name>.factory.class` keys (apache/flink
 *   flink-runtime/src/main/java/org/apache/flink/runtime/metrics/ReporterSetupBuilder.java), so the
 *   reporter is skipped without an error.
 * - options of a feature the configuration does not use: ZooKeeper HA options next to Kubernetes HA
 *   (`HighAvailabilityServicesUtils` builds the HA services from `high-availability.type` alone); ForSt
 *   or RocksDB options with another state backend (`StateBackendLoader` reads only the chosen backend's options).
 * - keys native Kubernetes deployment overwrites or rejects (apache/flink flink-kubernetes:
 *   `KubernetesClusterDescriptor.deployClusterInternal` with `KubernetesUtils.checkAndUpdatePortConfigOption`,
 *   `InternalServiceDecorator`, `KubernetesEntrypointUtils.loadConfiguration`, `KubernetesResourceManagerDriver`,
 *   `KubernetesJobManagerParameters.getRPCPort`; the operator's `FlinkConfMountDecorator` and `FlinkConfigBuilder`).
 * - unknown keys: a likely typo of a known option anywhere, and any unknown key under a prefix the
 *   library models; Flink ignores unknown keys silently. Known = in the option catalog
 *   (`lib/data/flink-options.json`, generated from Flink's, the operator's and StateFun's option tables).
 *
 * @internal
 */
export interface OptionRuleInput {
  /** The flat configuration as written. */
  readonly flat: ReadonlyMap<string, string>;
  /** Keys another rule already reported (not reported twice). */
  readonly reported: ReadonlySet<string>;
  /** True when the key is decided by a typed prop (typed keys are never unknown). */
  readonly typedKey: (key: string) => boolean;
}

/** One finding with the key it is about. @internal */
export interface OptionFinding {
  readonly key: string;
  readonly problem: Problem;
}

/**
 * Prefixes the library models: an unknown key under one of them is a mistake, never a plugin's option.
 * @internal
 */
export const OWNED_PREFIXES = [
  'execution.checkpointing.', 'execution.state-recovery.', 'state.', 'restart-strategy.', 'high-availability.',
  'statefun.', 'kubernetes.operator.', 'metrics.reporter.', 'jobmanager.memory.',
  'taskmanager.memory.', 'classloader.', 'env.java.opts.',
];

const KUBERNETES_HA = ['kubernetes', 'org.apache.flink.kubernetes.highavailability.kuberneteshaservicesfactory'];

/** Ports native Kubernetes needs fixed, with the port it writes in place of 0 (KubernetesClusterDescriptor). */
const FIXED_PORTS: Record<string, string> = {
  'blob.server.port': '6124',
  'taskmanager.rpc.port': '6122',
  'rest.bind-port': '8081',
};

/** Keys the operator's FlinkConfMountDecorator removes from the config.yaml it ships to the pods. */
const NOT_SHIPPED = ['rest.bind-address', 'jobmanager.bind-host', 'taskmanager.bind-host', 'taskmanager.host', 'kubernetes.config.file'];

/** Reporter classes whose factory is known (the factories of the reporters Flink ships), for the fix. @internal */
export const REPORTER_FACTORIES: Record<string, string> = {
  'org.apache.flink.metrics.prometheus.PrometheusReporter': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
  'org.apache.flink.metrics.prometheus.PrometheusPushGatewayReporter': 'org.apache.flink.metrics.prometheus.PrometheusPushGatewayReporterFactory',
  'org.apache.flink.metrics.jmx.JMXReporter': 'org.apache.flink.metrics.jmx.JMXReporterFactory',
  'org.apache.flink.metrics.slf4j.Slf4jReporter': 'org.apache.flink.metrics.slf4j.Slf4jReporterFactory',
  'org.apache.flink.metrics.influxdb.InfluxdbReporter': 'org.apache.flink.metrics.influxdb.InfluxdbReporterFactory',
  'org.apache.flink.metrics.datadog.DatadogHttpReporter': 'org.apache.flink.metrics.datadog.DatadogHttpReporterFactory',
  'org.apache.flink.metrics.graphite.GraphiteReporter': 'org.apache.flink.metrics.graphite.GraphiteReporterFactory',
  'org.apache.flink.metrics.statsd.StatsDReporter': 'org.apache.flink.metrics.statsd.StatsDReporterFactory',
};

/** The findings of every family, one per key at most, sorted by key. @internal */
export function optionRuleProblems(input: OptionRuleInput): OptionFinding[] {
  const out = new Map<string, Problem>();
  const add = (key: string, why: string, fix: string) => {
    if (!input.reported.has(key) && !out.has(key)) out.set(key, { field: `flinkConfiguration['${key}']`, value: input.flat.get(key), why, fix });
  };
  const keys = [...input.flat.keys()].sort();
  reporterProblems(keys, input.flat, add);
  unusedFeatureProblems(keys, input.flat, add);
  kubernetesProblems(keys, input.flat, add);
  for (const key of keys) {
    if (input.reported.has(key) || out.has(key) || input.typedKey(key)) continue;
    const problem = unknownKeyProblem(key);
    if (problem) add(key, problem.why, problem.fix);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, problem]) => ({ key, problem }));
}

type Add = (key: string, why: string, fix: string) => void;

function reporterProblems(keys: string[], flat: ReadonlyMap<string, string>, add: Add): void {
  const withFactory = new Set(keys.map((k) => /^metrics\.reporter\.([^.]+)\.factory\.class$/.exec(k)?.[1]).filter((n): n is string => n !== undefined));
  for (const key of keys) {
    const m = /^metrics\.reporter\.([^.]+)\.(.+)$/.exec(key);
    if (!m) continue;
    const [, name, rest] = m;
    if (rest === 'class') {
      const cls = flat.get(key) ?? '';
      const factory = REPORTER_FACTORIES[cls] ?? (cls.endsWith('Factory') ? cls : undefined);
      add(key,
        'reporters are no longer created from a class (removed in Flink 1.17, FLINK-24235): Flink 2.x finds a reporter only by its metrics.reporter.<name>.factory.class key (ReporterSetupBuilder), so this reporter is silently skipped and its port never opens',
        withFactory.has(name)
          ? `remove it: metrics.reporter.${name}.factory.class already names the factory`
          : `write 'metrics.reporter.${name}.factory.class'${factory ? ` = "${factory}"` : ' with the reporter\'s factory class (…ReporterFactory)'} instead${name === 'prom' ? ', or use the metrics prop (FlinkMetrics.prometheus())' : ''}`);
    } else if (!withFactory.has(name)) {
      add(key,
        `no metrics.reporter.${name}.factory.class is set: Flink 2.x finds reporters only by that key (ReporterSetupBuilder), so options of reporter '${name}' configure nothing`,
        `set 'metrics.reporter.${name}.factory.class' to the reporter's factory, or remove the metrics.reporter.${name}.* keys`);
    }
  }
}

function unusedFeatureProblems(keys: string[], flat: ReadonlyMap<string, string>, add: Add): void {
  const haType = (flat.get('high-availability.type') ?? '').trim().toLowerCase();
  if (KUBERNETES_HA.includes(haType)) {
    for (const key of keys.filter((k) => k.startsWith('high-availability.zookeeper.'))) {
      add(key,
        'high availability is Kubernetes HA (high-availability.type = kubernetes), so ZooKeeper options have no effect: Flink builds the HA services from high-availability.type alone (HighAvailabilityServicesUtils)',
        'remove it: leader election and the HA metadata live in Kubernetes ConfigMaps');
    }
  }
  const backend = (flat.get('state.backend.type') ?? '').trim().toLowerCase();
  if (backend === '') return;
  for (const [prefix, name] of [['state.backend.rocksdb.', 'rocksdb'], ['state.backend.forst.', 'forst']] as const) {
    if (backend === name || backend.includes(`${name}statebackendfactory`)) continue;
    for (const key of keys.filter((k) => k.startsWith(prefix))) {
      add(key,
        `the state backend is ${backend} (state.backend.type), so ${name === 'rocksdb' ? 'RocksDB' : 'ForSt'} options have no effect (StateBackendLoader configures only the chosen backend)`,
        `remove it, or choose the ${name} state backend`);
    }
  }
}

function kubernetesProblems(keys: string[], flat: ReadonlyMap<string, string>, add: Add): void {
  const haType = (flat.get('high-availability.type') ?? '').trim().toLowerCase();
  const ha = haType !== '' && haType !== 'none';
  for (const key of keys) {
    const value = (flat.get(key) ?? '').trim();
    if (key === 'jobmanager.rpc.address') {
      add(key,
        'native Kubernetes overwrites it: <cluster-id>.<namespace> (the JobManager service, InternalServiceDecorator) without HA, the JobManager pod IP with HA (KubernetesEntrypointUtils.loadConfiguration)',
        'remove it: TaskManagers find the JobManager through the address Kubernetes writes');
    } else if (key === 'rest.address' && ha) {
      add(key,
        'with high availability the JobManager overwrites it with its pod IP at start (KubernetesEntrypointUtils.loadConfiguration)',
        'remove it: clients reach the REST endpoint through the operator-created rest Service');
    } else if (key === 'taskmanager.resource-id') {
      add(key, 'native Kubernetes sets it to the TaskManager pod name (KubernetesResourceManagerDriver)', 'remove it');
    } else if (NOT_SHIPPED.includes(key)) {
      add(key,
        'the operator removes it from the config.yaml it mounts into the pods (FlinkConfMountDecorator), so Flink never sees it',
        'remove it: the pods bind to their own addresses');
    } else if (key === 'execution.target') {
      add(key, 'the operator sets it (kubernetes-application) and overwrites any other value (FlinkConfigBuilder, KubernetesClusterDescriptor)', 'remove it');
    } else if (key === 'execution.shutdown-on-application-finish') {
      add(key, 'the operator always sets it to false for application clusters (FlinkConfigBuilder)', 'remove it');
    } else if (key in FIXED_PORTS || (key === 'high-availability.jobmanager.port' && ha)) {
      if (/[-,]/.test(value)) {
        add(key,
          `a port range: native Kubernetes refuses it when the cluster is deployed (KubernetesUtils.checkAndUpdatePortConfigOption: "${key} should be specified to a fixed port. Do not support a range of ports.")`,
          `write one fixed port${key in FIXED_PORTS ? `, e.g. "${FIXED_PORTS[key]}" (the Kubernetes default), or remove it` : ', or remove it (the JobManager RPC port is used)'}`);
      } else if (value === '0' && key in FIXED_PORTS) {
        add(key,
          `0 (a random port) is overwritten: Kubernetes needs fixed ports and writes ${FIXED_PORTS[key]} instead ("Kubernetes deployment requires a fixed port. Configuration ${key} will be set to ${FIXED_PORTS[key]}", KubernetesUtils.checkAndUpdatePortConfigOption)`,
          `remove it (${FIXED_PORTS[key]} applies), or write another fixed port`);
      }
    } else if (key === 'jobmanager.rpc.port' && !(/^\d+$/.test(value) && Number(value) > 0)) {
      add(key,
        'native Kubernetes needs one fixed JobManager RPC port greater than 0 (KubernetesJobManagerParameters.getRPCPort); the cluster is not deployed otherwise',
        'remove it (6123 applies), or write one fixed port');
    }
  }
}

/** Why a key the catalog does not know is refused, or undefined when it passes. @internal */
export function unknownKeyProblem(key: string): { why: string; fix: string } | undefined {
  if (knownOption(key, true) || isOperatorAutoscalerFallback(key)) return undefined;
  const suggestion = suggestOption(key);
  if (suggestion) {
    return {
      why: 'not a current option of Flink 2.x, the operator or StateFun, and Flink ignores unknown keys silently; it looks like a typo',
      fix: `did you mean '${suggestion}'?`,
    };
  }
  const prefix = OWNED_PREFIXES.find((p) => key.startsWith(p));
  if (!prefix || knownOption(key)) return undefined;
  return {
    why: `not a current option of Flink 2.x, the operator or StateFun under ${prefix}, a prefix the library models; Flink ignores unknown keys silently`,
    fix: `remove it, or write an option from Flink's configuration reference (keys under ${prefix})`,
  };
}

/**
 * `kubernetes.operator.job.autoscaler.<x>`: the operator still reads the pre-1.8 autoscaler keys as
 * fallbacks of `job.autoscaler.<x>` (apache/flink-kubernetes-operator AutoScalerOptions.oldOperatorConfigKey).
 */
function isOperatorAutoscalerFallback(key: string): boolean {
  const old = 'kubernetes.operator.job.autoscaler.';
  return key.startsWith(old) && knownOption(`job.autoscaler.${key.slice(old.length)}`) !== undefined;
}
